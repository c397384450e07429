package io.github.flowruns.cli;

import io.github.flowruns.spi.VendorDescriptor;
import java.util.List;
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

  @Mixin
  DisplayOptions display;

  CliContext context() {
    return runs.root.context();
  }

  @Override
  public final Integer call() throws Exception {
    connection.resolveProfile(context());
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

  /**
   * The flows to list: those given, else none, which every client reads as "every flow of the
   * account" (vendors that list one flow at a time find the flows themselves).
   */
  List<String> flowIds(Connection c, List<String> given) {
    return given == null ? List.of() : given;
  }

  /**
   * The run reference the client takes. A vendor whose descriptor writes run ids as
   * {@code FLOW/RUN} (e.g. FlowStack) addresses a run within its flow: from {@code --flow-id},
   * else from the embedded simulator, which knows the flow of each of its runs.
   */
  String runRef(Connection c, RunRefOptions target) {
    String runId = target.runId;
    String flowId = target.flowId;
    VendorDescriptor vendor = CliVendors.of(connection.vendor);
    if (!vendor.runIdForm().contains("/") || runId.contains("/")) {
      return runId;
    }
    if (flowId != null) {
      return flowId + "/" + runId;
    }
    if (c.simulator() != null) {
      // A run the simulator does not hold gets the simulator's own 404, not a usage error.
      String flow = c.simulator().flowOf(runId).orElse(c.simulator().flowIds().get(0));
      return flow + "/" + runId;
    }
    throw new UsageException(vendor.displayName() + " addresses a run within its flow: give "
        + "--flow-id F, or RUN_ID as " + vendor.runIdForm());
  }

  boolean debug() {
    return connection != null && connection.debug;
  }
}
