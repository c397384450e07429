/**
 * A testing kit: embedded, stateful simulators of the flow-run APIs of Patchworks
 * ({@link io.github.flowruns.testing.PatchworksSimulator}), StackAI
 * ({@link io.github.flowruns.testing.AnalyticsSimulator}), Activepieces
 * ({@link io.github.flowruns.testing.ActivepiecesSimulator}) and FlowStack
 * ({@link io.github.flowruns.testing.FlowStackSimulator}), on MockWebServer.
 *
 * <p>Everything in {@code io.github.flowruns.testing.internal} is implementation, not API.
 */
package io.github.flowruns.testing;
