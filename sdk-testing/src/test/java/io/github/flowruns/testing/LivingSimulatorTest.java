package io.github.flowruns.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Simulators whose runs move as their clock does, each vendor as vendors.md records it. */
class LivingSimulatorTest {
  private static final Instant NEWEST = Instant.parse("2026-03-01T12:00:00Z");

  /** A change without its instant, or with it relative to the simulator's start. */
  private record Step(String runId, String from, String to, Duration at) {
    static List<Step> of(List<StatusChange> changes, Instant t0) {
      List<Step> out = new ArrayList<>();
      for (StatusChange c : changes) out.add(new Step(c.runId(), c.from(), c.to(), Duration.between(t0, c.at())));
      return out;
    }
  }

  private static List<Step> stepsOf(VendorSimulator sim, String runId, Instant t0) {
    return Step.of(sim.statusChanges().stream().filter(c -> c.runId().equals(runId)).toList(), t0);
  }

  private static Instant dateOf(Http.Reply r) {
    return ZonedDateTime.parse(r.header("Date"), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
  }

  // ---- the clock

  @Test
  void theClockStandsStillWithoutAdvance() throws Exception {
    try (VendorSimulator sim = VendorSimulator.forVendor("activepieces").runs(60).seed(2).newestAt(NEWEST)
        .arrivals(Duration.ofSeconds(1)).build().start()) {
      Http.Reply first = Http.get(Probe.listUrl(sim, 100), Probe.auth(sim));
      Instant now = sim.now();
      Thread.sleep(1100);
      Http.Reply second = Http.get(Probe.listUrl(sim, 100), Probe.auth(sim));
      assertEquals(first.body(), second.body());
      assertEquals(first.header("Date"), second.header("Date"));
      assertEquals(now, sim.now());
      assertEquals(List.of(), sim.statusChanges());
    }
  }

  @Test
  void everyAnswerCarriesTheClockInItsDateHeaderFaultsIncluded() {
    for (String vendor : VendorSimulator.vendors()) {
      try (VendorSimulator sim = VendorSimulator.forVendor(vendor).runs(20).seed(4).newestAt(NEWEST).build().start()) {
        assertEquals(sim.now().getEpochSecond(), dateOf(Probe.list(sim)).getEpochSecond(), vendor);
        sim.advance(Duration.ofHours(3).plusMillis(1500));
        Http.Reply ok = Probe.list(sim);
        assertEquals(200, ok.code(), vendor);
        assertEquals(sim.now().getEpochSecond(), dateOf(ok).getEpochSecond(), vendor);
        sim.failNext(1, 503);
        Http.Reply failed = Probe.list(sim);
        assertEquals(503, failed.code(), vendor);
        assertEquals(sim.now().getEpochSecond(), dateOf(failed).getEpochSecond(), vendor);
        sim.rateLimitNext(1, Duration.ofSeconds(2));
        Http.Reply limited = Probe.list(sim);
        assertEquals(429, limited.code(), vendor);
        assertEquals(sim.now().getEpochSecond(), dateOf(limited).getEpochSecond(), vendor);
        Http.Reply unauthorized = Http.get(Probe.listUrl(sim, 5), "Bearer wrong");
        assertEquals(401, unauthorized.code(), vendor);
        assertEquals(sim.now().getEpochSecond(), dateOf(unauthorized).getEpochSecond(), vendor);
        // Two-digit day of month, as HTTP's IMF-fixdate wants it.
        assertTrue(limited.header("Date").matches("[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT"),
            limited.header("Date"));
      }
    }
  }

  @Test
  void clockOffsetMovesTheVendorsClockAndTheDefaultHistoryWithIt() {
    Duration offset = Duration.ofMinutes(-37);
    Instant before = Instant.now().plus(offset).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    try (VendorSimulator sim = VendorSimulator.forVendor("flowstack").clockOffset(offset).build().start()) {
      Instant after = Instant.now().plus(offset);
      assertFalse(sim.now().isBefore(before) || sim.now().isAfter(after), sim.now() + " not in [" + before + ", " + after + "]");
      Instant date = dateOf(Probe.list(sim));
      assertEquals(sim.now().getEpochSecond(), date.getEpochSecond());
      // The history ends at the start of the vendor's hour, not of ours.
      try (VendorSimulator same = VendorSimulator.forVendor("flowstack")
          .newestAt(before.truncatedTo(java.time.temporal.ChronoUnit.HOURS)).build()) {
        assertEquals(same.run(0), sim.run(0));
        assertEquals(same.run(100), sim.run(100));
      }
    }
  }

  @Test
  void advanceRefusesANegativeDurationAndZeroChangesNothing() {
    try (VendorSimulator sim = VendorSimulator.forVendor("patchworks").runs(10).newestAt(NEWEST).build()) {
      Instant t0 = sim.now();
      assertThrows(IllegalArgumentException.class, () -> sim.advance(Duration.ofMillis(-1)));
      sim.advance(Duration.ZERO);
      assertEquals(t0, sim.now());
    }
  }

  @Test
  void aWallClockSimulatorMovesOnItsOwnAndItsThreadEndsOnClose() throws Exception {
    VendorSimulator sim = VendorSimulator.forVendor("flowstack").runs(10).newestAt(NEWEST)
        .arrivals(Duration.ofMillis(300)).wallClock(true).build().start();
    String thread = "flowruns-simulator-clock-" + sim.port();
    Instant t0 = sim.now();
    long real0 = System.nanoTime();
    Thread.sleep(1200);
    Duration moved = Duration.between(t0, sim.now());
    Duration real = Duration.ofNanos(System.nanoTime() - real0);
    assertTrue(moved.compareTo(Duration.ofMillis(700)) >= 0 && moved.compareTo(real) <= 0,
        "moved " + moved + " in " + real);
    assertTrue(sim.statusChanges().stream().anyMatch(c -> c.from() == null), "a run arrived");
    assertEquals(1, clockThreads(thread));
    sim.close();
    assertEquals(0, clockThreads(thread));
    Instant stopped = sim.now();
    Thread.sleep(500);
    assertEquals(stopped, sim.now());
  }

  private static long clockThreads(String name) {
    return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(name) && t.isAlive()).count();
  }

