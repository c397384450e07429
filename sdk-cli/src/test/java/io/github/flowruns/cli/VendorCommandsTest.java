package io.github.flowruns.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.flowruns.Capabilities.Operation;
import io.github.flowruns.FlowRunsClient;
import io.github.flowruns.FlowRunsClients;
import io.github.flowruns.RunQuery;
import io.github.flowruns.RunStatus;
import io.github.flowruns.Vendor;
import io.github.flowruns.testing.SimulatedRun;
import io.github.flowruns.testing.VendorSimulator;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every command in every format, against the simulator of every vendor, in-process. */
class VendorCommandsTest {
  static final int RUNS = 120;

  static Stream<String> vendors() {
    return Sims.VENDORS.stream();
  }

  static JsonArray listJson(VendorSimulator sim, String... rest) {
    Cli.Result r = Cli.run(Sims.runsAllFlows("list", sim, concat(rest, "--format", "json")));
    assertEquals(0, r.status, r.toString());
    assertEquals("", r.err, "a listing against a given server prints nothing on stderr");
    return JsonParser.parseString(r.out).getAsJsonArray();
  }

  static String[] concat(String[] a, String... b) {
    return Stream.concat(Stream.of(a), Stream.of(b)).toArray(String[]::new);
  }

  static String str(JsonObject o, String name) {
    JsonElement e = o.get(name);
    return e == null || e.isJsonNull() ? null : e.getAsString();
  }

  static String iso(Instant t) {
    return t == null ? null : t.toString();
  }

  @ParameterizedTest
  @MethodSource("vendors")
  void listJsonShowsEverySimulatedRunWithItsFacts(String vendor) {
    try (VendorSimulator sim = Sims.start(vendor, RUNS)) {
      JsonArray runs = listJson(sim);
      assertEquals(sim.runCount(), runs.size());
      Set<String> ids = new HashSet<>();
      for (JsonElement e : runs) {
        JsonObject run = e.getAsJsonObject();
        assertEquals(RunOutputTest.FIELDS, run.keySet());
        String id = str(run, "id");
        assertTrue(ids.add(id), "each run once: " + id);
        SimulatedRun expected = sim.findRun(id).orElseThrow(() -> new AssertionError("no run " + id));
        assertEquals(vendor, str(run, "vendor"));
        assertEquals(expected.flowId(), str(run, "flowId"), id);
        RunStatus.valueOf(str(run, "status"));
        assertEquals(expected.status(), str(run, "rawStatus"), id);
        // Where a vendor has no start time (queued) the adapter may give the creation time, and
        // not every vendor sends a finish time: what is printed must be the simulator's values.
        String startedAt = str(run, "startedAt");
        assertTrue(startedAt == null || startedAt.equals(iso(expected.startedAt()))
            || startedAt.equals(iso(expected.createdAt())), id + " " + startedAt);
        if (str(run, "finishedAt") != null) {
          assertEquals(iso(expected.finishedAt()), str(run, "finishedAt"), id);
        }
        if (run.get("failedStep").isJsonObject()) {
          JsonObject fs = run.getAsJsonObject("failedStep");
          // Activepieces listings name the failed step but carry no message (vendors.md).
          if (!vendor.equals("activepieces")) {
            assertNotNull(str(fs, "message"), id);
          }
          assertTrue(str(fs, "message") == null
              || str(fs, "message").contains(expected.failedStepMessage()), id);
        }
        if (!run.get("durationMs").isJsonNull()) {
          assertTrue(run.get("durationMs").getAsLong() >= 0);
        }
        assertTrue(run.get("tags").isJsonArray());
      }
    }
  }

