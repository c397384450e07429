package io.github.flowruns.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.flowruns.testing.SimulatedRun;
import io.github.flowruns.testing.StatusChange;
import io.github.flowruns.testing.VendorSimulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code runs watch} in-process against simulators whose clock the test moves: each event is
 * printed once across invocations that share a checkpoint, and {@code --retry} retries each
 * failed original run at most {@code --max-retries} times across invocations.
 */
class WatchCommandTest {

  static List<JsonObject> events(Cli.Result r) {
    return r.outLines().stream().map(l -> JsonParser.parseString(l).getAsJsonObject())
        .collect(Collectors.toList());
  }

  static String str(JsonObject o, String name) {
    return o.get(name) == null || o.get(name).isJsonNull() ? null : o.get(name).getAsString();
  }

  /** {@code runs watch --once --checkpoint FILE} with the flows the vendor needs, and more. */
  static Cli.Result watchOnce(VendorSimulator sim, Path checkpoint, String... rest) {
    List<String> args = new ArrayList<>(List.of("--once", "--checkpoint", checkpoint.toString()));
    args.addAll(List.of(rest));
    return Cli.run(Sims.runsAllFlows("watch", sim, args.toArray(new String[0])));
  }

  @ParameterizedTest
  @MethodSource("io.github.flowruns.cli.Sims#vendors")
  void onceTwiceWithACheckpointPrintsEachEventOnce(String vendor, @TempDir Path dir) {
    Path checkpoint = dir.resolve("watch.json");
    try (VendorSimulator sim = Sims.start(vendor, 30)) {
      Cli.Result first = watchOnce(sim, checkpoint);
      assertEquals(0, first.status, first.toString());
      assertTrue(Files.isRegularFile(checkpoint), "stored after the first sweep");
      Instant between = sim.now();

      sim.advance(Duration.ofMinutes(5));
      Cli.Result second = watchOnce(sim, checkpoint);
      assertEquals(0, second.status, second.toString());
      List<JsonObject> events = events(second);
      // Every run that arrived since the first sweep: once, NEW, as it is now (a run that
      // arrived and ended in between is reported once, in its end status).
      Set<String> arrived = new HashSet<>();
      for (StatusChange c : sim.statusChanges()) {
        if (c.from() == null && !c.at().isBefore(between)) {
          arrived.add(c.runId());
        }
      }
      assertFalse(arrived.isEmpty(), "runs arrived in five minutes");
      // By the simulator's own run id (a printed id may carry more, e.g. FlowStack's FLOW/RUN).
      Map<String, JsonObject> newByRun = new HashMap<>();
      for (JsonObject e : events) {
        if ("NEW".equals(str(e, "event"))) {
          String simId = sim.findRun(str(e, "id")).orElseThrow().id();
          assertNull(newByRun.put(simId, e), "one NEW per run: " + e);
        }
      }
      for (String id : arrived) {
        JsonObject e = newByRun.get(id);
        assertTrue(e != null, "NEW for " + id + " in\n" + second.out);
        SimulatedRun now = sim.findRun(id).orElseThrow();
        assertEquals(now.status(), str(e, "rawStatus"), e.toString());
        assertNull(str(e, "previousStatus"));
      }

      Cli.Result third = watchOnce(sim, checkpoint);
      assertEquals(0, third.status, third.toString());
      assertEquals("", third.out, "nothing happened since: nothing printed");

      sim.advance(Duration.ofMinutes(3));
      Cli.Result fourth = watchOnce(sim, checkpoint);
      assertEquals(0, fourth.status, fourth.toString());
      Set<String> seen = new HashSet<>();
      for (Cli.Result r : List.of(first, second, fourth)) {
        for (JsonObject e : events(r)) {
          assertTrue(seen.add(str(e, "eventId")), "each event once: " + e);
          if ("STATUS_CHANGED".equals(str(e, "event"))) {
            assertNotEquals(str(e, "previousStatus"), str(e, "status"), e.toString());
          }
        }
      }
      for (JsonObject e : events(fourth)) {
        if ("STATUS_CHANGED".equals(str(e, "event"))) {
          String simId = sim.findRun(str(e, "id")).orElseThrow().id();
          assertTrue(newByRun.containsKey(simId) || seenBefore(first, e),
              "a change of a run reported before: " + e);
        }
      }
    }
  }

  private static boolean seenBefore(Cli.Result r, JsonObject e) {
    return events(r).stream().anyMatch(x -> str(x, "id").equals(str(e, "id")));
  }

