package io.github.flowruns;

/**
 * How {@link FlowRunsClient#retryRun(String, RetryMode)} retries a run.
 *
 * <pre>{@code client.retryRun(runId, RetryMode.FROM_FAILED_STEP);}</pre>
 */
public enum RetryMode {
  /** Re-run from the step that failed, keeping the outputs of the steps before it (Activepieces). */
  FROM_FAILED_STEP,
  /** Re-run the whole run on the latest published version of the flow (Activepieces). */
  LATEST_VERSION,
  /** The vendor's only (or default) kind of retry, e.g. Patchworks retry. */
  DEFAULT
}
