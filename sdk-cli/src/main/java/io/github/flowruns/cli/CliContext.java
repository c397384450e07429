package io.github.flowruns.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * What a command reads from and writes to besides its options: the process environment, standard
 * output and error, whether standard error is a terminal, and how connections are opened. The
 * real process uses {@link #system()}; tests build one with captured streams and their own
 * environment, so the commands run unchanged in-process.
 */
final class CliContext {
  private final PrintWriter out;
  private final PrintStream err;
  private final Function<String, String> env;
  private final BooleanSupplier stderrIsTerminal;
  private final Connector connector;

  CliContext(PrintWriter out, PrintStream err, Function<String, String> env,
      BooleanSupplier stderrIsTerminal, Connector connector) {
    this.out = Objects.requireNonNull(out, "out");
    this.err = Objects.requireNonNull(err, "err");
    this.env = Objects.requireNonNull(env, "env");
    this.stderrIsTerminal = Objects.requireNonNull(stderrIsTerminal, "stderrIsTerminal");
    this.connector = Objects.requireNonNull(connector, "connector");
  }

  /** The context of the running process: System.out (buffered), System.err, System.getenv. */
  static CliContext system() {
    return new CliContext(Streams.bufferedStdout(), System.err, System::getenv,
        Terminal::stderrIsTerminal, new Connector());
  }

  /** A context with a fixed environment, e.g. for tests. */
  static CliContext of(PrintWriter out, PrintStream err, Map<String, String> env,
      boolean stderrIsTerminal) {
    Map<String, String> copy = Map.copyOf(env);
    return new CliContext(out, err, copy::get, () -> stderrIsTerminal, new Connector());
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

  Connector connector() {
    return connector;
  }
}
