package io.github.flowruns.cli;

import io.github.flowruns.Run;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code flowruns runs get RUN_ID}: one run, with its steps in the table view. */
@Command(name = "get", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "Show one run; the table view lists its steps where the vendor gives them.")
final class GetCommand extends ClientCommand {
  @Parameters(index = "0", paramLabel = "RUN_ID", description = "The run id.")
  String runId;

  @Option(names = "--flow-id", paramLabel = "F",
      description = "The run's flow, for FlowStack, which addresses runs within their flow "
          + "(or give RUN_ID as FLOW/RUN).")
  String flowId;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
      converter = OutputFormat.Converter.class,
      description = "table | json | jsonl | csv (default: ${DEFAULT-VALUE}).")
  OutputFormat format;

  @Override
  int run(Connection c) throws Exception {
    Run run = c.client().getRun(runRef(c, runId, flowId));
    SingleRun.print(context().out(), format, run, true);
    return 0;
  }
}
