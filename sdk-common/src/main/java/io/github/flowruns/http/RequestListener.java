package io.github.flowruns.http;

/**
 * Told of every HTTP attempt a client makes, retries included; for metrics and tracing. Called on
 * the calling thread; must be fast and must not throw (what it throws is ignored).
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
