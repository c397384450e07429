package io.github.flowruns.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import io.github.flowruns.testing.VendorSimulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code runs export} under faults: complete and exact, or nothing and a count on stderr. */
class ExportTest {
  static final int RUNS = 450;
  static final Pattern WRITTEN = Pattern.compile(
      "flowruns: export failed after ([\\d,]+) runs? had been written; the partial file was deleted");

  static Stream<String> vendors() {
    return Sims.VENDORS.stream();
  }

  static List<String> files(Path dir) throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
    }
  }

  @ParameterizedTest
  @MethodSource("vendors")
  void aConnectionDroppedMidBodyEitherIsRetriedToACompleteExportOrFailsSayingHowMany(
      String vendor, @TempDir Path dir) throws Exception {
    try (VendorSimulator sim = Sims.start(vendor, RUNS)) {
      sim.dropConnectionAfter(2);
      Path out = dir.resolve("runs.jsonl");
      Cli.Result r = Cli.run(Sims.runsAllFlows("export", sim, "--output", out.toString()));
      if (r.status == 0) {
        List<String> lines = Files.readAllLines(out);
        Set<String> ids = new HashSet<>();
        for (String line : lines) {
          assertTrue(ids.add(JsonParser.parseString(line).getAsJsonObject().get("id").getAsString()),
              "each run exactly once");
        }
        assertEquals(sim.runCount(), ids.size(), "every run");
        assertEquals(List.of("runs.jsonl"), files(dir));
      } else {
        assertEquals(1, r.status, r.toString());
        assertTrue(WRITTEN.matcher(r.err).find(), r.err);
        assertEquals(List.of(), files(dir), "nothing partial is left");
      }
    }
  }

  @ParameterizedTest
  @MethodSource("vendors")
  void aFailureMidwayDeletesThePartialFileAndSaysHowManyRunsWereWritten(String vendor,
      @TempDir Path dir) throws Exception {
    try (VendorSimulator sim = Sims.start(vendor, RUNS)) {
      // Two requests are answered; the third gets a 429 whose Retry-After (an hour) outlasts the
      // SDK's retry budget, so the export fails after the first pages were written. Vendors that
      // list flow by flow merge the flows newest first: their first page takes one request a flow.
      int flows = Sims.flowArgs(sim).size() / 2;
      sim.rateLimit(flows + 2, Duration.ofHours(1));
      Path out = dir.resolve("runs.csv");
      Files.writeString(out, "previous export\n");
      Cli.Result r = Cli.run(Sims.runsAllFlows("export", sim, "--output", out.toString()));
      assertEquals(1, r.status, r.toString());
      List<String> lines = r.errLines();
      assertEquals(2, lines.size(), r.err);
      // FlowStack announces its window's reset on every answer (vendors.md): the client's request
      // budget then refuses the third request unsent, as a 429 would, rather than wait an hour.
      String refusal = sim.vendor().equals("flowstack") ? "the request budget allows" : "HTTP 429";
      assertTrue(lines.get(0).startsWith("flowruns: " + Sims.displayName(sim) + " listRuns: " + refusal),
          r.err);
      Matcher m = WRITTEN.matcher(lines.get(1));
      assertTrue(m.find(), r.err);
      long written = Long.parseLong(m.group(1).replace(",", ""));
      assertTrue(written > 0 && written < sim.runCount(), "written " + written);
      assertFalse(r.err.contains("\tat "));
      assertEquals("previous export\n", Files.readString(out), "the old file is untouched");
      assertEquals(List.of("runs.csv"), files(dir), "no temporary file is left");
    }
  }

  @Test
  void theProgressBarIsDrawnOnlyWhenStderrIsATerminal(@TempDir Path dir) throws Exception {
    try (VendorSimulator sim = Sims.start("activepieces", 300)) {
      Path out = dir.resolve("runs.jsonl");
      String[] args = Sims.runsAllFlows("export", sim, "--output", out.toString());
      Cli.Result terminal = Cli.run(java.util.Map.of("COLUMNS", "100"), true, args);
      assertEquals(0, terminal.status, terminal.toString());
      assertTrue(terminal.err.contains("Exporting"), terminal.err);
      assertTrue(terminal.err.contains("\r"), "redrawn in place");
      assertTrue(terminal.err.contains("300"), terminal.err);

      Cli.Result piped = Cli.run(java.util.Map.of("COLUMNS", "100"), false, args);
      assertEquals(0, piped.status, piped.toString());
      assertFalse(piped.err.contains("Exporting"), piped.err);
      assertFalse(piped.err.contains("\r"));
      assertEquals(1, piped.errLines().size(), piped.err);
      assertTrue(piped.err.startsWith("flowruns: exported 300 runs to "), piped.err);
    }
  }

  @Test
  void exportWithALimitStopsThere(@TempDir Path dir) throws Exception {
    try (VendorSimulator sim = Sims.start("patchworks", 300)) {
      Path out = dir.resolve("some.csv");
      Cli.Result r = Cli.run(Sims.runsAllFlows("export", sim, "--output", out.toString(),
          "--limit", "42", "--status", "succeeded"));
      assertEquals(0, r.status, r.toString());
      List<String> lines = Files.readAllLines(out);
      assertEquals(43, lines.size());
      assertTrue(lines.stream().skip(1).allMatch(l -> l.contains(",SUCCEEDED,")));
    }
  }
}
