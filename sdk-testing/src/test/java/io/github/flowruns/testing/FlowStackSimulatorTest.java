package io.github.flowruns.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FlowStackSimulatorTest {
  private FlowStackSimulator sim;
  private String auth;

  @BeforeEach
  void start() {
    sim = FlowStackSimulator.builder().runs(300).flows(3).seed(11).newestAt(Instant.parse("2026-04-01T00:00:00Z"))
        .build().start();
    auth = "Bearer " + sim.apiKey();
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  private String runsUrl(String flow) {
    return sim.baseUrl() + "/api/v1/flows/" + flow + "/runs";
  }

  private List<JsonObject> listAll(String flow, String query) {
    List<JsonObject> out = new ArrayList<>();
    String cursor = null;
    boolean more;
    do {
      Http.Reply r = Http.get(runsUrl(flow) + "?limit=17" + query + (cursor == null ? "" : "&cursor=" + cursor), auth);
      assertEquals(200, r.code(), r.body());
      JsonObject page = r.json().getAsJsonObject();
      page.getAsJsonArray("data").forEach(e -> out.add(e.getAsJsonObject()));
      more = page.get("hasMore").getAsBoolean();
      cursor = more ? page.get("cursor").getAsString() : null;
    } while (more);
    return out;
  }

  @Test
  void pagingThroughEachFlowReturnsItsRunsOnceNewestFirst() {
    int total = 0;
    for (String flow : sim.flowIds()) {
      List<String> got = listAll(flow, "").stream().map(o -> o.get("id").getAsString()).toList();
      List<String> expected = sim.runs().stream().filter(r -> r.flowId().equals(flow)).map(SimulatedRun::id).toList();
      assertEquals(expected, got);
      total += got.size();
    }
    assertEquals(300, total);
    assertTrue(sim.run(0).id().startsWith("run_"));
    assertTrue(sim.flowIds().get(0).startsWith("flow_"));
  }

  @Test
  void everyResponseCarriesTheRateLimitHeaders() {
    Http.Reply r = Http.get(runsUrl(sim.flowIds().get(0)), auth);
    assertEquals("100000", r.header("X-RateLimit-Limit"));
    assertEquals("99999", r.header("X-RateLimit-Remaining"));
    assertTrue(Long.parseLong(r.header("X-RateLimit-Reset")) > System.currentTimeMillis() / 1000);
    Http.Reply denied = Http.get(runsUrl(sim.flowIds().get(0)), "Bearer wrong");
    assertEquals("99998", denied.header("X-RateLimit-Remaining"));
  }

  @Test
  void statusFilterKeepsOnlyThatStatus() {
    String flow = sim.flowIds().get(1);
    List<JsonObject> failed = listAll(flow, "&status=FAILED");
    assertEquals(sim.runs().stream().filter(r -> r.flowId().equals(flow) && r.status().equals("FAILED")).count(),
        failed.size());
    assertTrue(failed.stream().allMatch(o -> o.getAsJsonObject("error").has("step")));
    Http.Reply bad = Http.get(runsUrl(flow) + "?status=BROKEN", auth);
    assertEquals(400, bad.code());
    assertEquals("VALIDATION_ERROR", bad.json().getAsJsonObject().getAsJsonObject("error").get("code").getAsString());
  }

  @Test
  void everyStatusOfTheVendorAppears() {
    Set<String> seen = sim.runs().stream().map(SimulatedRun::status).collect(Collectors.toSet());
    assertEquals(Set.of("SUCCEEDED", "FAILED", "RUNNING", "QUEUED", "PAUSED", "TIMEOUT", "CANCELED", "STOPPED"), seen);
  }

  @Test
  void aWrongKeyGets401InTheVendorShape() {
    Http.Reply r = Http.get(runsUrl(sim.flowIds().get(0)), "Bearer fs_test_nope");
    assertEquals(401, r.code());
    JsonObject error = r.json().getAsJsonObject().getAsJsonObject("error");
    assertEquals("UNAUTHORIZED", error.get("code").getAsString());
    assertEquals(401, error.get("statusCode").getAsInt());
    assertNotNull(error.get("message").getAsString());
  }

  // vendors.md (FlowStack): keys have Read, Write or Admin scope; FORBIDDEN is 403.
  @Test
  void aReadScopeKeyReadsButItsTriggerIsForbidden() {
    try (FlowStackSimulator scoped = FlowStackSimulator.builder().runs(20).flows(1).seed(3)
        .readScopeKey("fs_test_readonly").build().start()) {
      String runs = scoped.baseUrl() + "/api/v1/flows/" + scoped.flowIds().get(0) + "/runs";
      assertEquals(200, Http.get(runs, "Bearer fs_test_readonly").code());
      assertEquals(200, Http.get(scoped.baseUrl() + "/api/v1/flows", "Bearer fs_test_readonly").code());
      Http.Reply denied = Http.post(runs, "Bearer fs_test_readonly", "{\"data\":{}}");
      assertEquals(403, denied.code(), denied.body());
      JsonObject error = denied.json().getAsJsonObject().getAsJsonObject("error");
      assertEquals("FORBIDDEN", error.get("code").getAsString());
      assertEquals(403, error.get("statusCode").getAsInt());
      assertEquals(20, scoped.runs().size(), "a forbidden trigger starts no run");
      assertEquals(201, Http.post(runs, "Bearer " + scoped.apiKey(), "{\"data\":{}}").code());
    }
  }

  @Test
  void getReturnsTheRunWithStepsAndUnknownOnesAre404() {
    SimulatedRun failed = sim.runs().stream().filter(r -> r.status().equals("FAILED")).findFirst().orElseThrow();
    JsonObject run = Http.get(runsUrl(failed.flowId()) + "/" + failed.id(), auth).json().getAsJsonObject();
    assertEquals(failed.failedStepName(), run.getAsJsonObject("error").get("step").getAsString());
    assertFalse(run.getAsJsonArray("steps").isEmpty());
    String other = sim.flowIds().stream().filter(f -> !f.equals(failed.flowId())).findFirst().orElseThrow();
    assertEquals(404, Http.get(runsUrl(other) + "/" + failed.id(), auth).code());
    assertEquals(404, Http.get(runsUrl("flow_missing"), auth).code());
  }

  @Test
  void triggerAddsARunningRunThatLaterReadsSee() {
    String flow = sim.flowIds().get(2);
    Http.Reply r = Http.post(runsUrl(flow), auth, "{\"data\":{\"customerId\":\"c_1\"}}");
    assertEquals(201, r.code(), r.body());
    JsonObject run = r.json().getAsJsonObject();
    assertEquals("RUNNING", run.get("status").getAsString());
    assertEquals("API", run.get("triggerType").getAsString());
    assertEquals(301, sim.runCount());
    JsonObject first = Http.get(runsUrl(flow) + "?limit=1", auth).json().getAsJsonObject()
        .getAsJsonArray("data").get(0).getAsJsonObject();
    assertEquals(run.get("id"), first.get("id"));
    assertEquals(200, Http.get(runsUrl(flow) + "/" + run.get("id").getAsString(), auth).code());
  }

  @Test
  void statsSummariseTheFlowsRuns() {
    String flow = sim.flowIds().get(0);
    JsonObject stats = Http.get(runsUrl(flow) + "/stats", auth).json().getAsJsonObject();
    List<SimulatedRun> runs = sim.runs().stream().filter(r -> r.flowId().equals(flow)).toList();
    assertEquals(runs.size(), stats.get("totalRuns").getAsLong());
    assertEquals(runs.stream().filter(r -> r.status().equals("SUCCEEDED")).count(), stats.get("succeeded").getAsLong());
    assertEquals(runs.stream().filter(SimulatedRun::failed).count(), stats.get("failed").getAsLong());
    assertTrue(stats.get("successRate").getAsDouble() > 50 && stats.get("successRate").getAsDouble() <= 100);
    assertEquals(runs.get(0).startedAt() != null ? runs.get(0).startedAt() : runs.get(0).createdAt(),
        Instant.parse(stats.get("lastRun").getAsString()));
    Http.post(runsUrl(flow), auth, "");
    assertEquals(runs.size() + 1, Http.get(runsUrl(flow) + "/stats", auth).json().getAsJsonObject()
        .get("totalRuns").getAsLong());
  }

  // vendors.md, FlowStack: "its documented example has a non-null cursor with hasMore: false:
  // hasMore decides, not the cursor" (docs.onflowstack.com/api/flows).
  @Test
  void theLastPageOfRunsCarriesACursorWithHasMoreFalseAndFollowingItGivesNothing() {
    String flow = sim.flowIds().get(0);
    JsonObject last = Http.get(runsUrl(flow) + "?limit=100", auth).json().getAsJsonObject();
    assertFalse(last.get("hasMore").getAsBoolean());
    assertFalse(last.get("cursor").isJsonNull());
    JsonObject after = Http.get(runsUrl(flow) + "?limit=100&cursor=" + last.get("cursor").getAsString(), auth)
        .json().getAsJsonObject();
    assertEquals(0, after.getAsJsonArray("data").size());
    assertFalse(after.get("hasMore").getAsBoolean());
  }

  // vendors.md, FlowStack: "GET /api/v1/flows lists the account's flows ({data, cursor, hasMore},
  // each flow with its engine: activepieces or n8n)"; the last page has a cursor and hasMore false.
  @Test
  void theFlowsRouteListsEveryFlowWithItsEngineAndAStaleCursorOnTheLastPage() {
    List<String> ids = new ArrayList<>();
    Set<String> engines = new java.util.HashSet<>();
    String cursor = null;
    JsonObject page;
    do {
      Http.Reply r = Http.get(sim.baseUrl() + "/api/v1/flows?limit=2" + (cursor == null ? "" : "&cursor=" + cursor), auth);
      assertEquals(200, r.code(), r.body());
      page = r.json().getAsJsonObject();
      page.getAsJsonArray("data").forEach(e -> {
        ids.add(e.getAsJsonObject().get("id").getAsString());
        engines.add(e.getAsJsonObject().get("engine").getAsString());
      });
      cursor = page.get("cursor").getAsString();
    } while (page.get("hasMore").getAsBoolean());
    assertEquals(sim.flowIds(), ids);
    assertEquals(Set.of("activepieces", "n8n"), engines);
    assertFalse(page.get("cursor").isJsonNull());
    assertEquals(401, Http.get(sim.baseUrl() + "/api/v1/flows", "Bearer fs_test_nope").code());
  }

  // vendors.md, FlowStack: "Only SUCCEEDED, FAILED, RUNNING are documented, as values and as status
  // filter values"; the simulator refuses other filter values, so a client that sends one fails here.
  @Test
  void aStatusFilterOtherThanTheThreeDocumentedValuesIs400() {
    String flow = sim.flowIds().get(0);
    for (String documented : List.of("SUCCEEDED", "FAILED", "RUNNING")) {
      assertEquals(200, Http.get(runsUrl(flow) + "?status=" + documented, auth).code());
    }
    for (String other : List.of("TIMEOUT", "CANCELED", "QUEUED")) {
      Http.Reply r = Http.get(runsUrl(flow) + "?status=" + other, auth);
      assertEquals(400, r.code(), other);
      assertEquals("VALIDATION_ERROR", r.json().getAsJsonObject().getAsJsonObject("error").get("code").getAsString());
    }
  }
}
