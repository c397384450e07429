package io.github.flowruns.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The n8n simulator answers as vendors.md (n8n) records real n8n servers and, where they differ, as
 * the recorded answers of a real 2.41.1 do (specs/n8n/observed).
 */
class N8nSimulatorTest {
  private N8nSimulator sim;

  @BeforeEach
  void start() {
    sim = N8nSimulator.builder().runs(200).flows(3).seed(3).build().start();
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  private Http.Reply get(String pathAndQuery, String key) {
    Request.Builder b = new Request.Builder().url(sim.baseUrl() + pathAndQuery);
    if (key != null) b.header("X-N8N-API-KEY", key);
    return Http.send(b.build());
  }

  private Http.Reply post(String path, String json) {
    return Http.send(new Request.Builder().url(sim.baseUrl() + path).header("X-N8N-API-KEY", sim.apiKey())
        .post(RequestBody.create(json, MediaType.get("application/json"))).build());
  }

  private List<JsonObject> listAll(String query, int limit) {
    List<JsonObject> out = new ArrayList<>();
    String cursor = null;
    do {
      Http.Reply r = get("/api/v1/executions?limit=" + limit + query + (cursor == null ? "" : "&cursor=" + cursor),
          sim.apiKey());
      assertEquals(200, r.code(), r.body());
      JsonObject page = r.json().getAsJsonObject();
      page.getAsJsonArray("data").forEach(e -> out.add(e.getAsJsonObject()));
      cursor = page.get("nextCursor").isJsonNull() ? null : page.get("nextCursor").getAsString();
    } while (cursor != null);
    return out;
  }

  @Test
  void pagingNewestFirstByIdWithStringIdsListsRunningOnesOnlyWithStatusRunning() {
    List<JsonObject> all = listAll("", 17);
    List<String> expected = sim.runs().stream().filter(r -> !r.status().equals("running"))
        .map(SimulatedRun::id).toList();
    assertEquals(expected, all.stream().map(o -> o.get("id").getAsString()).toList());
    assertTrue(all.stream().allMatch(o -> o.get("id").getAsJsonPrimitive().isString()
        && o.get("workflowId").getAsJsonPrimitive().isString()));
    List<JsonObject> running = listAll("&status=running", 17);
    assertFalse(running.isEmpty());
    assertTrue(running.stream().allMatch(o -> o.get("status").getAsString().equals("running")));
  }

  @Test
  void theCursorIsBase64OfLastIdAndLimitAndCarriesNoFilters() {
    Http.Reply r = get("/api/v1/executions?limit=5&status=success", sim.apiKey());
    JsonObject page = r.json().getAsJsonObject();
    String decoded = new String(Base64.getDecoder().decode(page.get("nextCursor").getAsString()), StandardCharsets.UTF_8);
    String lastId = page.getAsJsonArray("data").get(4).getAsJsonObject().get("id").getAsString();
    assertEquals("{\"lastId\":\"" + lastId + "\",\"limit\":5}", decoded);
    // Without the filter again, the next page is unfiltered.
    Http.Reply next = get("/api/v1/executions?cursor=" + page.get("nextCursor").getAsString(), sim.apiKey());
    assertEquals(5, next.json().getAsJsonObject().getAsJsonArray("data").size());
    assertEquals(400, get("/api/v1/executions?cursor=bm9wZQ", sim.apiKey()).code());
  }

  @Test
  void statusErrorAlsoMatchesCrashedAndCrashedAndLimitsOver250AreAccepted() {
    Set<String> raw = listAll("&status=error", 50).stream().map(o -> o.get("status").getAsString())
        .collect(Collectors.toSet());
    assertEquals(Set.of("error", "crashed"), raw);
    // 2.41.1 accepts status=crashed and limit=251 (specs/n8n/observed; vendors.md says 400).
    Set<String> crashed = listAll("&status=crashed", 50).stream().map(o -> o.get("status").getAsString())
        .collect(Collectors.toSet());
    assertEquals(Set.of("crashed"), crashed);
    assertEquals(200, get("/api/v1/executions?limit=251", sim.apiKey()).code());
    assertEquals(400, get("/api/v1/executions?limit=0", sim.apiKey()).code());
    assertEquals(400, get("/api/v1/executions?status=bogus", sim.apiKey()).code());
  }

  @Test
  void errorsAreMessageBodiesFor401And404() {
    Http.Reply none = get("/api/v1/executions", null);
    assertEquals(401, none.code());
    assertEquals("Unauthorized", none.json().getAsJsonObject().get("message").getAsString());
    Http.Reply wrong = get("/api/v1/executions", "nope");
    assertEquals(401, wrong.code());
    assertEquals("Unauthorized", wrong.json().getAsJsonObject().get("message").getAsString());
    Http.Reply missing = get("/api/v1/executions/" + sim.unknownRunId(), sim.apiKey());
    assertEquals(404, missing.code());
    assertEquals("Not Found", missing.json().getAsJsonObject().get("message").getAsString());
    for (String bad : List.of("abc", "0", "-1", "1.5")) {
      Http.Reply r = get("/api/v1/executions/" + bad, sim.apiKey());
      assertEquals(400, r.code(), bad);
      assertEquals("request/params/executionId must be a positive integer",
          r.json().getAsJsonObject().get("message").getAsString());
    }
  }

  @Test
  void stopCancelsAWaitingOrRunningExecutionAndRefusesAFinishedOne() {
    SimulatedRun running = sim.runs().stream().filter(r -> r.status().equals("running")).findFirst().orElseThrow();
    Http.Reply r = post("/api/v1/executions/" + running.id() + "/stop", "{}");
    assertEquals(200, r.code(), r.body());
    assertEquals("canceled", r.json().getAsJsonObject().get("status").getAsString());
    assertFalse(r.json().getAsJsonObject().has("id"), "2.41.1's answer has no id");
    assertEquals("canceled", sim.findRun(running.id()).orElseThrow().status());
    SimulatedRun ok = sim.runs().stream().filter(x -> x.status().equals("success")).findFirst().orElseThrow();
    Http.Reply refused = post("/api/v1/executions/" + ok.id() + "/stop", "{}");
    // What a live 2.41.1 answered (N8nLiveFactsTest#stoppingAWaitingExecutionCancelsIt).
    assertEquals(409, refused.code());
    assertEquals("Only running or waiting executions can be stopped and " + ok.id() + " is currently success",
        refused.json().getAsJsonObject().get("message").getAsString());
    assertEquals(404, post("/api/v1/executions/" + sim.unknownRunId() + "/stop", "{}").code());
  }

  @Test
  void bulkStopStopsEveryExecutionInTheGivenStatusesOfTheWorkflowAndCountsThem() {
    String flow = sim.flowIds().get(0);
    long expected = sim.runs().stream().filter(r -> r.flowId().equals(flow))
        .filter(r -> r.status().equals("running") || r.status().equals("waiting")).count();
    Http.Reply r = post("/api/v1/executions/stop",
        "{\"status\":[\"running\",\"waiting\"],\"workflowId\":\"" + flow + "\"}");
    assertEquals(200, r.code(), r.body());
    assertEquals(expected, r.json().getAsJsonObject().get("stopped").getAsLong());
    assertTrue(sim.runs().stream().filter(x -> x.flowId().equals(flow))
        .noneMatch(x -> x.status().equals("running") || x.status().equals("waiting")));
    assertEquals(0, post("/api/v1/executions/stop", "{\"status\":[\"running\"],\"workflowId\":\"" + flow
        + "\"}").json().getAsJsonObject().get("stopped").getAsLong());
    assertEquals(400, post("/api/v1/executions/stop", "{}").code());
  }

  @Test
  void getWithIncludeDataGivesTheErrorMessageAndTheLastNode() {
    SimulatedRun failed = sim.runs().stream().filter(r -> r.status().equals("error")).findFirst().orElseThrow();
    JsonObject result = get("/api/v1/executions/" + failed.id() + "?includeData=true", sim.apiKey()).json()
        .getAsJsonObject().getAsJsonObject("data").getAsJsonObject("resultData");
    assertEquals(failed.failedStepMessage(), result.getAsJsonObject("error").get("message").getAsString());
    assertEquals(failed.failedStepName(), result.get("lastNodeExecuted").getAsString());
  }

  @Test
  void aRetryAnswersANewExecutionInModeRetryAndASuccessCannotBeRetried() {
    SimulatedRun failed = sim.runs().stream().filter(r -> r.status().equals("error")).findFirst().orElseThrow();
    Http.Reply r = post("/api/v1/executions/" + failed.id() + "/retry", "{}");
    assertEquals(200, r.code(), r.body());
    JsonObject created = r.json().getAsJsonObject();
    assertEquals("retry", created.get("mode").getAsString());
    // Answered once it ended, as a real server does (nothing was planned for it).
    assertTrue(java.util.List.of("success", "error", "crashed").contains(created.get("status").getAsString()),
        created.toString());
    assertFalse(created.has("stoppedAt"), "2.41.1's retry answer has no stoppedAt");
    SimulatedRun ended = sim.findRun(created.get("id").getAsString()).orElseThrow();
    assertEquals(created.get("status").getAsString(), ended.status());
    // A planned retry runs for its planned time instead.
    SimulatedRun other = sim.runs().stream().filter(x -> x.status().equals("error"))
        .filter(x -> !x.id().equals(failed.id())).findFirst().orElseThrow();
    sim.planNext("success", java.time.Duration.ofMinutes(5));
    JsonObject planned = post("/api/v1/executions/" + other.id() + "/retry", "{}").json().getAsJsonObject();
    assertEquals("running", planned.get("status").getAsString());
    sim.advance(java.time.Duration.ofMinutes(6));
    assertEquals("success", sim.findRun(planned.get("id").getAsString()).orElseThrow().status());
    // A string on 2.41.1 (specs/n8n/observed/retry-failed-load-workflow.json).
    assertTrue(created.get("retryOf").getAsJsonPrimitive().isString());
    assertEquals(failed.id(), created.get("retryOf").getAsString());
    SimulatedRun ok = sim.runs().stream().filter(x -> x.status().equals("success")).findFirst().orElseThrow();
    Http.Reply refused = post("/api/v1/executions/" + ok.id() + "/retry", "{}");
    // 409 on 2.41.1 (specs/n8n/observed/retry-succeeded-409.json); vendors.md records 400.
    assertEquals(409, refused.code());
    assertEquals("The execution succeeded, so it cannot be retried.",
        refused.json().getAsJsonObject().get("message").getAsString());
  }
}
