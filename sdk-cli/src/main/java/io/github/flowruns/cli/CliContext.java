package io.github.flowruns.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.IntSupplier;

/**
 * What a command reads from and writes to besides its options: the process environment, standard
 * output and error, whether they are terminals (and how wide), and how connections are opened.
 * The real process uses {@link #system()}; tests build one with captured streams and their own
 * environment, so the commands run unchanged in-process.
 */
final class CliContext {
  private final PrintWriter out;
  private final PrintStream err;
  private final Function<String, String> env;
  private final BooleanSupplier stderrIsTerminal;
  private final BooleanSupplier stdoutIsTerminal;
  private final IntSupplier sttyColumns;
  private final Connector connector;

  CliContext(PrintWriter out, PrintStream err, Function<String, String> env,
      BooleanSupplier stderrIsTerminal, BooleanSupplier stdoutIsTerminal, IntSupplier sttyColumns,
      Connector connector) {
    this.out = Objects.requireNonNull(out, "out");
    this.err = Objects.requireNonNull(err, "err");
    this.env = Objects.requireNonNull(env, "env");
    this.stderrIsTerminal = Objects.requireNonNull(stderrIsTerminal, "stderrIsTerminal");
    this.stdoutIsTerminal = Objects.requireNonNull(stdoutIsTerminal, "stdoutIsTerminal");
    this.sttyColumns = Objects.requireNonNull(sttyColumns, "sttyColumns");
    this.connector = Objects.requireNonNull(connector, "connector");
  }

  /** The context of the running process: System.out (buffered), System.err, System.getenv. */
  static CliContext system() {
    return new CliContext(Streams.bufferedStdout(), System.err, System::getenv,
        Terminal::stderrIsTerminal, Terminal::stdoutIsTerminal, Terminal::sttyColumns,
        new Connector());
  }

  /** A context with a fixed environment and standard output not a terminal, e.g. for tests. */
  static CliContext of(PrintWriter out, PrintStream err, Map<String, String> env,
      boolean stderrIsTerminal) {
    return of(out, err, env, stderrIsTerminal, false);
  }

  /**
   * A context with a fixed environment, e.g. for tests; a terminal on standard output is as wide
   * as {@code COLUMNS} says, else 80 columns.
   */
  static CliContext of(PrintWriter out, PrintStream err, Map<String, String> env,
      boolean stderrIsTerminal, boolean stdoutIsTerminal) {
    Map<String, String> copy = Map.copyOf(env);
    return new CliContext(out, err, copy::get, () -> stderrIsTerminal, () -> stdoutIsTerminal,
        () -> -1, new Connector());
  }

  PrintWriter out() {
    return out;
  }

  PrintStream err() {
    return err;
  }

  /** The value of an environment variable, or null. */
  String env(String name) {
    return env.apply(name);
  }

  boolean stderrIsTerminal() {
    return stderrIsTerminal.getAsBoolean();
  }

  boolean stdoutIsTerminal() {
    return stdoutIsTerminal.getAsBoolean();
  }

  /**
   * How wide standard output's terminal is: {@code COLUMNS} when set to a number (shells set it,
   * users override it), else what {@code stty size} says, else 80; 0 for no terminal (piped or
   * redirected output is never cut).
   */
  int terminalColumns() {
    if (!stdoutIsTerminal()) {
      return 0;
    }
    String columns = env("COLUMNS");
    if (columns != null) {
      try {
        int c = Integer.parseInt(columns.trim());
        if (c > 0) {
          return c;
        }
      } catch (NumberFormatException ignored) {
        // not a number: ask the terminal
      }
    }
    int stty = sttyColumns.getAsInt();
    return stty > 0 ? stty : 80;
  }

  Connector connector() {
    return connector;
  }
}
