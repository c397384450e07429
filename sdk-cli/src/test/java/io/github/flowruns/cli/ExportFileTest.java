package io.github.flowruns.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.flowruns.testing.VendorSimulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exported file's permissions, and the progress bar's total. */
class ExportFileTest {
  @TempDir
  Path dir;

  private boolean posix() {
    return Files.getFileAttributeView(dir, PosixFileAttributeView.class) != null;
  }

  @Test
  void aNewExportGetsThePermissionsTheUmaskGives() throws Exception {
    assumeTrue(posix(), "POSIX modes");
    Path control = Files.createFile(dir.resolve("control"));
    try (VendorSimulator sim = Sims.start("activepieces", 20)) {
      Path out = dir.resolve("runs.jsonl");
      Cli.Result r = Cli.run(Sims.runsAllFlows("export", sim, "--output", out.toString()));
      assertEquals(0, r.status, r.toString());
      assertEquals(Files.getPosixFilePermissions(control), Files.getPosixFilePermissions(out),
          "as any new file of this process (not a forced 0600)");
    }
  }

  @Test
  void overwritingAnExportKeepsTheFilesMode() throws Exception {
    assumeTrue(posix(), "POSIX modes");
    try (VendorSimulator sim = Sims.start("flowstack", 20)) {
      for (String mode : new String[] {"rw-r--r--", "rw-r-----", "rw-rw-rw-"}) {
        Path out = dir.resolve("runs.jsonl");
        Files.writeString(out, "previous\n");
        Set<PosixFilePermission> before = PosixFilePermissions.fromString(mode);
        Files.setPosixFilePermissions(out, before);
        Cli.Result r = Cli.run(Sims.runsAllFlows("export", sim, "--output", out.toString()));
        assertEquals(0, r.status, r.toString());
        assertEquals(before, Files.getPosixFilePermissions(out), mode);
        assertEquals(sim.runCount(), Files.readAllLines(out).size(), "every run");
      }
    }
  }

  @Test
  void theProgressBarEndsAtTheNumberWrittenNotAtTheLimitOrAQuestionMark() throws Exception {
    for (String limit : new String[] {null, "1000"}) {
      try (VendorSimulator sim = Sims.start("flowstack", 150)) {
        Path out = dir.resolve("runs.jsonl");
        String[] args = Sims.runsAllFlows("export", sim, "--output", out.toString());
        if (limit != null) {
          args = TableWidthTest.append(args, "--limit", limit);
        }
        Cli.Result r = Cli.run(Map.of("COLUMNS", "120"), true, args);
        assertEquals(0, r.status, r.toString());
        String last = lastFrame(r.err);
        assertTrue(last.contains("150/150"), "limit " + limit + ": " + last);
      }
    }
  }

  @Test
  void theBarShowsTheTotalBeforeTheEndWhereTheVendorCountsOnTheServer() throws Exception {
    // Activepieces counts by status in one request; each listing page takes 300 ms, so the bar
    // is drawn several times before the export ends.
    try (VendorSimulator sim = Sims.start("activepieces", 450)) {
      sim.latency(Duration.ofMillis(300));
      Path out = dir.resolve("runs.jsonl");
      Cli.Result r = Cli.run(Map.of("COLUMNS", "120"), true,
          Sims.runsAllFlows("export", sim, "--output", out.toString()));
      assertEquals(0, r.status, r.toString());
      List<String> frames = frames(r.err);
      assertTrue(frames.size() >= 3, frames.toString());
      assertTrue(frames.subList(0, frames.size() - 1).stream()
          .anyMatch(f -> f.contains("/450 runs") && !f.contains("450/450")), frames.toString());
      assertTrue(lastFrame(r.err).contains("450/450"), frames.toString());
    }
  }

  static List<String> frames(String err) {
    return Arrays.stream(err.split("[\r\n]")).map(String::trim)
        .filter(f -> f.startsWith("Exporting")).toList();
  }

  static String lastFrame(String err) {
    List<String> frames = frames(err);
    return frames.isEmpty() ? "(no frame) " + err : frames.get(frames.size() - 1);
  }
}
