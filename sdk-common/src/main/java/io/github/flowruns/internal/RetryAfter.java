package io.github.flowruns.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import okhttp3.Headers;

/**
 * Reads how long a server asked to wait: {@code Retry-After} in seconds or as an HTTP date, else,
 * on a 429 only, {@code X-RateLimit-Reset} in Unix seconds. Not API.
 *
 * <pre>{@code Duration wait = RetryAfter.parse(response.code(), response.headers(), clock); // null if none}</pre>
 */
public final class RetryAfter {
  private static final long MAX_SECONDS = 7L * 24 * 3600;

  private RetryAfter() {}

  /**
   * @param status the response's HTTP status
   * @param headers response headers
   * @param clock the current time, for dates
   * @return the wait (zero or more), or null if no valid header was sent
   */
  public static Duration parse(int status, Headers headers, Clock clock) {
    if (headers == null) {
      return null;
    }
    Duration d = parseRetryAfter(headers.get("Retry-After"), clock);
    if (d != null) {
      return d;
    }
    // FlowStack sends X-RateLimit-Reset on every response: it is the end of the quota window,
    // a wait only when the quota is what refused the request.
    return status == 429 ? parseResetEpoch(headers.get("X-RateLimit-Reset"), clock) : null;
  }

  static Duration parseRetryAfter(String value, Clock clock) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String v = value.trim();
    try {
      long seconds = Long.parseLong(v);
      return seconds < 0 ? null : Duration.ofSeconds(Math.min(seconds, MAX_SECONDS));
    } catch (NumberFormatException notSeconds) {
      // an HTTP date, below
    }
    try {
      Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      Duration d = Duration.between(clock.instant(), at);
      return d.isNegative() ? Duration.ZERO : min(d);
    } catch (RuntimeException notADate) {
      return null;
    }
  }

  static Duration parseResetEpoch(String value, Clock clock) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      long epoch = Long.parseLong(value.trim());
      Duration d = Duration.between(clock.instant(), Instant.ofEpochSecond(epoch));
      return d.isNegative() ? Duration.ZERO : min(d);
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static Duration min(Duration d) {
    return d.getSeconds() > MAX_SECONDS ? Duration.ofSeconds(MAX_SECONDS) : d;
  }
}
