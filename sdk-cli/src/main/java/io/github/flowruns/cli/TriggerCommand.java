package io.github.flowruns.cli;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.ToNumberPolicy;
import com.google.gson.reflect.TypeToken;
import io.github.flowruns.Run;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code flowruns runs trigger --flow-id F [--data JSON] [--wait [--timeout D]]}: starts a run and
 * prints it, or waits for it to end and prints it then.
 */
@Command(name = "trigger", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "Start a run of a flow and print it (with --wait: as it ended).")
final class TriggerCommand extends ClientCommand {
  // Integers stay integers: {"orderId": 42} must not reach the vendor as 42.0.
  private static final Gson GSON = new GsonBuilder()
      .setObjectToNumberStrategy(ToNumberPolicy.LONG_OR_DOUBLE).create();

  @Option(names = "--flow-id", paramLabel = "F",
      description = "The flow to run; required, except against the embedded simulator, whose "
          + "first flow is the default.")
  String flowId;

  @Option(names = "--data", paramLabel = "JSON", description = "The input, a JSON object.")
  String data;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
      converter = OutputFormat.Converter.class,
      description = "table | json | jsonl | csv (default: ${DEFAULT-VALUE}).")
  OutputFormat format;

  @Mixin
  WaitOptions waiting;

  private Map<String, Object> input;

  @Override
  void validate() {
    input = parseData(data);
    waiting.validate(CliVendors.of(connection.vendor));
  }

  @Override
  int run(Connection c) throws Exception {
    String flow = flowId;
    if (flow == null) {
      List<String> flows = c.simulator() == null ? List.of() : c.simulator().flowIds();
      if (flows.isEmpty()) {
        throw new UsageException("Missing required option: '--flow-id=F'");
      }
      flow = flows.get(0);
    }
    Run run = c.client().triggerRun(flow, input);
    return waiting.printOrWait(context(), c.client(), run, format);
  }

  static Map<String, Object> parseData(String data) {
    if (data == null || data.isBlank()) {
      return Map.of();
    }
    JsonElement e;
    try {
      e = JsonParser.parseString(data);
    } catch (JsonParseException ex) {
      throw new UsageException("--data is not valid JSON: " + where(rootMessage(ex)));
    }
    if (!e.isJsonObject()) {
      throw new UsageException("--data must be a JSON object, e.g. '{\"orderId\": 42}'");
    }
    return GSON.fromJson(e, new TypeToken<Map<String, Object>>() { }.getType());
  }

  /**
   * Gson's message without its pointer to Gson's troubleshooting page (which helps Java
   * programmers, not someone typing --data): what is wrong and where, line, column and path.
   */
  static String where(String message) {
    if (message == null) {
      return "malformed";
    }
    String m = message.replaceAll("\\s*See https?://\\S+", "").trim();
    m = m.replaceFirst(" path (\\$\\S*)$", " (at JSON path $1)");
    return m.replace("Use JsonReader.setStrictness(Strictness.LENIENT) to accept malformed JSON", "")
        .replace("Use JsonReader.setLenient(true) to accept malformed JSON", "").trim();
  }

  private static String rootMessage(Throwable t) {
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage();
  }
}