  @ParameterizedTest
  @MethodSource("vendors")
  void jsonlCsvAndTableListTheSameRunsAsJson(String vendor) throws Exception {
    try (VendorSimulator sim = Sims.start(vendor, RUNS)) {
      List<String> ids = new ArrayList<>();
      listJson(sim).forEach(e -> ids.add(str(e.getAsJsonObject(), "id")));

      Cli.Result jsonl = Cli.run(Sims.runsAllFlows("list", sim, "--format", "jsonl"));
      assertEquals(0, jsonl.status, jsonl.toString());
      assertEquals(ids, jsonl.outLines().stream()
          .map(l -> str(JsonParser.parseString(l).getAsJsonObject(), "id"))
          .collect(Collectors.toList()));

      Cli.Result csv = Cli.run(Sims.runsAllFlows("list", sim, "--format", "csv"));
      assertEquals(0, csv.status, csv.toString());
      assertTrue(csv.out.startsWith(String.join(",", RunFields.CSV_HEADER) + "\n"));
      List<CSVRecord> records;
      try (CSVParser p = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
          .parse(new StringReader(csv.out))) {
        records = p.getRecords();
      }
      assertEquals(ids, records.stream().map(r -> r.get("id")).collect(Collectors.toList()));
      // The seeded messages include one with a comma, double quotes and line breaks; it must
      // read back unchanged. (Patchworks lists no failed step, so its CSV has none to escape.)
      if (records.stream().anyMatch(r -> !r.get("failedStepMessage").isEmpty())) {
        CSVRecord tricky = records.stream()
            .filter(r -> r.get("failedStepMessage").contains("\n")).findFirst()
            .orElseThrow(() -> new AssertionError("no multi-line message among " + records.size()));
        String message = tricky.get("failedStepMessage");
        assertTrue(message.contains(",") && message.contains("\""), message);
        assertTrue(message.contains(sim.findRun(tricky.get("id")).orElseThrow().failedStepMessage()),
            message);
        assertTrue(csv.out.contains("\"\""), "quotes are doubled inside a quoted cell");
      }

      Cli.Result table = Cli.run(Sims.runsAllFlows("list", sim));
      assertEquals(0, table.status, table.toString());
      List<String> lines = table.outLines();
      assertEquals(ids.size() + 1, lines.size());
      int statusColumn = lines.get(0).indexOf("STATUS");
      Pattern statusAt = Pattern.compile("[A-Z_]+");
      for (int i = 1; i < lines.size(); i++) {
        assertTrue(lines.get(i).startsWith(ids.get(i - 1)), lines.get(i));
        String rest = lines.get(i).substring(statusColumn);
        assertTrue(statusAt.matcher(rest).lookingAt(), "aligned: " + lines.get(i));
      }
    }
  }

  @ParameterizedTest
  @MethodSource("vendors")
  void statusAndLimitFiltersApply(String vendor) {
    try (VendorSimulator sim = Sims.start(vendor, RUNS)) {
      JsonArray failed = listJson(sim, "--status", "failed,TIMED_OUT", "--limit", "7");
      assertTrue(failed.size() > 0 && failed.size() <= 7, "size " + failed.size());
      for (JsonElement e : failed) {
        String s = str(e.getAsJsonObject(), "status");
        assertTrue(s.equals("FAILED") || s.equals("TIMED_OUT"), s);
      }
      String flow = sim.flowIds().get(1);
      Cli.Result r = Cli.run(Sims.runs("list", sim, "--flow-id", flow, "--format", "jsonl"));
      assertEquals(0, r.status, r.toString());
      assertFalse(r.outLines().isEmpty());
      for (String line : r.outLines()) {
        assertEquals(flow, str(JsonParser.parseString(line).getAsJsonObject(), "flowId"));
      }
    }
  }

  @ParameterizedTest
  @MethodSource("vendors")
  void statsPrintsTheCountsOfTheClient(String vendor) {
    try (VendorSimulator sim = Sims.start(vendor, RUNS)) {
      Map<RunStatus, Long> listed;
      try (FlowRunsClient client = FlowRunsClients.create(Vendor.fromName(vendor),
          EmbeddedSimulator.of(sim).clientSettings())) {
        listed = client.countByStatus(RunQuery.builder().flowIds(
            FlowRunsClients.descriptor(vendor).listsPerFlow() ? sim.flowIds() : List.of())
            .build());
      }
      Cli.Result r = Cli.run(Sims.runsAllFlows("stats", sim, "--format", "json"));
      assertEquals(0, r.status, r.toString());
      JsonObject counts = JsonParser.parseString(r.out).getAsJsonObject();
      assertEquals(RunStatus.values().length, counts.size());
      for (RunStatus s : RunStatus.values()) {
        assertEquals(listed.getOrDefault(s, 0L), counts.get(s.name()).getAsLong(), s.name());
      }
      Cli.Result table = Cli.run(Sims.runsAllFlows("stats", sim));
      assertEquals(0, table.status, table.toString());
      long total = listed.values().stream().mapToLong(Long::longValue).sum();
      assertTrue(Pattern.compile("(?m)^TOTAL\\s+" + total + "$").matcher(table.out).find(),
          table.out);
      Cli.Result csv = Cli.run(Sims.runsAllFlows("stats", sim, "--format", "csv"));
      assertTrue(csv.out.startsWith("status,count\n"), csv.out);
    }
  }

