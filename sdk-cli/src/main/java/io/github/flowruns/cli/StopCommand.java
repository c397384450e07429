package io.github.flowruns.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code flowruns runs stop RUN_ID}: stops (cancels) a run. */
@Command(name = "stop", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "Stop (cancel) a run.")
final class StopCommand extends ClientCommand {
  @Parameters(index = "0", paramLabel = "RUN_ID", description = "The run id.")
  String runId;

  @Option(names = "--flow-id", paramLabel = "F",
      description = "The run's flow, for FlowStack, which addresses runs within their flow "
          + "(or give RUN_ID as FLOW/RUN).")
  String flowId;

  @Override
  int run(Connection c) {
    c.client().stopRun(runRef(c, runId, flowId));
    context().out().println("stopped " + runId);
    return 0;
  }
}