  @Test
  void eachLineCarriesTheRunsFieldsAndTheEvents(@TempDir Path dir) {
    Path checkpoint = dir.resolve("watch.json");
    try (VendorSimulator sim = Sims.start("activepieces", 10)) {
      assertEquals(0, watchOnce(sim, checkpoint).status);
      sim.advance(Duration.ofMinutes(2));
      Cli.Result r = watchOnce(sim, checkpoint);
      assertEquals(0, r.status, r.toString());
      List<JsonObject> events = events(r);
      assertFalse(events.isEmpty(), r.toString());
      Set<String> expected = new HashSet<>(RunOutputTest.FIELDS);
      expected.addAll(List.of("event", "previousStatus", "retryOf", "eventId", "observedAt"));
      for (JsonObject e : events) {
        assertEquals(expected, e.keySet());
        assertTrue(str(e, "eventId").matches("[0-9a-f]{32}"), e.toString());
      }
    }
  }

  @Test
  void tableFormatPrintsAHeaderAndOneAlignedLineAnEvent(@TempDir Path dir) {
    Path checkpoint = dir.resolve("watch.json");
    try (VendorSimulator sim = Sims.start("activepieces", 10)) {
      assertEquals(0, watchOnce(sim, checkpoint, "--format", "table").status);
      sim.advance(Duration.ofMinutes(3));
      Cli.Result r = watchOnce(sim, checkpoint, "--format", "table");
      assertEquals(0, r.status, r.toString());
      List<String> lines = r.outLines();
      assertTrue(lines.get(0).startsWith("OBSERVED"), r.out);
      int event = lines.get(0).indexOf("EVENT");
      assertTrue(lines.size() > 1, r.out);
      for (String line : lines.subList(1, lines.size())) {
        assertTrue(line.substring(event).startsWith("NEW")
            || line.substring(event).startsWith("STATUS_CHANGED"), line);
      }
    }
  }

  /** The activepieces simulator, with the next arrival planned to fail. */
  private static VendorSimulator failingArrival() {
    VendorSimulator sim = Sims.start("activepieces", 10);
    // Arrivals come one a minute; the first one fails 10 s after it starts.
    sim.planNext("FAILED", Duration.ofSeconds(10));
    return sim;
  }

  @Test
  void retryRetriesAFailedRunOnceAcrossInvocations(@TempDir Path dir) {
    Path checkpoint = dir.resolve("watch.json");
    try (VendorSimulator sim = failingArrival()) {
      assertEquals(0, watchOnce(sim, checkpoint, "--retry", "latest-version").status);
      sim.advance(Duration.ofSeconds(90));
      // The retry fails too.
      sim.planNext("FAILED", Duration.ofSeconds(10));
      Cli.Result second = watchOnce(sim, checkpoint, "--retry", "latest-version");
      assertEquals(0, second.status, second.toString());
      List<JsonObject> events = events(second);
      JsonObject failed = events.stream().filter(e -> "FAILED".equals(str(e, "status"))
          && !"RETRIED".equals(str(e, "event"))).findFirst().orElseThrow(() ->
          new AssertionError("the failed arrival in\n" + second));
      List<JsonObject> retried = events.stream().filter(e -> "RETRIED".equals(str(e, "event")))
          .toList();
      assertEquals(1, retried.size(), second.toString());
      JsonObject retry = retried.get(0);
      assertEquals(str(failed, "id"), str(retry, "retryOf"));
      assertEquals("FAILED", str(retry, "previousStatus"));
      // vendors.md, Activepieces: ON_LATEST_VERSION starts a new run (new id).
      assertNotEquals(str(failed, "id"), str(retry, "id"));

      sim.advance(Duration.ofSeconds(40));
      Cli.Result third = watchOnce(sim, checkpoint, "--retry", "latest-version");
      assertEquals(0, third.status, third.toString());
      assertTrue(events(third).stream().anyMatch(e -> str(retry, "id").equals(str(e, "id"))
          && "FAILED".equals(str(e, "status"))), "the retry's failure is reported: " + third);
      assertTrue(events(third).stream().noneMatch(e -> "RETRIED".equals(str(e, "event"))),
          "retried once only, by the memory in the checkpoint: " + third);
      assertTrue(third.err.contains("not retried: its original run " + str(failed, "id")
          + " was retried 1 time already"), third.err);
    }
  }

  @Test
  void maxRetriesTwoRetriesARunThatFailsAgainOnceMore(@TempDir Path dir) {
    Path checkpoint = dir.resolve("watch.json");
    try (VendorSimulator sim = failingArrival()) {
      String[] retry = {"--retry", "latest-version", "--max-retries", "2"};
      assertEquals(0, watchOnce(sim, checkpoint, retry).status);
      List<JsonObject> all = new ArrayList<>();
      String stderr = "";
      for (int i = 0; i < 4; i++) {
        sim.advance(Duration.ofSeconds(i == 0 ? 90 : 40));
        // The next run created fails: the retry made in this invocation, where there is one.
        sim.planNext("FAILED", Duration.ofSeconds(10));
        Cli.Result r = watchOnce(sim, checkpoint, retry);
        assertEquals(0, r.status, r.toString());
        all.addAll(events(r));
        stderr += r.err;
      }
      String original = str(all.get(0), "id");
      assertEquals("FAILED", str(all.get(0), "status"), all.toString());
      // Follow the original's retries: each retries the one before, and there are exactly two.
      List<String> chain = new ArrayList<>(List.of(original));
      for (JsonObject e : all) {
        if ("RETRIED".equals(str(e, "event")) && chain.contains(str(e, "retryOf"))) {
          assertEquals(chain.get(chain.size() - 1), str(e, "retryOf"), all.toString());
          chain.add(str(e, "id"));
        }
      }
      assertEquals(3, chain.size(), "the original and two retries: " + all);
      String last = chain.get(2);
      assertTrue(all.stream().anyMatch(e -> last.equals(str(e, "id"))
          && "FAILED".equals(str(e, "status")) && !"RETRIED".equals(str(e, "event"))),
          "the second retry failed too: " + all);
      assertTrue(stderr.contains("run " + last + " FAILED; not retried: its original run "
          + original + " was retried 2 times already"), stderr);
    }
  }

