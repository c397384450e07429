package io.github.flowruns.internal;

import io.github.flowruns.http.RequestBudget;
import io.github.flowruns.http.Sleeper;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import okhttp3.Headers;

/**
 * A client's {@link RequestBudget} at work: the one place that knows how many requests the client
 * may send and when, and what the vendor said of its rate limit. One per client (its
 * {@link HttpSettings}), installed in every OkHttp client built from them (the Patchworks login's
 * too) and consulted by the {@link RetryInterceptor} before every attempt; waits read the quota
 * through {@link ServerClock#quotaWait(Clock)}. Thread-safe: a reservation takes the lock for a
 * few arithmetic steps and sleeps outside it, so threads queue in the order they asked. Not API.
 *
 * <p>Pacing is a generic cell-rate algorithm (a token bucket kept as one "theoretical arrival
 * time"): attempts are spaced {@code interval} apart after a burst of {@code burst}. In any span
 * {@code W} it lets through fewer than {@code W / interval + burst} attempts (each attempt's
 * theoretical time is at least one interval after the one before, and an attempt goes at most
 * {@code (burst - 1) * interval} early), which is how {@link RequestBudget#fixed} keeps its
 * promise. What sets the interval:
 * <ul>
 *   <li>fixed {@code n} per {@code W}: burst {@code max(1, n / 20)}, interval
 *       {@code W / (n - burst + 1)} rounded up, so at most {@code n} in any span {@code W};
 *   <li>adaptive, with the server's window known ({@code X-RateLimit-Remaining} and
 *       {@code X-RateLimit-Reset} on an answer, on the vendor's clock): what is left spread
 *       evenly until a second before the reset, the earliest the window can end (the header has
 *       whole seconds, rounded up), after a burst of a twentieth of the limit; so a listing that
 *       ends within a window is not stretched to its end. Nothing is sent past the remaining
 *       count before the reset;
 *   <li>adaptive, with only the vendor's documented limit (and perhaps an announced
 *       {@code X-RateLimit-Limit}): {@code 0.95} of it, after a burst of a full window, because a
 *       fixed-window server (Laravel's throttle, Patchworks) admits a full window at once and a
 *       client that sends less than that a window (every test) should never wait;
 *   <li>adaptive, with nothing documented or announced: no pacing at all.
 * </ul>
 * Adaptive budgets also hold every attempt of the client while a 429's {@code Retry-After} runs.
 * Adaptive pacing never refuses: a pacing wait past the call's deadline is not waited (the server
 * still admits the request). Hostile values change nothing: a header that is not a count, a limit of 0 or over
 * {@link #MAX_LIMIT}, a remaining count over the limit, a reset or {@code Retry-After} further
 * than {@link #MAX_HOLD} are ignored; every wait is also capped by the call's deadline, past which
 * the attempt is refused ({@link Denied}) rather than sent late.
 *
 * <pre>{@code
 * BudgetGate gate = new BudgetGate(RequestBudget.adaptive(), 240, Duration.ofMinutes(1), clock);
 * Duration waited = gate.acquire(timeLeft, sleeper);   // before an attempt
 * gate.answered(response.code(), response.headers());  // after it (null headers: no answer)
 * }</pre>
 */
public final class BudgetGate {
  /** A server's hold (a reset, a {@code Retry-After}) further away than this is nonsense. */
  public static final Duration MAX_HOLD = Duration.ofDays(1);
  /** Announced limits above this are nonsense. */
  public static final int MAX_LIMIT = 10_000_000;
  /** The share of a documented limit the budget uses when the server says nothing more. */
  static final double PRIOR_SHARE = 0.95;
  private static final long NONE = Long.MIN_VALUE;
  /** Resets this close are one window's: the header has whole seconds, read on a moving clock. */
  private static final long SAME_WINDOW_NANOS = 1_500_000_000L;
  /** {@code X-RateLimit-Reset} is whole seconds rounded up: the window ends up to this before. */
  private static final long RESET_ROUNDING_NANOS = 1_000_000_000L;

