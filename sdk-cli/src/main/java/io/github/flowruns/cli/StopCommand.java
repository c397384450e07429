package io.github.flowruns.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code flowruns runs stop RUN_ID}: stops (cancels) a run. */
@Command(name = "stop", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "Stop (cancel) a run.")
final class StopCommand extends ClientCommand {
  @Mixin
  RunRefOptions target;

  @Override
  int run(Connection c) {
    c.client().stopRun(runRef(c, target));
    context().out().println("stopped " + target.runId);
    return 0;
  }
}
