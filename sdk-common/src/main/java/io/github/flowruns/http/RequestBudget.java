package io.github.flowruns.http;

import java.time.Duration;
import java.util.Objects;

/**
 * How many requests a client lets itself send, so that it paces itself under the vendor's rate
 * limit instead of running into 429 answers and their back-off. One budget per client, shared by
 * every call it makes (listings and their prefetch and fan-out threads, feeds, waits, bulk
 * actions, a login), consulted before every attempt, retries included. A budget only delays a
 * request; it never sends one again (only the {@link RetryPolicy} does).
 *
 * <pre>{@code
 * FlowStackClient client = FlowStackClient.builder().apiKey(key)
 *     .requestBudget(RequestBudget.fixed(100, Duration.ofMinutes(1)))   // or adaptive(), off()
 *     .build();
 * }</pre>
 *
 * <ul>
 *   <li>{@link #adaptive()}, the default: starts from the vendor's documented limit where there
 *       is one (Patchworks: 240 a minute), then follows what the server announces
 *       ({@code X-RateLimit-Limit}, {@code X-RateLimit-Remaining}, {@code X-RateLimit-Reset},
 *       and a 429's {@code Retry-After}), spreading what is left of the server's window over the
 *       time until it resets. A vendor that documents no limit and announces nothing is never
 *       delayed.
 *   <li>{@link #fixed(int, Duration)}: never more than {@code requests} in any span of
 *       {@code per}, whatever the server says.
 *   <li>{@link #off()}: sends at once, as clients did before budgets.
 * </ul>
 *
 * <p>A wait for budget counts against the call's timeout ({@link RequestOptions#timeout()},
 * {@link Timeouts#call()}, {@link RetryPolicy#totalBudget()}): when the budget cannot be had in
 * time the call fails with a {@link io.github.flowruns.RateLimitException} before sending. The
 * time each attempt waited is {@link AttemptEvent#budgetWait()}. Immutable; equal budgets are
 * {@link #equals(Object) equal}.
 */
public final class RequestBudget {
  private static final RequestBudget OFF = new RequestBudget(Mode.OFF, 0, null);
  private static final RequestBudget ADAPTIVE = new RequestBudget(Mode.ADAPTIVE, 0, null);

  private enum Mode { OFF, FIXED, ADAPTIVE }

  private final Mode mode;
  private final int requests;
  private final Duration per;

  private RequestBudget(Mode mode, int requests, Duration per) {
    this.mode = mode;
    this.requests = requests;
    this.per = per;
  }

  /**
   * No budget: every attempt is sent at once; only 429 answers and the {@link RetryPolicy} slow
   * the client down.
   *
   * <pre>{@code builder.requestBudget(RequestBudget.off())}</pre>
   *
   * @return the budget
   */
  public static RequestBudget off() {
    return OFF;
  }

  /**
   * At most {@code requests} attempts in any span of {@code per}, spread evenly after a small
   * burst (a twentieth of {@code requests}, at least one), whatever the server announces.
   *
   * <pre>{@code RequestBudget.fixed(240, Duration.ofMinutes(1))}</pre>
   *
   * @param requests the most attempts in any span of {@code per}, at least 1
   * @param per the span, positive
   * @return the budget
   * @throws IllegalArgumentException if {@code requests} is below 1 or {@code per} not positive
   */
  public static RequestBudget fixed(int requests, Duration per) {
    Objects.requireNonNull(per, "per");
    if (requests < 1) {
      throw new IllegalArgumentException("requests must be at least 1, was " + requests);
    }
    if (per.isZero() || per.isNegative()) {
      throw new IllegalArgumentException("per must be positive, was " + per);
    }
    return new RequestBudget(Mode.FIXED, requests, per);
  }

  /**
   * The vendor's documented limit, then what the server announces; the default.
   *
   * <pre>{@code builder.requestBudget(RequestBudget.adaptive())}</pre>
   *
   * @return the budget
   */
  public static RequestBudget adaptive() {
    return ADAPTIVE;
  }

  /** {@return whether this is {@link #off()}} */
  public boolean isOff() {
    return mode == Mode.OFF;
  }

  /** {@return whether this is {@link #adaptive()}} */
  public boolean isAdaptive() {
    return mode == Mode.ADAPTIVE;
  }

  /** {@return the requests of a {@link #fixed(int, Duration)} budget, else 0} */
  public int requests() {
    return requests;
  }

  /** {@return the span of a {@link #fixed(int, Duration)} budget, else null} */
  public Duration per() {
    return per;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof RequestBudget)) {
      return false;
    }
    RequestBudget b = (RequestBudget) o;
    return mode == b.mode && requests == b.requests && Objects.equals(per, b.per);
  }

  @Override
  public int hashCode() {
    return Objects.hash(mode, requests, per);
  }

  /**
   * {@return {@code RequestBudget{off}}, {@code RequestBudget{adaptive}} or
   * {@code RequestBudget{240 per PT1M}}}
   */
  @Override
  public String toString() {
    switch (mode) {
      case OFF:
        return "RequestBudget{off}";
      case ADAPTIVE:
        return "RequestBudget{adaptive}";
      default:
        return "RequestBudget{" + requests + " per " + per + "}";
    }
  }
}
