package io.github.flowruns.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.flowruns.testing.VendorSimulator;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code runs watch} and {@code --wait} as a user runs them: the built jar, as a process. */
class WatchAndWaitJarIT {

  private static String[] args(VendorSimulator sim, String command, String... rest) {
    return Sims.runsAllFlows(command, sim, rest);
  }

  @Test
  void watchOnceTwiceWithACheckpointPrintsEachEventOnce(@TempDir Path dir) throws Exception {
    Path checkpoint = dir.resolve("watch.json");
    try (VendorSimulator sim = Sims.start("activepieces", 20)) {
      Cli.Result first = Jar.run(args(sim, "watch", "--once", "--checkpoint",
          checkpoint.toString()));
      assertEquals(0, first.status, first.toString());
      assertTrue(Files.isRegularFile(checkpoint), first.toString());
      sim.advance(Duration.ofMinutes(4));
      Cli.Result second = Jar.run(args(sim, "watch", "--once", "--checkpoint",
          checkpoint.toString()));
      assertEquals(0, second.status, second.toString());
      assertFalse(second.out.isEmpty(), "runs arrived in four minutes: " + second);
      Cli.Result third = Jar.run(args(sim, "watch", "--once", "--checkpoint",
          checkpoint.toString()));
      assertEquals(0, third.status, third.toString());
      assertEquals("", third.out, "nothing new: " + third);
      Set<String> ids = new HashSet<>();
      for (Cli.Result r : List.of(first, second)) {
        for (String line : r.outLines()) {
          JsonObject e = JsonParser.parseString(line).getAsJsonObject();
          assertTrue(ids.add(e.get("eventId").getAsString()), "once: " + line);
        }
      }
    }
  }

  @Test
  void triggerWaitExitStatusesSayHowTheRunEnded() throws Exception {
    try (VendorSimulator sim = WaitCommandTest.quiet("flowstack", 5)) {
      ScheduledExecutorService clock = WaitCommandTest.fastClock(sim);
      try {
        int[] expected = {0, 3, 4};
        String[] plans = {"SUCCEEDED", "FAILED", "RUNNING"};
        for (int i = 0; i < plans.length; i++) {
          sim.planNext(plans[i], Duration.ofSeconds(5));
          Cli.Result r = Jar.run(Sims.runs("trigger", sim, "--flow-id", sim.flowIds().get(0),
              "--wait", "--timeout", "4s"));
          assertEquals(expected[i], r.status, plans[i] + ": " + r);
          if (i < 2) {
            assertTrue(r.out.contains(plans[i]), r.toString());
          } else {
            assertTrue(r.err.contains("was still RUNNING after 4s"), r.err);
          }
        }
      } finally {
        clock.shutdownNow();
      }
    }
  }

  @Test
  void ctrlCEndsTheWatchWithStatusZeroAndKeepsTheCheckpoint(@TempDir Path dir) throws Exception {
    Path checkpoint = dir.resolve("watch.json");
    File out = dir.resolve("out.txt").toFile();
    File err = dir.resolve("err.txt").toFile();
    // The embedded simulator, on wall-clock time: no account, no options but the vendor.
    Process p = Jar.builder(Jar.command(List.of(), "runs", "watch", "--vendor", "activepieces",
        "--checkpoint", checkpoint.toString(), "--interval", "500ms"))
        .redirectOutput(out).redirectError(err).start();
    try {
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!Files.exists(checkpoint) && System.nanoTime() < until) {
        Thread.sleep(100);
      }
      assertTrue(Files.exists(checkpoint), "the first sweep is stored: "
          + Files.readString(err.toPath(), StandardCharsets.UTF_8));
    } finally {
      p.destroy(); // SIGTERM, as Ctrl-C's SIGINT: the shutdown hooks run
    }
    assertTrue(p.waitFor(40, TimeUnit.SECONDS), "stops");
    assertEquals(0, p.exitValue(), Files.readString(err.toPath(), StandardCharsets.UTF_8));
    JsonObject state = JsonParser.parseString(Files.readString(checkpoint)).getAsJsonObject();
    assertEquals("flowruns-watch", state.get("format").getAsString());
    try (var files = Files.list(dir)) {
      List<String> names = new ArrayList<>();
      files.forEach(f -> names.add(f.getFileName().toString()));
      assertTrue(names.stream().noneMatch(n -> n.endsWith(".tmp")), "no temporary file: " + names);
    }
  }
}