  @Test
  void aRetryThatFailsIsReportedAndTheWatchGoesOn(@TempDir Path dir) {
    Path checkpoint = dir.resolve("watch.json");
    // vendors.md, Activepieces: a retry of a terminal run past the retention period answers 410
    // FLOW_RUN_RETRY_OUTSIDE_RETENTION. Every seeded run but the newest hour's is past it here.
    try (VendorSimulator sim = VendorSimulator.forVendor("activepieces").runs(40).flows(2)
        .history(Duration.ofDays(10)).retention(Duration.ofHours(1)).build().start()) {
      Cli.Result r = Cli.run(Sims.runsAllFlows("watch", sim, "--once", "--checkpoint",
          checkpoint.toString(), "--retry", "default", "--since", "2000-01-01"));
      assertEquals(0, r.status, r.toString());
      long failedRuns = events(r).stream().filter(e -> "FAILED".equals(str(e, "status"))
          || "TIMED_OUT".equals(str(e, "status"))).count();
      assertTrue(failedRuns > 0, r.toString());
      List<String> refused = r.errLines().stream().filter(l -> l.contains("HTTP 410")).toList();
      assertFalse(refused.isEmpty(), r.err);
      for (String line : refused) {
        assertTrue(line.matches("flowruns: retry of run \\S+ failed: Activepieces retryRun: "
            + "HTTP 410.*"), line);
      }
      assertTrue(Files.isRegularFile(checkpoint), "the sweep was stored all the same");
    }
  }

  @Test
  void aFailureSeenAgainAfterACrashIsNotRetriedAgain(@TempDir Path dir) throws Exception {
    Path checkpoint = dir.resolve("watch.json");
    try (VendorSimulator sim = failingArrival()) {
      assertEquals(0, watchOnce(sim, checkpoint, "--retry", "latest-version", "--max-retries", "2").status);
      String beforeSweep = Files.readString(checkpoint);
      sim.advance(Duration.ofSeconds(90));
      Cli.Result retried = watchOnce(sim, checkpoint, "--retry", "latest-version", "--max-retries", "2");
      assertEquals(1, events(retried).stream()
          .filter(e -> "RETRIED".equals(str(e, "event"))).count(), retried.toString());
      // What the file held between recording the retry and sending it: the memory with the
      // attempt, the feed where it was before the sweep. A crash there replays the sweep.
      JsonObject crashed = JsonParser.parseString(Files.readString(checkpoint)).getAsJsonObject();
      crashed.add("feed", JsonParser.parseString(beforeSweep).getAsJsonObject().get("feed"));
      Files.writeString(checkpoint, crashed.toString());

      Cli.Result replay = watchOnce(sim, checkpoint, "--retry", "latest-version", "--max-retries", "2");
      assertEquals(0, replay.status, replay.toString());
      String failedId = str(events(retried).get(0), "id");
      // latest-version leaves the failed run as it was (vendors.md, Activepieces).
      assertTrue(events(replay).stream().anyMatch(e -> failedId.equals(str(e, "id"))
          && "FAILED".equals(str(e, "status"))),
          "the failure is delivered again (at least once): " + replay);
      assertTrue(events(replay).stream().noneMatch(e -> "RETRIED".equals(str(e, "event"))),
          "and not retried again, though --max-retries 2 would allow another: " + replay);
    }
  }

  @Test
  void aCheckpointOfAnotherQueryIsAUsageError(@TempDir Path dir) throws Exception {
    Path checkpoint = dir.resolve("watch.json");
    try (VendorSimulator sim = Sims.start("activepieces", 10)) {
      assertEquals(0, watchOnce(sim, checkpoint, "--status", "failed").status);
      String stored = Files.readString(checkpoint);
      Cli.Result r = watchOnce(sim, checkpoint, "--status", "succeeded");
      assertEquals(2, r.status, r.toString());
      assertEquals("", r.out);
      assertTrue(r.err.startsWith("flowruns: --checkpoint " + checkpoint + " cannot be resumed "
          + "with these options: "), r.err);
      assertEquals(stored, Files.readString(checkpoint), "left as it was");
    }
  }
}
