package io.github.flowruns.cli;

import io.github.flowruns.Run;
import io.github.flowruns.RunQuery;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code flowruns runs list}: streams the matching runs, newest first. */
@Command(name = "list", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "List runs, newest first. Pages are fetched as they are printed.")
final class ListCommand extends ClientCommand {
  @Mixin
  FilterOptions filters;

  @Option(names = "--limit", paramLabel = "N", description = "Print at most N runs.")
  Long limit;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
      converter = OutputFormat.Converter.class,
      description = "table | json | jsonl | csv (default: ${DEFAULT-VALUE}).")
  OutputFormat format;

  @Override
  void validate() {
    Limits.check(limit);
    Queries.build(filters.toQuery());
  }

  @Override
  int run(Connection c) throws Exception {
    RunQuery.Builder q = filters.toQuery();
    q.flowIds(flowIds(c, filters.flowIds));
    if (limit != null) {
      q.limit(limit);
    }
    RunQuery query = Queries.build(q);
    PrintWriter out = context().out();
    RunSink sink = RunSink.create(format, out, display.width(context()),
        display.colored(context()));
    long n = 0;
    for (Run run : c.client().listRuns(query)) {
      sink.write(run);
      // Stop paging once the reader has gone (e.g. "| head"): PrintWriter swallows the error.
      if ((++n & 0xFF) == 0 && out.checkError()) {
        return 0;
      }
    }
    sink.finish();
    return 0;
  }
}
