package io.github.flowruns.flowstack.generated;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import io.github.flowruns.flowstack.api.FlowRunsApi;
import io.github.flowruns.flowstack.invoker.ApiClient;
import io.github.flowruns.flowstack.invoker.ApiException;
import io.github.flowruns.flowstack.invoker.JSON;
import io.github.flowruns.flowstack.model.ErrorCode;
import io.github.flowruns.flowstack.model.ErrorResponse;
import io.github.flowruns.flowstack.model.FlowRun;
import io.github.flowruns.flowstack.model.FlowRunPage;
import io.github.flowruns.flowstack.model.FlowRunStats;
import io.github.flowruns.flowstack.model.FlowRunStatus;
import io.github.flowruns.flowstack.model.StepResult;
import io.github.flowruns.flowstack.model.TriggerFlowRunRequest;
import io.github.flowruns.flowstack.model.TriggerType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Runs every operation of the generated FlowStack client against a real HTTP server on loopback and
 * checks what goes over the wire (method, path, query, auth, body) and what comes back.
 */
class FlowRunsApiTest {

  private static final String API_KEY = "fs_test_4f9a2c7e1b";

  private MockWebServer server;
  private FlowRunsApi api;

  @BeforeEach
  void startServer() throws IOException {
    server = new MockWebServer();
    server.start();
    ApiClient client = new ApiClient();
    // The spec's server URL has no path prefix: operation paths start at /api/v1.
    client.setBasePath(stripTrailingSlash(server.url("/").toString()));
    client.setBearerToken(API_KEY);
    api = new FlowRunsApi(client);
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  // ---- listFlowRuns -------------------------------------------------------------------------

  @Test
  void listFlowRunsSendsGetWithLimitCursorAndStatusAndBearerKey() throws Exception {
    enqueueJson(200, resource("list-page.json"));

    api.listFlowRuns("flow_abc123", 25, "eyJpZCI6InJ1bl91dncyMzQifQ==", FlowRunStatus.FAILED);

    RecordedRequest request = take();
    assertEquals("GET", request.getMethod());
    assertEquals("/api/v1/flows/flow_abc123/runs", request.getUrl().encodedPath());
    assertEquals("limit=25&cursor=eyJpZCI6InJ1bl91dncyMzQifQ%3D%3D&status=FAILED",
        request.getUrl().encodedQuery());
    assertEquals("Bearer " + API_KEY, request.getHeaders().get("Authorization"));
    assertEquals("application/json", request.getHeaders().get("Accept"));
    assertEquals(0, request.getBodySize());
  }

  @Test
  void listFlowRunsWithoutOptionalParametersSendsNoQueryString() throws Exception {
    enqueueJson(200, "{\"data\":[],\"cursor\":null,\"hasMore\":false}");

    FlowRunPage page = api.listFlowRuns("flow_abc123", null, null, null);

    RecordedRequest request = take();
    assertEquals("/api/v1/flows/flow_abc123/runs", request.getTarget());
    assertTrue(page.getData().isEmpty());
    assertNull(page.getCursor());
    assertFalse(page.getHasMore());
  }

  @Test
  void listFlowRunsPassesAnUnknownStatusThroughRaw() throws Exception {
    enqueueJson(200, "{\"data\":[],\"hasMore\":false}");

    api.listFlowRuns("flow_abc123", null, null, FlowRunStatus.fromRaw("WAITING"));

    assertEquals("status=WAITING", take().getUrl().encodedQuery());
  }

  @Test
  void flowIdIsPercentEncodedAsOnePathSegment() throws Exception {
    enqueueJson(200, "{\"data\":[],\"hasMore\":false}");

    api.listFlowRuns("flow a/b", null, null, null);

    assertEquals("/api/v1/flows/flow%20a%2Fb/runs", take().getUrl().encodedPath());
  }

  @Test
  void listFlowRunsParsesAPageWithErrorsUnknownFieldsAndUnknownEnumValues() throws Exception {
    enqueueJson(200, resource("list-page.json"));

    FlowRunPage page = api.listFlowRuns("flow_abc123", 3, null, null);

    assertTrue(page.getHasMore());
    assertEquals("eyJpZCI6InJ1bl91dncyMzQifQ==", page.getCursor());
    List<FlowRun> runs = page.getData();
    assertEquals(3, runs.size());

    FlowRun succeeded = runs.get(0);
    assertEquals("run_xyz789", succeeded.getId());
    assertEquals("flow_abc123", succeeded.getFlowId());
    assertEquals(FlowRunStatus.SUCCEEDED, succeeded.getStatus());
    assertEquals(2340L, succeeded.getDuration());
    assertEquals(TriggerType.SCHEDULE, succeeded.getTriggerType());
    assertEquals(OffsetDateTime.parse("2026-04-21T09:00:00Z"), succeeded.getStartTime());
    assertEquals(OffsetDateTime.parse("2026-04-21T09:00:02.340Z"), succeeded.getFinishTime());
    assertEquals(5, succeeded.getStepsCount());
    assertEquals(5, succeeded.getStepsSucceeded());
    assertEquals("activepieces", succeeded.getAdditionalProperties().get("engine"));
    assertNull(succeeded.getSteps());

    FlowRun failed = runs.get(1);
    assertEquals(FlowRunStatus.FAILED, failed.getStatus());
    assertEquals("Send Slack Message", failed.getError().getStep());
    assertEquals("channel_not_found: The specified channel does not exist", failed.getError().getMessage());

    FlowRun unknown = runs.get(2);
    assertFalse(unknown.getStatus().isKnown());
    assertEquals("WAITING_FOR_APPROVAL", unknown.getStatus().raw());
    assertFalse(unknown.getTriggerType().isKnown());
    assertEquals("EMAIL", unknown.getTriggerType().raw());
    assertNull(unknown.getFinishTime());
    assertNull(unknown.getDuration());
    assertNull(unknown.getError());
  }

  // ---- getFlowRun ---------------------------------------------------------------------------

  @Test
  void getFlowRunSendsGetToTheRunPathAndParsesItsSteps() throws Exception {
    enqueueJson(200, resource("run-with-steps.json"));

    FlowRun run = api.getFlowRun("flow_abc123", "run_uvw456");

    RecordedRequest request = take();
    assertEquals("GET", request.getMethod());
    assertEquals("/api/v1/flows/flow_abc123/runs/run_uvw456", request.getTarget());
    assertEquals("Bearer " + API_KEY, request.getHeaders().get("Authorization"));

    assertEquals("run_uvw456", run.getId());
    assertEquals(FlowRunStatus.FAILED, run.getStatus());
    assertEquals(TriggerType.WEBHOOK, run.getTriggerType());
    assertEquals(7, ((Number) run.getAdditionalProperties().get("version")).intValue());
    List<StepResult> steps = run.getSteps();
    assertEquals(3, steps.size());
    assertEquals("Query Database", steps.get(1).getName());
    assertEquals(FlowRunStatus.SUCCEEDED, steps.get(1).getStatus());
    assertEquals(450L, steps.get(1).getDuration());
    assertEquals(24, ((Number) steps.get(1).getOutput().get("rowCount")).intValue());
    assertNull(steps.get(1).getError());

    StepResult failedStep = steps.get(2);
    assertFalse(failedStep.getStatus().isKnown());
    assertEquals("SKIPPED_BY_ENGINE", failedStep.getStatus().raw());
    assertEquals("channel_not_found: The specified channel does not exist", failedStep.getError());
    assertEquals(2, ((Number) failedStep.getAdditionalProperties().get("retries")).intValue());
  }

  // ---- triggerFlowRun -----------------------------------------------------------------------

  @Test
  void triggerFlowRunPostsTheDataObjectAndParsesTheCreatedRun() throws Exception {
    enqueueJson(201, resource("triggered-run.json"));
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("customField", "value");
    data.put("userId", "user_123");
    data.put("items", List.of(1, 2));

    FlowRun run = api.triggerFlowRun("flow_abc123", new TriggerFlowRunRequest().data(data));

    RecordedRequest request = take();
    assertEquals("POST", request.getMethod());
    assertEquals("/api/v1/flows/flow_abc123/runs", request.getTarget());
    assertEquals("Bearer " + API_KEY, request.getHeaders().get("Authorization"));
    assertTrue(request.getHeaders().get("Content-Type").startsWith("application/json"));
    assertJsonEquals("{\"data\":{\"customField\":\"value\",\"userId\":\"user_123\",\"items\":[1,2]}}",
        request.getBody().utf8());

    assertEquals("run_new001", run.getId());
    assertEquals(FlowRunStatus.RUNNING, run.getStatus());
    assertEquals(TriggerType.API, run.getTriggerType());
    assertNull(run.getFinishTime());
    assertNull(run.getDuration());
    assertEquals(0, ((Number) run.getAdditionalProperties().get("queuePosition")).intValue());
  }

  @Test
  void triggerFlowRunWithAnEmptyRequestSendsAnEmptyObject() throws Exception {
    enqueueJson(201, resource("triggered-run.json"));

    api.triggerFlowRun("flow_abc123", new TriggerFlowRunRequest());

    assertJsonEquals("{}", take().getBody().utf8());
  }

  // ---- getFlowRunStats ----------------------------------------------------------------------

  @Test
  void getFlowRunStatsSendsGetToTheStatsPathAndKeepsCountsAbove2Pow31() throws Exception {
    enqueueJson(200, resource("stats.json"));

    FlowRunStats stats = api.getFlowRunStats("flow_abc123");

    RecordedRequest request = take();
    assertEquals("GET", request.getMethod());
    assertEquals("/api/v1/flows/flow_abc123/runs/stats", request.getTarget());
    assertEquals("Bearer " + API_KEY, request.getHeaders().get("Authorization"));

    assertEquals(5_000_000_145L, stats.getTotalRuns());
    assertEquals(5_000_000_143L, stats.getSucceeded());
    assertEquals(2L, stats.getFailed());
    assertEquals(99.99, stats.getSuccessRate());
    assertEquals(2150L, stats.getAverageDuration());
    assertEquals(OffsetDateTime.parse("2026-04-21T09:00:00Z"), stats.getLastRun());
    assertEquals(4100, ((Number) stats.getAdditionalProperties().get("p95Duration")).intValue());
  }

  @Test
  void statsOfAFlowThatNeverRanReadLastRunAsNull() throws Exception {
    enqueueJson(200, "{\"totalRuns\":0,\"succeeded\":0,\"failed\":0,\"successRate\":0,\"lastRun\":null}");

    FlowRunStats stats = api.getFlowRunStats("flow_empty");

    assertNull(stats.getLastRun());
    assertNull(stats.getAverageDuration());
    assertEquals(0L, stats.getTotalRuns());
  }

  // ---- errors and tolerant reading ----------------------------------------------------------

  @Test
  void anErrorStatusCarriesTheErrorBodyWhichParsesIntoErrorResponse() {
    enqueueJson(404, resource("error-not-found.json"));

    ApiException e = assertThrows(ApiException.class, () -> api.getFlowRun("flow_abc123", "run_missing"));

    assertEquals(404, e.getCode());
    ErrorResponse body = JSON.getGson().fromJson(e.getResponseBody(), ErrorResponse.class);
    assertEquals(ErrorCode.NOT_FOUND, body.getError().getCode());
    assertEquals("Flow not found", body.getError().getMessage());
    assertEquals(404, body.getError().getStatusCode());
  }

  @Test
  void anUnknownErrorCodeIsKeptRaw() {
    ErrorResponse body = JSON.getGson().fromJson(
        "{\"error\":{\"code\":\"PLAN_LIMIT_REACHED\",\"message\":\"Upgrade\",\"statusCode\":402,\"docs\":\"x\"}}",
        ErrorResponse.class);

    assertFalse(body.getError().getCode().isKnown());
    assertEquals("PLAN_LIMIT_REACHED", body.getError().getCode().raw());
    assertEquals("x", body.getError().getAdditionalProperties().get("docs"));
  }

  @Test
  void aFieldOfTheWrongJsonKindFailsWithAMessageNamingTheField() {
    enqueueJson(200, "{\"id\":{\"value\":\"run_1\"},\"flowId\":\"flow_abc123\",\"status\":\"RUNNING\"}");

    RuntimeException e = assertThrows(RuntimeException.class, () -> api.getFlowRun("flow_abc123", "run_1"));

    assertTrue(e.getMessage().contains("`id`"), e.getMessage());
  }

  @Test
  void stepsThatAreNotAnArrayFailWithAMessageNamingSteps() {
    enqueueJson(200, "{\"id\":\"run_1\",\"flowId\":\"flow_abc123\",\"status\":\"RUNNING\",\"steps\":{}}");

    RuntimeException e = assertThrows(RuntimeException.class, () -> api.getFlowRun("flow_abc123", "run_1"));

    assertTrue(e.getMessage().contains("`steps`"), e.getMessage());
  }

  @Test
  void missingFieldsEvenRequiredOnesReadAsNull() throws Exception {
    enqueueJson(200, "{\"id\":\"run_1\"}");

    FlowRun run = api.getFlowRun("flow_abc123", "run_1");

    assertEquals("run_1", run.getId());
    assertNull(run.getFlowId());
    assertNull(run.getStatus());
    assertNull(run.getStartTime());
    assertNull(run.getTriggerType());
    assertNull(run.getStepsCount());
    assertNull(run.getSteps());
  }

  @Test
  void explicitNullsWhereTheSpecAllowsThemReadAsNull() throws Exception {
    enqueueJson(200, "{\"data\":[{\"id\":\"run_1\",\"flowId\":\"flow_abc123\",\"status\":\"RUNNING\","
        + "\"finishTime\":null,\"error\":null}],\"cursor\":null,\"hasMore\":false}");

    FlowRunPage page = api.listFlowRuns("flow_abc123", null, null, null);

    FlowRun run = page.getData().get(0);
    assertNull(run.getFinishTime());
    assertNull(run.getError());
    assertNull(page.getCursor());
  }

  @Test
  void durationsAbove2Pow31MillisecondsSurvive() throws Exception {
    enqueueJson(200, "{\"id\":\"run_long\",\"flowId\":\"flow_abc123\",\"status\":\"PAUSED\",\"duration\":4294967296123}");

    FlowRun run = api.getFlowRun("flow_abc123", "run_long");

    assertEquals(4_294_967_296_123L, run.getDuration());
    assertEquals(FlowRunStatus.PAUSED, run.getStatus());
  }

  // ---- helpers ------------------------------------------------------------------------------

  private void enqueueJson(int code, String body) {
    server.enqueue(new MockResponse.Builder()
        .code(code)
        .addHeader("Content-Type", "application/json")
        .addHeader("X-RateLimit-Limit", "1000")
        .addHeader("X-RateLimit-Remaining", "999")
        .addHeader("X-RateLimit-Reset", "1776762000")
        .body(body)
        .build());
  }

  private RecordedRequest take() throws InterruptedException {
    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    if (request == null) {
      throw new AssertionError("no request reached the server");
    }
    return request;
  }

  private static void assertJsonEquals(String expected, String actual) {
    JsonElement want = JsonParser.parseString(expected);
    JsonElement got = JsonParser.parseString(actual);
    assertEquals(want, got, () -> "expected " + expected + " but was " + actual);
  }

  private static String resource(String name) {
    try (InputStream in = FlowRunsApiTest.class.getResourceAsStream("/flowstack/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String stripTrailingSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
