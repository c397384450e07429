package io.github.flowruns.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AnalyticsSimulatorTest {
  private static final Instant NEWEST = Instant.parse("2026-02-01T08:00:00Z");
  private AnalyticsSimulator sim;
  private String auth;

  @BeforeEach
  void start() {
    sim = AnalyticsSimulator.builder().runs(260).flows(2).seed(3).newestAt(NEWEST).build().start();
    auth = "Bearer " + sim.apiKey();
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  private String url(String flow) {
    return sim.baseUrl() + "/analytics/org/" + sim.orgId() + "/flows/" + flow;
  }

  private List<JsonObject> listAll(String flow, String query) {
    List<JsonObject> out = new ArrayList<>();
    for (int page = 0; ; page++) {
      Http.Reply r = Http.get(url(flow) + "?page=" + page + "&page_size=20" + query, auth);
      assertEquals(200, r.code(), r.body());
      JsonArray items = r.json().getAsJsonArray();
      items.forEach(e -> out.add(e.getAsJsonObject()));
      if (items.size() < 20) return out;
    }
  }

  @Test
  void pagingFromPageZeroReturnsEachRunOfTheFlowOnceAndEndsOnAShortPage() {
    int total = 0;
    for (String flow : sim.flowIds()) {
      List<String> got = listAll(flow, "").stream().map(o -> o.get("run_id").getAsString()).toList();
      assertEquals(sim.runs().stream().filter(r -> r.flowId().equals(flow)).map(SimulatedRun::id).toList(), got);
      total += got.size();
    }
    assertEquals(260, total);
  }

  @Test
  void defaultPageSizeIs25AndTheBodyIsABareArray() {
    JsonElement body = Http.get(url(sim.flowIds().get(0)), auth).json();
    assertTrue(body.isJsonArray());
    assertEquals(25, body.getAsJsonArray().size());
    JsonObject run = body.getAsJsonArray().get(0).getAsJsonObject();
    for (String field : List.of("run_id", "date", "is_flow_successful", "state", "error", "latency", "total_tokens",
        "user_id", "inputs", "outputs", "llms", "feedback")) {
      assertTrue(run.has(field), field);
    }
  }

  @Test
  void stateFilterTakesACommaList() {
    String flow = sim.flowIds().get(0);
    List<JsonObject> runs = listAll(flow, "&state=FAILED,CANCELLED");
    assertEquals(sim.runs().stream().filter(r -> r.flowId().equals(flow)
        && ("FAILED".equals(r.status()) || "CANCELLED".equals(r.status()))).count(), runs.size());
    assertTrue(runs.size() > 5);
    Http.Reply bad = Http.get(url(flow) + "?state=failed", auth);
    assertEquals(422, bad.code());
    assertEquals(List.of("query", "state").toString(),
        bad.json().getAsJsonObject().getAsJsonArray("detail").get(0).getAsJsonObject().get("loc").toString()
            .replace("\"", "").replace(",", ", "));
  }

  // seed 002: the summary route filters by user_id; runs of other users (and runs with none) drop out.
  @Test
  void userIdFilterKeepsOnlyThatUsersRuns() {
    String flow = sim.flowIds().get(0);
    List<JsonObject> all = listAll(flow, "");
    String user = all.stream().filter(r -> r.has("user_id") && !r.get("user_id").isJsonNull())
        .map(r -> r.get("user_id").getAsString()).findFirst().orElseThrow();
    long expected = all.stream().filter(r -> r.has("user_id") && !r.get("user_id").isJsonNull()
        && r.get("user_id").getAsString().equals(user)).count();
    List<JsonObject> mine = listAll(flow, "&user_id=" + user);
    assertEquals(expected, mine.size());
    assertTrue(mine.size() < all.size(), "the filter narrows the listing");
    mine.forEach(r -> assertEquals(user, r.get("user_id").getAsString()));
  }

  @Test
  void startAndEndDatesBoundTheRunDate() {
    String flow = sim.flowIds().get(1);
    Instant start = NEWEST.minus(Duration.ofDays(12));
    Instant end = NEWEST.minus(Duration.ofDays(2));
    List<JsonObject> runs = listAll(flow, "&start_date=" + start + "&end_date=" + end);
    assertEquals(sim.runs().stream().filter(r -> r.flowId().equals(flow)
        && !r.createdAt().isBefore(start) && !r.createdAt().isAfter(end)).count(), runs.size());
    assertTrue(runs.stream().allMatch(o -> !Instant.parse(o.get("date").getAsString()).isBefore(start)));
  }

  @Test
  void completedButUnsuccessfulRunsAndTheNullStateAppear() {
    Set<String> kinds = new HashSet<>();
    for (String flow : sim.flowIds()) {
      for (JsonObject o : listAll(flow, "")) {
        kinds.add(o.get("state").isJsonNull() ? "null" : o.get("state").getAsString()
            + (o.get("is_flow_successful").isJsonNull() ? "" : "/" + o.get("is_flow_successful").getAsBoolean()));
      }
    }
    assertTrue(kinds.containsAll(Set.of("COMPLETED/true", "COMPLETED/false", "FAILED/false", "PENDING", "PAUSED",
        "RESUMED", "CANCELLED", "null")), kinds.toString());
  }

  @Test
  void aWrongKeyGets401InTheFastApiShape() {
    Http.Reply r = Http.get(url(sim.flowIds().get(0)), "Bearer nope");
    assertEquals(401, r.code());
    assertEquals("Invalid API key", r.json().getAsJsonObject().get("detail").getAsString());
    assertEquals(401, Http.get(url(sim.flowIds().get(0)), null).code());
    assertEquals(403, Http.get(sim.baseUrl() + "/analytics/org/other/flows/" + sim.flowIds().get(0), auth).code());
    assertEquals(404, Http.get(url("000000000000000000000000"), auth).code());
  }

  @Test
  void aNegativePageIsA422WithFieldDetail() {
    Http.Reply r = Http.get(url(sim.flowIds().get(0)) + "?page=-1", auth);
    assertEquals(422, r.code());
    JsonObject d = r.json().getAsJsonObject().getAsJsonArray("detail").get(0).getAsJsonObject();
    assertEquals("greater_than_equal", d.get("type").getAsString());
    assertNull(null);
  }

  // vendors.md, "StackAI, more": GET /organizations/analytics/projects-run-summary (page,
  // page_size, start_date, end_date) answers an array of per-project summaries of the organisation.
  @Test
  void theProjectsRunSummaryListsEachProjectWithRunsInTheWindowPagedFromZero() {
    try (AnalyticsSimulator many = AnalyticsSimulator.builder().runs(400).flows(7).seed(3).newestAt(NEWEST)
        .build().start()) {
      String base = many.baseUrl() + "/organizations/analytics/projects-run-summary";
      String key = "Bearer " + many.apiKey();
      List<String> ids = new ArrayList<>();
      for (int page = 0; ; page++) {
        Http.Reply r = Http.get(base + "?page=" + page + "&page_size=3", key);
        assertEquals(200, r.code(), r.body());
        JsonArray items = r.json().getAsJsonArray();
        for (JsonElement e : items) {
          JsonObject p = e.getAsJsonObject();
          ids.add(p.get("project_id").getAsString());
          String flow = p.get("project_id").getAsString();
          assertEquals(many.runs().stream().filter(x -> x.flowId().equals(flow)).count(), p.get("total_runs").getAsLong());
          assertTrue(p.has("project_owner") && p.has("total_errors") && p.has("is_published"), p.toString());
        }
        if (items.size() < 3) break;
      }
      assertEquals(many.flowIds(), ids);

      // Only projects with runs in the window: a window after every run lists none.
      String after = NEWEST.plus(Duration.ofDays(1)).toString();
      assertEquals(0, Http.get(base + "?start_date=" + after, key).json().getAsJsonArray().size());
      Http.Reply bad = Http.get(base + "?page=-1", key);
      assertEquals(422, bad.code());
      assertEquals(401, Http.get(base, "Bearer nope").code());
    }
  }
}
