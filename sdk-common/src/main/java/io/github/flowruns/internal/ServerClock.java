package io.github.flowruns.internal;

import io.github.flowruns.FlowRunsClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Objects;
import java.util.WeakHashMap;

/**
 * The vendor's clock as this client last saw it: the offset between the {@code Date} header of
 * the server's answers and this machine's clock. Feeds put their watermarks on the vendor's clock
 * (a run's times are the vendor's), so a machine whose clock is off misses nothing.
 *
 * <p>A {@code Date} header is one second coarse and was set before the answer crossed the
 * network, so the offset is known to about a second plus a round trip: callers keep a margin.
 * Hostile values change nothing: a header that does not parse, or one more than
 * {@link #MAX_OFFSET} away from this machine's clock, is ignored. Thread-safe. Not API.
 *
 * <pre>{@code
 * ServerClock clock = ServerClock.of(client);   // registered by the client's ClientCore
 * Instant vendorNow = clock.now();
 * }</pre>
 */
public final class ServerClock {
  /** Offsets further than this from the local clock are not believed. */
  public static final Duration MAX_OFFSET = Duration.ofDays(1);

  private static final Map<FlowRunsClient, ServerClock> REGISTRY = new WeakHashMap<>();

  private final Clock local;
  private volatile long offsetMillis;
  private volatile boolean known;

  /** A clock on this machine's UTC time. */
  public ServerClock() {
    this(Clock.systemUTC());
  }

  /**
   * @param local this machine's clock (tests pass a fixed or moving one)
   */
  public ServerClock(Clock local) {
    this.local = Objects.requireNonNull(local, "local");
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
    Instant server;
    try {
      server = ZonedDateTime.parse(dateHeader.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      return;
    }
    long offset = server.toEpochMilli() - local.millis();
    if (Math.abs(offset) > MAX_OFFSET.toMillis()) {
      return;
    }
    offsetMillis = offset;
    known = true;
  }

  /** @return whether a {@code Date} header has been seen */
  public boolean known() {
    return known;
  }

  /** @return the vendor's clock minus this machine's; zero until {@link #known()} */
  public Duration offset() {
    return Duration.ofMillis(offsetMillis);
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
