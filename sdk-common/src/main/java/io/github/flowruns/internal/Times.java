package io.github.flowruns.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Times and durations between the generated models and the facade, null-safe, with one rule for
 * values no {@link Duration} should hold: a negative, non-finite or absurdly large duration is
 * null (the generated model keeps the value as sent), never clamped and never an error. Not API.
 *
 * <pre>{@code
 * Instant started = Times.instant(model.getStartTime());
 * OffsetDateTime after = Times.utc(query.startedAfter());   // a date-time query parameter
 * Duration took = Times.millis(model.getDuration());
 * }</pre>
 */
public final class Times {
  private static final double NANOS_PER_SECOND = 1_000_000_000d;
  /** Beyond this a duration in seconds is nonsense, and {@link Duration} arithmetic could overflow. */
  private static final double MAX_SECONDS = 1e15;
  /** {@code 2^63}: the first double of nanoseconds past {@code Long.MAX_VALUE}. */
  private static final double MAX_NANOS = 0x1p63;

  private Times() {}

  /**
   * @param time a time with offset, may be null
   * @return the instant, or null
   */
  public static Instant instant(OffsetDateTime time) {
    return time == null ? null : time.toInstant();
  }

  /**
   * @param instant an instant, may be null
   * @return the same instant at offset UTC (how a date-time parameter is written), or null
   */
  public static OffsetDateTime utc(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  /**
   * @param instant an instant, may be null
   * @return its Unix time in milliseconds, or null
   */
  public static Long epochMillis(Instant instant) {
    return instant == null ? null : instant.toEpochMilli();
  }

  /**
   * Whole milliseconds as a duration.
   *
   * @param millis milliseconds, may be null
   * @return the duration; null for null or a negative value
   */
  public static Duration millis(Long millis) {
    return millis == null || millis < 0 ? null : Duration.ofMillis(millis);
  }

  /**
   * Fractional milliseconds as a duration, kept to the nanosecond.
   *
   * @param millis milliseconds, may be null
   * @return the duration; null for null, a negative or non-finite value, or one past
   *     {@code Long.MAX_VALUE} nanoseconds (about 292 years)
   */
  public static Duration millis(Double millis) {
    if (millis == null || !Double.isFinite(millis) || millis < 0 || millis * 1_000_000d >= MAX_NANOS) {
      return null;
    }
    return Duration.ofNanos(Math.round(millis * 1_000_000d));
  }

  /**
   * Fractional seconds as a duration, kept to the nanosecond.
   *
   * @param seconds seconds, may be null
   * @return the duration; null for null, a negative or non-finite value, or one past
   *     {@code 1e15} seconds
   */
  public static Duration seconds(Double seconds) {
    if (seconds == null || !Double.isFinite(seconds) || seconds < 0 || seconds > MAX_SECONDS) {
      return null;
    }
    long whole = (long) Math.floor(seconds);
    long nanos = Math.round((seconds - whole) * NANOS_PER_SECOND);
    return Duration.ofSeconds(whole, nanos);
  }
}