  // ---- arrivals

  @Test
  void runsArriveAtTheSteadyRateEachAtItsOwnInstant() {
    try (ActivepiecesSimulator sim = ActivepiecesSimulator.builder().runs(10).seed(5).newestAt(NEWEST)
        .arrivals(Duration.ofSeconds(10)).build().start()) {
      Instant t0 = sim.now();
      int before = sim.runCount();
      sim.advance(Duration.ofSeconds(35));
      assertEquals(t0.plusSeconds(35), sim.now());
      List<StatusChange> created = sim.statusChanges().stream().filter(c -> c.from() == null).toList();
      assertEquals(List.of(t0.plusSeconds(10), t0.plusSeconds(20), t0.plusSeconds(30)),
          created.stream().map(StatusChange::at).toList());
      assertEquals(before + 3, sim.runCount());
      for (StatusChange c : created) {
        assertEquals("QUEUED", c.to());
        assertEquals(c.at(), sim.findRun(c.runId()).orElseThrow().createdAt());
      }
      // Newest first: the last to arrive is run(0).
      assertEquals(created.get(2).runId(), sim.run(0).id());
    }
  }

  @Test
  void noRunArrivesWhenArrivalsAreOff() {
    try (VendorSimulator sim = VendorSimulator.forVendor("flowstack").runs(10).newestAt(NEWEST)
        .arrivals(Duration.ZERO).build().start()) {
      sim.advance(Duration.ofDays(1));
      assertEquals(10, sim.runCount());
      assertTrue(sim.statusChanges().stream().noneMatch(c -> c.from() == null));
    }
  }

  @Test
  void theSameSeedAndCallsGiveTheSameHistoryAndAnotherSeedAnother() {
    for (String vendor : VendorSimulator.vendors()) {
      List<Step> a = scripted(vendor, 9);
      assertEquals(a, scripted(vendor, 9), vendor);
      assertNotEquals(a, scripted(vendor, 10), vendor);
      assertTrue(a.size() > 20, vendor + ": " + a.size());
    }
  }

