package io.github.flowruns.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link VendorSimulator#statusChanges()} is the oracle feed tests compare against, so it must be
 * exactly what the API serves: random histories (arrival rates, planned outcomes, retries, stops,
 * cancels, triggers, steps of the clock) over many seeds, and after every step the API's listing
 * of every run equals the seeded statuses plus the changes.
 */
class OracleMatchesListingsTest {
  private static final Instant NEWEST = Instant.parse("2026-03-01T12:00:00Z");
  private static final int SEEDS = 6;
  private static final int STEPS = 30;

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    for (String vendor : VendorSimulator.vendors()) {
      for (long seed = 1; seed <= SEEDS; seed++) out.add(Arguments.of(vendor, seed));
    }
    return out.stream();
  }

  /** Raw values each vendor's plan may name, odd ones included (a run that stays queued or running). */
  private static List<String> plannable(String vendor) {
    return switch (vendor) {
      case "patchworks" -> List.of("1", "2", "3", "4", "5");
      case "stackai" -> List.of("COMPLETED", "FAILED", "CANCELLED", "PENDING", "RESUMED", "PAUSED");
      case "activepieces" -> List.of("SUCCEEDED", "FAILED", "TIMEOUT", "PAUSED", "QUEUED", "RUNNING", "INTERNAL_ERROR");
      case "n8n" -> List.of("success", "error", "crashed", "running", "waiting", "new", "canceled");
      default -> List.of("SUCCEEDED", "FAILED", "RUNNING", "TIMEOUT", "CANCELED");
    };
  }

  @ParameterizedTest(name = "{0} seed {1}")
  @MethodSource("cases")
  void afterEveryStepTheListingOfEveryRunEqualsTheOracle(String vendor, long seed) {
    Random rnd = new Random(seed * 7919 + vendor.hashCode());
    try (VendorSimulator sim = VendorSimulator.forVendor(vendor).runs(30).flows(2).seed(seed).newestAt(NEWEST)
        .arrivals(Duration.ofSeconds(2 + rnd.nextInt(40))).build().start()) {
      Map<String, String> seeded = Listings.seeded(sim);
      assertEquals(seeded, Listings.all(sim));
      for (int step = 0; step < STEPS; step++) {
        if (rnd.nextInt(3) == 0) {
          List<String> values = plannable(vendor);
          sim.planNext(values.get(rnd.nextInt(values.size())), Duration.ofMillis(rnd.nextInt(40_000)));
        }
        if (rnd.nextInt(3) == 0) act(sim, rnd);
        sim.advance(Duration.ofMillis(rnd.nextInt(4) == 0 ? 0 : rnd.nextInt(30_000)));
        List<StatusChange> changes = sim.statusChanges();
        assertEquals(Listings.oracle(seeded, changes, sim.now()), Listings.all(sim), vendor + " step " + step);
        Instant previous = Instant.MIN;
        for (StatusChange c : changes) {
          assertFalse(c.at().isBefore(previous) || c.at().isAfter(sim.now()), c.toString());
          previous = c.at();
          SimulatedRun r = sim.findRun(c.runId()).orElseThrow();
          if (c.from() == null) assertEquals(c.at(), r.createdAt(), c.toString());
        }
        // A run's latest change is its status now, and an ended run ended when the change says.
        Map<String, StatusChange> last = new LinkedHashMap<>();
        for (StatusChange c : changes) last.put(c.runId(), c);
        for (StatusChange c : last.values()) {
          SimulatedRun r = sim.findRun(c.runId()).orElseThrow();
          if (r.terminal() && c.from() != null) assertEquals(c.at(), r.finishedAt(), c + " " + r);
        }
      }
    }
  }

  /** A request a client may make: trigger, retry, stop or cancel, on a random run or flow. */
  private static void act(VendorSimulator sim, Random rnd) {
    SimulatedRun run = sim.run(rnd.nextInt(Math.min(sim.runCount(), 12)));
    String auth = Probe.auth(sim);
    switch (sim.vendor()) {
      case "activepieces" -> {
        ActivepiecesSimulator ap = (ActivepiecesSimulator) sim;
        String project = "\"projectId\":\"" + ap.projectId() + "\"";
        int what = rnd.nextInt(3);
        if (what < 2) {
          Http.post(sim.baseUrl() + "/v1/flow-runs/" + run.id() + "/retry", auth,
              "{\"strategy\":\"" + (what == 0 ? "FROM_FAILED_STEP" : "ON_LATEST_VERSION") + "\"," + project + "}");
        } else {
          Http.post(sim.baseUrl() + "/v1/flow-runs/cancel", auth, "{" + project + ",\"flowRunIds\":[\"" + run.id() + "\"]}");
        }
      }
      case "patchworks" -> Http.post(sim.baseUrl() + "/api/v1/flow-runs/" + run.id()
          + (rnd.nextBoolean() ? "/retry" : "/stop"), auth, "");
      case "flowstack" -> Http.post(sim.baseUrl() + "/api/v1/flows/" + sim.flowIds().get(rnd.nextInt(2)) + "/runs",
          auth, "{}");
      case "n8n" -> Http.post(sim.baseUrl() + "/api/v1/executions/" + run.id() + "/retry", auth, "{}");
      default -> { } // StackAI's API only lists: its runs change by the clock alone
    }
  }

  /**
   * Requests answered while the clock moves see it before or after a step, never in the middle:
   * each listing equals the oracle at some instant of the second its {@code Date} header names.
   */
  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void listingsAnsweredWhileTheClockMovesEachMatchTheOracleAtTheirDate(long seed) throws Exception {
    Random rnd = new Random(seed);
    try (ActivepiecesSimulator sim = ActivepiecesSimulator.builder().runs(30).seed(seed).newestAt(NEWEST)
        .arrivals(Duration.ofMillis(700)).build().start()) {
      Map<String, String> seeded = Listings.seeded(sim);
      String url = Listings.activepiecesAll(sim);
      String auth = Probe.auth(sim);
      List<Http.Reply> replies = java.util.Collections.synchronizedList(new ArrayList<>());
      AtomicBoolean stop = new AtomicBoolean();
      Thread reader = new Thread(() -> {
        while (!stop.get()) replies.add(Http.get(url, auth));
      });
      reader.start();
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (replies.size() < 40 && System.nanoTime() < deadline) {
        sim.advance(Duration.ofMillis(rnd.nextInt(400)));
        Thread.sleep(1);
      }
      stop.set(true);
      reader.join();
      List<StatusChange> changes = sim.statusChanges();
      assertTrue(replies.size() >= 20, "replies: " + replies.size());
      for (Http.Reply r : replies) {
        Instant date = Listings.date(r);
        Map<String, String> listed = Listings.readActivepieces(new LinkedHashMap<>(), r);
        List<Instant> candidates = new ArrayList<>(List.of(date));
        for (StatusChange c : changes) {
          if (c.at().isAfter(date) && c.at().isBefore(date.plusSeconds(1))) candidates.add(c.at());
        }
        assertTrue(candidates.stream().anyMatch(at -> Listings.oracle(seeded, changes, at).equals(listed)),
            "no instant of " + date + " shows this listing");
      }
    }
  }

  static Stream<Long> seeds() {
    return Stream.of(1L, 2L, 3L);
  }
}
