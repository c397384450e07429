package io.github.flowruns.cli;

import io.github.flowruns.testing.VendorSimulator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Runs the command line in-process with captured output and a given environment. */
final class Cli {
  private Cli() {}

  /** What a run of the command printed and returned. */
  static final class Result {
    final int status;
    final String out;
    final String err;

    Result(int status, String out, String err) {
      this.status = status;
      this.out = out;
      this.err = err;
    }

    List<String> outLines() {
      return out.lines().collect(Collectors.toList());
    }

    List<String> errLines() {
      return err.lines().collect(Collectors.toList());
    }

    @Override
    public String toString() {
      return "exit " + status + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
    }
  }

  static Result run(String... args) {
    return run(Map.of(), false, args);
  }

  static Result run(Map<String, String> env, boolean stderrIsTerminal, String... args) {
    return run(env, stderrIsTerminal, false, args);
  }

  /** With standard output a terminal or not: tables are then cut to COLUMNS (else 80). */
  static Result run(Map<String, String> env, boolean stderrIsTerminal, boolean stdoutIsTerminal,
      String... args) {
    StringWriter out = new StringWriter();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
    CliContext context = CliContext.of(new PrintWriter(out), errStream, env, stderrIsTerminal,
        stdoutIsTerminal);
    int status = FlowRunsCli.execute(context, args);
    errStream.flush();
    return new Result(status, out.toString(), err.toString(StandardCharsets.UTF_8));
  }

  /**
   * {@code --vendor V --base-url URL --api-key KEY [--project-id P | --org-id O ...]} for a
   * simulator: what {@code flowruns simulator} prints.
   */
  static List<String> connection(VendorSimulator sim) {
    Map<String, String> s = EmbeddedSimulator.of(sim).clientSettings();
    return List.of(SimulatorCommand.connectionOptions(Sims.descriptorOf(sim), s)
        .split(" "));
  }

  /** {@code prefix..., connection(sim)..., rest...}. */
  static String[] args(List<String> prefix, VendorSimulator sim, String... rest) {
    List<String> all = new ArrayList<>(prefix);
    all.addAll(connection(sim));
    all.addAll(List.of(rest));
    return all.toArray(new String[0]);
  }
}
