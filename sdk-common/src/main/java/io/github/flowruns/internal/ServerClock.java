package io.github.flowruns.internal;

import io.github.flowruns.FlowRunsClient;
import io.github.flowruns.http.RetryPolicy;
import io.github.flowruns.http.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.WeakHashMap;
import java.util.concurrent.ThreadLocalRandom;
import okhttp3.Headers;

/**
 * The vendor's clock as this client last saw it: the offset between the {@code Date} header of
 * the server's answers and this machine's clock. Feeds put their watermarks on the vendor's clock
 * (a run's times are the vendor's), so a machine whose clock is off misses nothing.
 *
 * <p>A {@code Date} header is one second coarse and was set before the answer crossed the
 * network, so one answer bounds the offset from below only: the vendor's time at receipt is at
 * least {@code Date}, so the offset is at least {@code Date - received}, up to a second plus a
 * round trip short. {@link #offset()} and {@link #now()} use the last answer's bound: whatever the
 * vendor's clock does between answers (a simulator's stands still), the vendor's time they give is
 * at most the time since that answer ahead of it; feeds rely on that, with a margin.
 * {@link #tightOffset()} is the highest bound among the answers of the last {@link #SPAN} (at most
 * {@value #SAMPLES}): answers whose {@code Date} ticked just before they left make it tight to
 * about a round trip, and it stays a lower bound as long as the vendor's clock runs at the rate of
 * this machine's over that span (a server's does): the request budget reads a window's reset with
 * it. A bound more than {@link #JUMP} below it says the vendor's clock went back (or an earlier
 * {@code Date} lied): it starts again from that answer; a clock gone forward raises it at once.
 * Hostile values change nothing lasting: a header that does not parse, or one more than
 * {@link #MAX_OFFSET} away from this machine's clock, is ignored, and any other falls out of the
 * estimate within {@link #SPAN}. Thread-safe. Not API.
 *
 * <p>It also answers the two other questions about time that a wait must ask of the client:
 * how long until the vendor's rate-limit quota resets, when it is used up (kept by the client's
 * request budget, {@link BudgetGate}, the one place for it), and which clock and sleeper the
 * client's {@link RetryPolicy} uses, so that tests run waits in virtual time.
 *
 * <pre>{@code
 * ServerClock clock = ServerClock.of(client);   // registered by the client's ClientCore
 * Instant vendorNow = clock.now();
 * }</pre>
 */
public final class ServerClock {
  /** Offsets further than this from the local clock are not believed. */
  public static final Duration MAX_OFFSET = Duration.ofDays(1);
  /** How many answers' bounds {@link #tightOffset()} is the highest of, at most. */
  static final int SAMPLES = 32;
  /** How far back answers count for {@link #tightOffset()}. */
  static final Duration SPAN = Duration.ofSeconds(2);
  /**
   * A bound this far below the kept offset is a clock that went back: an honest answer's bound is
   * at most a second (the header's truncation) plus a round trip below the real offset.
   */
  static final Duration JUMP = Duration.ofSeconds(2);
  private static final long NO_SAMPLE = Long.MIN_VALUE;

  private static final Map<FlowRunsClient, ServerClock> REGISTRY = new WeakHashMap<>();

  private final Clock local;
  private volatile long offsetMillis;
  private volatile boolean known;
  /** The client's request budget, which keeps the quota; null outside an SDK client. */
  private volatile BudgetGate budget;
  private volatile RetryPolicy policy;
  private volatile Duration callTimeout;

  /** The last Date header parsed, as its text and its time: one object, so read and written whole. */
  private record ParsedDate(String text, long millis) {}

  private volatile ParsedDate lastDate;

  /** The last {@link #SAMPLES} lower bounds of the offset, in ms, a ring; guarded by itself. */
  private final long[] bounds = new long[SAMPLES];
  /** When each bound's answer was received, on {@link #local}, in ms; guarded by bounds. */
  private final long[] receivedAts = new long[SAMPLES];
  private volatile long tightOffsetMillis;
  private int nextBound;

  /** A clock on this machine's UTC time. */
  public ServerClock() {
    this(Clock.systemUTC());
  }

  /**
   * @param local this machine's clock (tests pass a fixed or moving one)
   */
  public ServerClock(Clock local) {
    this.local = Objects.requireNonNull(local, "local");
    Arrays.fill(bounds, NO_SAMPLE);
  }

  /**
   * Registers the clock of a client, for {@link #of(FlowRunsClient)}. Held weakly: a client that
   * is no longer referenced is forgotten.
   *
   * @param client the client
   * @param clock its clock
   */
  public static void register(FlowRunsClient client, ServerClock clock) {
    synchronized (REGISTRY) {
      REGISTRY.put(Objects.requireNonNull(client, "client"), Objects.requireNonNull(clock, "clock"));
    }
  }

  /**
   * The clock a client registered, or a new local-only clock for a client that registered none
   * (an implementation outside this SDK).
   *
   * @param client the client
   * @return its clock
   */
  public static ServerClock of(FlowRunsClient client) {
    synchronized (REGISTRY) {
      ServerClock c = REGISTRY.get(client);
      return c != null ? c : new ServerClock();
    }
  }

