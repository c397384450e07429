package io.github.flowruns;

import io.github.flowruns.http.RequestOptions;
import java.time.Duration;

/** {@link FlowRunsClient#awaitRun(String, Duration, RequestOptions)}'s polling. Not API. */
final class RunWaiter {
  private RunWaiter() {}

  static Run await(FlowRunsClient client, String runId, Duration timeout, RequestOptions options) {
    throw new UnsupportedOperationException("awaitRun: not built yet (issue 12)");
  }
}
