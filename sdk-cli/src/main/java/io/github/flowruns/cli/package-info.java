/**
 * The {@code flowruns} command line, built on picocli over the public flowruns-java facade
 * ({@link io.github.flowruns.FlowRunsClients}) and, when no server is given, the embedded simulators
 * of {@code sdk-testing}. The entry point is {@link io.github.flowruns.cli.FlowRunsCli}; everything
 * else is package-private.
 *
 * <pre>
 * java -jar sdk-cli/target/flowruns.jar runs list --vendor activepieces --status failed
 * </pre>
 */
package io.github.flowruns.cli;