  /**
   * Takes note of an answer's {@code Date} header (RFC 1123), received now.
   *
   * @param dateHeader the header's value; null or unreadable values are ignored
   */
  public void observe(String dateHeader) {
    if (dateHeader == null || dateHeader.length() > 64) {
      return;
    }
    // Every answer passes here, pages of a listing included, and a Date header changes once a
    // second: the answers of that second reuse the one parse.
    ParsedDate last = lastDate;
    long serverMillis;
    if (last != null && last.text.equals(dateHeader)) {
      serverMillis = last.millis;
    } else {
      try {
        serverMillis = ZonedDateTime.parse(dateHeader.trim(), DateTimeFormatter.RFC_1123_DATE_TIME)
            .toInstant().toEpochMilli();
      } catch (DateTimeParseException e) {
        return;
      }
      lastDate = new ParsedDate(dateHeader, serverMillis);
    }
    long receivedAt = local.millis();
    long bound = serverMillis - receivedAt;
    if (Math.abs(bound) > MAX_OFFSET.toMillis()) {
      return;
    }
    synchronized (bounds) {
      if (known && bound < tightOffsetMillis - JUMP.toMillis()) {
        Arrays.fill(bounds, NO_SAMPLE); // the vendor's clock went back: start again from here
      }
      bounds[nextBound] = bound;
      receivedAts[nextBound] = receivedAt;
      nextBound = (nextBound + 1) % SAMPLES;
      long highest = bound;
      for (int i = 0; i < SAMPLES; i++) {
        if (bounds[i] != NO_SAMPLE && receivedAt - receivedAts[i] <= SPAN.toMillis()) {
          highest = Math.max(highest, bounds[i]);
        }
      }
      tightOffsetMillis = highest;
      offsetMillis = bound;
      known = true;
    }
  }

  /**
   * Takes note of an answer's headers, received now: its {@code Date} (see
   * {@link #observe(String)}). The rate-limit headers are the request budget's
   * ({@link BudgetGate}), which sees every attempt's answer.
   *
   * @param headers the answer's headers, errors included
   */
  public void observe(Headers headers) {
    observe(headers.get("Date"));
  }

  /**
   * Links the client's request budget, whose quota {@link #quotaWait(Clock)} reads.
   *
   * @param budget the budget
   */
  public void budget(BudgetGate budget) {
    this.budget = Objects.requireNonNull(budget, "budget");
  }

  /**
   * How long until the vendor's rate-limit quota resets, when the last answer that spoke of it
   * said none is left (see {@link BudgetGate#quotaWait(Clock)}); zero for a client without a
   * budget.
   *
   * <pre>{@code Duration wait = ServerClock.of(client).quotaWait(clock);}</pre>
   *
   * @param clock this machine's time, as the caller keeps it (a retry policy's clock)
   * @return the wait, zero or more, at most {@link RetryAfter#MAX_WAIT}
   */
  public Duration quotaWait(Clock clock) {
    BudgetGate b = budget;
    return b == null ? Duration.ZERO : b.quotaWait(clock);
  }

  /**
   * Records the client's retry policy, whose clock and sleeper every wait of the client uses.
   * The client's {@link Transport} does this from the {@link RetryInterceptor} it is built with.
   *
   * @param policy the policy
   */
  public void retryPolicy(RetryPolicy policy) {
    this.policy = Objects.requireNonNull(policy, "policy");
  }

  /**
   * Records the client's call timeout (its {@code Timeouts.call()}), which a wait's polls keep
   * unless the wait's own deadline is nearer.
   *
   * @param callTimeout the timeout, or null or zero for none
   */
  public void callTimeout(Duration callTimeout) {
    this.callTimeout = callTimeout == null || callTimeout.isZero() || callTimeout.isNegative()
        ? null : callTimeout;
  }

  /** @return the client's call timeout, or null if it has none or is not an SDK client */
  public Duration callTimeout() {
    return callTimeout;
  }

  /**
   * The clock waits measure deadlines on: the client's retry policy's (see
   * {@link RetryPolicy#clock()}), else this machine's.
   *
   * @return the clock
   */
  public Clock waitClock() {
    RetryPolicy p = policy;
    return p == null ? local : p.clock();
  }

  /**
   * What waits sleep with: the client's retry policy's sleeper, else the real one.
   *
   * @return the sleeper
   */
  public Sleeper sleeper() {
    RetryPolicy p = policy;
    return p == null ? Sleeper.system() : p.sleeper();
  }

  /**
   * A jitter value in [0, 1) for waits, drawn from the client's retry policy's random source
   * (which tests fix, see {@code RetryPolicy.Builder#random}) through its first back-off, else
   * from {@link ThreadLocalRandom}.
   *
   * @return the value
   */
  public double jitter() {
    RetryPolicy p = policy;
    if (p == null) {
      return ThreadLocalRandom.current().nextDouble();
    }
    // backoff(1) is random * min(maxDelay, baseDelay), truncated to milliseconds.
    double ceiling = Math.min(p.maxDelay().toMillis(), p.baseDelay().toMillis());
    double r = ceiling <= 0 ? 0 : p.backoff(1).toMillis() / ceiling;
    return r >= 0 && r < 1 ? r : 0;
  }

  /** @return whether a {@code Date} header has been seen */
  public boolean known() {
    return known;
  }

  /** @return the vendor's clock minus this machine's, by the last answer; zero until {@link #known()} */
  public Duration offset() {
    return Duration.ofMillis(offsetMillis);
  }

  /**
   * The offset as tight as the answers of the last {@link #SPAN} give it (see above): what a
   * rate-limit reset is read with.
   *
   * <pre>{@code Clock vendor = Clock.offset(local, serverClock.tightOffset());}</pre>
   *
   * @return the highest lower bound of the vendor's clock minus this machine's; zero until
   *     {@link #known()}
   */
  public Duration tightOffset() {
    return Duration.ofMillis(tightOffsetMillis);
  }

  /** @return the vendor's time now, as well as this client knows it */
  public Instant now() {
    return Instant.ofEpochMilli(local.millis() + offsetMillis);
  }

  /** @return this machine's clock */
  public Clock local() {
    return local;
  }

  @Override
  public String toString() {
    return "ServerClock{" + (known ? "offset=" + offset() : "unknown") + "}";
  }
}
