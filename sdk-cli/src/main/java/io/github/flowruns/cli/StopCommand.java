package io.github.flowruns.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code flowruns runs stop RUN_ID}: stops (cancels) a run. */
@Command(name = "stop", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "Stop (cancel) a run.")
final class StopCommand extends ClientCommand {
  @Parameters(index = "0", paramLabel = "RUN_ID", description = "The run id.")
  String runId;

  @Override
  int run(Connection c) {
    c.client().stopRun(runId);
    context().out().println("stopped " + runId);
    return 0;
  }
}