  @ParameterizedTest
  @MethodSource("vendors")
  void getShowsOneRunInEveryFormat(String vendor) {
    try (VendorSimulator sim = Sims.start(vendor, RUNS)) {
      SimulatedRun failed = sim.runs().stream().filter(r -> r.failedStepName() != null)
          .findFirst().orElseThrow();
      boolean supported = Sims.capabilities(sim).supports(Operation.GET_RUN);
      Cli.Result json = Cli.run(Sims.runs("get", sim, failed.id(), "--flow-id", failed.flowId(),
          "--format", "json"));
      if (!supported) {
        assertOneLineVendorFailure(json, Sims.displayName(sim) + " does not support getRun");
        return;
      }
      assertEquals(0, json.status, json.toString());
      JsonObject run = JsonParser.parseString(json.out).getAsJsonObject();
      assertEquals(RunOutputTest.FIELDS, run.keySet());
      // Where a vendor addresses a run within its flow, ids carry the flow (api.md "Ids round-trip").
      String id = "FLOW/RUN".equals(FlowRunsClients.descriptor(vendor).runIdForm())
          ? failed.flowId() + "/" + failed.id() : failed.id();
      assertEquals(id, str(run, "id"));
      assertEquals(failed.flowId(), str(run, "flowId"));
      if (run.get("failedStep").isJsonObject()) {
        assertTrue(str(run.getAsJsonObject("failedStep"), "message")
            .contains(failed.failedStepMessage()), json.out);
      }

      Cli.Result table = Cli.run(Sims.runs("get", sim, failed.id(), "--flow-id", failed.flowId()));
      assertEquals(0, table.status, table.toString());
      assertTrue(table.out.startsWith("id            " + id + "\n"), table.out);
      assertTrue(table.out.contains("status        " + str(run, "status")), table.out);

      Cli.Result jsonl = Cli.run(Sims.runs("get", sim, failed.id(), "--flow-id", failed.flowId(),
          "--format", "jsonl"));
      assertEquals(1, jsonl.outLines().size(), jsonl.out);
      Cli.Result csv = Cli.run(Sims.runs("get", sim, failed.id(), "--flow-id", failed.flowId(),
          "--format", "csv"));
      assertTrue(csv.out.startsWith("id,vendor,flowId,"), csv.out);

      // An id of the vendor's own shape: some refuse a malformed one with 400 before looking.
      String missingId = sim.unknownRunId();
      Cli.Result missing = Cli.run(Sims.runs("get", sim, missingId, "--flow-id",
          failed.flowId()));
      assertOneLineVendorFailure(missing, "HTTP 404");
    }
  }

  @ParameterizedTest
  @MethodSource("vendors")
  void retryPrintsTheNewRunOrSaysTheVendorCannot(String vendor) {
    try (VendorSimulator sim = Sims.start(vendor, RUNS)) {
      SimulatedRun failed = sim.runs().stream().filter(SimulatedRun::failed)
          .filter(r -> r.createdAt().isAfter(Instant.now().minusSeconds(5 * 86_400)))
          .findFirst().orElseThrow();
      Cli.Result r = Cli.run(Sims.runs("retry", sim, failed.id(), "--flow-id", failed.flowId(),
          "--format", "json"));
      if (!Sims.capabilities(sim).supports(Operation.RETRY_RUN)) {
        assertOneLineVendorFailure(r, "does not support retryRun");
        return;
      }
      assertEquals(0, r.status, r.toString());
      JsonObject run = JsonParser.parseString(r.out).getAsJsonObject();
      assertNotNull(str(run, "id"));
      assertEquals(failed.flowId(), str(run, "flowId"));
    }
  }

  @ParameterizedTest
  @MethodSource("vendors")
  void stopEndsARunningRunOrSaysTheVendorCannot(String vendor) {
    try (VendorSimulator sim = Sims.start(vendor, RUNS)) {
      // Activepieces cancels only queued and paused runs; other vendors stop running ones too.
      SimulatedRun running = sim.runs().stream()
          .filter(r -> "QUEUED".equals(r.status()) || "PAUSED".equals(r.status())).findFirst()
          .orElseGet(() -> sim.runs().stream().filter(r -> !r.terminal()).findFirst().orElseThrow());
      Cli.Result r = Cli.run(Sims.runs("stop", sim, running.id(), "--flow-id", running.flowId()));
      if (!Sims.capabilities(sim).supports(Operation.STOP_RUN)) {
        assertOneLineVendorFailure(r, "does not support stopRun");
        return;
      }
      assertEquals(0, r.status, r.toString());
      assertEquals("stopped " + running.id() + "\n", r.out);
      assertTrue(sim.findRun(running.id()).orElseThrow().terminal(), "the simulator ended the run");
    }
  }

