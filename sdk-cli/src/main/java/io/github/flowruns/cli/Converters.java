package io.github.flowruns.cli;

import io.github.flowruns.FlowRunsClients;
import io.github.flowruns.RetryMode;
import io.github.flowruns.RunStatus;
import io.github.flowruns.Vendor;
import io.github.flowruns.spi.VendorDescriptor;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

  /** The mode as options take it, e.g. {@code from-failed-step}. */
  static String modeText(RetryMode mode) {
    return mode.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * A usage error if the vendor's capabilities do not list the retry mode, naming the modes it
   * has (the SDK would throw later, in its Java words).
   */
  static void checkRetryMode(VendorDescriptor vendor, RetryMode mode, String option) {
    java.util.Set<RetryMode> modes = vendor.capabilities().retryModes();
    if (modes.isEmpty() || modes.contains(mode)) {
      return; // no retry at all is said elsewhere, naming the operation
    }
    List<String> names = new java.util.ArrayList<>();
    for (RetryMode m : modes) {
      names.add(m == RetryMode.DEFAULT && option.equals("--mode") ? "default (leave out --mode)"
          : modeText(m));
    }
    throw new UsageException(vendor.displayName() + " cannot retry " + option + " "
        + modeText(mode) + "; the modes it has: " + String.join(", ", names));
  }

  /**
   * A retry mode as {@code runs watch --retry} takes it: {@code from-failed-step},
   * {@code latest-version} or {@code default} (the vendor's own kind of retry).
   */
  static final class WatchRetryModeConverter implements ITypeConverter<RetryMode> {
    @Override
    public RetryMode convert(String value) {
      if (value.trim().equalsIgnoreCase("default")) {
        return RetryMode.DEFAULT;
      }
      try {
        return new RetryModeConverter().convert(value);
      } catch (TypeConversionException e) {
        throw new TypeConversionException("'" + value + "' is not a retry mode; expected "
            + "from-failed-step, latest-version or default");
      }
    }
  }

  /** Completion candidates of {@code runs watch --retry}. */
  static final class WatchRetryModes implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return List.of("from-failed-step", "latest-version", "default").iterator();
    }
  }

  /**
   * {@code --interval}, {@code --timeout}: a positive duration, as a number and a unit
   * ({@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 1d}) or ISO-8601 ({@code PT30S}).
   * picocli names the option in the error.
   */
  static final class DurationConverter implements ITypeConverter<Duration> {
    private static final Pattern SHORT = Pattern.compile("(\\d{1,9})\\s*(ms|s|m|h|d)");

    @Override
    public Duration convert(String value) {
      Duration d = parse(value);
      if (d == null || d.isNegative() || d.isZero()) {
        throw new TypeConversionException("'" + value + "' is not a positive duration; expected "
            + "e.g. 500ms, 30s, 5m, 2h or ISO-8601 PT30S");
      }
      return d;
    }

    /** A duration as the options take it, e.g. {@code 10m}, {@code 90s}, {@code 1500ms}. */
    static String text(Duration d) {
      long ms = d.toMillis();
      long[] units = {86_400_000L, 3_600_000L, 60_000L, 1000L};
      String[] names = {"d", "h", "m", "s"};
      for (int i = 0; i < units.length; i++) {
        if (ms % units[i] == 0) {
          return ms / units[i] + names[i];
        }
      }
      return ms + "ms";
    }

    private static Duration parse(String value) {
      String v = value.trim().toLowerCase(Locale.ROOT);
      Matcher m = SHORT.matcher(v);
      if (m.matches()) {
        long n = Long.parseLong(m.group(1));
        switch (m.group(2)) {
          case "ms":
            return Duration.ofMillis(n);
          case "s":
            return Duration.ofSeconds(n);
          case "m":
            return Duration.ofMinutes(n);
          case "h":
            return Duration.ofHours(n);
          default:
            return Duration.ofDays(n);
        }
      }
      try {
        return Duration.parse(value.trim());
      } catch (DateTimeParseException e) {
        return null;
      }
    }
  }

  /** {@code simulator --arrivals}: a duration as {@link DurationConverter} takes it, or zero. */
  static final class DurationOrZeroConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      String v = value.trim();
      if (v.matches("0+(ms|s|m|h|d)?") || v.equalsIgnoreCase("PT0S")) {
        return Duration.ZERO;
      }
      return new DurationConverter().convert(value);
    }
  }
}
