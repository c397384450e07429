package io.github.flowruns;

import java.time.Duration;

/**
 * Too many requests (HTTP 429) and the retries, if any, did not help. {@link #retryAfter()} says how long the vendor asked to wait.
 *
 * <pre>{@code
 * catch (RateLimitException e) { Thread.sleep(e.retryAfter() == null ? 60_000 : e.retryAfter().toMillis()); }
 * }</pre>
 */
public final class RateLimitException extends FlowRunsException {
  private static final long serialVersionUID = 1L;

  RateLimitException(ErrorDetails details) {
    super(details);
  }

  /**
   * How long the vendor asked to wait ({@code Retry-After} or {@code X-RateLimit-Reset}).
   *
   * @return the wait, or null if the vendor did not say
   */
  public Duration retryAfter() {
    return details().retryAfter();
  }
}
