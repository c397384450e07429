package io.github.flowruns.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Opt-in ({@code -Pexport-1m}): {@code flowruns runs export} of 1,000,000 simulated runs by the jar
 * with its heap capped at 128 MB. The simulator runs in a separate process ({@code flowruns
 * simulator --runs 1000000}), so the cap applies to the exporting command alone. Prints the time
 * and writes it to {@code target/export-1m.txt}.
 */
class ExportMillionBenchmarkIT {
  static final int RUNS = Integer.getInteger("export.runs", 1_000_000);
  static final String VENDOR = System.getProperty("export.vendor", "activepieces");
  static final String HEAP = System.getProperty("export.heap", "-Xmx128m");

  @Test
  void exportsAMillionRunsWithA128MbHeap() throws Exception {
    File simErr = File.createTempFile("flowruns-sim", ".txt");
    Process sim = Jar.builder(Jar.command(List.of(), "simulator", "--vendor", VENDOR,
        "--runs", String.valueOf(RUNS))).redirectError(simErr).start();
    Path out = Files.createTempFile("flowruns-export-1m", ".jsonl");
    try (BufferedReader simOut = new BufferedReader(
        new InputStreamReader(sim.getInputStream(), StandardCharsets.UTF_8))) {
      simOut.readLine();
      simOut.readLine();
      List<String> args = new ArrayList<>(List.of("runs", "export"));
      args.addAll(List.of(simOut.readLine().trim().split(" ")));
      String flows = simOut.readLine().substring("flows: ".length());
      if (VENDOR.equals("stackai") || VENDOR.equals("flowstack")) {
        for (String f : flows.split(", ")) {
          args.addAll(List.of("--flow-id", f));
        }
      }
      args.addAll(List.of("--output", out.toString()));

      long start = System.nanoTime();
      Cli.Result r = Jar.run(Duration.ofMinutes(30), List.of(HEAP, "-XX:+ExitOnOutOfMemoryError"),
          args.toArray(new String[0]));
      double seconds = (System.nanoTime() - start) / 1e9;
      assertEquals(0, r.status, r.toString());
      long lines;
      try (Stream<String> s = Files.lines(out)) {
        lines = s.count();
      }
      assertEquals(RUNS, lines);
      String result = String.format(Locale.ROOT,
          "flowruns runs export --vendor %s: %,d runs (%,d bytes of JSON lines) in %.1f s with %s "
              + "(%s, Java %s, %d cores)%n", VENDOR, RUNS, Files.size(out), seconds, HEAP,
          System.getProperty("os.name"), System.getProperty("java.version"),
          Runtime.getRuntime().availableProcessors());
      System.out.print(result);
      Files.writeString(Path.of(System.getProperty("flowruns.target", "target"), "export-1m.txt"),
          result);
      assertTrue(r.err.contains("exported"), r.err);
    } finally {
      sim.destroy();
      sim.waitFor(30, TimeUnit.SECONDS);
      Files.deleteIfExists(out);
      Files.deleteIfExists(simErr.toPath());
    }
  }
}
