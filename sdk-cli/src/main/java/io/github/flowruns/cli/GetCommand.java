package io.github.flowruns.cli;

import io.github.flowruns.Run;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code flowruns runs get RUN_ID}: one run, with its steps in the table view. */
@Command(name = "get", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "Show one run; the table view lists its steps where the vendor gives them.")
final class GetCommand extends ClientCommand {
  @Mixin
  RunRefOptions target;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
      converter = OutputFormat.Converter.class,
      description = "table | json | jsonl | csv (default: ${DEFAULT-VALUE}).")
  OutputFormat format;

  @Override
  int run(Connection c) throws Exception {
    Run found = c.client().getRun(runRef(c, target));
    SingleRun.print(context().out(), format, found, true);
    return 0;
  }
}
