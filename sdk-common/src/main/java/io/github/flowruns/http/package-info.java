/**
 * Transport settings shared by every vendor client: per-call {@link
 * io.github.flowruns.http.RequestOptions}, {@link io.github.flowruns.http.RetryPolicy}, {@link
 * io.github.flowruns.http.Timeouts}, {@link io.github.flowruns.http.RequestListener} and
 * authentication.
 *
 * <pre>{@code
 * client.listRuns(query, RequestOptions.builder().timeout(Duration.ofSeconds(20)).build());
 * }</pre>
 */
package io.github.flowruns.http;
