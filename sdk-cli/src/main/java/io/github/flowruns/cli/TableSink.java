package io.github.flowruns.cli;

import io.github.flowruns.FailedStep;
import io.github.flowruns.Run;
import io.github.flowruns.RunStatus;
import java.io.IOException;
import java.io.Writer;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Aligned columns for people: id, flow, status, started, duration, failed step. The widths come
 * from the header and the first {@value #SAMPLE} rows, which are held until then; later rows are
 * padded to the same widths and a longer cell is cut with an ellipsis, so a listing of any length
 * stays aligned in constant memory.
 *
 * <p>On a terminal ({@code width > 0}) the widest column is narrowed, one character at a time,
 * until a row fits the width, so no row wraps; its cells are cut with {@code …}. The status may be
 * coloured. With no width (a pipe or a file) the output is what it always was.
 */
final class TableSink implements RunSink {
  static final int SAMPLE = 100;
  private static final String[] HEADER = {"ID", "FLOW", "STATUS", "STARTED", "DURATION", "FAILED STEP"};
  /** The widest each column may be; the last column is not padded, only cut. */
  private static final int[] MAX = {40, 40, 19, 20, 10, 100};
  private static final String GAP = "  ";
  private static final int STATUS = 2;
  /** The narrowest row a terminal width can ask for: one character a column and the gaps. */
  static final int MIN_WIDTH = HEADER.length + GAP.length() * (HEADER.length - 1);

  private final Writer out;
  private final int width;
  private final boolean color;
  private final List<String[]> sample = new ArrayList<>();
  private final List<RunStatus> sampleStatuses = new ArrayList<>();
  private int[] widths;

  TableSink(Writer out) {
    this(out, 0, false);
  }

  /**
   * @param width the most characters a row may take, 0 for no limit
   * @param color whether to colour the status with ANSI escapes
   */
  TableSink(Writer out, int width, boolean color) {
    this.out = out;
    this.width = width <= 0 ? 0 : Math.max(width, MIN_WIDTH);
    this.color = color;
  }

  @Override
  public void write(Run run) throws IOException {
    String[] row = cells(run);
    if (widths != null) {
      print(row, run.status());
      return;
    }
    sample.add(row);
    sampleStatuses.add(run.status());
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
    int last = HEADER.length - 1;
    widths = new int[HEADER.length];
    for (int c = 0; c < HEADER.length; c++) {
      widths[c] = HEADER[c].length();
    }
    for (String[] row : sample) {
      for (int c = 0; c < row.length; c++) {
        widths[c] = Math.min(MAX[c], Math.max(widths[c], row[c].length()));
      }
    }
    if (width > 0) {
      fit(widths, width, MAX[last]);
    } else {
      widths[last] = MAX[last];
    }
    print(HEADER, null);
    for (int i = 0; i < sample.size(); i++) {
      print(sample.get(i), sampleStatuses.get(i));
    }
    sample.clear();
    sampleStatuses.clear();
  }

  /**
   * Narrows the widest column by one until the columns and the gaps between them fit
   * {@code limit}; then gives the last column whatever room is left (up to {@code maxLast}),
   * since a later row's last cell may be longer than the sample's. The first column (the id, what
   * the next command needs) is narrowed only once every other column is down to
   * {@value #SOFT_FLOOR} characters.
   */
  static void fit(int[] widths, int limit, int maxLast) {
    int last = widths.length - 1;
    int total = GAP.length() * last;
    for (int w : widths) {
      total += w;
    }
    total = narrow(widths, total, limit, 1, SOFT_FLOOR);
    total = narrow(widths, total, limit, 0, 1);
    widths[last] = Math.min(maxLast, widths[last] + limit - total);
  }

  /** The narrowest a column is cut to before the first column is cut at all. */
  static final int SOFT_FLOOR = 8;

  /** Narrows the widest of the columns from {@code first} on, down to {@code floor}. */
  private static int narrow(int[] widths, int total, int limit, int first, int floor) {
    while (total > limit) {
      int widest = first;
      for (int c = first + 1; c < widths.length; c++) {
        if (widths[c] > widths[widest]) {
          widest = c;
        }
      }
      if (widths[widest] <= floor) {
        break;
      }
      widths[widest]--;
      total--;
    }
    return total;
  }

  private void print(String[] row, RunStatus status) throws IOException {
    StringBuilder line = new StringBuilder(160);
    for (int c = 0; c < row.length; c++) {
      boolean last = c == row.length - 1;
      String cell = cut(row[c], widths[c]);
      String escape = color && c == STATUS && status != null ? DisplayOptions.ansi(status) : "";
      if (escape.isEmpty()) {
        line.append(cell);
      } else {
        line.append(escape).append(cell).append(DisplayOptions.RESET);
      }
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

  /**
   * The text cut to at most {@code width} characters, the last of them {@code …} when cut; a
   * surrogate pair is never split.
   */
  static String cut(String s, int width) {
    if (s.length() <= width) {
      return s;
    }
    int keep = Math.max(0, width - 1);
    if (keep > 0 && Character.isHighSurrogate(s.charAt(keep - 1))) {
      keep--;
    }
    return s.substring(0, keep) + "…";
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
