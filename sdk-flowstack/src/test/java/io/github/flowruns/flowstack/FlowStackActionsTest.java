package io.github.flowruns.flowstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import io.github.flowruns.Capabilities;
import io.github.flowruns.FailedStep;
import io.github.flowruns.Run;
import io.github.flowruns.RunQuery;
import io.github.flowruns.RunStatus;
import io.github.flowruns.StepResult;
import io.github.flowruns.Vendor;
import io.github.flowruns.contract.Scripted;
import io.github.flowruns.flowstack.model.FlowRun;
import io.github.flowruns.flowstack.model.FlowRunStats;
import io.github.flowruns.http.RetryPolicy;
import io.github.flowruns.testing.FlowStackSimulator;
import io.github.flowruns.testing.SimulatedRun;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** getRun, triggerRun, countByStatus, the unsupported operations and api(). */
class FlowStackActionsTest {

  private static final String KEY = "fs_live_actions0001";
  private static final String RUN_WITH_STEPS = "{\"id\":\"run_uvw456\",\"flowId\":\"flow_abc123\","
      + "\"status\":\"FAILED\",\"duration\":1200,\"triggerType\":\"WEBHOOK\","
      + "\"startTime\":\"2026-04-20T09:00:00Z\",\"finishTime\":\"2026-04-20T09:00:01.200Z\","
      + "\"stepsCount\":3,\"stepsSucceeded\":2,"
      + "\"error\":{\"step\":\"Send Slack Message\",\"message\":\"channel_not_found\"},"
      + "\"steps\":[{\"name\":\"Webhook\",\"status\":\"SUCCEEDED\",\"duration\":12},"
      + "{\"name\":\"Query Database\",\"status\":\"SUCCEEDED\",\"duration\":450,\"output\":{\"rowCount\":24}},"
      + "{\"name\":\"Send Slack Message\",\"status\":\"FAILED\",\"duration\":738,\"error\":\"channel_not_found\"}]}";

