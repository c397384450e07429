package io.github.flowruns.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * A loopback server that enforces a fixed window of {@code limit} requests per {@code windowMs}
 * on its own clock (virtual in the property tests), as FlowStack does (vendors.md: 100 to 5,000 an
 * hour per plan, {@code X-RateLimit-Limit}, {@code X-RateLimit-Remaining} and
 * {@code X-RateLimit-Reset} in Unix seconds on every answer, {@code Retry-After} in seconds on a
 * 429), and like the simulators' {@code rateLimit(requests, window)}: the window starts with the
 * first request after the last one ended; the reset is its end, rounded up to a second. Its clock
 * may be skewed from the client's, and it says so in {@code Date}. It records when each request
 * arrived, and how many it refused for the limit (apart from the 429s a test injects).
 */
final class RateLimitedServer extends Dispatcher {
  /** What the server announces of its limit. */
  enum Announce { ALL, LIMIT_AND_REMAINING, NOTHING }

  private final Clock clock;
  private final int limit;
  private final long windowMs;
  private final Announce announce;
  private long skewMs;
  private java.util.function.LongSupplier stampLagMs = () -> 0;
  /** Given the request's number (from 1): a 429's Retry-After seconds to inject, or -1. */
  private final IntFunction<Integer> inject;
  private final List<Long> arrivals = new ArrayList<>();
  private long windowStart = -1;
  private int count;
  private int refused;
  private int injected;

  RateLimitedServer(Clock clock, int limit, long windowMs, Announce announce, long skewMs,
      IntFunction<Integer> inject) {
    this.clock = clock;
    this.limit = limit;
    this.windowMs = windowMs;
    this.announce = announce;
    this.skewMs = skewMs;
    this.inject = inject;
  }

  @Override
  public synchronized MockResponse dispatch(RecordedRequest request) {
    long now = clock.millis();
    arrivals.add(now);
    if (windowStart < 0 || now >= windowStart + windowMs) {
      windowStart = now;
      count = 0;
    }
    count++;
    long end = windowStart + windowMs;
    MockResponse.Builder b = new MockResponse.Builder().setHeader("Date",
        DateTimeFormatter.RFC_1123_DATE_TIME.format(
            ZonedDateTime.ofInstant(Instant.ofEpochMilli(now - stampLagMs.getAsLong() + skewMs),
                ZoneOffset.UTC)));
    Integer injectedWait = inject.apply(arrivals.size());
    if (count > limit) {
      refused++;
      b.code(429).setHeader("Retry-After", Math.max(1, (end - now + 999) / 1000)).body("{}");
    } else if (injectedWait != null && injectedWait >= 0) {
      injected++;
      b.code(429).setHeader("Retry-After", injectedWait).body("{}");
    } else {
      b.code(200).body("{}");
    }
    if (announce != Announce.NOTHING) {
      b.setHeader("X-RateLimit-Limit", limit);
      b.setHeader("X-RateLimit-Remaining", Math.max(0, limit - count));
      if (announce == Announce.ALL) {
        b.setHeader("X-RateLimit-Reset", (end + skewMs + 999) / 1000);
      }
    }
    return b.build();
  }

  /** Steps the server's clock (its Date and its Reset) by {@code ms}, as an NTP step would. */
  synchronized void jump(long ms) {
    skewMs += ms;
  }

  /** Stamps each Date up to what {@code lag} says earlier than the answer (a server's work). */
  synchronized void stampLag(java.util.function.LongSupplier lag) {
    stampLagMs = lag;
  }

  /** @return when each request arrived, in milliseconds on the server's (unskewed) clock */
  synchronized List<Long> arrivals() {
    return new ArrayList<>(arrivals);
  }

  /** @return the requests refused because the window's limit was used up */
  synchronized int refused() {
    return refused;
  }

  /** @return the 429s injected */
  synchronized int injected() {
    return injected;
  }

  /**
   * The most requests that arrived in any span of {@code spanMs} (half-open), by a sliding window
   * over the arrivals.
   */
  static int mostInAnySpan(List<Long> arrivals, long spanMs) {
    int most = 0;
    int from = 0;
    for (int to = 0; to < arrivals.size(); to++) {
      while (arrivals.get(to) - arrivals.get(from) >= spanMs) {
        from++;
      }
      most = Math.max(most, to - from + 1);
    }
    return most;
  }
}
