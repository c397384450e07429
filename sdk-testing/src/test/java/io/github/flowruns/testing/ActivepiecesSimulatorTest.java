package io.github.flowruns.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ActivepiecesSimulatorTest {
  private static final Instant NEWEST = Instant.parse("2026-03-01T12:00:00Z");
  private ActivepiecesSimulator sim;
  private String auth;

  @BeforeEach
  void start() {
    sim = ActivepiecesSimulator.builder().runs(237).flows(4).seed(7).newestAt(NEWEST).build().start();
    auth = "Bearer " + sim.apiKey();
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  private String url(String pathAndQuery) {
    return sim.baseUrl() + pathAndQuery;
  }

  private List<JsonObject> listAll(String query) {
    List<JsonObject> out = new ArrayList<>();
    String cursor = null;
    do {
      String u = url("/v1/flow-runs?projectId=" + sim.projectId() + "&limit=50" + query
          + (cursor == null ? "" : "&cursor=" + cursor));
      Http.Reply r = Http.get(u, auth);
      assertEquals(200, r.code(), r.body());
      JsonObject page = r.json().getAsJsonObject();
      page.getAsJsonArray("data").forEach(e -> out.add(e.getAsJsonObject()));
      cursor = page.get("next").isJsonNull() ? null : page.get("next").getAsString();
    } while (cursor != null);
    return out;
  }

  private static List<String> ids(List<JsonObject> runs) {
    return runs.stream().map(o -> o.get("id").getAsString()).collect(Collectors.toList());
  }

  @Test
  void pagingThroughAllRunsReturnsEachSeededRunOnceNewestFirst() {
    List<JsonObject> runs = listAll("");
    List<String> expected = sim.runs().stream().map(SimulatedRun::id).collect(Collectors.toList());
    assertEquals(237, runs.size());
    assertEquals(expected, ids(runs));
    for (int i = 1; i < runs.size(); i++) {
      Instant a = Instant.parse(runs.get(i - 1).get("created").getAsString());
      Instant b = Instant.parse(runs.get(i).get("created").getAsString());
      assertFalse(b.isAfter(a), "newest first at " + i);
    }
    assertTrue(runs.stream().allMatch(o -> o.get("id").getAsString().matches("[0-9A-Za-z]{21}")));
    assertTrue(runs.stream().noneMatch(o -> o.has("steps")), "list pages carry no steps");
  }

  @Test
  void previousCursorLeadsBackToTheNewerPage() {
    String base = url("/v1/flow-runs?projectId=" + sim.projectId() + "&limit=10");
    JsonObject first = Http.get(base, auth).json().getAsJsonObject();
    assertTrue(first.get("previous").isJsonNull());
    JsonObject second = Http.get(base + "&cursor=" + first.get("next").getAsString(), auth).json().getAsJsonObject();
    JsonObject back = Http.get(base + "&cursor=" + second.get("previous").getAsString(), auth).json().getAsJsonObject();
    assertEquals(first.get("data"), back.get("data"));
  }

  @Test
  void everyStatusOfTheVendorAppearsAndFailuresCarryTheirStep() {
    List<JsonObject> runs = listAll("");
    Set<String> statuses = runs.stream().map(o -> o.get("status").getAsString()).collect(Collectors.toSet());
    assertEquals(Set.of("QUEUED", "RUNNING", "PAUSED", "SUCCEEDED", "FAILED", "QUOTA_EXCEEDED", "INTERNAL_ERROR",
        "MEMORY_LIMIT_EXCEEDED", "TIMEOUT", "CANCELED", "LOG_SIZE_EXCEEDED", "STOPPED"), statuses);
    List<JsonObject> failed = runs.stream().filter(o -> o.get("status").getAsString().equals("FAILED")).toList();
    assertTrue(failed.stream().allMatch(o -> o.getAsJsonObject("failedStep").get("name").getAsString().startsWith("step_")));
    assertTrue(failed.stream().anyMatch(o -> {
      String m = o.getAsJsonObject("failedStep").get("message").getAsString();
      return m.contains(",") && m.contains("\"") && m.contains("\n");
    }), "some failure message holds a comma, a quote and a newline");
  }

  @Test
  void repeatedStatusParametersFilterToAnyOfThem() {
    List<JsonObject> runs = listAll("&status=FAILED&status=TIMEOUT");
    long expected = sim.runs().stream().filter(r -> r.status().equals("FAILED") || r.status().equals("TIMEOUT")).count();
    assertEquals(expected, runs.size());
    assertTrue(expected > 10);
    assertTrue(runs.stream().allMatch(o -> Set.of("FAILED", "TIMEOUT").contains(o.get("status").getAsString())));
  }

  @Test
  void repeatedFlowIdParametersFilterToThoseFlows() {
    List<String> flows = sim.flowIds();
    List<JsonObject> runs = listAll("&flowId=" + flows.get(0) + "&flowId=" + flows.get(2));
    long expected = sim.runs().stream().filter(r -> r.flowId().equals(flows.get(0)) || r.flowId().equals(flows.get(2))).count();
    assertEquals(expected, runs.size());
    assertTrue(runs.stream().allMatch(o -> Set.of(flows.get(0), flows.get(2)).contains(o.get("flowId").getAsString())));
  }

  @Test
  void tagsFilterKeepsRunsCarryingEveryGivenTag() {
    List<JsonObject> runs = listAll("&tags=finance");
    long expected = sim.runs().stream().filter(r -> r.tags().contains("finance")).count();
    assertTrue(expected > 0);
    assertEquals(expected, runs.size());
  }

  @Test
  void createdAfterAndBeforeBoundTheCreationTime() {
    Instant after = NEWEST.minus(Duration.ofDays(10));
    Instant before = NEWEST.minus(Duration.ofDays(3));
    List<JsonObject> runs = listAll("&createdAfter=" + after + "&createdBefore=" + before);
    long expected = sim.runs().stream()
        .filter(r -> !r.createdAt().isBefore(after) && !r.createdAt().isAfter(before)).count();
    assertTrue(expected > 20);
    assertEquals(expected, runs.size());
  }

  @Test
  void failedStepNameFilterMatchesTheFailedStep() {
    List<JsonObject> runs = listAll("&failedStepName=step_1");
    long expected = sim.runs().stream().filter(r -> "step_1".equals(r.failedStepName())).count();
    assertEquals(expected, runs.size());
  }

  @Test
  void aWrongKeyGets401InTheVendorShape() {
    Http.Reply r = Http.get(url("/v1/flow-runs?projectId=" + sim.projectId()), "Bearer nope");
    assertEquals(401, r.code());
    assertEquals("AUTHENTICATION", r.json().getAsJsonObject().get("code").getAsString());
    assertTrue(r.json().getAsJsonObject().has("params"));
    assertEquals(401, Http.get(url("/v1/flow-runs?projectId=" + sim.projectId()), null).code());
    assertEquals(401, Http.get(url("/v1/flow-runs?projectId=" + sim.projectId()), sim.apiKey()).code(),
        "the key without the Bearer scheme is refused");
  }

  @Test
  void aMissingProjectIdIsA400InTheFrameworkShape() {
    Http.Reply r = Http.get(url("/v1/flow-runs"), auth);
    assertEquals(400, r.code());
    JsonObject o = r.json().getAsJsonObject();
    assertEquals(400, o.get("statusCode").getAsInt());
    assertTrue(o.get("message").getAsString().contains("projectId"));
  }

  @Test
  void getReturnsTheRunWithItsSteps() {
    SimulatedRun failed = sim.runs().stream().filter(r -> r.status().equals("FAILED")).findFirst().orElseThrow();
    JsonObject run = Http.get(url("/v1/flow-runs/" + failed.id()), auth).json().getAsJsonObject();
    JsonObject steps = run.getAsJsonObject("steps");
    assertTrue(steps.has("trigger"));
    assertEquals("FAILED", steps.getAsJsonObject(failed.failedStepName()).get("status").getAsString());
    assertEquals(failed.failedStepMessage(), run.getAsJsonObject("failedStep").get("message").getAsString());
    Http.Reply missing = Http.get(url("/v1/flow-runs/AAAAAAAAAAAAAAAAAAAAA"), auth);
    assertEquals(404, missing.code());
    assertEquals("ENTITY_NOT_FOUND", missing.json().getAsJsonObject().get("code").getAsString());
  }

  private Http.Reply retry(String id, String strategy) {
    return Http.post(url("/v1/flow-runs/" + id + "/retry"), auth,
        "{\"strategy\":\"" + strategy + "\",\"projectId\":\"" + sim.projectId() + "\"}");
  }

  @Test
  void retryFromTheFailedStepCreatesANewRunWithTheOriginalAsParent() {
    SimulatedRun failed = sim.runs().stream().filter(r -> r.status().equals("FAILED")).findFirst().orElseThrow();
    Http.Reply r = retry(failed.id(), "FROM_FAILED_STEP");
    assertEquals(200, r.code(), r.body());
    JsonObject created = r.json().getAsJsonObject();
    assertNotEquals(failed.id(), created.get("id").getAsString());
    assertEquals(failed.id(), created.get("parentRunId").getAsString());
    assertEquals("QUEUED", created.get("status").getAsString());
    assertEquals(238, sim.runCount());
    assertEquals(created.get("id").getAsString(), sim.run(0).id());
    JsonObject first = Http.get(url("/v1/flow-runs?projectId=" + sim.projectId() + "&limit=1"), auth)
        .json().getAsJsonObject().getAsJsonArray("data").get(0).getAsJsonObject();
    assertEquals(created.get("id"), first.get("id"), "later listings show the new run first");
  }

  @Test
  void retryStrategiesFollowTheServersRules() {
    SimulatedRun succeeded = sim.runs().stream().filter(r -> r.status().equals("SUCCEEDED")).findFirst().orElseThrow();
    SimulatedRun running = sim.runs().stream().filter(r -> r.status().equals("RUNNING")).findFirst().orElseThrow();
    SimulatedRun timeout = sim.runs().stream().filter(r -> r.status().equals("TIMEOUT")).findFirst().orElseThrow();
    Http.Reply refused = retry(succeeded.id(), "FROM_FAILED_STEP");
    assertEquals(409, refused.code());
    assertEquals("VALIDATION", refused.json().getAsJsonObject().get("code").getAsString());
    assertEquals(200, retry(succeeded.id(), "ON_LATEST_VERSION").code());
    assertEquals(200, retry(timeout.id(), "FROM_FAILED_STEP").code());
    assertEquals(409, retry(running.id(), "ON_LATEST_VERSION").code());
    assertEquals(400, retry(succeeded.id(), "SOMETIMES").code());
  }

  @Test
  void retryOfARunPastRetentionIsGone() {
    try (ActivepiecesSimulator short_ = ActivepiecesSimulator.builder().runs(100).seed(7)
        .retention(Duration.ofDays(5)).build().start()) {
      SimulatedRun old = short_.runs().stream().filter(SimulatedRun::failed)
          .filter(r -> r.createdAt().isBefore(Instant.now().minus(Duration.ofDays(6)))).findFirst().orElseThrow();
      Http.Reply r = Http.post(short_.baseUrl() + "/v1/flow-runs/" + old.id() + "/retry", "Bearer " + short_.apiKey(),
          "{\"strategy\":\"FROM_FAILED_STEP\",\"projectId\":\"" + short_.projectId() + "\"}");
      assertEquals(410, r.code(), r.body());
      JsonObject run = Http.get(short_.baseUrl() + "/v1/flow-runs/" + old.id(), "Bearer " + short_.apiKey())
          .json().getAsJsonObject();
      assertTrue(run.get("steps").isJsonNull(), "steps are purged past retention");
    }
  }

  @Test
  void bulkRetrySelectsByFilterAndAnswersTheNewRuns() {
    long failed = sim.runs().stream().filter(r -> r.status().equals("FAILED")).count();
    Http.Reply r = Http.post(url("/v1/flow-runs/retry"), auth, "{\"projectId\":\"" + sim.projectId()
        + "\",\"strategy\":\"FROM_FAILED_STEP\",\"status\":[\"FAILED\"]}");
    assertEquals(200, r.code(), r.body());
    JsonArray created = r.json().getAsJsonArray();
    assertEquals(failed, created.size());
    assertEquals(237 + failed, sim.runCount());
  }

  @Test
  void bulkCancelCancelsOnlyPausedAndQueuedRuns() {
    List<String> some = List.of(sim.runs().stream().filter(r -> r.status().equals("PAUSED")).findFirst().orElseThrow().id(),
        sim.runs().stream().filter(r -> r.status().equals("QUEUED")).findFirst().orElseThrow().id(),
        sim.runs().stream().filter(r -> r.status().equals("SUCCEEDED")).findFirst().orElseThrow().id());
    Http.Reply r = Http.post(url("/v1/flow-runs/cancel"), auth, "{\"projectId\":\"" + sim.projectId()
        + "\",\"flowRunIds\":[\"" + String.join("\",\"", some) + "\"]}");
    assertEquals(200, r.code(), r.body());
    assertEquals(2, r.json().getAsJsonArray().size());
    assertEquals("CANCELED", sim.findRun(some.get(0)).orElseThrow().status());
    assertEquals("CANCELED", sim.findRun(some.get(1)).orElseThrow().status());
    assertEquals("SUCCEEDED", sim.findRun(some.get(2)).orElseThrow().status());
    assertNotNull(sim.findRun(some.get(0)).orElseThrow().finishedAt());
    Http.Reply bad = Http.post(url("/v1/flow-runs/cancel"), auth,
        "{\"projectId\":\"" + sim.projectId() + "\",\"status\":[\"FAILED\"]}");
    assertEquals(400, bad.code());
  }

  @Test
  void bulkArchiveHidesRunsUnlessArchivedAreAskedFor() {
    String flow = sim.flowIds().get(1);
    long inFlow = sim.runs().stream().filter(r -> r.flowId().equals(flow)).count();
    Http.Reply r = Http.post(url("/v1/flow-runs/archive"), auth,
        "{\"projectId\":\"" + sim.projectId() + "\",\"flowId\":[\"" + flow + "\"]}");
    assertEquals(200, r.code(), r.body());
    assertEquals(237 - inFlow, listAll("").size());
    assertEquals(237, listAll("&includeArchived=true").size());
    assertNotNull(sim.runs().stream().filter(x -> x.flowId().equals(flow)).findFirst().orElseThrow().archivedAt());
    SimulatedRun archivedFailure = sim.runs().stream()
        .filter(x -> x.flowId().equals(flow) && x.status().equals("FAILED")).findFirst().orElseThrow();
    assertEquals(409, retry(archivedFailure.id(), "FROM_FAILED_STEP").code());
  }

  @Test
  void countByStatusCountsTheHistory() {
    JsonArray data = Http.get(url("/v1/flow-runs/count-by-status?projectId=" + sim.projectId()), auth)
        .json().getAsJsonObject().getAsJsonArray("data");
    long total = 0;
    for (JsonElement e : data) {
      String status = e.getAsJsonObject().get("status").getAsString();
      long count = e.getAsJsonObject().get("count").getAsLong();
      assertEquals(sim.runs().stream().filter(r -> r.status().equals(status)).count(), count, status);
      total += count;
    }
    assertEquals(237, total);
  }

  @Test
  void resumingAtTheWaitpointMovesAPausedRunOnWithoutAuth() {
    SimulatedRun paused = sim.runs().stream().filter(r -> r.status().equals("PAUSED")).findFirst().orElseThrow();
    JsonObject run = Http.get(url("/v1/flow-runs/" + paused.id()), auth).json().getAsJsonObject();
    String waitpoint = run.getAsJsonObject("pauseMetadata").get("requestId").getAsString();
    Http.Reply wrong = Http.post(url("/v1/flow-runs/" + paused.id() + "/waitpoints/nope"), null, "{}");
    assertEquals(404, wrong.code());
    Http.Reply r = Http.post(url("/v1/flow-runs/" + paused.id() + "/waitpoints/" + waitpoint), null,
        "{\"approved\":true}");
    assertEquals(200, r.code(), r.body());
    assertEquals("RUNNING", sim.findRun(paused.id()).orElseThrow().status());
    assertEquals(409, Http.post(url("/v1/flow-runs/" + paused.id() + "/waitpoints/" + waitpoint), null, "{}").code());
  }

  @Test
  void flowRunIdsFilterReturnsExactlyThoseRuns() {
    Set<String> wanted = new HashSet<>(List.of(sim.run(3).id(), sim.run(100).id()));
    List<JsonObject> runs = listAll("&flowRunIds=" + sim.run(3).id() + "&flowRunIds=" + sim.run(100).id());
    assertEquals(wanted, new HashSet<>(ids(runs)));
    assertNull(null);
  }
}
