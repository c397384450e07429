/**
 * The n8n adapter of flowruns-java: {@link io.github.flowruns.n8n.N8nClient}.
 *
 * <pre>{@code
 * N8nClient client = N8nClient.builder().apiKey(key).baseUrl("http://localhost:5678").build();
 * client.listRuns(RunQuery.builder().statuses(RunStatus.FAILED).build()).forEach(System.out::println);
 * }</pre>
 *
 * <p>The generated, endpoint-level client lives in {@code io.github.flowruns.n8n.api} and
 * {@code .model}; {@link io.github.flowruns.n8n.N8nClient#api()} hands it out configured.
 */
package io.github.flowruns.n8n;
