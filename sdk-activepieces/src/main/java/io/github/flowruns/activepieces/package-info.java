/**
 * The Activepieces flow-runs client: {@link io.github.flowruns.activepieces.ActivepiecesClient},
 * a {@link io.github.flowruns.FlowRunsClient} over the generated
 * {@link io.github.flowruns.activepieces.api.FlowRunsApi}.
 *
 * <pre>{@code
 * try (ActivepiecesClient client = ActivepiecesClient.builder().apiKey(key).projectId(p).build()) {
 *   client.listRuns(RunQuery.builder().statuses(RunStatus.FAILED).build())
 *       .forEach(run -> client.retryRun(run.id(), RetryMode.FROM_FAILED_STEP));
 * }
 * }</pre>
 */
package io.github.flowruns.activepieces;
