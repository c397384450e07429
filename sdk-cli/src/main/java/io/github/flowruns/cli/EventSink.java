package io.github.flowruns.cli;

import com.google.gson.stream.JsonWriter;
import io.github.flowruns.Run;
import io.github.flowruns.RunStatus;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Prints {@code runs watch} events one a line as they come. {@code jsonl}: the run's fields as
 * every command names them ({@link RunFields}), plus {@code event} ({@code NEW},
 * {@code STATUS_CHANGED} or {@code RETRIED}), {@code previousStatus}, {@code retryOf},
 * {@code eventId} (the same run in the same status always has the same id, so a reader can drop
 * repeats) and {@code observedAt}. {@code table}: fixed columns, so that lines printed minutes
 * apart still align.
 */
final class EventSink {
  /** {@code runs watch}'s own kind of event, beside the feed's NEW and STATUS_CHANGED. */
  static final String RETRIED = "RETRIED";

  private static final String TABLE_FORMAT = "%-20s  %-14s  %-36s  %-24s  %-26s  %s";

  private final PrintWriter out;
  private final OutputFormat format;
  private boolean headerPrinted;

  EventSink(PrintWriter out, OutputFormat format) {
    this.out = out;
    this.format = format;
  }

  /**
   * Prints one event.
   *
   * @param event NEW, STATUS_CHANGED or RETRIED
   * @param eventId the event's id
   * @param run the run as the event saw it (for RETRIED: the retry)
   * @param previousStatus the status before (for RETRIED: the failed run's), or null
   * @param retryOf the run retried, or null
   * @param observedAt when it happened
   */
  void print(String event, String eventId, Run run, RunStatus previousStatus, String retryOf,
      Instant observedAt) throws IOException {
    if (format == OutputFormat.TABLE) {
      if (!headerPrinted) {
        out.println(String.format(TABLE_FORMAT, "OBSERVED", "EVENT", "RUN", "FLOW", "STATUS",
            "FAILED STEP / RETRY OF").trim());
        headerPrinted = true;
      }
      String status = (previousStatus == null ? "" : previousStatus + " -> ") + run.status();
      String last = RETRIED.equals(event) ? "retry of " + retryOf : TableSink.cells(run)[5];
      out.println(String.format(TABLE_FORMAT,
          RunFields.time(observedAt.truncatedTo(ChronoUnit.SECONDS)), event,
          TableSink.cut(nullToEmpty(run.id()), 36), TableSink.cut(nullToEmpty(run.flowId()), 24),
          TableSink.cut(status, 26), last).stripTrailing());
      return;
    }
    JsonWriter w = RunSink.jsonWriter(out);
    w.beginObject();
    RunFields.writeJsonFields(w, run);
    w.name("event").value(event);
    w.name("previousStatus").value(previousStatus == null ? null : previousStatus.name());
    w.name("retryOf").value(retryOf);
    w.name("eventId").value(eventId);
    w.name("observedAt").value(RunFields.time(observedAt));
    w.endObject();
    w.flush();
    out.write('\n');
  }

  void flush() {
    out.flush();
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
