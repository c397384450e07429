package io.github.flowruns.analytics.generated;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.flowruns.analytics.api.FlowRunsApi;
import io.github.flowruns.analytics.invoker.ApiClient;
import io.github.flowruns.analytics.invoker.ApiException;
import io.github.flowruns.analytics.invoker.JSON;
import io.github.flowruns.analytics.model.ConnectionOrigin;
import io.github.flowruns.analytics.model.ErrorResponse;
import io.github.flowruns.analytics.model.FlowRunState;
import io.github.flowruns.analytics.model.FlowRunSummary;
import io.github.flowruns.analytics.model.LlmProvider;
import io.github.flowruns.analytics.model.LlmUsage;
import io.github.flowruns.analytics.model.RanByType;
import io.github.flowruns.analytics.model.RunType;
import io.github.flowruns.analytics.model.ValidationErrorItem;
import io.github.flowruns.analytics.model.ValidationErrorResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Runs every operation of {@code specs/analytics/openapi.json} (there is one: {@code listFlowRuns})
 * through the generated client against a real HTTP server on loopback, and checks the generated
 * models read StackAI's bodies tolerantly.
 */
class FlowRunsApiTest {

  private static final String API_KEY = "sk-test-7f3c9a";

  private MockWebServer server;
  private FlowRunsApi api;

