package io.github.flowruns.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.flowruns.testing.VendorSimulator;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ctrl-C (SIGINT) during {@code runs export} leaves no partial file behind. */
class ExportInterruptJarIT {

  @Test
  void ctrlCMidExportDeletesThePartialFile(@TempDir Path dir) throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/bin/kill")) || Files.isExecutable(Path.of("/usr/bin/kill")),
        "kill(1)");
    try (VendorSimulator sim = Sims.start("activepieces", 5000)) {
      sim.latency(Duration.ofMillis(150)); // about 8 s for the whole export: time to interrupt it
      Path out = dir.resolve("runs.jsonl");
      List<String> args = new ArrayList<>(List.of(Sims.runsAllFlows("export", sim, "--output",
          out.toString())));
      File err = dir.resolve("stderr.txt").toFile();
      Process p = Jar.builder(Jar.command(List.of(), args.toArray(new String[0])))
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err).start();
      try {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        Path part = null;
        while (part == null || Files.size(part) == 0) {
          assertTrue(System.nanoTime() < deadline, "no partial file grew within 60 s");
          assertTrue(p.isAlive(), () -> "ended early: " + read(err));
          Thread.sleep(50);
          part = partFile(dir);
        }
        new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the export ended on SIGINT");
      } finally {
        p.destroyForcibly();
      }
      assertEquals(null, partFile(dir), "no partial file left");
      assertTrue(Files.notExists(out), "and no output");
      assertTrue(read(err).contains("flowruns: interrupted; the partial file was deleted"),
          read(err));
    }
  }

  private static Path partFile(Path dir) throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(f -> f.getFileName().toString().endsWith(".part")).findFirst().orElse(null);
    }
  }

  private static String read(File f) {
    try {
      return Files.readString(f.toPath(), StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      return e.toString();
    }
  }
}