  private MockWebServer server;
  private FlowStackClient client;

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.start();
    client = builder().build();
  }

  private FlowStackClient.Builder builder() {
    return FlowStackClient.builder().apiKey(KEY).baseUrl(server.url("/").toString())
        .retryPolicy(RetryPolicy.none());
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  private RecordedRequest take() throws InterruptedException {
    RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
    if (r == null) {
      throw new AssertionError("no request");
    }
    return r;
  }

  // ---- getRun ----------------------------------------------------------------------------------

  @Test
  void getRunWithFlowSlashRunReadsTheRunAndMapsEveryField() throws Exception {
    server.enqueue(Scripted.json(200, RUN_WITH_STEPS));

    Run run = client.getRun("flow_abc123/run_uvw456");

    RecordedRequest r = take();
    assertEquals("GET", r.getMethod());
    assertEquals("/api/v1/flows/flow_abc123/runs/run_uvw456", r.getTarget());
    assertEquals("Bearer " + KEY, r.getHeaders().get("Authorization"));

    assertEquals("flow_abc123/run_uvw456", run.id());
    assertEquals(Vendor.FLOWSTACK, run.vendor());
    assertEquals("flow_abc123", run.flowId());
    assertEquals(RunStatus.FAILED, run.status());
    assertEquals("FAILED", run.rawStatus());
    assertEquals(Instant.parse("2026-04-20T09:00:00Z"), run.startedAt());
    assertEquals(Instant.parse("2026-04-20T09:00:01.200Z"), run.finishedAt());
    assertEquals(Duration.ofMillis(1200), run.duration());
    assertEquals("WEBHOOK", run.trigger());
    assertEquals(FailedStep.of("Send Slack Message", "channel_not_found"), run.failedStep());
    assertEquals(3, run.stepsCount());
    assertEquals(List.of(
        StepResult.of("Webhook", RunStatus.SUCCEEDED, "SUCCEEDED", Duration.ofMillis(12)),
        StepResult.of("Query Database", RunStatus.SUCCEEDED, "SUCCEEDED", Duration.ofMillis(450)),
        StepResult.of("Send Slack Message", RunStatus.FAILED, "FAILED", Duration.ofMillis(738))),
        run.steps());
    assertNull(run.parentRunId());
    assertTrue(run.tags().isEmpty());
    FlowRun raw = run.unwrap(FlowRun.class);
    assertEquals(24, ((Number) raw.getSteps().get(1).getOutput().get("rowCount")).intValue());
  }

  @Test
  void getRunWithAFlowAndAPlainOrAFlowQualifiedRunIdReadsThatRun() throws Exception {
    server.enqueue(Scripted.json(200, RUN_WITH_STEPS));
    server.enqueue(Scripted.json(200, RUN_WITH_STEPS));

    assertEquals("flow_abc123/run_uvw456", client.getRun("flow_abc123", "run_uvw456").id());
    assertEquals("/api/v1/flows/flow_abc123/runs/run_uvw456", take().getTarget());
    assertEquals("flow_abc123/run_uvw456", client.getRun("flow_abc123", "flow_abc123/run_uvw456").id());
    assertEquals("/api/v1/flows/flow_abc123/runs/run_uvw456", take().getTarget());
    assertThrows(IllegalArgumentException.class, () -> client.getRun("flow_other", "flow_abc123/run_uvw456"));
    assertEquals(2, server.getRequestCount());
  }

  @Test
  void aPlainRunIdUsesTheBuildersDefaultFlow() throws Exception {
    server.enqueue(Scripted.json(200, RUN_WITH_STEPS));
    try (FlowStackClient withFlow = builder().flowId("flow_abc123").build()) {
      withFlow.getRun("run_uvw456");
    }
    assertEquals("/api/v1/flows/flow_abc123/runs/run_uvw456", take().getTarget());
  }

  @Test
  void aPlainRunIdWithoutADefaultFlowFailsBeforeAnyRequestNamingFlowId() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> client.getRun("run_uvw456"));
    assertTrue(e.getMessage().contains("flowId"), e.getMessage());
    assertEquals(0, server.getRequestCount());
  }

  @Test
  void aRunRefWithAnEmptyPartFailsBeforeAnyRequest() {
    assertThrows(IllegalArgumentException.class, () -> client.getRun("/run_1"));
    assertThrows(IllegalArgumentException.class, () -> client.getRun("flow_1/"));
    assertThrows(IllegalArgumentException.class, () -> client.getRun("flow_1/.."));
    assertThrows(IllegalArgumentException.class, () -> client.getRun(" "));
    assertEquals(0, server.getRequestCount());
  }

  @Test
  void aRunWithoutFlowIdTakesTheFlowItWasAskedFor() {
    server.enqueue(Scripted.json(200, "{\"id\":\"run_1\",\"status\":\"RUNNING\"}"));

    Run run = client.getRun("flow_abc123/run_1");

    assertEquals("flow_abc123", run.flowId());
    assertNull(run.duration());
    assertNull(run.failedStep());
    assertTrue(run.steps().isEmpty());
  }

  @Test
  void aDurationIsComputedFromTheTimesWhenFlowStackSendsNone() {
    server.enqueue(Scripted.json(200, "{\"id\":\"run_1\",\"flowId\":\"f\",\"status\":\"SUCCEEDED\","
        + "\"startTime\":\"2026-04-20T09:00:00Z\",\"finishTime\":\"2026-04-20T09:00:02.500Z\"}"));

    assertEquals(Duration.ofMillis(2500), client.getRun("f/run_1").duration());
  }

  // ---- triggerRun ------------------------------------------------------------------------------

  @Test
  void triggerRunPostsTheDataAndReturnsTheNewRun() throws Exception {
    server.enqueue(Scripted.json(201, "{\"id\":\"run_new001\",\"flowId\":\"flow_abc123\","
        + "\"status\":\"RUNNING\",\"triggerType\":\"API\",\"startTime\":\"2026-04-21T10:15:30Z\",\"finishTime\":null}"));
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("customField", "value");
    data.put("userId", "user_123");
    data.put("count", 3);

    Run run = client.triggerRun("flow_abc123", data);

    RecordedRequest r = take();
    assertEquals("POST", r.getMethod());
    assertEquals("/api/v1/flows/flow_abc123/runs", r.getTarget());
    assertEquals("Bearer " + KEY, r.getHeaders().get("Authorization"));
    assertTrue(r.getHeaders().get("Content-Type").startsWith("application/json"));
    assertEquals(JsonParser.parseString("{\"data\":{\"customField\":\"value\",\"userId\":\"user_123\",\"count\":3}}"),
        JsonParser.parseString(r.getBody().utf8()));
    assertEquals("flow_abc123/run_new001", run.id());
    assertEquals(RunStatus.RUNNING, run.status());
    assertEquals("API", run.trigger());
    assertNull(run.finishedAt());
  }

  @Test
  void triggerRunWithoutDataSendsAnEmptyObject() throws Exception {
    server.enqueue(Scripted.json(201, "{\"id\":\"run_new002\",\"status\":\"QUEUED\"}"));

    Run run = client.triggerRun("flow_abc123", null);

    assertEquals("{}", take().getBody().utf8());
    assertEquals("flow_abc123", run.flowId());
    assertEquals(RunStatus.QUEUED, run.status());
  }

  @Test
  void triggerRunWithANullFlowUsesTheDefaultFlow() throws Exception {
    server.enqueue(Scripted.json(201, "{\"id\":\"run_new003\",\"status\":\"RUNNING\"}"));
    try (FlowStackClient withFlow = builder().flowId("flow_default").build()) {
      withFlow.triggerRun(null, Map.of());
    }
    RecordedRequest r = take();
    assertEquals("/api/v1/flows/flow_default/runs", r.getTarget());
    assertEquals("{\"data\":{}}", r.getBody().utf8());
  }

  @Test
  void triggerRunWithoutAnyFlowFailsBeforeAnyRequestNamingFlowId() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> client.triggerRun(null, Map.of()));
    assertTrue(e.getMessage().contains("flowId"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> client.triggerRun(" ", Map.of()));
    assertEquals(0, server.getRequestCount());
  }

  // ---- countByStatus ---------------------------------------------------------------------------

  // vendors.md / issue 10: the stats endpoint's categories (succeeded, failed, the rest) do not
  // map onto run statuses, so counting lists the runs and never asks for /stats.
  @Test
  void countByStatusCountsTheListingNotTheStatsEndpoint() throws Exception {
    server.enqueue(Scripted.json(200, "{\"data\":[{\"id\":\"run_1\",\"status\":\"TIMEOUT\"},"
        + "{\"id\":\"run_2\",\"status\":\"FAILED\"},{\"id\":\"run_3\",\"status\":\"CANCELED\"}],"
        + "\"cursor\":\"c_end\",\"hasMore\":false}"));

    Map<RunStatus, Long> counts = client.countByStatus(RunQuery.builder().flowIds("flow_1").build());

    Map<RunStatus, Long> want = new EnumMap<>(RunStatus.class);
    want.put(RunStatus.TIMED_OUT, 1L);
    want.put(RunStatus.FAILED, 1L);
    want.put(RunStatus.CANCELLED, 1L);
    assertEquals(want, counts);
    RecordedRequest first = take();
    assertEquals("/api/v1/flows/flow_1/runs?limit=100", first.getTarget());
    assertEquals("Bearer " + KEY, first.getHeaders().get("Authorization"));
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void countByStatusOfAFlowThatNeverRanIsEmpty() {
    server.enqueue(Scripted.json(200, "{\"data\":[],\"cursor\":null,\"hasMore\":false}"));

    assertTrue(client.countByStatus(RunQuery.builder().flowIds("flow_1").build()).isEmpty());
  }

  @Test
  void countByStatusWithOtherFiltersCountsTheMatchingRuns() throws Exception {
    try (FlowStackSimulator sim = FlowStackSimulator.builder().runs(60).flows(2).seed(24).build().start();
         FlowStackClient c = simClient(sim)) {
      String flow = sim.flowIds().get(0);
      List<SimulatedRun> runs = sim.runs().stream().filter(r -> r.flowId().equals(flow)).collect(Collectors.toList());
      Instant after = runs.get(runs.size() - 4).startedAt();

      Map<RunStatus, Long> counts = c.countByStatus(RunQuery.builder().flowIds(flow).startedAfter(after).build());

      Map<RunStatus, Long> want = new EnumMap<>(RunStatus.class);
      runs.stream().filter(e -> e.startedAt() != null && !e.startedAt().isBefore(after))
          .forEach(e -> want.merge(FlowStackMapping.STATUSES.toRunStatus(
              io.github.flowruns.flowstack.model.FlowRunStatus.fromRaw(e.status())), 1L, Long::sum));
      assertEquals(want, counts);
      assertTrue(want.size() > 1, want.toString());
      assertEquals("limit=100", sim.takeRequest().getUrl().encodedQuery());
      assertEquals(1, sim.requestCount());
    }
  }

  @Test
  void countByStatusWithALimitCountsOnlyThatManyRuns() throws Exception {
    try (FlowStackSimulator sim = FlowStackSimulator.builder().runs(60).flows(2).seed(24).build().start();
         FlowStackClient c = simClient(sim)) {
      Map<RunStatus, Long> counts = c.countByStatus(RunQuery.builder().flowIds(sim.flowIds().get(0)).limit(3).build());
      assertEquals(3L, counts.values().stream().mapToLong(Long::longValue).sum());
      assertEquals("limit=3", sim.takeRequest().getUrl().encodedQuery());
      assertEquals(1, sim.requestCount());
    }
  }

  private static FlowStackClient simClient(FlowStackSimulator sim) {
    return FlowStackClient.builder().apiKey(sim.apiKey()).baseUrl(sim.baseUrl()).retryPolicy(RetryPolicy.none()).build();
  }

  // ---- capabilities, api() (unsupported operations: FlowStackContractTest) ---------------------------------------------

  @Test
  void capabilitiesTellWhatIsSupportedAndWhatIsFilteredServerSide() {
    Capabilities caps = client.capabilities();
    assertEquals(java.util.EnumSet.of(Capabilities.Operation.LIST_RUNS, Capabilities.Operation.GET_RUN,
        Capabilities.Operation.TRIGGER_RUN, Capabilities.Operation.COUNT_BY_STATUS,
        // Derived by Capabilities from GET_RUN and LIST_RUNS (issue 12).
        Capabilities.Operation.AWAIT_RUN, Capabilities.Operation.WATCH_RUNS), caps.operations());
    assertEquals(java.util.EnumSet.of(Capabilities.Filter.FLOW_IDS, Capabilities.Filter.STATUSES),
        caps.serverSideFilters());
    assertEquals(Vendor.FLOWSTACK, client.vendor());
  }

  @Test
  void apiGivesTheGeneratedClientOnTheSameBaseUrlAndAuth() throws Exception {
    server.enqueue(Scripted.json(200, "{\"totalRuns\":3,\"succeeded\":3,\"failed\":0}"));

    FlowRunStats stats = client.api().getFlowRunStats("flow_abc123");

    assertEquals(3L, stats.getTotalRuns());
    RecordedRequest r = take();
    assertEquals("/api/v1/flows/flow_abc123/runs/stats", r.getTarget());
    assertEquals("Bearer " + KEY, r.getHeaders().get("Authorization"));
    assertTrue(r.getHeaders().get("User-Agent").startsWith("flowruns-java/"), r.getHeaders().get("User-Agent"));
  }

  @Test
  void eachApiCallGivesAnIndependentInstance() {
    client.api().getApiClient().setBasePath("http://127.0.0.1:1");
    assertEquals(server.url("/").toString().replaceAll("/$", ""), client.api().getApiClient().getBasePath());
  }

  @Test
  void newBuilderDerivesAClientWithTheSameSettings() throws Exception {
    server.enqueue(Scripted.json(200, RUN_WITH_STEPS));
    try (FlowStackClient derived = client.newBuilder().flowId("flow_abc123").build()) {
      assertEquals(client.baseUrl(), derived.baseUrl());
      assertNull(client.defaultFlowId());
      derived.getRun("run_uvw456");
    }
    assertEquals("Bearer " + KEY, take().getHeaders().get("Authorization"));
  }

  @Test
  void theDefaultBaseUrlIsFlowStacksServer() {
    try (FlowStackClient c = FlowStackClient.builder().apiKey(KEY).build()) {
      assertEquals("https://app.onflowstack.com", c.baseUrl());
      assertEquals("https://app.onflowstack.com", c.api().getApiClient().getBasePath());
    }
  }
}