  @BeforeEach
  void startServer() throws IOException {
    server = new MockWebServer();
    server.start();
    ApiClient client = new ApiClient();
    // The spec's server URL has no path prefix: the operation paths start at /analytics.
    client.setBasePath(server.url("/").toString().replaceAll("/$", ""));
    client.setBearerToken(API_KEY);
    api = new FlowRunsApi(client);
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = FlowRunsApiTest.class.getResourceAsStream("/analytics/" + name)) {
      assertNotNull(in, name);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private void enqueueJson(int code, String body) {
    server.enqueue(new MockResponse.Builder()
        .code(code)
        .addHeader("Content-Type", "application/json")
        .body(body)
        .build());
  }

  @Test
  void listFlowRunsSendsAGetWithEveryFilterEncodedAndTheKeyAsBearerToken() throws Exception {
    enqueueJson(200, "[]");

    List<FlowRunSummary> runs = api.listFlowRuns("org-42", "flow 7/a", 2, 50,
        OffsetDateTime.parse("2025-06-01T00:00:00Z"),
        OffsetDateTime.parse("2025-06-02T12:30:00.5+02:00"),
        "customer 4821", "FAILED,CANCELLED");

    assertTrue(runs.isEmpty());
    RecordedRequest request = server.takeRequest();
    assertEquals("GET", request.getMethod());
    assertEquals("/analytics/org/org-42/flows/flow%207%2Fa", request.getUrl().encodedPath());
    assertEquals("page=2&page_size=50"
            + "&start_date=2025-06-01T00%3A00%3A00Z"
            + "&end_date=2025-06-02T12%3A30%3A00.5%2B02%3A00"
            + "&user_id=customer%204821"
            + "&state=FAILED%2CCANCELLED",
        request.getUrl().encodedQuery());
    assertEquals("Bearer " + API_KEY, request.getHeaders().get("Authorization"));
    assertEquals("application/json", request.getHeaders().get("Accept"));
    assertTrue(request.getHeaders().get("User-Agent").startsWith("flowruns-java/"),
        request.getHeaders().get("User-Agent"));
    assertEquals(0, request.getBodySize(), "a GET carries no body");
  }

  @Test
  void listFlowRunsWithoutOptionalParametersSendsNoQuery() throws Exception {
    enqueueJson(200, "[]");

    api.listFlowRuns("org-42", "flow-7", null, null, null, null, null, null);

    RecordedRequest request = server.takeRequest();
    assertEquals("/analytics/org/org-42/flows/flow-7", request.getTarget());
    assertNull(request.getUrl().encodedQuery());
  }

  @Test
  void listFlowRunsParsesARealisticPageWithUnknownFieldsAndEnumValues() throws Exception {
    enqueueJson(200, resource("flow-runs-page.json"));

    List<FlowRunSummary> runs = api.listFlowRuns("org-42", "flow-7", 0, 25, null, null, null, null);

    assertEquals(2, runs.size());
    FlowRunSummary completed = runs.get(0);
    assertEquals("3f6c2a8e-9b41-4d0f-a7c2-5e81d04b6f19", completed.getRunId());
    assertEquals(OffsetDateTime.parse("2025-06-03T14:07:22.481Z"), completed.getDate());
    assertEquals(Boolean.TRUE, completed.getIsFlowSuccessful());
    assertEquals(FlowRunState.COMPLETED, completed.getState());
    assertEquals(3.482, completed.getLatency());
    assertEquals(1874L, completed.getTotalTokens());
    assertEquals("customer-4821", completed.getUserId());
    assertEquals(RunType.API, completed.getRunType());
    assertEquals(RanByType.ORG_API_KEY, completed.getRanByType());
    assertEquals("Production backend", completed.getRanByDisplayName());
    assertNull(completed.getParentRunId());
    // An unknown field of the run is kept.
    assertEquals("ws-7781", completed.getAdditionalProperty("workspace_id"));

    List<LlmUsage> usage = completed.getLlmUsage();
    assertEquals(2, usage.size());
    assertEquals(LlmProvider.OPEN_AI, usage.get(0).getProvider());
    assertEquals(ConnectionOrigin.STACK_AI, usage.get(0).getConnectionOrigin());
    assertEquals(1602L, usage.get(0).getInputTokens());
    assertEquals(Boolean.TRUE, usage.get(0).getShouldCharge());
    // An unknown provider keeps its text; an unknown field of a nested model is kept too.
    assertFalse(usage.get(1).getProvider().isKnown());
    assertEquals("DeepSeek", usage.get(1).getProvider().raw());
    assertNull(usage.get(1).getInputTokens());
    assertEquals(12, ((Number) usage.get(1).getAdditionalProperty("cached_tokens")).intValue());

    FlowRunSummary failed = runs.get(1);
    // Unknown enum values keep their raw text and say they are unknown.
    assertFalse(failed.getState().isKnown());
    assertEquals("ARCHIVED", failed.getState().raw());
    assertFalse(failed.getRunType().isKnown());
    assertEquals("voice_assistant", failed.getRunType().raw());
    assertEquals(Boolean.FALSE, failed.getIsFlowSuccessful());
    assertEquals("Node llm-0 failed: upstream provider returned HTTP 429", failed.getError());
    assertEquals("5b27d9c1-e046-4f83-b1a8-92c6f3e0a754", failed.getParentRunId());
    assertEquals("Support triage", failed.getParentProjectName());
    assertTrue(failed.getLlmUsage().isEmpty());
  }

  @Test
  void listFlowRunsReportsA422WithABodyThatReadsAsValidationErrors() {
    String body = "{\"detail\":[{\"loc\":[\"query\",\"page_size\"],"
        + "\"msg\":\"Input should be greater than or equal to 1\",\"type\":\"greater_than_equal\","
        + "\"input\":\"0\",\"ctx\":{\"ge\":1}}]}";
    enqueueJson(422, body);

    ApiException error = assertThrows(ApiException.class,
        () -> api.listFlowRuns("org-42", "flow-7", 0, 0, null, null, null, null));

    assertEquals(422, error.getCode());
    ValidationErrorResponse parsed = JSON.deserialize(error.getResponseBody(), ValidationErrorResponse.class);
    ValidationErrorItem item = parsed.getDetail().get(0);
    assertEquals(List.of("query", "page_size"), item.getLoc());
    assertEquals("Input should be greater than or equal to 1", item.getMsg());
    assertEquals("greater_than_equal", item.getType());
    assertEquals("0", item.getAdditionalProperty("input"));
  }

  @Test
  void listFlowRunsReportsOtherErrorsWithAFastApiDetailMessage() {
    enqueueJson(404, "{\"detail\":\"Flow not found\"}");

    ApiException error = assertThrows(ApiException.class,
        () -> api.listFlowRuns("org-42", "missing", null, null, null, null, null, null));

    assertEquals(404, error.getCode());
    ErrorResponse parsed = JSON.deserialize(error.getResponseBody(), ErrorResponse.class);
    assertEquals("Flow not found", parsed.getDetail());
  }

  @Test
  void aFieldOfTheWrongJsonKindFailsWithAMessageNamingIt() {
    String body = "[{\"run_id\":{\"uuid\":\"3f6c2a8e\"},\"date\":\"2025-06-03T14:07:22Z\"}]";
    enqueueJson(200, body);

    Exception error = assertThrows(Exception.class,
        () -> api.listFlowRuns("org-42", "flow-7", null, null, null, null, null, null));

    assertTrue(error.getMessage().contains("run_id"), error.getMessage());
  }

  @Test
  void aNumberFieldOfTheWrongJsonKindFailsWithAMessageNamingIt() {
    enqueueJson(200, "[{\"run_id\":\"r1\",\"latency\":{\"seconds\":3}}]");

    Exception error = assertThrows(Exception.class,
        () -> api.listFlowRuns("org-42", "flow-7", null, null, null, null, null, null));

    assertTrue(error.getMessage().contains("latency"), error.getMessage());
  }

  @Test
  void missingFieldsReadAsNull() throws Exception {
    enqueueJson(200, "[{\"run_id\":\"3f6c2a8e-9b41-4d0f-a7c2-5e81d04b6f19\"}]");

    FlowRunSummary run = api.listFlowRuns("org-42", "flow-7", null, null, null, null, null, null).get(0);

    assertEquals("3f6c2a8e-9b41-4d0f-a7c2-5e81d04b6f19", run.getRunId());
    assertNull(run.getDate());
    assertNull(run.getState());
    assertNull(run.getTotalTokens());
    assertNull(run.getRunType());
    assertNull(run.getLlmUsage());
  }

  @Test
  void nullWhereTheSpecAllowsItReadsAsNull() throws Exception {
    enqueueJson(200, "[{\"run_id\":\"r1\",\"date\":\"2025-06-03T14:07:22Z\",\"is_flow_successful\":null,"
        + "\"state\":null,\"error\":null,\"latency\":null,\"total_tokens\":0,\"user_id\":null,"
        + "\"inputs\":null,\"outputs\":null,\"llms\":null,\"feedback\":null,\"run_type\":null,"
        + "\"ran_by_type\":null,\"ran_by_id\":null,\"parent_run_id\":null,"
        + "\"llm_usage\":[{\"provider\":\"Groq\",\"model_id\":\"llama\",\"tokens\":null,"
        + "\"connection_origin\":null,\"is_local_model\":false,\"should_charge\":true}]}]");

    FlowRunSummary run = api.listFlowRuns("org-42", "flow-7", null, null, null, null, null, null).get(0);

    assertNull(run.getIsFlowSuccessful());
    assertNull(run.getState());
    assertNull(run.getError());
    assertNull(run.getLatency());
    assertNull(run.getUserId());
    assertNull(run.getRunType());
    assertNull(run.getRanByType());
    assertNull(run.getParentRunId());
    assertNull(run.getLlmUsage().get(0).getTokens());
    assertNull(run.getLlmUsage().get(0).getConnectionOrigin());
    assertEquals(LlmProvider.GROQ, run.getLlmUsage().get(0).getProvider());
  }

  @Test
  void aTokenCountAboveTwoToTheThirtyOneSurvives() throws Exception {
    enqueueJson(200, "[{\"run_id\":\"r1\",\"total_tokens\":9007199254740993,"
        + "\"llm_usage\":[{\"provider\":\"OpenAI\",\"model_id\":\"m\",\"tokens\":4294967296,"
        + "\"is_local_model\":false,\"should_charge\":true}]}]");

    FlowRunSummary run = api.listFlowRuns("org-42", "flow-7", null, null, null, null, null, null).get(0);

    assertEquals(9007199254740993L, run.getTotalTokens());
    assertEquals(4294967296L, run.getLlmUsage().get(0).getTokens());
  }
}