  private final RequestBudget budget;
  private final Clock clock;
  private final int priorLimit;
  private final long priorWindowNanos;
  private volatile ServerClock serverClock;
  /** The {@code X-RateLimit-Reset} of the last answer that said no request is left; else null. */
  private volatile String exhaustedUntil;

  // Guarded by this. Times are nanoseconds since the epoch on `clock`.
  private long tat = NONE;
  private long holdUntil = NONE;
  private int announcedLimit;
  private long serverLeft = NONE;
  private long serverResetAt = NONE;
  private int inFlight;

  /** An attempt the budget cannot allow before the call's deadline: it is not sent. */
  public static final class Denied extends IOException {
    private static final long serialVersionUID = 1L;
    private final transient Duration wait;

    Denied(Duration wait, Duration left) {
      super("the request budget allows the next request in " + wait.toMillis()
          + " ms, after the call's deadline (" + Math.max(0, left.toMillis()) + " ms left); not sent");
      this.wait = wait;
    }

    /** @return how long the budget would have made the attempt wait */
    public Duration budgetWait() {
      return wait;
    }
  }

  /**
   * @param budget the client's budget
   * @param priorLimit the vendor's documented requests per {@code priorWindow}, or 0 for none
   * @param priorWindow the span of {@code priorLimit}, or null for none
   * @param clock the clock waits are measured on (the retry policy's: virtual in tests)
   */
  public BudgetGate(RequestBudget budget, int priorLimit, Duration priorWindow, Clock clock) {
    this.budget = Objects.requireNonNull(budget, "budget");
    this.clock = Objects.requireNonNull(clock, "clock");
    boolean prior = priorLimit > 0 && priorWindow != null && !priorWindow.isNegative()
        && !priorWindow.isZero();
    this.priorLimit = prior ? priorLimit : 0;
    this.priorWindowNanos = prior ? toNanos(priorWindow) : 0;
  }

  /** @return the budget */
  public RequestBudget budget() {
    return budget;
  }

  /**
   * The vendor's clock, to read {@code X-RateLimit-Reset} (the vendor's Unix seconds) with; the
   * first one given stays (the client's, before any other transport of the same settings).
   *
   * @param clock the client's server clock
   */
  public void serverClock(ServerClock clock) {
    if (serverClock == null) {
      serverClock = clock;
    }
  }

  /**
   * Waits until the budget lets one attempt go, and counts it sent. Does not wait at all when
   * the budget is off or has nothing to pace by.
   *
   * @param maxWait what is left of the call's deadline: a longer wait is refused
   * @param sleeper what waits sleep with (the retry policy's)
   * @return how long it waited, zero if not at all
   * @throws Denied when the wait would outlast {@code maxWait}; nothing is reserved
   * @throws InterruptedIOException when interrupted while waiting, the thread's flag kept
   */
  public Duration acquire(Duration maxWait, Sleeper sleeper) throws IOException {
    if (budget.isOff()) {
      return Duration.ZERO;
    }
    long now = nanos(clock.instant());
    long sendAt;
    synchronized (this) {
      sendAt = reserve(now, maxWait);
    }
    long wait = sendAt - now;
    if (wait <= 0) {
      return Duration.ZERO;
    }
    Duration d = Duration.ofNanos(wait);
    try {
      sleeper.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      InterruptedIOException ie =
          new InterruptedIOException("interrupted while waiting for the request budget");
      ie.initCause(e);
      throw ie;
    }
    return d;
  }

