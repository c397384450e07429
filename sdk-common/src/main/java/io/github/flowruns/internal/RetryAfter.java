package io.github.flowruns.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;
import okhttp3.Headers;

/**
 * Reads how long a server asked to wait: {@code Retry-After} in seconds or as an HTTP date, else,
 * on a 429 only, {@code X-RateLimit-Reset} in Unix seconds. Whatever a server sends, the answer is
 * a wait between zero and {@link #MAX_WAIT} or null, never an exception: seconds may be fractional
 * ({@code 1.5}) and are kept exactly to the nanosecond (rounded up); a date or reset time in the
 * past is a wait of zero; a wait longer than {@link #MAX_WAIT} (about 292 million years, e.g.
 * {@code 99999999999999999999}) is {@code MAX_WAIT}, which outlasts every retry budget, so the call
 * fails at once with the typed exception carrying it; a negative number, garbage or an unreadable
 * date is no wait (null), and the policy's own backoff applies. Not API.
 *
 * <pre>{@code Duration wait = RetryAfter.parse(response.code(), response.headers(), clock); // null if none}</pre>
 */
public final class RetryAfter {
  /**
   * The longest wait reported: the longest {@link Duration} whose milliseconds fit in a long, so
   * that every consumer can print and compare it.
   */
  public static final Duration MAX_WAIT = Duration.ofSeconds(Long.MAX_VALUE / 1000);

  private static final Pattern DECIMAL = Pattern.compile("\\+?[0-9]{1,4000}(\\.[0-9]{1,4000})?");
  private static final BigDecimal MAX_SECONDS = BigDecimal.valueOf(MAX_WAIT.getSeconds());
  private static final BigDecimal NANOS_PER_SECOND = BigDecimal.valueOf(1_000_000_000L);

  private RetryAfter() {}

  /**
   * @param status the response's HTTP status
   * @param headers response headers
   * @param clock the current time, for dates
   * @return the wait (zero to {@link #MAX_WAIT}), or null if no usable header was sent
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
    BigDecimal seconds = decimal(v);
    if (seconds != null) {
      return ofSeconds(seconds);
    }
    try {
      Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      return until(BigDecimal.valueOf(at.getEpochSecond()), clock);
    } catch (RuntimeException notADate) {
      return null;
    }
  }

  static Duration parseResetEpoch(String value, Clock clock) {
    if (value == null || value.isBlank()) {
      return null;
    }
    BigDecimal epoch = decimal(value.trim());
    return epoch == null ? null : until(epoch, clock);
  }

  /** A non-negative decimal number, or null (negative, exponent, garbage). */
  private static BigDecimal decimal(String v) {
    return DECIMAL.matcher(v).matches() ? new BigDecimal(v) : null;
  }

  private static Duration until(BigDecimal epochSeconds, Clock clock) {
    Instant now = clock.instant();
    BigDecimal nowSeconds = BigDecimal.valueOf(now.getEpochSecond())
        .add(BigDecimal.valueOf(now.getNano(), 9));
    BigDecimal wait = epochSeconds.subtract(nowSeconds);
    return wait.signum() <= 0 ? Duration.ZERO : ofSeconds(wait);
  }

  private static Duration ofSeconds(BigDecimal seconds) {
    if (seconds.compareTo(MAX_SECONDS) >= 0) {
      return MAX_WAIT;
    }
    BigDecimal nanos = seconds.multiply(NANOS_PER_SECOND).setScale(0, RoundingMode.CEILING);
    BigDecimal[] split = nanos.divideAndRemainder(NANOS_PER_SECOND);
    return Duration.ofSeconds(split[0].longValueExact(), split[1].longValueExact());
  }
}
