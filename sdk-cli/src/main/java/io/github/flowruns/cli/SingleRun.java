package io.github.flowruns.cli;

import com.google.gson.stream.JsonWriter;
import io.github.flowruns.FailedStep;
import io.github.flowruns.Run;
import io.github.flowruns.StepResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints one run (get, retry, trigger): {@code json} as one object rather than an array,
 * {@code jsonl} as one line, {@code csv} as a header and one record, {@code table} as a
 * field-per-line view with the steps, when asked for, below.
 */
final class SingleRun {
  private SingleRun() {}

  static void print(PrintWriter out, OutputFormat format, Run run, boolean withSteps)
      throws IOException {
    switch (format) {
      case JSON: {
        JsonWriter json = RunSink.jsonWriter(out);
        json.setIndent("  ");
        RunFields.writeJson(json, run);
        json.flush();
        out.println();
        break;
      }
      case JSONL:
      case CSV: {
        RunSink sink = RunSink.create(format, out);
        sink.write(run);
        sink.finish();
        break;
      }
      case TABLE:
      default:
        printDetail(out, run, withSteps);
        break;
    }
    out.flush();
  }

  private static void printDetail(PrintWriter out, Run run, boolean withSteps) {
    List<String[]> rows = new ArrayList<>();
    rows.add(row("id", run.id()));
    rows.add(row("vendor", RunFields.vendorName(run.vendor())));
    rows.add(row("flow", run.flowId()));
    String raw = run.rawStatus();
    rows.add(row("status", run.status().name()
        + (raw != null && !raw.equals(run.status().name()) ? " (" + raw + ")" : "")));
    rows.add(row("started", RunFields.time(run.startedAt())));
    rows.add(row("finished", RunFields.time(run.finishedAt())));
    rows.add(row("duration", run.duration() == null ? null : RunFields.humanDuration(run.duration())));
    rows.add(row("trigger", run.trigger()));
    FailedStep fs = run.failedStep();
    if (fs != null) {
      rows.add(row("failed step", fs.name()));
      rows.add(row("error", fs.message()));
    }
    rows.add(row("steps", run.stepsCount() == null ? null : run.stepsCount().toString()));
    rows.add(row("parent run", run.parentRunId()));
    rows.add(row("tags", run.tags().isEmpty() ? null : String.join(", ", run.tags())));
    for (String[] r : rows) {
      if (r[1] == null || r[1].isEmpty()) {
        continue;
      }
      // A multi-line message stays readable: continuation lines are indented under the value.
      String value = r[1].replace("\r\n", "\n").replace("\n", "\n" + " ".repeat(14));
      out.printf("%-12s  %s%n", r[0], value);
    }
    if (withSteps && !run.steps().isEmpty()) {
      out.println();
      int nameWidth = 4;
      for (StepResult s : run.steps()) {
        nameWidth = Math.max(nameWidth, Math.min(50, RunFields.oneLine(s.name()).length()));
      }
      out.printf("%-3s  %-" + nameWidth + "s  %-19s  %s%n", "#", "STEP", "STATUS", "DURATION");
      int i = 1;
      for (StepResult s : run.steps()) {
        out.printf("%-3d  %-" + nameWidth + "s  %-19s  %s%n", i++,
            TableSink.cut(RunFields.oneLine(s.name()), nameWidth),
            s.status() == null ? "" : s.status().name(),
            RunFields.humanDuration(s.duration()));
      }
    }
  }

  private static String[] row(String name, String value) {
    return new String[] {name, value};
  }
}
