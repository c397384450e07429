/**
 * StackAI Analytics: {@link io.github.flowruns.analytics.AnalyticsClient}, the flowruns facade over
 * StackAI's flow-run listing, and its {@link java.util.ServiceLoader} provider. The generated
 * client lives in the {@code api}, {@code model} and {@code invoker} subpackages.
 *
 * <pre>{@code
 * FlowRunsClient stackai = AnalyticsClient.builder().apiKey(key).orgId("org-42").build();
 * }</pre>
 */
package io.github.flowruns.analytics;
