package io.github.flowruns.testing.internal;

import java.time.Duration;

/**
 * The injected faults of one simulator and the vendor's own rate-limit plan. Every request takes
 * one {@link Decision}; all state is guarded by this object's monitor, so faults may be changed
 * from a test thread while requests are in flight.
 */
public final class Faults {
  /** What happens to one request. */
  public record Decision(
      int failStatus,
      long retryAfterSeconds,
      boolean dropMidBody,
      long latencyMillis,
      RateWindow window) {
    public boolean fail() {
      return failStatus > 0;
    }

    public boolean rateLimited() {
      return retryAfterSeconds >= 0;
    }
  }

  /** The rate-limit window a response reports, when one is in force. */
  public record RateWindow(int limit, int remaining, long resetEpochSeconds) {}

  private final Integer planLimit;
  private final Duration planWindow;

  private int failRemaining;
  private int failStatus;
  private int rateNextRemaining;
  private long rateNextRetryAfter;
  private Integer windowLimit;
  private Duration window;
  private long windowStartMs = -1;
  private int windowCount;
  private long latencyMillis;
  private int dropCountdown = -1;

  /** {@code planLimit} null: the vendor enforces no rate limit unless one is injected. */
  public Faults(Integer planLimit, Duration planWindow) {
    this.planLimit = planLimit;
    this.planWindow = planWindow;
    clear();
  }

  public synchronized void clear() {
    failRemaining = 0;
    rateNextRemaining = 0;
    windowLimit = planLimit;
    window = planWindow;
    windowStartMs = -1;
    windowCount = 0;
    latencyMillis = 0;
    dropCountdown = -1;
  }

  public synchronized void failNext(int n, int status) {
    if (status < 500 || status > 599) throw new IllegalArgumentException("status must be 5xx: " + status);
    if (n < 0) throw new IllegalArgumentException("n < 0: " + n);
    failRemaining = n;
    failStatus = status;
  }

  public synchronized void rateLimitNext(int n, Duration retryAfter) {
    if (n < 0) throw new IllegalArgumentException("n < 0: " + n);
    rateNextRemaining = n;
    rateNextRetryAfter = ceilSeconds(retryAfter);
  }

  public synchronized void rateLimit(int requests, Duration per) {
    if (requests < 1) throw new IllegalArgumentException("requests < 1: " + requests);
    if (per.isNegative() || per.isZero()) throw new IllegalArgumentException("window must be positive: " + per);
    windowLimit = requests;
    window = per;
    windowStartMs = -1;
    windowCount = 0;
  }

  public synchronized void latency(Duration perResponse) {
    if (perResponse.isNegative()) throw new IllegalArgumentException("negative latency: " + perResponse);
    latencyMillis = perResponse.toMillis();
  }

  public synchronized void dropConnectionAfter(int requests) {
    if (requests < 0) throw new IllegalArgumentException("requests < 0: " + requests);
    dropCountdown = requests;
  }

  /** Whether a rate-limit window (the plan's or an injected one) is in force. */
  public synchronized boolean windowed() {
    return windowLimit != null;
  }

  /** {@link #next(long, long)} with the window and the {@code Reset} on one clock. */
  public synchronized Decision next(long nowMs) {
    return next(nowMs, nowMs);
  }

  /**
   * The next request's fate.
   *
   * @param nowMs now on the clock the window runs on
   * @param vendorNowMs now on the clock the answer's {@code Date} says: the window's end is said
   *     on it ({@code X-RateLimit-Reset}, Unix seconds on the vendor's clock, vendors.md), so that
   *     a client reading the reset against {@code Date} reads the window's real end
   */
  public synchronized Decision next(long nowMs, long vendorNowMs) {
    boolean drop = false;
    if (dropCountdown == 0) {
      drop = true;
      dropCountdown = -1;
    } else if (dropCountdown > 0) {
      dropCountdown--;
    }
    RateWindow rw = null;
    long retryAfter = -1;
    if (windowLimit != null) {
      long windowMs = window.toMillis();
      if (windowStartMs < 0 || nowMs >= windowStartMs + windowMs) {
        windowStartMs = nowMs;
        windowCount = 0;
      }
      windowCount++;
      long reset = Math.floorDiv(vendorNowMs + (windowStartMs + windowMs - nowMs) + 999, 1000);
      rw = new RateWindow(windowLimit, Math.max(0, windowLimit - windowCount), reset);
      if (windowCount > windowLimit) {
        retryAfter = Math.max(1, (windowStartMs + windowMs - nowMs + 999) / 1000);
      }
    }
    int fail = 0;
    if (failRemaining > 0) {
      failRemaining--;
      fail = failStatus;
      retryAfter = -1;
    } else if (rateNextRemaining > 0) {
      rateNextRemaining--;
      retryAfter = rateNextRetryAfter;
    }
    return new Decision(fail, retryAfter, drop, latencyMillis, rw);
  }

  private static long ceilSeconds(Duration d) {
    if (d.isNegative()) throw new IllegalArgumentException("negative duration: " + d);
    long s = d.getSeconds();
    return d.getNano() > 0 ? s + 1 : s;
  }
}
