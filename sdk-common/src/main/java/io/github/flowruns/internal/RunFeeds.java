package io.github.flowruns.internal;

import io.github.flowruns.FlowRunsClient;
import io.github.flowruns.RunFeed;
import io.github.flowruns.RunQuery;
import io.github.flowruns.WatchOptions;
import io.github.flowruns.http.RequestOptions;

/** Opens the {@link RunFeed} of {@link FlowRunsClient#watchRuns}. Not API. */
public final class RunFeeds {
  private RunFeeds() {}

  /**
   * @param client the client whose public operations the feed calls
   * @param query the runs to watch
   * @param watch where to start and how far to look
   * @param options per-call options for every request
   * @return the feed
   */
  public static RunFeed open(FlowRunsClient client, RunQuery query, WatchOptions watch,
      RequestOptions options) {
    throw new UnsupportedOperationException("watchRuns: not built yet (issue 12)");
  }
}
