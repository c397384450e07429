package io.github.flowruns.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import io.github.flowruns.testing.VendorSimulator;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The built jar, run as a process: what a user types, and what the exit status is. */
class FlowRunsJarIT {

  @Test
  void theReadmeCommandListsFailedRunsFromTheEmbeddedSimulator() throws Exception {
    Cli.Result r = Jar.run("runs", "list", "--vendor", "activepieces", "--status", "failed");
    assertEquals(0, r.status, r.toString());
    List<String> lines = r.outLines();
    assertTrue(lines.size() > 5, r.out);
    assertTrue(lines.get(0).matches("ID\\s+FLOW\\s+STATUS\\s+STARTED\\s+DURATION\\s+FAILED STEP"),
        lines.get(0));
    int status = lines.get(0).indexOf("STATUS");
    for (String line : lines.subList(1, lines.size())) {
      assertEquals(status, line.indexOf("FAILED"), line);
    }
    assertEquals(1, r.errLines().size(), r.err);
    assertTrue(r.err.startsWith("flowruns: no --base-url or API key given; using the embedded "
        + "activepieces simulator at http://"), r.err);
  }

  @ParameterizedTest
  @MethodSource("io.github.flowruns.cli.Sims#vendors")
  void everyVendorIsFoundInTheShadedJar(String vendor) throws Exception {
    Cli.Result r = Jar.run("runs", "list", "--vendor", vendor, "--limit", "2", "--format", "json");
    assertEquals(0, r.status, r.toString());
    assertEquals(2, JsonParser.parseString(r.out).getAsJsonArray().size());
  }

  @Test
  void aUsageErrorExitsTwo() throws Exception {
    Cli.Result r = Jar.run("runs", "list", "--vendor", "activepieces", "--status", "broken");
    assertEquals(2, r.status, r.toString());
    assertEquals("", r.out);
    assertTrue(r.err.startsWith("flowruns: "), r.err);
    assertFalse(r.err.contains("\tat "));
  }

  @Test
  void aVendorErrorExitsOneWithOneLineAndNoStackTrace() throws Exception {
    try (VendorSimulator sim = Sims.start("flowstack", 10)) {
      Cli.Result r = Jar.run("runs", "list", "--vendor", "flowstack", "--base-url", sim.baseUrl(),
          "--api-key", "not-the-key-42", "--flow-id", sim.flowIds().get(0));
      assertEquals(1, r.status, r.toString());
      assertEquals(1, r.errLines().size(), r.err);
      assertTrue(r.err.startsWith("flowruns: FlowStack listRuns: HTTP 401"), r.err);
      assertFalse(r.err.contains("not-the-key-42"));
    }
  }

  @Test
  void anUnsupportedOperationExitsOneWithOneLine() throws Exception {
    Cli.Result r = Jar.run("runs", "retry", "--vendor", "stackai", "some-run");
    assertEquals(1, r.status, r.toString());
    List<String> lines = r.errLines();
    assertEquals(2, lines.size(), "the simulator line and the failure: " + r.err);
    assertEquals("flowruns: StackAI does not support retryRun", lines.get(1));
  }

  @Test
  void exportWithStderrPipedDrawsNoProgressBar(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("runs.csv");
    Cli.Result r = Jar.run("runs", "export", "--vendor", "flowstack", "--output", out.toString());
    assertEquals(0, r.status, r.toString());
    assertFalse(r.err.contains("\r"), r.err);
    assertFalse(r.err.contains("Exporting"), r.err);
    assertTrue(r.err.contains("flowruns: exported 250 runs to "), r.err);
    assertEquals(251, Files.readAllLines(out).size() - extraLinesInMessages(out));
  }

  /** Lines inside quoted CSV cells (multi-line messages), which are not records. */
  private static long extraLinesInMessages(Path csv) throws Exception {
    try (var parser = org.apache.commons.csv.CSVFormat.RFC4180.parse(Files.newBufferedReader(csv))) {
      long records = parser.stream().count();
      return Files.readAllLines(csv).size() - records;
    }
  }

  @Test
  void versionAndHelpExitZero() throws Exception {
    Cli.Result v = Jar.run("--version");
    assertEquals(0, v.status, v.toString());
    assertTrue(v.out.startsWith("flowruns 0."), v.out);
    Cli.Result h = Jar.run("runs", "export", "--help");
    assertEquals(0, h.status);
    assertTrue(h.out.contains("--output=FILE"), h.out);
  }

  @Test
  void theSimulatorCommandServesUntilStoppedAndPrintsHowToConnect() throws Exception {
    File err = File.createTempFile("flowruns-sim", ".txt");
    // No arrivals: the listing below counts the seeded runs exactly.
    Process p = Jar.builder(Jar.command(List.of(), "simulator", "--vendor", "activepieces",
        "--runs", "40", "--arrivals", "0")).redirectError(err).start();
    try (BufferedReader out = new BufferedReader(
        new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String first = out.readLine();
      assertTrue(first.startsWith("activepieces simulator listening at http://"), first);
      assertEquals("connect with:", out.readLine());
      String options = out.readLine().trim();
      List<String> args = new ArrayList<>(List.of("runs", "list"));
      args.addAll(List.of(options.split(" ")));
      args.addAll(List.of("--format", "jsonl"));
      Cli.Result r = Cli.run(args.toArray(new String[0]));
      assertEquals(0, r.status, r.toString());
      assertEquals(40, r.outLines().size());
    } finally {
      p.destroy();
      assertTrue(p.waitFor(20, TimeUnit.SECONDS), "stops on SIGTERM");
      Files.deleteIfExists(err.toPath());
    }
  }
}
