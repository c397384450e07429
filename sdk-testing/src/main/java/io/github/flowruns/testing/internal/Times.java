package io.github.flowruns.testing.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Parses the date-times the vendors accept in queries. */
public final class Times {
  private Times() {}

  /** ISO-8601 date-time (with Z, an offset, or none for UTC) or a date; null for null. */
  public static Long parseIso(String s) {
    if (s == null || s.isBlank()) return null;
    String t = s.trim();
    try {
      return OffsetDateTime.parse(t).toInstant().toEpochMilli();
    } catch (DateTimeParseException e) {
      // try the next form
    }
    try {
      return Instant.parse(t).toEpochMilli();
    } catch (DateTimeParseException e) {
      // try the next form
    }
    try {
      return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC).toEpochMilli();
    } catch (DateTimeParseException e) {
      // try the next form
    }
    try {
      return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    } catch (DateTimeParseException e) {
      throw new VendorApi.BadParam(s);
    }
  }
}
