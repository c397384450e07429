package io.github.flowruns.cli;

import io.github.flowruns.FlowRunsClients;
import io.github.flowruns.RetryMode;
import io.github.flowruns.RunStatus;
import io.github.flowruns.Vendor;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Option value converters; a bad value is a usage error (exit 2) naming the accepted values. */
final class Converters {
  private Converters() {}

  /**
   * {@code --vendor}: a name or alias of a vendor module on the class path, any case (e.g.
   * {@code stackai} or {@code analytics}).
   */
  static final class VendorConverter implements ITypeConverter<Vendor> {
    @Override
    public Vendor convert(String value) {
      try {
        return FlowRunsClients.descriptor(value).vendor();
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException("'" + value
            + "' is not a vendor; expected one of " + CliVendors.namesText(", "));
      }
    }
  }

  /** {@code --status}: a {@link RunStatus} name in any case ({@code failed}, {@code TIMED_OUT}). */
  static final class StatusConverter implements ITypeConverter<RunStatus> {
    @Override
    public RunStatus convert(String value) {
      try {
        return RunStatus.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException("'" + value + "' is not a run status; expected one of "
            + "queued, running, paused, succeeded, partially_succeeded, failed, cancelled, "
            + "timed_out, unknown");
      }
    }
  }

  /**
   * {@code --since} and {@code --until}: ISO-8601. An instant ({@code 2026-01-31T08:00:00Z}), a
   * date-time with offset ({@code 2026-01-31T09:00:00+01:00}), or one without offset or a bare
   * date ({@code 2026-01-31}), both read as UTC.
   */
  static final class TimeConverter implements ITypeConverter<Instant> {
    @Override
    public Instant convert(String value) {
      String v = value.trim();
      try {
        return OffsetDateTime.parse(v).toInstant();
      } catch (DateTimeParseException ignored) {
        // try the next form
      }
      try {
        return LocalDateTime.parse(v).toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException ignored) {
        // try the next form
      }
      try {
        return LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant();
      } catch (DateTimeParseException e) {
        throw new TypeConversionException("'" + value + "' is not an ISO-8601 date or time; "
            + "expected e.g. 2026-01-31, 2026-01-31T08:00:00Z or 2026-01-31T09:00:00+01:00");
      }
    }
  }

  /** {@code --mode}: from-failed-step or latest-version (underscores and any case accepted). */
  static final class RetryModeConverter implements ITypeConverter<RetryMode> {
    @Override
    public RetryMode convert(String value) {
      String n = value.trim().toLowerCase(Locale.ROOT).replace('_', '-');
      switch (n) {
        case "from-failed-step":
          return RetryMode.FROM_FAILED_STEP;
        case "latest-version":
          return RetryMode.LATEST_VERSION;
        default:
          throw new TypeConversionException(
              "'" + value + "' is not a retry mode; expected from-failed-step or latest-version");
      }
    }
  }
}