  private static List<Step> scripted(String vendor, long seed) {
    try (VendorSimulator sim = VendorSimulator.forVendor(vendor).runs(40).flows(3).seed(seed).newestAt(NEWEST)
        .arrivals(Duration.ofSeconds(7)).build().start()) {
      Instant t0 = sim.now();
      sim.advance(Duration.ofSeconds(30));
      sim.planNext(vendor.equals("patchworks") ? "3" : vendor.equals("n8n") ? "error" : "FAILED", Duration.ofSeconds(4));
      sim.advance(Duration.ofSeconds(100));
      sim.advance(Duration.ofMillis(1234));
      return Step.of(sim.statusChanges(), t0);
    }
  }

  // ---- planNext

  @Test
  void planNextRefusesAStatusTheVendorDoesNotHaveAndNamesTheOnesItHas() {
    try (VendorSimulator sim = VendorSimulator.forVendor("patchworks").runs(5).build()) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> sim.planNext("FAILED", Duration.ZERO));
      assertTrue(e.getMessage().contains("1, 3, 2, 5, 4"), e.getMessage());
    }
    try (VendorSimulator sim = VendorSimulator.forVendor("activepieces").runs(5).build()) {
      // A current server has no STOPPED (vendors.md, Activepieces status).
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> sim.planNext("STOPPED", Duration.ZERO));
      assertTrue(e.getMessage().contains("LOG_SIZE_EXCEEDED") && !e.getMessage().contains("STOPPED,"), e.getMessage());
      assertThrows(IllegalArgumentException.class, () -> sim.planNext("FAILED", Duration.ofSeconds(-1)));
    }
  }

  @Test
  void plannedOutcomesAreTakenFirstInFirstOut() {
    try (FlowStackSimulator sim = FlowStackSimulator.builder().runs(5).flows(1).newestAt(NEWEST)
        .arrivals(Duration.ofSeconds(10)).build().start()) {
      sim.planNext("FAILED", Duration.ofSeconds(3)).planNext("TIMEOUT", Duration.ofSeconds(50))
          .planNext("SUCCEEDED", Duration.ZERO);
      Instant t0 = sim.now();
      sim.advance(Duration.ofSeconds(30));
      List<StatusChange> created = sim.statusChanges().stream().filter(c -> c.from() == null).toList();
      assertEquals(3, created.size());
      assertEquals(List.of(new Step(created.get(0).runId(), null, "RUNNING", Duration.ofSeconds(10)),
          new Step(created.get(0).runId(), "RUNNING", "FAILED", Duration.ofSeconds(13))), stepsOf(sim, created.get(0).runId(), t0));
      assertEquals(List.of(new Step(created.get(1).runId(), null, "RUNNING", Duration.ofSeconds(20))),
          stepsOf(sim, created.get(1).runId(), t0));
      assertEquals(List.of(new Step(created.get(2).runId(), null, "RUNNING", Duration.ofSeconds(30)),
          new Step(created.get(2).runId(), "RUNNING", "SUCCEEDED", Duration.ofSeconds(30))), stepsOf(sim, created.get(2).runId(), t0));
      sim.advance(Duration.ofSeconds(40));
      assertEquals("TIMEOUT", sim.findRun(created.get(1).runId()).orElseThrow().status());
      assertEquals(t0.plusSeconds(70), sim.findRun(created.get(1).runId()).orElseThrow().finishedAt());
    }
  }

  @Test
  void aRunPlannedToStayRunningNeverEnds() {
    try (FlowStackSimulator sim = FlowStackSimulator.builder().runs(5).flows(1).newestAt(NEWEST)
        .arrivals(Duration.ZERO).build().start()) {
      sim.planNext("RUNNING", Duration.ofSeconds(1));
      String id = trigger(sim, sim.flowIds().get(0));
      sim.advance(Duration.ofDays(2));
      assertEquals("RUNNING", sim.findRun(id).orElseThrow().status());
    }
  }

  // ---- FlowStack

  private static String trigger(FlowStackSimulator sim, String flow) {
    Http.Reply created = Http.post(sim.baseUrl() + "/api/v1/flows/" + flow + "/runs", "Bearer " + sim.apiKey(), "{}");
    assertEquals(201, created.code(), created.body());
    return created.json().getAsJsonObject().get("id").getAsString();
  }

  @Test
  void aTriggeredFlowStackRunRunsThenEndsInThePlannedStatusAtThePlannedInstant() {
    try (FlowStackSimulator sim = FlowStackSimulator.builder().runs(20).flows(2).seed(3).newestAt(NEWEST)
        .arrivals(Duration.ZERO).build().start()) {
      String auth = "Bearer " + sim.apiKey();
      sim.planNext("FAILED", Duration.ofSeconds(30));
      Instant t0 = sim.now();
      String flow = sim.flowIds().get(0);
      String id = trigger(sim, flow);
      String url = sim.baseUrl() + "/api/v1/flows/" + flow + "/runs/" + id;
      sim.advance(Duration.ofSeconds(29));
      assertEquals("RUNNING", Http.get(url, auth).json().getAsJsonObject().get("status").getAsString());
      sim.advance(Duration.ofSeconds(1));
      JsonObject ended = Http.get(url, auth).json().getAsJsonObject();
      assertEquals("FAILED", ended.get("status").getAsString());
      assertEquals(List.of(new Step(id, null, "RUNNING", Duration.ZERO), new Step(id, "RUNNING", "FAILED", Duration.ofSeconds(30))),
          stepsOf(sim, id, t0));
      SimulatedRun run = sim.findRun(id).orElseThrow();
      assertEquals(t0, run.startedAt());
      assertEquals(t0.plusSeconds(30), run.finishedAt());
      assertTrue(run.failedStepName() != null && run.failedStepMessage() != null, run.toString());
    }
  }

  @Test
  void runsWithoutAPlanTakeTwoSecondsToAMinute() {
    try (FlowStackSimulator sim = FlowStackSimulator.builder().runs(5).flows(3).seed(8).newestAt(NEWEST)
        .arrivals(Duration.ZERO).build().start()) {
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < 40; i++) ids.add(trigger(sim, sim.flowIds().get(i % 3)));
      sim.advance(Duration.ofSeconds(60));
      for (String id : ids) {
        SimulatedRun r = sim.findRun(id).orElseThrow();
        assertTrue(r.terminal() && !r.status().equals("CANCELED") && !r.status().equals("STOPPED"), r.toString());
        assertTrue(r.duration().compareTo(Duration.ofSeconds(2)) >= 0
            && r.duration().compareTo(Duration.ofSeconds(60)) <= 0, r.toString());
      }
    }
  }

  // ---- Activepieces

  private static Http.Reply apRetry(ActivepiecesSimulator sim, String id, String strategy) {
    return Http.post(sim.baseUrl() + "/v1/flow-runs/" + id + "/retry", "Bearer " + sim.apiKey(),
        "{\"strategy\":\"" + strategy + "\",\"projectId\":\"" + sim.projectId() + "\"}");
  }

  private static JsonObject apGet(ActivepiecesSimulator sim, String id) {
    Http.Reply r = Http.get(sim.baseUrl() + "/v1/flow-runs/" + id, "Bearer " + sim.apiKey());
    assertEquals(200, r.code(), r.body());
    return r.json().getAsJsonObject();
  }

  @Test
  void anActivepiecesRetryFromTheFailedStepRequeuesTheSameRunWhichThenRunsToThePlannedStatus() {
    try (ActivepiecesSimulator sim = ActivepiecesSimulator.builder().runs(60).seed(7).newestAt(NEWEST)
        .arrivals(Duration.ZERO).build().start()) {
      SimulatedRun failed = sim.runs().stream().filter(r -> r.status().equals("FAILED")).findFirst().orElseThrow();
      sim.planNext("SUCCEEDED", Duration.ofSeconds(20));
      Instant t0 = sim.now();
      Http.Reply r = apRetry(sim, failed.id(), "FROM_FAILED_STEP");
      assertEquals(200, r.code(), r.body());
      assertEquals(failed.id(), r.json().getAsJsonObject().get("id").getAsString());
      sim.advance(Duration.ofSeconds(5)); // the queue delay is half a second to five seconds
      JsonObject running = apGet(sim, failed.id());
      assertEquals("RUNNING", running.get("status").getAsString());
      Instant started = Instant.parse(running.get("startTime").getAsString());
      sim.advance(Duration.ofSeconds(30));
      JsonObject done = apGet(sim, failed.id());
      assertEquals("SUCCEEDED", done.get("status").getAsString());
      assertEquals(started.plusSeconds(20), Instant.parse(done.get("finishTime").getAsString()));
      List<Step> steps = stepsOf(sim, failed.id(), t0);
      assertEquals(List.of("FAILED>QUEUED", "QUEUED>RUNNING", "RUNNING>SUCCEEDED"),
          steps.stream().map(s -> s.from() + ">" + s.to()).toList());
      assertEquals(Duration.ZERO, steps.get(0).at());
      assertEquals(Duration.between(t0, started), steps.get(1).at());
      assertEquals(sim.runs().size(), 60); // no new run
    }
  }

  @Test
  void anActivepiecesRetryOnTheLatestVersionStartsANewRunWhichEndsAsPlanned() {
    try (ActivepiecesSimulator sim = ActivepiecesSimulator.builder().runs(60).seed(7).newestAt(NEWEST)
        .arrivals(Duration.ZERO).build().start()) {
      SimulatedRun old = sim.runs().stream().filter(r -> r.status().equals("FAILED")).findFirst().orElseThrow();
      sim.planNext("INTERNAL_ERROR", Duration.ofSeconds(8));
      JsonObject created = apRetry(sim, old.id(), "ON_LATEST_VERSION").json().getAsJsonObject();
      String id = created.get("id").getAsString();
      assertNotEquals(old.id(), id);
      assertEquals("QUEUED", created.get("status").getAsString());
      sim.advance(Duration.ofMinutes(1));
      assertEquals("INTERNAL_ERROR", apGet(sim, id).get("status").getAsString());
      assertEquals("FAILED", sim.findRun(old.id()).orElseThrow().status()); // the old run does not move
      SimulatedRun n = sim.findRun(id).orElseThrow();
      assertEquals(Duration.ofSeconds(8), n.duration());
      assertEquals(old.parentRunId(), n.parentRunId()); // the old run's parent, not the old run (vendors.md)
    }
  }

  @Test
  void runsThatArriveInThePageBoundarysSecondAreSkippedByTheNextActivepiecesPage() {
    // vendors.md and the server's paginator: a next cursor selects runs created in an EARLIER second
    // than the boundary run (both truncated to the second), so a page never ends inside a second safely.
    try (ActivepiecesSimulator sim = ActivepiecesSimulator.builder().runs(0).seed(4).newestAt(NEWEST)
        .arrivals(Duration.ofMillis(250)).build().start()) {
      sim.advance(Duration.ofSeconds(10).plusMillis(rnd(sim)));
      List<SimulatedRun> all = sim.runs();
      assertTrue(all.size() >= 40, "four a second: " + all.size());
      String base = sim.baseUrl() + "/v1/flow-runs?projectId=" + sim.projectId() + "&limit=3";
      List<String> expected = new ArrayList<>();
      List<String> got = new ArrayList<>();
      int from = 0;
      String cursor = null;
      while (true) {
        List<SimulatedRun> page = all.subList(from, Math.min(all.size(), from + 3));
        page.forEach(r -> expected.add(r.id()));
        JsonObject body = Http.get(base + (cursor == null ? "" : "&cursor=" + cursor), "Bearer " + sim.apiKey())
            .json().getAsJsonObject();
        body.getAsJsonArray("data").forEach(e -> got.add(e.getAsJsonObject().get("id").getAsString()));
        if (body.get("next").isJsonNull()) break;
        cursor = body.get("next").getAsString();
        long boundary = page.get(page.size() - 1).createdAt().getEpochSecond();
        from = (int) all.stream().takeWhile(r -> r.createdAt().getEpochSecond() >= boundary).count();
      }
      assertEquals(expected, got);
      assertTrue(got.size() < all.size(), "runs in boundary seconds are skipped: " + got.size());
    }
  }

  private static int rnd(VendorSimulator sim) {
    return (int) (sim.now().toEpochMilli() % 1000); // any phase of the second
  }

  @Test
  void anActivepiecesCancelStopsAQueuedRunForGoodAndIgnoresARunningOne() {
    try (ActivepiecesSimulator sim = ActivepiecesSimulator.builder().runs(20).seed(7).newestAt(NEWEST)
        .arrivals(Duration.ofSeconds(30)).build().start()) {
      sim.planNext("SUCCEEDED", Duration.ofMinutes(2));
      sim.advance(Duration.ofSeconds(40)); // one arrives at 30 s and starts within 5 s
      String running = sim.run(0).id();
      assertEquals("RUNNING", sim.run(0).status());
      sim.advance(Duration.ofSeconds(20)); // the next arrives at 60 s, queued
      String queued = sim.run(0).id();
      assertEquals("QUEUED", sim.run(0).status());
      Http.Reply cancel = Http.post(sim.baseUrl() + "/v1/flow-runs/cancel", "Bearer " + sim.apiKey(),
          "{\"projectId\":\"" + sim.projectId() + "\",\"flowRunIds\":[\"" + running + "\",\"" + queued + "\"]}");
      assertEquals(200, cancel.code(), cancel.body());
      assertEquals("CANCELED", apGet(sim, queued).get("status").getAsString());
      assertEquals("RUNNING", apGet(sim, running).get("status").getAsString()); // ignored, silently (vendors.md)
      sim.advance(Duration.ofMinutes(10));
      assertEquals("CANCELED", apGet(sim, queued).get("status").getAsString());
      assertEquals("SUCCEEDED", apGet(sim, running).get("status").getAsString());
      assertEquals(List.of("null>QUEUED", "QUEUED>CANCELED"),
          stepsOf(sim, queued, sim.now()).stream().map(s -> s.from() + ">" + s.to()).toList());
    }
  }

  @Test
  void seededQueuedAndRunningRunsProgressAndPausedOnesWaitForAResume() {
    try (ActivepiecesSimulator sim = ActivepiecesSimulator.builder().runs(40).seed(7).newestAt(NEWEST)
        .arrivals(Duration.ZERO).build().start()) {
      List<SimulatedRun> moving = sim.runs().stream().filter(r -> r.status().equals("QUEUED")
          || r.status().equals("RUNNING")).toList();
      SimulatedRun paused = sim.runs().stream().filter(r -> r.status().equals("PAUSED")).findFirst().orElseThrow();
      assertEquals(2, moving.size());
      sim.advance(Duration.ofMinutes(3));
      for (SimulatedRun r : moving) assertTrue(sim.findRun(r.id()).orElseThrow().terminal(), r.toString());
      assertEquals("PAUSED", sim.findRun(paused.id()).orElseThrow().status());
      String requestId = apGet(sim, paused.id()).getAsJsonObject("pauseMetadata").get("requestId").getAsString();
      Http.Reply resumed = Http.post(sim.baseUrl() + "/v1/flow-runs/" + paused.id() + "/waitpoints/" + requestId,
          null, "{}");
      assertEquals(200, resumed.code(), resumed.body());
      assertEquals("RUNNING", sim.findRun(paused.id()).orElseThrow().status());
      sim.advance(Duration.ofMinutes(3));
      assertTrue(sim.findRun(paused.id()).orElseThrow().terminal());
    }
  }

  // ---- Patchworks

  @Test
  void aPatchworksRetryIsANewStartedRunThatEndsAsPlannedAndAStoppedRunNeverMoves() {
    try (PatchworksSimulator sim = PatchworksSimulator.builder().runs(40).seed(5).newestAt(NEWEST)
        .arrivals(Duration.ZERO).build().start()) {
      String url = sim.baseUrl() + "/api/v1/flow-runs/";
      SimulatedRun failed = sim.runs().stream().filter(r -> r.status().equals("3")).findFirst().orElseThrow();
      sim.planNext("5", Duration.ofSeconds(12)).planNext("2", Duration.ofSeconds(12));
      Instant t0 = sim.now();
      Http.Reply retried = Http.post(url + failed.id() + "/retry", sim.apiKey(), "");
      assertEquals(200, retried.code(), retried.body());
      String id = retried.json().getAsJsonObject().getAsJsonObject("data").get("id").getAsString();
      assertEquals(failed.id(), sim.findRun(id).orElseThrow().parentRunId());
      Http.Reply again = Http.post(url + failed.id() + "/retry", sim.apiKey(), "");
      String other = again.json().getAsJsonObject().getAsJsonObject("data").get("id").getAsString();
      assertEquals(200, Http.post(url + other + "/stop", sim.apiKey(), "").code());
      sim.advance(Duration.ofSeconds(11));
      assertEquals(1, status(Http.get(url + id, sim.apiKey())));
      sim.advance(Duration.ofSeconds(1));
      assertEquals(5, status(Http.get(url + id, sim.apiKey())));
      sim.advance(Duration.ofMinutes(5));
      assertEquals(4, status(Http.get(url + other, sim.apiKey())));
      assertEquals(List.of(new Step(id, null, "1", Duration.ZERO), new Step(id, "1", "5", Duration.ofSeconds(12))),
          stepsOf(sim, id, t0));
      assertEquals(List.of(new Step(other, null, "1", Duration.ZERO), new Step(other, "1", "4", Duration.ZERO)),
          stepsOf(sim, other, t0));
      assertEquals("3", sim.findRun(failed.id()).orElseThrow().status());
    }
  }

  private static int status(Http.Reply r) {
    assertEquals(200, r.code(), r.body());
    JsonObject o = r.json().getAsJsonObject();
    JsonElement data = o.get("data");
    JsonObject run = data != null && data.isJsonObject() ? data.getAsJsonObject() : o;
    return (run.has("attributes") ? run.getAsJsonObject("attributes") : run).get("status").getAsInt();
  }

  // ---- StackAI

  @Test
  void stackAiRunsArrivePendingThenResumeThenComplete() {
    try (AnalyticsSimulator sim = AnalyticsSimulator.builder().runs(10).flows(1).seed(3).newestAt(NEWEST)
        .arrivals(Duration.ofSeconds(20)).build().start()) {
      sim.planNext("COMPLETED", Duration.ofSeconds(10));
      sim.advance(Duration.ofSeconds(20));
      String id = sim.run(0).id();
      String url = sim.baseUrl() + "/analytics/org/" + sim.orgId() + "/flows/" + sim.flowIds().get(0) + "?page_size=100";
      assertEquals("PENDING", state(sim, url, id).get("state").getAsString());
      sim.advance(Duration.ofSeconds(5));
      assertEquals("RESUMED", state(sim, url, id).get("state").getAsString());
      sim.advance(Duration.ofSeconds(10));
      JsonObject done = state(sim, url, id);
      assertEquals("COMPLETED", done.get("state").getAsString());
      assertTrue(done.get("is_flow_successful").getAsBoolean());
      StatusChange last = sim.statusChanges().stream().filter(c -> c.runId().equals(id)).reduce((a, b) -> b).orElseThrow();
      assertEquals("COMPLETED", last.to());
      assertEquals(Boolean.TRUE, last.successful());
      assertNull(sim.statusChanges().stream().filter(c -> c.runId().equals(id)).findFirst().orElseThrow().successful());
    }
  }

  private static JsonObject state(AnalyticsSimulator sim, String url, String id) {
    JsonArray runs = Http.get(url, "Bearer " + sim.apiKey()).json().getAsJsonArray();
    for (JsonElement e : runs) {
      if (e.getAsJsonObject().get("run_id").getAsString().equals(id)) return e.getAsJsonObject();
    }
    throw new AssertionError("no run " + id);
  }
}
