package io.github.flowruns.cli;

import io.github.flowruns.FailedStep;
import io.github.flowruns.Run;
import java.io.IOException;
import java.io.Writer;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** The table as it was before it fitted the terminal: the oracle of the piped output. */
final class TableSinkBefore implements RunSink {
  static final int SAMPLE = 100;
  private static final String[] HEADER = {"ID", "FLOW", "STATUS", "STARTED", "DURATION", "FAILED STEP"};
  /** The widest each column may be; the last column is not padded, only cut. */
  private static final int[] MAX = {40, 40, 19, 20, 10, 100};
  private static final String GAP = "  ";

  private final Writer out;
  private final List<String[]> sample = new ArrayList<>();
  private int[] widths;

  TableSinkBefore(Writer out) {
    this.out = out;
  }

  @Override
  public void write(Run run) throws IOException {
    String[] row = cells(run);
    if (widths != null) {
      print(row);
      return;
    }
    sample.add(row);
    if (sample.size() >= SAMPLE) {
      flushSample();
    }
  }

  @Override
  public void finish() throws IOException {
    if (widths == null) {
      flushSample();
    }
    out.flush();
  }

  private void flushSample() throws IOException {
    widths = new int[HEADER.length];
    for (int c = 0; c < HEADER.length; c++) {
      widths[c] = HEADER[c].length();
    }
    for (String[] row : sample) {
      for (int c = 0; c < row.length; c++) {
        widths[c] = Math.min(MAX[c], Math.max(widths[c], row[c].length()));
      }
    }
    print(HEADER);
    for (String[] row : sample) {
      print(row);
    }
    sample.clear();
  }

  private void print(String[] row) throws IOException {
    StringBuilder line = new StringBuilder(160);
    for (int c = 0; c < row.length; c++) {
      boolean last = c == row.length - 1;
      String cell = cut(row[c], last ? MAX[c] : widths[c]);
      line.append(cell);
      if (!last) {
        line.append(" ".repeat(widths[c] - cell.length())).append(GAP);
      }
    }
    int end = line.length();
    while (end > 0 && line.charAt(end - 1) == ' ') {
      end--;
    }
    line.setLength(end);
    out.write(line.append('\n').toString());
  }

  static String[] cells(Run run) {
    FailedStep fs = run.failedStep();
    String failed = "";
    if (fs != null) {
      String name = RunFields.oneLine(fs.name());
      String message = RunFields.oneLine(fs.message());
      failed = name.isEmpty() ? message : message.isEmpty() ? name : name + ": " + message;
    }
    String started = run.startedAt() == null ? null
        : RunFields.time(run.startedAt().truncatedTo(ChronoUnit.SECONDS));
    return new String[] {
        nullToEmpty(run.id()),
        nullToEmpty(run.flowId()),
        run.status().name(),
        started == null ? "" : started,
        RunFields.humanDuration(run.duration()),
        failed
    };
  }

  static String cut(String s, int width) {
    if (s.length() <= width) {
      return s;
    }
    return s.substring(0, Math.max(0, width - 1)) + "…";
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
