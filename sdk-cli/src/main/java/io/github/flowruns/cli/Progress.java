package io.github.flowruns.cli;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The export progress bar on standard error, drawn only when standard error is a terminal (see
 * {@link Terminal}); otherwise every call does nothing, so piped or redirected output has no
 * carriage returns in it.
 */
final class Progress implements AutoCloseable {
  private final ProgressBar bar;
  private boolean ended;

  private Progress(ProgressBar bar) {
    this.bar = bar;
  }

  /**
   * Starts a bar of {@code max} steps, or an open-ended one (count and rate) if {@code max < 0}.
   */
  static Progress start(CliContext context, String task, long max) {
    if (!context.stderrIsTerminal()) {
      return new Progress(null);
    }
    ProgressBar bar = new ProgressBarBuilder()
        .setTaskName(task)
        .setInitialMax(max)
        .setStyle(ProgressBarStyle.ASCII)
        .setUnit(" runs", 1)
        .showSpeed()
        .setUpdateIntervalMillis(250)
        .setConsumer(consumer(context))
        .build();
    return new Progress(bar);
  }

  /**
   * Draws on standard error, as wide as {@code COLUMNS} says when the shell exports it, else as
   * wide as the progress bar library finds the terminal.
   */
  private static ConsoleProgressBarConsumer consumer(CliContext context) {
    String columns = context.env("COLUMNS");
    if (columns != null) {
      try {
        int c = Integer.parseInt(columns.trim());
        if (c >= 40) {
          return new ConsoleProgressBarConsumer(context.err(), c - 1);
        }
      } catch (NumberFormatException ignored) {
        // fall through to the library's own measure
      }
    }
    return new ConsoleProgressBarConsumer(context.err());
  }

  void step() {
    if (bar != null) {
      bar.step();
    }
  }

  /** Whether a bar is drawn at all. */
  boolean shown() {
    return bar != null;
  }

  /** The total, once known (e.g. counted beside the export): the bar shows it from then on. */
  synchronized void total(long total) {
    if (bar != null && !ended) {
      bar.maxHint(Math.max(total, bar.getCurrent()));
    }
  }

  /** The end: the bar shows {@code written/written}, the real total, whatever it guessed. */
  synchronized void end(long written) {
    ended = true;
    if (bar != null) {
      bar.maxHint(written);
      bar.stepTo(written);
      bar.refresh();
    }
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
    }
  }
}
