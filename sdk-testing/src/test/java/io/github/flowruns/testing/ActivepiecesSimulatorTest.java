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
  void cursorsAreTheServersCreatedTimeInNestedBase64() {
    JsonObject first = Http.get(url("/v1/flow-runs?projectId=" + sim.projectId() + "&limit=3"), auth)
        .json().getAsJsonObject();
    String next = first.get("next").getAsString();
    String outer = new String(java.util.Base64.getDecoder().decode(next), java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(outer.startsWith("next_"), outer);
    String inner = new String(java.util.Base64.getDecoder().decode(outer.substring(5)),
        java.nio.charset.StandardCharsets.UTF_8);
    Instant last = Instant.parse(first.getAsJsonArray("data").get(2).getAsJsonObject().get("created").getAsString());
    assertEquals("created:" + last.toEpochMilli(), inner);
  }

  @Test
  void runsCreatedInTheSecondOfAPageBoundaryAreSkippedAsByTheServer() {
    // vendors.md: the cursor is compared at one-second precision. 600 runs in 3 minutes: several a second.
    try (ActivepiecesSimulator dense = ActivepiecesSimulator.builder().runs(600).seed(3).newestAt(NEWEST)
        .history(Duration.ofMinutes(3)).build().start()) {
      String base = dense.baseUrl() + "/v1/flow-runs?projectId=" + dense.projectId() + "&limit=7";
      String a = "Bearer " + dense.apiKey();
      List<Instant> seen = new ArrayList<>();
      String cursor = null;
      do {
        JsonObject page = Http.get(base + (cursor == null ? "" : "&cursor=" + cursor), a).json().getAsJsonObject();
        JsonArray data = page.getAsJsonArray("data");
        if (cursor != null && !data.isEmpty()) {
          Instant boundary = seen.get(seen.size() - 1);
          Instant firstHere = Instant.parse(data.get(0).getAsJsonObject().get("created").getAsString());
          assertTrue(firstHere.getEpochSecond() < boundary.getEpochSecond(), "next page starts in an earlier second");
        }
        data.forEach(e -> seen.add(Instant.parse(e.getAsJsonObject().get("created").getAsString())));
        cursor = page.get("next").isJsonNull() ? null : page.get("next").getAsString();
      } while (cursor != null);
      assertTrue(seen.size() < 600, "same-second runs past boundaries were skipped: " + seen.size());
      assertEquals(600, Http.get(dense.baseUrl() + "/v1/flow-runs?projectId=" + dense.projectId() + "&limit=-1", a)
          .json().getAsJsonObject().getAsJsonArray("data").size(), "limit -1 is unlimited");
    }
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
  void everyStatusTheServerKnowsAppearsAndFailedStepsCarryNoMessage() {
    List<JsonObject> runs = listAll("");
    Set<String> statuses = runs.stream().map(o -> o.get("status").getAsString()).collect(Collectors.toSet());
    // vendors.md: a current server dropped STOPPED; its failedStep is {name, displayName}, no message.
    assertEquals(Set.of("QUEUED", "RUNNING", "PAUSED", "SUCCEEDED", "FAILED", "QUOTA_EXCEEDED", "INTERNAL_ERROR",
        "MEMORY_LIMIT_EXCEEDED", "TIMEOUT", "CANCELED", "LOG_SIZE_EXCEEDED"), statuses);
    List<JsonObject> failed = runs.stream().filter(o -> o.get("status").getAsString().equals("FAILED")).toList();
    assertTrue(failed.stream().allMatch(o -> o.getAsJsonObject("failedStep").get("name").getAsString().startsWith("step_")));
    assertTrue(failed.stream().noneMatch(o -> o.getAsJsonObject("failedStep").has("message")));
  }

  @Test
  void anOlderServerHoldsStoppedRunsAndNoLogSizeExceededOnes() {
    try (ActivepiecesSimulator old = ActivepiecesSimulator.builder().runs(237).flows(4).seed(7).newestAt(NEWEST)
        .olderServer().build().start()) {
      Set<String> statuses = old.runs().stream().map(SimulatedRun::status).collect(Collectors.toSet());
      assertTrue(statuses.contains("STOPPED"), statuses.toString());
      assertFalse(statuses.contains("LOG_SIZE_EXCEEDED"), statuses.toString());
    }
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
  void getReturnsTheRunWithItsStepsAndTheFailedStepsError() {
    SimulatedRun failed = sim.runs().stream().filter(r -> r.status().equals("FAILED")).findFirst().orElseThrow();
    JsonObject run = Http.get(url("/v1/flow-runs/" + failed.id()), auth).json().getAsJsonObject();
    JsonObject steps = run.getAsJsonObject("steps");
    assertTrue(steps.has("trigger"));
    JsonObject step = steps.getAsJsonObject(failed.failedStepName());
    assertEquals("FAILED", step.get("status").getAsString());
    assertEquals(failed.failedStepMessage(), step.get("errorMessage").getAsString());
    Http.Reply missing = Http.get(url("/v1/flow-runs/AAAAAAAAAAAAAAAAAAAAA"), auth);
    assertEquals(404, missing.code());
    assertEquals("ENTITY_NOT_FOUND", missing.json().getAsJsonObject().get("code").getAsString());
  }

  private Http.Reply retry(String id, String strategy) {
    return Http.post(url("/v1/flow-runs/" + id + "/retry"), auth,
        "{\"strategy\":\"" + strategy + "\",\"projectId\":\"" + sim.projectId() + "\"}");
  }

  @Test
  void anIdThatIsNotTwentyOneAlphanumericsIsA400() {
    // vendors.md: an id that is not 21 characters [0-9a-zA-Z] fails the schema with 400.
    for (String bad : List.of("no-such-run", "AAAAAAAAAAAAAAAAAAAA", "AAAAAAAAAAAAAAAAAAAA_")) {
      Http.Reply r = Http.get(url("/v1/flow-runs/" + bad), auth);
      assertEquals(400, r.code(), bad);
      assertEquals(400, r.json().getAsJsonObject().get("statusCode").getAsInt());
      assertEquals(400, retry(bad, "FROM_FAILED_STEP").code(), bad);
    }
  }

  @Test
  void anOlderServerAnswersAMissingRunWithFlowRunNotFoundAs400() {
    try (ActivepiecesSimulator old = ActivepiecesSimulator.builder().runs(20).olderServer().build().start()) {
      Http.Reply r = Http.get(old.baseUrl() + "/v1/flow-runs/AAAAAAAAAAAAAAAAAAAAA", "Bearer " + old.apiKey());
      assertEquals(400, r.code());
      assertEquals("FLOW_RUN_NOT_FOUND", r.json().getAsJsonObject().get("code").getAsString());
    }
  }

  @Test
  void aStatusValueTheServerDoesNotKnowIsA400() {
    String list = "/v1/flow-runs?projectId=";
    assertEquals(400, Http.get(url(list + sim.projectId() + "&status=STOPPED"), auth).code());
    assertEquals(200, Http.get(url(list + sim.projectId() + "&status=LOG_SIZE_EXCEEDED"), auth).code());
    assertEquals(400, Http.post(url("/v1/flow-runs/retry"), auth, "{\"projectId\":\"" + sim.projectId()
        + "\",\"strategy\":\"FROM_FAILED_STEP\",\"status\":[\"STOPPED\"]}").code());
    try (ActivepiecesSimulator old = ActivepiecesSimulator.builder().runs(20).olderServer().build().start()) {
      String a = "Bearer " + old.apiKey();
      assertEquals(400, Http.get(old.baseUrl() + list + old.projectId() + "&status=LOG_SIZE_EXCEEDED", a).code());
      assertEquals(200, Http.get(old.baseUrl() + list + old.projectId() + "&status=STOPPED", a).code());
    }
  }

  @Test
  void retryFromTheFailedStepRequeuesTheSameRun() {
    SimulatedRun failed = sim.runs().stream().filter(r -> r.status().equals("FAILED")).findFirst().orElseThrow();
    Http.Reply r = retry(failed.id(), "FROM_FAILED_STEP");
    assertEquals(200, r.code(), r.body());
    JsonObject requeued = r.json().getAsJsonObject();
    // vendors.md: FROM_FAILED_STEP answers the run with the same id, status QUEUED.
    assertEquals(failed.id(), requeued.get("id").getAsString());
    assertEquals("QUEUED", requeued.get("status").getAsString());
    assertEquals(237, sim.runCount(), "no new run");
    assertEquals("QUEUED", sim.findRun(failed.id()).orElseThrow().status());
  }

  @Test
  void retryOnTheLatestVersionStartsANewRunWithTheOldRunsParent() {
    String parent = sim.runs().stream().filter(r -> r.status().equals("SUCCEEDED")).findFirst().orElseThrow().id();
    String child = webhook(sim.flowIds().get(0), parent);
    Http.Reply r = retry(child, "ON_LATEST_VERSION");
    assertEquals(200, r.code(), r.body());
    JsonObject created = r.json().getAsJsonObject();
    assertNotEquals(child, created.get("id").getAsString());
    // vendors.md: the new run's parentRunId is the old run's parentRunId, not the old run.
    assertEquals(parent, created.get("parentRunId").getAsString());
    assertEquals(created.get("id").getAsString(), sim.run(0).id());
    SimulatedRun plain = sim.runs().stream().filter(x -> x.status().equals("FAILED")).findFirst().orElseThrow();
    JsonObject again = retry(plain.id(), "ON_LATEST_VERSION").json().getAsJsonObject();
    assertFalse(again.has("parentRunId"), "a run without a parent gives a new run without one");
  }

  // vendors.md (Activepieces): listings show production runs only. A run of the draft webhook is
  // a TESTING run: get finds it, the listing and the counts leave it out.
  @Test
  void aTestingRunIsFoundByIdButNotListedNorCounted() {
    String flow = sim.flowIds().get(0);
    Http.Reply made = Http.send(new okhttp3.Request.Builder().url(url("/v1/webhooks/" + flow + "/draft"))
        .post(okhttp3.RequestBody.create("{}", okhttp3.MediaType.get("application/json"))).build());
    assertEquals(200, made.code(), made.body());
    String testing = made.json().getAsJsonObject().get("runId").getAsString();
    String production = webhook(flow, null);
    JsonObject got = Http.get(url("/v1/flow-runs/" + testing), auth).json().getAsJsonObject();
    assertEquals("TESTING", got.get("environment").getAsString());
    Set<String> listed = new java.util.HashSet<>();
    for (JsonElement e : Http.get(url("/v1/flow-runs?limit=-1&projectId=" + sim.projectId()), auth)
        .json().getAsJsonObject().getAsJsonArray("data")) {
      listed.add(e.getAsJsonObject().get("id").getAsString());
    }
    assertTrue(listed.contains(production));
    assertFalse(listed.contains(testing));
    long counted = 0;
    for (JsonElement e : Http.get(url("/v1/flow-runs/count-by-status?projectId=" + sim.projectId()), auth)
        .json().getAsJsonObject().getAsJsonArray("data")) {
      counted += e.getAsJsonObject().get("count").getAsLong();
    }
    assertEquals(listed.size(), counted);
  }

  /** Queues a run of {@code flowId} as a child of {@code parentId}, as a sub-flow call does. */
  private String webhook(String flowId, String parentId) {
    okhttp3.Request.Builder b = new okhttp3.Request.Builder().url(url("/v1/webhooks/" + flowId))
        .post(okhttp3.RequestBody.create("{}", okhttp3.MediaType.get("application/json")));
    if (parentId != null) b.header("ap-parent-run-id", parentId);
    Http.Reply r = Http.send(b.build());
    assertEquals(200, r.code(), r.body());
    return r.json().getAsJsonObject().get("runId").getAsString();
  }

  // vendors.md (Activepieces): 403 is a permission refusal; the key may not read another project.
  @Test
  void anotherProjectsRunsArePermissionDenied() {
    Http.Reply r = Http.get(url("/v1/flow-runs?projectId=someOtherProjectId123"), auth);
    assertEquals(403, r.code(), r.body());
    assertEquals("PERMISSION_DENIED", r.json().getAsJsonObject().get("code").getAsString());
  }

  // vendors.md (Activepieces): no rate limit on these routes in the open-source server.
  @Test
  void manyRequestsInQuickSuccessionAreNeverRateLimited() {
    String list = url("/v1/flow-runs?limit=1&projectId=" + sim.projectId());
    for (int i = 0; i < 300; i++) {
      Http.Reply r = Http.get(list, auth);
      assertEquals(200, r.code(), "request " + i);
      assertNull(r.header("Retry-After"));
    }
  }

  @Test
  void retryIsNotRefusedByStatus() {
    // vendors.md: the server does not refuse a retry by status (the seed's rules are documentation only).
    for (String status : List.of("SUCCEEDED", "RUNNING", "TIMEOUT", "QUEUED")) {
      SimulatedRun run = sim.runs().stream().filter(r -> r.status().equals(status)).findFirst().orElseThrow();
      assertEquals(200, retry(run.id(), "ON_LATEST_VERSION").code(), status);
    }
    SimulatedRun succeeded = sim.runs().stream().filter(r -> r.status().equals("SUCCEEDED")).findFirst().orElseThrow();
    assertEquals(200, retry(succeeded.id(), "FROM_FAILED_STEP").code());
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
      JsonObject error = r.json().getAsJsonObject();
      assertEquals("FLOW_RUN_RETRY_OUTSIDE_RETENTION", error.get("code").getAsString());
      assertEquals(old.id(), error.getAsJsonObject("params").get("flowRunId").getAsString());
      assertEquals(5, error.getAsJsonObject("params").get("failedJobRetentionDays").getAsInt());
      JsonObject run = Http.get(short_.baseUrl() + "/v1/flow-runs/" + old.id(), "Bearer " + short_.apiKey())
          .json().getAsJsonObject();
      assertTrue(run.get("steps").isJsonNull(), "steps are purged past retention");
    }
  }

  @Test
  void bulkRetrySelectsByFilterAndAnswersEachRunRetriedOrItsError() {
    try (ActivepiecesSimulator short_ = ActivepiecesSimulator.builder().runs(237).flows(4).seed(7).newestAt(NEWEST)
        .retention(Duration.ofDays(5)).build().start()) {
      List<SimulatedRun> failed = short_.runs().stream().filter(r -> r.status().equals("FAILED")).toList();
      Instant cut = NEWEST.minus(Duration.ofDays(5));
      long gone = failed.stream().filter(r -> r.createdAt().isBefore(cut)).count();
      Http.Reply r = Http.post(short_.baseUrl() + "/v1/flow-runs/retry", "Bearer " + short_.apiKey(),
          "{\"projectId\":\"" + short_.projectId() + "\",\"strategy\":\"FROM_FAILED_STEP\",\"status\":[\"FAILED\"]}");
      assertEquals(200, r.code(), r.body());
      JsonArray items = r.json().getAsJsonArray();
      assertEquals(failed.size(), items.size(), "one item per run acted on");
      long errors = 0;
      for (JsonElement e : items) {
        JsonObject item = e.getAsJsonObject();
        if (item.has("error")) {
          errors++;
          // vendors.md: the old run plus error {errorCode, errorMessage}.
          assertEquals("FLOW_RUN_RETRY_OUTSIDE_RETENTION", item.getAsJsonObject("error").get("errorCode").getAsString());
          assertTrue(item.getAsJsonObject("error").has("errorMessage"));
          assertEquals("FAILED", item.get("status").getAsString());
        } else {
          assertEquals("QUEUED", item.get("status").getAsString());
        }
      }
      assertTrue(gone > 0 && gone < failed.size(), "both kinds present: " + gone);
      assertEquals(gone, errors);
      assertEquals(237, short_.runCount(), "FROM_FAILED_STEP re-queues, it creates no run");
    }
  }

  @Test
  void bulkFiltersAreAndedWithFlowRunIds() {
    SimulatedRun failed = sim.runs().stream().filter(r -> r.status().equals("FAILED")).findFirst().orElseThrow();
    SimulatedRun ok = sim.runs().stream().filter(r -> r.status().equals("SUCCEEDED")).findFirst().orElseThrow();
    Http.Reply r = Http.post(url("/v1/flow-runs/retry"), auth, "{\"projectId\":\"" + sim.projectId()
        + "\",\"strategy\":\"FROM_FAILED_STEP\",\"status\":[\"FAILED\"],\"flowRunIds\":[\"" + failed.id()
        + "\",\"" + ok.id() + "\"]}");
    assertEquals(200, r.code(), r.body());
    assertEquals(1, r.json().getAsJsonArray().size());
    assertEquals(failed.id(), r.json().getAsJsonArray().get(0).getAsJsonObject().get("id").getAsString());
  }

  @Test
  void bulkCancelAnswersNothingCancelsOnlyPausedAndQueuedRunsAndCascadesToChildren() {
    SimulatedRun running = sim.runs().stream().filter(r -> r.status().equals("RUNNING")).findFirst().orElseThrow();
    List<String> some = List.of(sim.runs().stream().filter(r -> r.status().equals("PAUSED")).findFirst().orElseThrow().id(),
        sim.runs().stream().filter(r -> r.status().equals("QUEUED")).findFirst().orElseThrow().id(),
        sim.runs().stream().filter(r -> r.status().equals("SUCCEEDED")).findFirst().orElseThrow().id(),
        running.id());
    String child = webhook(sim.flowIds().get(1), some.get(0));
    String grandchild = webhook(sim.flowIds().get(2), child);
    Http.Reply r = Http.post(url("/v1/flow-runs/cancel"), auth, "{\"projectId\":\"" + sim.projectId()
        + "\",\"flowRunIds\":[\"" + String.join("\",\"", some) + "\"]}");
    assertEquals(200, r.code(), r.body());
    assertEquals("", r.body(), "cancel answers nothing");
    assertEquals("CANCELED", sim.findRun(some.get(0)).orElseThrow().status());
    assertEquals("CANCELED", sim.findRun(some.get(1)).orElseThrow().status());
    assertEquals("SUCCEEDED", sim.findRun(some.get(2)).orElseThrow().status());
    assertEquals("RUNNING", sim.findRun(running.id()).orElseThrow().status(), "a RUNNING run is ignored, silently");
    assertEquals("CANCELED", sim.findRun(child).orElseThrow().status(), "child runs are cancelled too");
    assertEquals("CANCELED", sim.findRun(grandchild).orElseThrow().status());
    assertNotNull(sim.findRun(some.get(0)).orElseThrow().finishedAt());
    Http.Reply bad = Http.post(url("/v1/flow-runs/cancel"), auth,
        "{\"projectId\":\"" + sim.projectId() + "\",\"status\":[\"FAILED\"]}");
    assertEquals(400, bad.code());
    Http.Reply unknownId = Http.post(url("/v1/flow-runs/cancel"), auth,
        "{\"projectId\":\"" + sim.projectId() + "\",\"flowRunIds\":[\"AAAAAAAAAAAAAAAAAAAAA\"]}");
    assertEquals(200, unknownId.code(), "an unknown id is ignored, silently");
  }

  @Test
  void bulkArchiveHidesRunsUnlessArchivedAreAskedFor() {
    String flow = sim.flowIds().get(1);
    long inFlow = sim.runs().stream().filter(r -> r.flowId().equals(flow)).count();
    Http.Reply r = Http.post(url("/v1/flow-runs/archive"), auth,
        "{\"projectId\":\"" + sim.projectId() + "\",\"flowId\":[\"" + flow + "\"]}");
    assertEquals(200, r.code(), r.body());
    assertEquals("", r.body(), "archive answers nothing");
    assertEquals(237 - inFlow, listAll("").size());
    assertEquals(237, listAll("&includeArchived=true").size());
    assertNotNull(sim.runs().stream().filter(x -> x.flowId().equals(flow)).findFirst().orElseThrow().archivedAt());
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

  // vendors.md (Activepieces): older servers resume at /v1/flow-runs/{id}/requests/{requestId}, no auth.
  @Test
  void resumingAtTheOlderRequestsRouteMovesAPausedRunOnWithoutAuth() {
    SimulatedRun paused = sim.runs().stream().filter(r -> r.status().equals("PAUSED")).findFirst().orElseThrow();
    JsonObject run = Http.get(url("/v1/flow-runs/" + paused.id()), auth).json().getAsJsonObject();
    String request = run.getAsJsonObject("pauseMetadata").get("requestId").getAsString();
    Http.Reply r = Http.post(url("/v1/flow-runs/" + paused.id() + "/requests/" + request), null, "{}");
    assertEquals(200, r.code(), r.body());
    assertEquals("RUNNING", sim.findRun(paused.id()).orElseThrow().status());
  }

  @Test
  void flowRunIdsFilterReturnsExactlyThoseRuns() {
    Set<String> wanted = new HashSet<>(List.of(sim.run(3).id(), sim.run(100).id()));
    List<JsonObject> runs = listAll("&flowRunIds=" + sim.run(3).id() + "&flowRunIds=" + sim.run(100).id());
    assertEquals(wanted, new HashSet<>(ids(runs)));
    assertNull(null);
  }
}
