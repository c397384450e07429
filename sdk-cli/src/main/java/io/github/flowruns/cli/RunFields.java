package io.github.flowruns.cli;

import com.google.gson.stream.JsonWriter;
import io.github.flowruns.FailedStep;
import io.github.flowruns.Run;
import io.github.flowruns.Vendor;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * A run's fields as the command line prints them, the same in every format: camelCase names, times
 * ISO-8601 in UTC, the duration in milliseconds, the vendor by its command-line name, the status by
 * its {@link io.github.flowruns.RunStatus} name. Every field is always present (null when unknown),
 * so every line of a {@code jsonl} file has the same shape.
 */
final class RunFields {
  /** The CSV header; {@code failedStep} is flattened and {@code tags} joined with {@code ;}. */
  static final List<String> CSV_HEADER = List.of("id", "vendor", "flowId", "status", "rawStatus",
      "startedAt", "finishedAt", "durationMs", "trigger", "failedStepName", "failedStepMessage",
      "stepsCount", "parentRunId", "tags");

  /** Separates tags in the CSV {@code tags} column. */
  static final String TAG_SEPARATOR = ";";

  private RunFields() {}

  /** The vendor as {@code --vendor} takes it, e.g. {@code stackai}: its descriptor's name. */
  static String vendorName(Vendor vendor) {
    return vendor == null ? null : CliVendors.name(vendor);
  }

  /** ISO-8601 in UTC, e.g. {@code 2026-01-31T08:00:00Z}; null stays null. */
  static String time(Instant t) {
    return t == null ? null : DateTimeFormatter.ISO_INSTANT.format(t);
  }

  static Long durationMs(Run run) {
    Duration d = run.duration();
    return d == null ? null : d.toMillis();
  }

  /** Writes one run as a JSON object. */
  static void writeJson(JsonWriter w, Run run) throws IOException {
    w.beginObject();
    writeJsonFields(w, run);
    w.endObject();
  }

  /**
   * Writes a run's fields into an object the caller has begun, so that another record (a watch
   * event) can carry the same fields under the same names and add its own.
   */
  static void writeJsonFields(JsonWriter w, Run run) throws IOException {
    w.name("id").value(run.id());
    w.name("vendor").value(vendorName(run.vendor()));
    w.name("flowId").value(run.flowId());
    w.name("status").value(run.status().name());
    w.name("rawStatus").value(run.rawStatus());
    w.name("startedAt").value(time(run.startedAt()));
    w.name("finishedAt").value(time(run.finishedAt()));
    w.name("durationMs").value(durationMs(run));
    w.name("trigger").value(run.trigger());
    w.name("failedStep");
    FailedStep fs = run.failedStep();
    if (fs == null) {
      w.nullValue();
    } else {
      w.beginObject();
      w.name("name").value(fs.name());
      w.name("message").value(fs.message());
      w.endObject();
    }
    w.name("stepsCount").value(run.stepsCount());
    w.name("parentRunId").value(run.parentRunId());
    w.name("tags");
    w.beginArray();
    for (String tag : run.tags()) {
      w.value(tag);
    }
    w.endArray();
  }

  /** The CSV record of a run, in the order of {@link #CSV_HEADER}; null cells print empty. */
  static Object[] csvRecord(Run run) {
    FailedStep fs = run.failedStep();
    return new Object[] {
        run.id(),
        vendorName(run.vendor()),
        run.flowId(),
        run.status().name(),
        run.rawStatus(),
        time(run.startedAt()),
        time(run.finishedAt()),
        durationMs(run),
        run.trigger(),
        fs == null ? null : fs.name(),
        fs == null ? null : fs.message(),
        run.stepsCount(),
        run.parentRunId(),
        run.tags().isEmpty() ? null : String.join(TAG_SEPARATOR, run.tags())
    };
  }

  /** A short human duration: {@code 850 ms}, {@code 12.4 s}, {@code 3m 05s}, {@code 2h 07m}. */
  static String humanDuration(Duration d) {
    if (d == null) {
      return "";
    }
    long ms = d.toMillis();
    if (ms < 1000) {
      return ms + " ms";
    }
    if (ms < 60_000) {
      return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }
    long s = ms / 1000;
    if (s < 3600) {
      return String.format(Locale.ROOT, "%dm %02ds", s / 60, s % 60);
    }
    if (s < 86_400) {
      return String.format(Locale.ROOT, "%dh %02dm", s / 3600, (s % 3600) / 60);
    }
    return String.format(Locale.ROOT, "%dd %02dh", s / 86_400, (s % 86_400) / 3600);
  }

  /** Collapses line breaks and tabs to spaces, for a one-line table cell. */
  static String oneLine(String s) {
    return s == null ? "" : s.replaceAll("\\s*[\\r\\n\\t]+\\s*", " ").trim();
  }
}
