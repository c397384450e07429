package io.github.flowruns.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** A {@code runs} command: opens a connection, runs, flushes its output and closes it. */
abstract class ClientCommand implements Callable<Integer> {
  @ParentCommand
  RunsCommand runs;

  @Spec
  CommandSpec spec;

  @Mixin
  ConnectionOptions connection;

  CliContext context() {
    return runs.root.context();
  }

  @Override
  public final Integer call() throws Exception {
    validate();
    try (Connection c = context().connector().open(connection, context())) {
      return run(c);
    } finally {
      context().out().flush();
    }
  }

  /** Checks option combinations before anything is started; throws {@link UsageException}. */
  void validate() {}

  /** Runs the command; returns the exit status. */
  abstract int run(Connection c) throws Exception;

  boolean debug() {
    return connection != null && connection.debug;
  }
}
