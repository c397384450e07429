package io.github.flowruns.internal;

import io.github.flowruns.FlowRunsClient;
import io.github.flowruns.RunFeed;
import io.github.flowruns.RunQuery;
import io.github.flowruns.WatchOptions;
import io.github.flowruns.http.RequestOptions;
import io.github.flowruns.internal.feed.FeedEngine;

/** Opens the {@link RunFeed} of {@link FlowRunsClient#watchRuns}. Not API. */
public final class RunFeeds {
  private RunFeeds() {}

  /**
   * Opens a feed over the client's public operations ({@link FeedEngine} says how it sweeps).
   *
   * <pre>{@code RunFeed feed = RunFeeds.open(client, query, WatchOptions.defaults(), RequestOptions.defaults());}</pre>
   *
   * @param client the client whose public operations the feed calls
   * @param query the runs to watch
   * @param watch where to start and how far to look
   * @param options per-call options for every request
   * @return the feed; nothing is requested until its first poll
   * @throws IllegalArgumentException for a checkpoint this SDK cannot read, or one of another
   *     vendor or query
   */
  public static RunFeed open(FlowRunsClient client, RunQuery query, WatchOptions watch,
      RequestOptions options) {
    return new FeedEngine(client, query, watch, options);
  }
}