  /** Computes when an attempt asked for at {@code now} may go and, if in time, commits it. */
  private long reserve(long now, Duration maxWait) throws Denied {
    long start = Math.max(now, holdUntil);
    long left = serverLeft;
    long reset = serverResetAt;
    if (budget.isAdaptive()) {
      if (reset != NONE && start >= reset) {
        left = NONE; // the server's window is over: the next answer tells the new one
        reset = NONE;
      }
      if (left != NONE && left <= 0 && reset != NONE) {
        // Nothing left in this window: this is the first attempt of the next one, and every other
        // attempt waits for the reset too. Without the hold, an attempt reserved after this one
        // and before any answer of the new window saw no window at all and went at once.
        start = reset;
        holdUntil = Math.max(holdUntil, reset);
        left = NONE;
        reset = NONE;
      }
    }
    long interval;
    long burst;
    if (!budget.isAdaptive()) {
      int n = budget.requests();
      burst = Math.max(1, n / 20);
      interval = ceilDiv(toNanos(budget.per()), n - burst + 1);
    } else if (left != NONE && left > 0 && reset != NONE) {
      long limit = announcedLimit > 0 ? announcedLimit : left;
      burst = Math.max(1, limit / 20);
      // The spread ends where the window may already be over: what is left then goes at once.
      interval = ceilDiv(reset - RESET_ROUNDING_NANOS - start, left);
    } else if (priorWindowNanos > 0) {
      int limit = announcedLimit > 0 ? announcedLimit : priorLimit;
      burst = limit;
      interval = ceilDiv(priorWindowNanos, Math.max(1, (long) (limit * PRIOR_SHARE)));
    } else {
      burst = 0;
      interval = 0;
    }
    long sendAt = start;
    long newTat = NONE;
    if (interval > 0) {
      long theoretical = tat == NONE ? start : Math.max(tat, start);
      long tolerance = satMul(burst - 1, interval);
      sendAt = Math.max(start, theoretical - tolerance);
      newTat = satAdd(Math.max(theoretical, sendAt), interval);
    }
    long wait = sendAt - now;
    if (budget.isAdaptive() && sendAt > start && wait > 0
        && (maxWait == null || wait >= maxWait.toNanos())) {
      // Adaptive pacing is a courtesy within what the server still admits (the last few requests
      // of an hour-long window spread an hour apart): past the deadline it yields and sends now.
      // Only a hold (nothing left, a Retry-After) or a fixed budget refuses a request.
      sendAt = start;
      newTat = satAdd(start, interval);
      wait = sendAt - now;
    }
    if (wait > 0 && (maxWait == null || wait >= maxWait.toNanos())) {
      throw new Denied(Duration.ofNanos(wait), maxWait == null ? Duration.ZERO : maxWait);
    }
    tat = newTat;
    serverLeft = left == NONE ? NONE : left - 1;
    serverResetAt = reset;
    inFlight++;
    return sendAt;
  }

  /**
   * Takes note of an attempt's end: its answer's rate-limit headers, or none when it failed
   * without one. Every attempt that {@link #acquire} let go ends here once.
   *
   * @param status the answer's status, ignored without headers
   * @param headers the answer's headers, or null when no answer came
   */
  public void answered(int status, Headers headers) {
    if (headers != null) {
      observeQuota(headers);
    }
    if (budget.isOff()) {
      return;
    }
    synchronized (this) {
      inFlight = Math.max(0, inFlight - 1);
      if (headers == null || !budget.isAdaptive()) {
        return;
      }
      ServerClock server = serverClock;
      if (server != null) {
        // This answer's Date first: its Reset is on the vendor's clock of this very answer.
        server.observe(headers.get("Date"));
      }
      long now = nanos(clock.instant());
      if (status == 429) {
        Duration hold = RetryAfter.parse(status, headers, vendorClock());
        if (hold != null && hold.compareTo(MAX_HOLD) <= 0) {
          holdUntil = Math.max(holdUntil, now + hold.toNanos());
        }
      }
      long limit = count(headers.get("X-RateLimit-Limit"));
      if (limit > 0 && limit <= MAX_LIMIT) {
        announcedLimit = (int) limit;
      }
      long remaining = count(headers.get("X-RateLimit-Remaining"));
      if (remaining < 0 || (announcedLimit > 0 && remaining > announcedLimit)) {
        return; // says nothing, or nonsense
      }
      Duration untilReset = RetryAfter.parseResetEpoch(headers.get("X-RateLimit-Reset"),
          vendorClock());
      boolean resetKnown = untilReset != null && !untilReset.isZero()
          && untilReset.compareTo(MAX_HOLD) <= 0;
      // The attempts sent (or promised) after this one are not in the server's count yet.
      long left = remaining - inFlight;
      long resetAt = resetKnown ? now + untilReset.toNanos() : NONE;
      if (resetAt != NONE && serverResetAt != NONE && serverLeft != NONE
          && Math.abs(resetAt - serverResetAt) < SAME_WINDOW_NANOS) {
        // The same window: its count only goes down, so an answer overtaken by a later one (two
        // threads) must not give back what the later one used.
        left = Math.min(left, serverLeft);
      }
      serverLeft = left;
      serverResetAt = resetAt;
    }
  }