  @ParameterizedTest
  @MethodSource("vendors")
  void triggerStartsARunWithTheGivenData(String vendor) {
    try (VendorSimulator sim = Sims.start(vendor, RUNS)) {
      String flow = sim.flowIds().get(0);
      int before = sim.runCount();
      Cli.Result r = Cli.run(Sims.runs("trigger", sim, "--flow-id", flow,
          "--data", "{\"orderId\": 42, \"note\": \"a, \\\"b\\\"\"}", "--format", "json"));
      if (!Sims.capabilities(sim).supports(Operation.TRIGGER_RUN)) {
        assertOneLineVendorFailure(r, "does not support triggerRun");
        return;
      }
      assertEquals(0, r.status, r.toString());
      JsonObject run = JsonParser.parseString(r.out).getAsJsonObject();
      assertEquals(RunOutputTest.FIELDS, run.keySet());
      assertEquals(before + 1, sim.runCount());
    }
  }

  @ParameterizedTest
  @MethodSource("vendors")
  void triggerAndRetryPrintTheirRunInEveryFormat(String vendor) throws Exception {
    try (VendorSimulator sim = Sims.start(vendor, RUNS)) {
      String flow = sim.flowIds().get(0);
      boolean trigger = Sims.capabilities(sim).supports(Operation.TRIGGER_RUN);
      boolean retry = Sims.capabilities(sim).supports(Operation.RETRY_RUN);
      List<SimulatedRun> failed = sim.runs().stream().filter(SimulatedRun::failed)
          .filter(r -> r.createdAt().isAfter(Instant.now().minusSeconds(5 * 86_400)))
          .limit(4).collect(Collectors.toList());
      int i = 0;
      for (OutputFormat format : OutputFormat.values()) {
        Cli.Result t = Cli.run(Sims.runs("trigger", sim, "--flow-id", flow, "--format",
            format.cliName()));
        assertEquals(trigger ? 0 : 1, t.status, t.toString());
        if (trigger) {
          assertSingleRun(format, t.out);
        }
        SimulatedRun run = failed.get(i++ % failed.size());
        Cli.Result r = Cli.run(Sims.runs("retry", sim, run.id(), "--flow-id", run.flowId(),
            "--format", format.cliName()));
        assertEquals(retry ? 0 : 1, r.status, r.toString());
        if (retry) {
          assertSingleRun(format, r.out);
        }
      }
      Cli.Result stats = Cli.run(Sims.runsAllFlows("stats", sim, "--format", "jsonl"));
      assertEquals(0, stats.status, stats.toString());
      assertEquals(1, stats.outLines().size());
      assertEquals(RunStatus.values().length,
          JsonParser.parseString(stats.out).getAsJsonObject().size());
    }
  }

  static void assertSingleRun(OutputFormat format, String out) throws Exception {
    switch (format) {
      case JSON:
        assertEquals(RunOutputTest.FIELDS, JsonParser.parseString(out).getAsJsonObject().keySet());
        break;
      case JSONL:
        assertEquals(1, out.lines().count(), out);
        assertEquals(RunOutputTest.FIELDS, JsonParser.parseString(out).getAsJsonObject().keySet());
        break;
      case CSV:
        try (CSVParser p = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
            .parse(new StringReader(out))) {
          assertEquals(RunFields.CSV_HEADER, p.getHeaderNames());
          assertEquals(1, p.getRecords().size(), out);
        }
        break;
      default:
        assertTrue(out.startsWith("id            "), out);
        assertTrue(out.contains("\nstatus        "), out);
        break;
    }
  }

