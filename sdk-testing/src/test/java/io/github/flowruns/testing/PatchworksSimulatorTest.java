package io.github.flowruns.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PatchworksSimulatorTest {
  private static final Instant NEWEST = Instant.parse("2026-05-10T09:00:00Z");
  private PatchworksSimulator sim;

  @BeforeEach
  void start() {
    sim = PatchworksSimulator.builder().runs(243).seed(5).newestAt(NEWEST).build().start();
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  private String url(String pathAndQuery) {
    return sim.baseUrl() + "/api/v1/flow-runs" + pathAndQuery;
  }

  private List<JsonObject> listAll(String query) {
    List<JsonObject> out = new ArrayList<>();
    int last;
    int page = 1;
    do {
      Http.Reply r = Http.get(url("?sort=-started_at&per_page=40&page=" + page + query), sim.apiKey());
      assertEquals(200, r.code(), r.body());
      JsonObject body = r.json().getAsJsonObject();
      body.getAsJsonArray("data").forEach(e -> out.add(e.getAsJsonObject()));
      last = body.getAsJsonObject("meta").get("last_page").getAsInt();
      page++;
    } while (page <= last);
    return out;
  }

  @Test
  void pagingThroughAllRunsReturnsEachSeededRunOnceNewestFirst() {
    List<String> ids = listAll("").stream().map(o -> o.get("id").getAsString()).toList();
    assertEquals(sim.runs().stream().map(SimulatedRun::id).toList(), ids);
    assertEquals(243, ids.size());
  }

  @Test
  void metaAndLinksDescribeThePage() {
    JsonObject body = Http.get(url("?per_page=40&page=2"), sim.apiKey()).json().getAsJsonObject();
    JsonObject meta = body.getAsJsonObject("meta");
    assertEquals(2, meta.get("current_page").getAsInt());
    assertEquals(7, meta.get("last_page").getAsInt());
    assertEquals(40, meta.get("per_page").getAsInt());
    assertEquals(243, meta.get("total").getAsLong());
    assertEquals(41, meta.get("from").getAsInt());
    assertEquals(80, meta.get("to").getAsInt());
    JsonObject links = body.getAsJsonObject("links");
    assertTrue(links.get("next").getAsString().contains("page=3"));
    assertTrue(links.get("prev").getAsString().contains("page=1"));
    assertTrue(links.get("last").getAsString().contains("page=7"));
    JsonObject end = Http.get(url("?per_page=40&page=7"), sim.apiKey()).json().getAsJsonObject();
    assertTrue(end.getAsJsonObject("links").get("next").isJsonNull());
    assertEquals(3, end.getAsJsonArray("data").size());
    assertEquals(422, Http.get(url("?per_page=101"), sim.apiKey()).code());
  }

  // vendors.md: filter[status] takes one integer; no source shows a comma list (or a list of flow
  // ids) accepted, so the simulator refuses one with 422 (an inference, documented on PatchworksApi).
  @Test
  void statusFilterTakesOneIntegerAndRefusesACommaList() {
    List<JsonObject> runs = listAll("&filter[status]=3");
    assertEquals(sim.runs().stream().filter(r -> r.status().equals("3")).count(), runs.size());
    assertTrue(runs.stream().allMatch(o -> o.get("status").getAsInt() == 3));
    assertTrue(runs.stream().allMatch(o -> !o.get("summary").isJsonNull()));
    assertEquals(422, Http.get(url("?filter[status]=3,5"), sim.apiKey()).code());
    assertEquals(422, Http.get(url("?filter[flow_id]=" + sim.flowIds().get(0) + "," + sim.flowIds().get(1)),
        sim.apiKey()).code());
    assertEquals(Set.of("1", "2", "3", "4", "5"), sim.runs().stream().map(SimulatedRun::status).collect(Collectors.toSet()));
    Http.Reply bad = Http.get(url("?filter[status]=FAILURE"), sim.apiKey());
    assertEquals(422, bad.code());
    assertTrue(bad.json().getAsJsonObject().has("errors"));
  }

  @Test
  void flowTriggerSearchAndTimeFiltersNarrowTheList() {
    String flow = sim.flowIds().get(3);
    assertEquals(sim.runs().stream().filter(r -> r.flowId().equals(flow)).count(),
        listAll("&filter[flow_id]=" + flow).size());
    assertEquals(sim.runs().stream().filter(r -> r.trigger().equals("Webhook")).count(),
        listAll("&filter[trigger]=webhook").size());
    assertEquals(sim.runs().stream().filter(r -> r.failedStepMessage() != null
        && r.failedStepMessage().toLowerCase().contains("timed out")).count(), listAll("&filter[search]=timed%20out").size());
    long after = NEWEST.minus(Duration.ofDays(9)).toEpochMilli();
    long before = NEWEST.minus(Duration.ofDays(4)).toEpochMilli();
    List<JsonObject> window = listAll("&filter[started_after]=" + after + "&filter[started_before]=" + before);
    assertEquals(sim.runs().stream().filter(r -> r.startedAt().toEpochMilli() >= after
        && r.startedAt().toEpochMilli() <= before).count(), window.size());
    assertTrue(window.size() > 20);
    assertEquals(400, Http.get(url("?filter[colour]=red"), sim.apiKey()).code());
  }

  // vendors.md: the vendor's tools always send sort=-started_at rather than trust the default order;
  // the simulator's default is oldest first, so a client that omits the sort notices.
  @Test
  void newestFirstOnlyWithSortMinusStartedAtAndOldestFirstOtherwise() {
    for (String query : List.of("?sort=started_at&per_page=1", "?per_page=1")) {
      JsonObject first = Http.get(url(query), sim.apiKey()).json().getAsJsonObject()
          .getAsJsonArray("data").get(0).getAsJsonObject();
      assertEquals(sim.run(242).id(), first.get("id").getAsString(), query);
    }
    JsonObject newest = Http.get(url("?sort=-started_at&per_page=1"), sim.apiKey()).json().getAsJsonObject()
        .getAsJsonArray("data").get(0).getAsJsonObject();
    assertEquals(sim.run(0).id(), newest.get("id").getAsString());
  }

  // vendors.md: the current route is POST svc-fabric.pwks.co/api/v1/login with {email, password},
  // the token at data.token (as a public client reads it).
  @Test
  void theCurrentLoginRouteTakesAnEmailAndAnswersTheTokenUnderData() {
    String body = "{\"email\":\"" + sim.username() + "\",\"password\":\"" + sim.password() + "\"}";
    assertEquals(401, Http.post(sim.loginBaseUrl() + "/api/v1/login", null,
        "{\"email\":\"" + sim.username() + "\",\"password\":\"wrong\"}").code());
    Http.Reply missing = Http.post(sim.loginBaseUrl() + "/api/v1/login", null,
        "{\"username\":\"" + sim.username() + "\",\"password\":\"" + sim.password() + "\"}");
    assertEquals(422, missing.code());
    assertTrue(missing.json().getAsJsonObject().getAsJsonObject("errors").has("email"));
    JsonObject login = Http.post(sim.loginBaseUrl() + "/api/v1/login", null, body).json().getAsJsonObject();
    String token = login.getAsJsonObject("data").get("token").getAsString();
    assertTrue(token.startsWith("eyJ"));
    assertEquals(200, Http.get(url(""), "Bearer " + token).code());
  }

  @Test
  void theRawKeyAuthenticatesButABearerKeyOrAWrongKeyGets401() {
    assertEquals(200, Http.get(url(""), sim.apiKey()).code());
    Http.Reply wrong = Http.get(url(""), "nope");
    assertEquals(401, wrong.code());
    assertEquals("Unauthenticated.", wrong.json().getAsJsonObject().get("message").getAsString());
    assertEquals(401, Http.get(url(""), "Bearer " + sim.apiKey()).code());
    assertEquals(401, Http.get(url(""), null).code());
  }

  @Test
  void loginOnTheSeparateHostIssuesABearerTokenUntilItExpires() {
    assertNotEquals(sim.baseUrl(), sim.loginBaseUrl());
    String body = "{\"username\":\"" + sim.username() + "\",\"password\":\"" + sim.password() + "\"}";
    assertEquals(404, Http.post(sim.baseUrl() + "/fabric/api/login", null, body).code(), "not on the API host");
    assertEquals(401, Http.post(sim.loginBaseUrl() + "/fabric/api/login", null,
        "{\"username\":\"" + sim.username() + "\",\"password\":\"wrong\"}").code());
    assertEquals(422, Http.post(sim.loginBaseUrl() + "/fabric/api/login", null, "{}").code());
    JsonObject login = Http.post(sim.loginBaseUrl() + "/fabric/api/login", null, body).json().getAsJsonObject();
    assertEquals(86400, login.get("expires_in").getAsInt());
    String token = login.get("token").getAsString();
    assertTrue(token.startsWith("eyJ"));
    assertEquals(200, Http.get(url(""), "Bearer " + token).code());
    sim.expireTokens();
    assertEquals(401, Http.get(url(""), "Bearer " + token).code());
  }

  @Test
  void getDefaultsToTheFlatShapeAndTheJsonApiShapeIsAnOption() {
    SimulatedRun run = sim.run(5);
    JsonObject flat = Http.get(url("/" + run.id() + "?include=flow"), sim.apiKey()).json().getAsJsonObject()
        .getAsJsonObject("data");
    assertEquals(Long.parseLong(run.id()), flat.get("id").getAsLong());
    assertEquals(Integer.parseInt(run.status()), flat.get("status").getAsInt());
    assertEquals(run.flowName(), flat.getAsJsonObject("flow").get("name").getAsString());
    assertEquals(404, Http.get(url("/1"), sim.apiKey()).code());
    try (PatchworksSimulator jsonApi = PatchworksSimulator.builder().runs(243).seed(5).newestAt(NEWEST).jsonApi(true)
        .build().start()) {
      JsonObject item = Http.get(jsonApi.baseUrl() + "/api/v1/flow-runs/" + run.id(), jsonApi.apiKey())
          .json().getAsJsonObject().getAsJsonObject("data");
      assertEquals(run.id(), item.get("id").getAsString());
      assertEquals("flow-runs", item.get("type").getAsString());
      assertEquals(Integer.parseInt(run.status()), item.getAsJsonObject("attributes").get("status").getAsInt());
      assertEquals(run.flowId(), item.getAsJsonObject("relationships").getAsJsonObject("flow")
          .getAsJsonObject("data").get("id").getAsString());
    }
  }

  // vendors.md: the vendor's tool reads log items JSON:API-style, data[].attributes.{log_level,
  // log_message, created_at, flow_step_id, payload_metadata_id}; logs may also come flat.
  // vendors.md (Patchworks): run logs are kept 7 days. A run older than that still reads, with no logs.
  @Test
  void logsOfARunOlderThanSevenDaysArePurgedWhileTheRunStillReads() {
    Instant cutoff = NEWEST.minus(Duration.ofDays(7));
    SimulatedRun old = sim.runs().stream().filter(r -> r.startedAt() != null && r.createdAt().isBefore(cutoff.minusSeconds(3600)))
        .findFirst().orElseThrow();
    SimulatedRun recent = sim.runs().stream().filter(r -> r.startedAt() != null && r.createdAt().isAfter(cutoff.plusSeconds(3600)))
        .findFirst().orElseThrow();
    JsonObject purged = Http.get(url("/" + old.id() + "/flow-run-logs"), sim.apiKey()).json().getAsJsonObject();
    assertEquals(0, purged.getAsJsonArray("data").size());
    assertEquals(0, purged.getAsJsonObject("meta").get("total").getAsInt());
    assertEquals(200, Http.get(url("/" + old.id()), sim.apiKey()).code());
    JsonObject kept = Http.get(url("/" + recent.id() + "/flow-run-logs"), sim.apiKey()).json().getAsJsonObject();
    assertTrue(kept.getAsJsonArray("data").size() > 0);
  }

  @Test
  void logsOfARunArePagedAndEachCanBeFetched() {
    SimulatedRun failed = sim.runs().stream().filter(r -> r.status().equals("3")).findFirst().orElseThrow();
    JsonObject logs = Http.get(url("/" + failed.id() + "/flow-run-logs"), sim.apiKey()).json().getAsJsonObject();
    assertTrue(logs.has("meta") && logs.has("links"));
    JsonObject error = null;
    for (var e : logs.getAsJsonArray("data")) {
      assertEquals("flow-run-logs", e.getAsJsonObject().get("type").getAsString());
      JsonObject attributes = e.getAsJsonObject().getAsJsonObject("attributes");
      assertTrue(attributes.has("created_at") && attributes.has("flow_step_id") && attributes.has("payload_metadata_id"));
      if (attributes.get("log_level").getAsString().equals("error")) error = e.getAsJsonObject();
    }
    assertEquals(failed.failedStepMessage(), error.getAsJsonObject("attributes").get("log_message").getAsString());
    JsonObject one = Http.get(url("/" + failed.id() + "/flow-run-logs/" + error.get("id").getAsString()), sim.apiKey())
        .json().getAsJsonObject().getAsJsonObject("data");
    assertEquals(error, one);
    assertEquals(200, Http.get(url("/" + failed.id() + "/download"), sim.apiKey()).code());

    try (PatchworksSimulator flat = PatchworksSimulator.builder().runs(243).seed(5).newestAt(NEWEST)
        .jsonApiLogs(false).build().start()) {
      JsonObject first = Http.get(flat.baseUrl() + "/api/v1/flow-runs/" + failed.id() + "/flow-run-logs", flat.apiKey())
          .json().getAsJsonObject().getAsJsonArray("data").get(0).getAsJsonObject();
      assertTrue(first.has("log_level") && !first.has("attributes"));
    }
  }

  // seed 001 lists include=errorWarningLogs on get-one; the simulator answers it flat as
  // error_warning_logs, JSON:API as relationships.errorWarningLogs plus the top-level included.
  @Test
  void errorWarningLogsComeWithTheRunWhenIncluded() {
    SimulatedRun failed = sim.runs().stream().filter(r -> r.status().equals("3")).findFirst().orElseThrow();
    JsonObject flat = Http.get(url("/" + failed.id() + "?include=errorWarningLogs"), sim.apiKey()).json()
        .getAsJsonObject().getAsJsonObject("data");
    var logs = flat.getAsJsonArray("error_warning_logs");
    assertTrue(logs.size() >= 1);
    JsonObject last = logs.get(logs.size() - 1).getAsJsonObject();
    assertEquals("error", last.get("log_level").getAsString());
    assertEquals(failed.failedStepMessage(), last.get("log_message").getAsString());
    assertTrue(!Http.get(url("/" + failed.id()), sim.apiKey()).json().getAsJsonObject().getAsJsonObject("data")
        .has("error_warning_logs"), "only when included");
    try (PatchworksSimulator jsonApi = PatchworksSimulator.builder().runs(243).seed(5).newestAt(NEWEST).jsonApi(true)
        .build().start()) {
      JsonObject body = Http.get(jsonApi.baseUrl() + "/api/v1/flow-runs/" + failed.id() + "?include=errorWarningLogs",
          jsonApi.apiKey()).json().getAsJsonObject();
      var refs = body.getAsJsonObject("data").getAsJsonObject("relationships").getAsJsonObject("errorWarningLogs")
          .getAsJsonArray("data");
      assertEquals(logs.size(), refs.size());
      assertEquals(logs.size(), body.getAsJsonArray("included").size());
      assertEquals(last.get("id").getAsString(), body.getAsJsonArray("included").get(logs.size() - 1)
          .getAsJsonObject().get("id").getAsString());
    }
  }

  @Test
  void retryCreatesARunPointingAtTheOriginalAndStopEndsARunningOne() {
    SimulatedRun failed = sim.runs().stream().filter(r -> r.status().equals("3")).findFirst().orElseThrow();
    Http.Reply r = Http.post(url("/" + failed.id() + "/retry"), sim.apiKey(), "");
    assertEquals(200, r.code(), r.body());
    JsonObject created = r.json().getAsJsonObject().getAsJsonObject("data");
    assertEquals(Long.parseLong(failed.id()), created.get("retry_flow_run_id").getAsLong());
    assertEquals(1, created.get("status").getAsInt());
    assertEquals(created.get("id").getAsString(), sim.run(0).id());
    assertEquals(244, Http.get(url(""), sim.apiKey()).json().getAsJsonObject().getAsJsonObject("meta")
        .get("total").getAsLong());
    assertEquals(1, listAll("&filter[retried]=1").size());

    Http.Reply stop = Http.post(url("/" + created.get("id").getAsString() + "/stop"), sim.apiKey(), "");
    assertEquals(200, stop.code(), stop.body());
    assertEquals("4", sim.run(0).status());
    assertEquals(422, Http.post(url("/" + created.get("id").getAsString() + "/stop"), sim.apiKey(), "").code());
    SimulatedRun running = sim.runs().stream().filter(x -> x.status().equals("1")).findFirst().orElseThrow();
    assertEquals(422, Http.post(url("/" + running.id() + "/retry"), sim.apiKey(), "").code());
  }
}