  private void observeQuota(Headers headers) {
    String remaining = headers.get("X-RateLimit-Remaining");
    if (remaining == null) {
      return;
    }
    long r = count(remaining);
    if (r < 0) {
      return; // not a count: says nothing
    }
    if (r == 0) {
      String reset = headers.get("X-RateLimit-Reset");
      // A reset that cannot be read is no reason to wait (RetryAfter ignores it too); bounded so
      // that a hostile header costs nothing to keep.
      exhaustedUntil = reset == null || reset.length() > 64 ? null : reset.trim();
    } else {
      exhaustedUntil = null;
    }
  }

  /**
   * How long until the vendor's rate-limit quota resets, when the last answer that spoke of it
   * said none is left: the {@code X-RateLimit-Reset} time (Unix seconds on the vendor's clock)
   * minus the vendor's time now by {@code clock}. Zero when requests are left, when nothing was
   * said, or when the reset has passed. Kept whatever the budget, for waits between polls.
   *
   * <pre>{@code Duration wait = gate.quotaWait(clock);}</pre>
   *
   * @param clock this machine's time, as the caller keeps it (a retry policy's clock)
   * @return the wait, zero or more, at most {@link RetryAfter#MAX_WAIT}
   */
  public Duration quotaWait(Clock clock) {
    String reset = exhaustedUntil;
    if (reset == null) {
      return Duration.ZERO;
    }
    ServerClock server = serverClock;
    Duration wait = RetryAfter.parseResetEpoch(reset,
        server == null ? clock : Clock.offset(clock, server.offset()));
    return wait == null ? Duration.ZERO : wait;
  }

  /** The vendor's clock to read a reset with: the tightest lower bound, never early. */
  private Clock vendorClock() {
    ServerClock server = serverClock;
    return server == null ? clock : Clock.offset(clock, server.tightOffset());
  }

  /** 1 to 18 ASCII digits as a long; -1 for anything else. No regex: this runs on every answer. */
  static long count(String value) {
    if (value == null) {
      return -1;
    }
    String s = value.trim();
    if (s.isEmpty() || s.length() > 18) {
      return -1;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
    }
    return Long.parseLong(s);
  }

  private static long nanos(Instant t) {
    return satAdd(satMul(t.getEpochSecond(), 1_000_000_000L), t.getNano());
  }

  private static long ceilDiv(long a, long b) {
    return a <= 0 ? 0 : a / b + (a % b == 0 ? 0 : 1);
  }

  /** A span in nanoseconds, saturated: a fixed budget of "1 per 1,000 years" is not an error. */
  private static long toNanos(Duration d) {
    return d.compareTo(Duration.ofNanos(Long.MAX_VALUE)) >= 0 ? Long.MAX_VALUE : d.toNanos();
  }

  private static long satMul(long a, long b) {
    long hi = Math.multiplyHigh(a, b);
    long lo = a * b;
    if ((hi == 0 && lo >= 0) || (hi == -1 && lo < 0)) {
      return lo;
    }
    return (a < 0) == (b < 0) ? Long.MAX_VALUE : Long.MIN_VALUE;
  }

  private static long satAdd(long a, long b) {
    long r = a + b;
    if (((a ^ r) & (b ^ r)) < 0) {
      return a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
    return r;
  }

  @Override
  public synchronized String toString() {
    return "BudgetGate{" + budget + (announcedLimit > 0 ? ", limit=" + announcedLimit : "")
        + (serverLeft != NONE ? ", left=" + serverLeft : "") + "}";
  }
}