  @ParameterizedTest
  @MethodSource("vendors")
  void exportWritesEveryRunToTheFileInJsonlAndCsv(String vendor, @TempDir Path dir) throws Exception {
    try (VendorSimulator sim = Sims.start(vendor, RUNS)) {
      Path jsonl = dir.resolve("runs.jsonl");
      Cli.Result r = Cli.run(Sims.runsAllFlows("export", sim, "--output", jsonl.toString()));
      assertEquals(0, r.status, r.toString());
      assertEquals("", r.out);
      assertTrue(r.err.contains("exported " + sim.runCount() + " runs"), r.err);
      assertFalse(r.err.contains("\r"), "no progress bar when stderr is not a terminal");
      List<String> lines = Files.readAllLines(jsonl);
      assertEquals(sim.runCount(), lines.size());
      assertEquals(sim.runCount(), lines.stream()
          .map(l -> str(JsonParser.parseString(l).getAsJsonObject(), "id")).distinct().count());

      Path csv = dir.resolve("runs.csv");
      Cli.Result c = Cli.run(Sims.runsAllFlows("export", sim, "--output", csv.toString()));
      assertEquals(0, c.status, c.toString());
      try (CSVParser p = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
          .parse(Files.newBufferedReader(csv))) {
        assertEquals(RunFields.CSV_HEADER, p.getHeaderNames());
        assertEquals(sim.runCount(), p.getRecords().size());
      }
      try (Stream<Path> files = Files.list(dir)) {
        assertEquals(Set.of("runs.jsonl", "runs.csv"),
            files.map(f -> f.getFileName().toString()).collect(Collectors.toSet()),
            "no temporary file is left behind");
      }
    }
  }

  @ParameterizedTest
  @MethodSource("vendors")
  void aWrongKeyExitsOneWithOneLineAndNoStackTraceOrKey(String vendor) {
    try (VendorSimulator sim = Sims.start(vendor, 20)) {
      List<String> args = new ArrayList<>(List.of(Sims.runsAllFlows("list", sim)));
      int key = args.indexOf("--api-key") + 1;
      args.set(key, "wrong-key-0123456789");
      Cli.Result r = Cli.run(args.toArray(new String[0]));
      assertOneLineVendorFailure(r, Sims.displayName(sim) + " listRuns: HTTP 401");
      assertFalse(r.err.contains("wrong-key-0123456789"));

      args.add("--debug");
      Cli.Result debug = Cli.run(args.toArray(new String[0]));
      assertEquals(1, debug.status);
      assertTrue(debug.err.contains("\tat "), "--debug prints the stack trace");
      assertFalse(debug.err.contains("wrong-key-0123456789"), "not even with --debug");
    }
  }

  @ParameterizedTest
  @MethodSource("vendors")
  void aServerErrorAfterRetriesExitsOne(String vendor) {
    try (VendorSimulator sim = Sims.start(vendor, 20)) {
      sim.failNext(20, 500);
      Cli.Result r = Cli.run(Sims.runsAllFlows("stats", sim));
      assertOneLineVendorFailure(r, "HTTP 500");
    }
  }

  @ParameterizedTest
  @MethodSource("vendors")
  void withNoBaseUrlAndNoKeyTheEmbeddedSimulatorIsUsedAndNamedOnce(String vendor) {
    Cli.Result r = Cli.run(Map.of(), false, "runs", "list", "--vendor", vendor, "--limit", "3",
        "--format", "jsonl");
    assertEquals(0, r.status, r.toString());
    assertEquals(3, r.outLines().size(), r.out);
    assertEquals(1, r.errLines().size(), r.err);
    assertTrue(Pattern.matches("flowruns: no --base-url or API key given; using the embedded "
        + vendor + " simulator at http://(127\\.0\\.0\\.1|localhost):\\d+(/api)?", r.errLines().get(0)),
        r.err);

    Cli.Result stats = Cli.run(Map.of(), false, "runs", "stats", "--vendor", vendor);
    assertEquals(0, stats.status, stats.toString());
    assertTrue(stats.out.contains("TOTAL"), stats.out);
  }

  @ParameterizedTest
  @MethodSource("vendors")
  void theApiKeyComesFromTheEnvironmentWhenNotGiven(String vendor) {
    try (VendorSimulator sim = Sims.start(vendor, 20)) {
      List<String> args = new ArrayList<>(List.of(Sims.runsAllFlows("list", sim, "--limit", "2")));
      int key = args.indexOf("--api-key");
      String value = args.remove(key + 1);
      args.remove(key);
      Cli.Result r = Cli.run(Map.of("FLOWRUNS_API_KEY", value), false, args.toArray(new String[0]));
      assertEquals(0, r.status, r.toString());
      assertEquals(3, r.outLines().size(), r.out);
      assertEquals("", r.err);
    }
  }

  static void assertOneLineVendorFailure(Cli.Result r, String expected) {
    assertEquals(1, r.status, r.toString());
    assertEquals(1, r.errLines().size(), "one line on stderr: " + r.err);
    assertTrue(r.err.startsWith("flowruns: "), r.err);
    assertTrue(r.err.contains(expected), r.toString());
    assertFalse(r.err.contains("\tat "), "no stack trace");
  }
}
