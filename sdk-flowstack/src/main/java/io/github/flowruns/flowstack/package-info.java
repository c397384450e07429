/**
 * The FlowStack adapter of flowruns-java: {@link io.github.flowruns.flowstack.FlowStackClient}.
 *
 * <pre>{@code
 * FlowStackClient client = FlowStackClient.builder().apiKey(key).flowId("flow_abc123").build();
 * client.listRuns(RunQuery.builder().statuses(RunStatus.FAILED).build()).forEach(System.out::println);
 * }</pre>
 *
 * <p>The generated, endpoint-level client lives in {@code io.github.flowruns.flowstack.api} and
 * {@code .model}; {@link io.github.flowruns.flowstack.FlowStackClient#api()} hands it out
 * configured.
 */
package io.github.flowruns.flowstack;
