package io.github.flowruns.http;

/**
 * Told of every HTTP attempt a client makes, retries included; for metrics and tracing.
 *
 * <p><b>Thread.</b> It is called synchronously on the thread that runs the HTTP call, after each
 * attempt and before any wait for a retry: for a plain call that is the calling thread; for a page
 * a listing fetches ahead ({@link RequestOptions.Builder#prefetch(boolean) prefetch}) it is the
 * prefetch thread ({@code flowruns-<vendor>-prefetch-<n>}); for the pages a listing of several
 * flows (or statuses) fetches at once, e.g. their first pages
 * ({@link FlowRunsClientBuilder#listingConcurrency(int) listingConcurrency}), it is one of the
 * client's listing threads ({@code flowruns-<vendor>-listing-<n>}); for the calls of a bulk
 * action ({@code retryRuns}, {@code stopRuns}) it is one of the client's bulk threads
 * ({@code flowruns-<vendor>-bulk-<n>}); for a Patchworks login it is the thread that obtains the
 * token. So it may be called from several threads at once, and must be thread-safe and fast (the
 * call waits for it).
 *
 * <p><b>Exceptions.</b> What it throws never breaks the call; the client logs the first failure
 * at WARNING on the {@code io.github.flowruns.http} {@link System.Logger} (text redacted, once per
 * client, later ones at DEBUG). Do not rely on that: catch inside the listener.
 *
 * <pre>{@code
 * RequestListener metrics = e -> registry.timer("flowruns", "vendor", e.vendor().name(),
 *     "status", String.valueOf(e.status())).record(e.duration());
 * FlowStackClient.builder().apiKey(k).listener(metrics).build();
 * }</pre>
 */
@FunctionalInterface
public interface RequestListener {

  /**
   * An attempt finished (with a response or a failure).
   *
   * @param event what happened; the URL has secrets removed
   */
  void onAttempt(AttemptEvent event);
}
