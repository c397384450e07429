package io.github.flowruns.cli;

import com.google.gson.stream.JsonWriter;
import io.github.flowruns.RunStatus;
import java.io.PrintWriter;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code flowruns runs stats}: the number of matching runs in each status. */
@Command(name = "stats", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "Count the matching runs by status. Every status is listed, with 0 where none.")
final class StatsCommand extends ClientCommand {
  @Mixin
  FilterOptions filters;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
      converter = OutputFormat.Converter.class,
      description = "table | json | jsonl | csv (default: ${DEFAULT-VALUE}).")
  OutputFormat format;

  @Override
  void validate() {
    Queries.build(filters.toQuery());
  }

  @Override
  int run(Connection c) throws Exception {
    Map<RunStatus, Long> counts = c.client().countByStatus(
        Queries.build(filters.toQuery().flowIds(flowIds(c, filters.flowIds))));
    PrintWriter out = context().out();
    long total = 0;
    for (RunStatus s : RunStatus.values()) {
      total += counts.getOrDefault(s, 0L);
    }
    switch (format) {
      case JSON:
      case JSONL: {
        JsonWriter json = RunSink.jsonWriter(out);
        if (format == OutputFormat.JSON) {
          json.setIndent("  ");
        }
        json.beginObject();
        for (RunStatus s : RunStatus.values()) {
          json.name(s.name()).value(counts.getOrDefault(s, 0L));
        }
        json.endObject();
        json.flush();
        out.println();
        break;
      }
      case CSV: {
        CSVPrinter csv = new CSVPrinter(new NonClosingWriter(out), CSVFormat.RFC4180.builder()
            .setHeader("status", "count").setRecordSeparator('\n').get());
        for (RunStatus s : RunStatus.values()) {
          csv.printRecord(s.name(), counts.getOrDefault(s, 0L));
        }
        csv.flush();
        break;
      }
      case TABLE:
      default: {
        int width = String.valueOf(total).length();
        width = Math.max(width, 5);
        out.printf("%-19s  %" + width + "s%n", "STATUS", "COUNT");
        for (RunStatus s : RunStatus.values()) {
          out.printf("%-19s  %" + width + "d%n", s.name(), counts.getOrDefault(s, 0L));
        }
        out.printf("%-19s  %" + width + "d%n", "TOTAL", total);
        break;
      }
    }
    out.flush();
    return 0;
  }
}
