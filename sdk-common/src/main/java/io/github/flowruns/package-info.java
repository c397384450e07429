/**
 * The vendor-neutral facade: {@link io.github.flowruns.FlowRunsClient}, runs, statuses, queries,
 * paging, bulk results and the exception tree.
 *
 * <pre>{@code
 * try (FlowRunsClient client = FlowRunsClients.create(Vendor.FLOWSTACK, Map.of("apiKey", key))) {
 *   client.listRuns(RunQuery.builder().flowIds("flow_1").statuses(RunStatus.FAILED).build())
 *       .forEach(run -> client.retryRun(run.id(), RetryMode.DEFAULT));
 * }
 * }</pre>
 */
package io.github.flowruns;
