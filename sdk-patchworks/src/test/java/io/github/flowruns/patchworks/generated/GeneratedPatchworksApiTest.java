package io.github.flowruns.patchworks.generated;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.flowruns.patchworks.api.AuthenticationApi;
import io.github.flowruns.patchworks.api.FlowRunLogsApi;
import io.github.flowruns.patchworks.invoker.ApiClient;
import io.github.flowruns.patchworks.invoker.ApiException;
import io.github.flowruns.patchworks.invoker.JSON;
import io.github.flowruns.patchworks.model.ErrorResponse;
import io.github.flowruns.patchworks.model.FlowRun;
import io.github.flowruns.patchworks.model.FlowRunEnvelope;
import io.github.flowruns.patchworks.model.FlowRunList;
import io.github.flowruns.patchworks.model.FlowRunLog;
import io.github.flowruns.patchworks.model.FlowRunLogEnvelope;
import io.github.flowruns.patchworks.model.FlowRunLogList;
import io.github.flowruns.patchworks.model.FlowRunStatus;
import io.github.flowruns.patchworks.model.FlowRunTrigger;
import io.github.flowruns.patchworks.model.LoginRequest;
import io.github.flowruns.patchworks.model.LoginResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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
 * Every operation of the corrected Patchworks spec, run through the generated client against a real
 * HTTP server on loopback: method, path, encoded query, auth header, body, and tolerant parsing of a
 * realistic answer.
 */
class GeneratedPatchworksApiTest {
  private static final String API_KEY = "pk_live_0123456789abcdef";

  private MockWebServer server;
  private ApiClient apiClient;
  private FlowRunLogsApi runs;

  @BeforeEach
  void startServer() throws IOException {
    server = new MockWebServer();
    server.start(InetAddress.getLoopbackAddress(), 0);
    apiClient = new ApiClient();
    // The spec's paths carry their own /api/v1 prefix, so the base path is the bare origin.
    apiClient.setBasePath(origin());
    apiClient.setApiKey(API_KEY);
    runs = new FlowRunLogsApi(apiClient);
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  @Test
  void listFlowRunsSendsEveryFilterEncodedAndReadsAPageOfFlatRuns() throws Exception {
    enqueueJson(200, resource("flow-runs-page.json"));

    FlowRunList page = runs.listFlowRuns("7", "42,43", "9", "2", "Webhook", "3,5", "order 1001",
        1772391627000L, 1772300000000L, 1772236800000L, "true", "false", "flow,metrics",
        "-started_at", "id", "id,name", "steps.name", "id,status", 2, 25);

    RecordedRequest request = take();
    assertEquals("GET", request.getMethod());
    assertEquals("/api/v1/flow-runs", request.getUrl().encodedPath());
    assertEquals("filter%5Buser_id%5D=7&filter%5Bflow_id%5D=42%2C43&filter%5Bflow_version_id%5D=9"
            + "&filter%5Bvirtual_environment_id%5D=2&filter%5Btrigger%5D=Webhook&filter%5Bstatus%5D=3%2C5"
            + "&filter%5Bsearch%5D=order%201001&filter%5Bstarted_before%5D=1772391627000"
            + "&filter%5Bstarted_after%5D=1772300000000&filter%5Bstarted_on%5D=1772236800000"
            + "&filter%5Bretried%5D=true&filter%5Bhas_warnings%5D=false&include=flow%2Cmetrics"
            + "&sort=-started_at&fields%5BtrackedData%5D=id&fields%5Bflow%5D=id%2Cname"
            + "&fields%5BflowVersion%5D=steps.name&fields%5BretriedFlowRun%5D=id%2Cstatus&page=2&per_page=25",
        request.getUrl().encodedQuery());
    assertEquals("3,5", request.getUrl().queryParameter("filter[status]"));
    assertEquals(API_KEY, request.getHeaders().get("Authorization"), "the raw key, no scheme word");
    assertEquals(0, request.getBodySize());

    assertEquals(3, page.getData().size());
    assertEquals(2, page.getMeta().getCurrentPage());
    assertEquals(4, page.getMeta().getLastPage());
    assertEquals(90L, page.getMeta().getTotal());
    assertEquals("https://core.wearepatchworks.com/api/v1/flow-runs?page=3", page.getLinks().getNext());

    FlowRun failed = page.getData().get(0);
    assertEquals(4_294_967_297L, failed.getId(), "an id above 2^31 survives");
    assertEquals(3_000_000_001L, failed.getFlowId());
    assertEquals(FlowRunStatus.FAILURE, failed.getStatus());
    assertEquals(FlowRunTrigger.WEBHOOK, failed.getTrigger());
    assertEquals(OffsetDateTime.of(2026, 3, 1, 19, 0, 0, 123_000_000, ZoneOffset.ofHours(1)), failed.getStartedAt());
    assertEquals(OffsetDateTime.of(2026, 3, 1, 19, 0, 5, 0, ZoneOffset.UTC), failed.getFinishedAt(),
        "yyyy-MM-dd HH:mm:ss reads as UTC");
    assertEquals(5123.0, failed.getDuration());
    assertEquals(false, failed.getHasWarnings());
    assertEquals("eu-west-2", failed.getAdditionalProperty("region"), "an unknown field is kept");
    assertNull(failed.getUserId(), "null where the spec allows it reads null");
    assertNull(failed.getRetryFlowRunId());

    FlowRun unknown = page.getData().get(1);
    assertFalse(unknown.getStatus().isKnown(), "an unknown status value parses");
    assertEquals("9", unknown.getStatus().raw());
    assertFalse(unknown.getTrigger().isKnown());
    assertEquals("Carrier Pigeon", unknown.getTrigger().raw());
    assertNull(unknown.getDuration());
    assertNull(unknown.getFinishedAt());
    assertEquals(4_294_967_297L, unknown.getRetryFlowRunId());
    assertNull(unknown.getSummary(), "a missing field reads null");

    assertEquals(FlowRunStatus.PARTIAL_SUCCESS, page.getData().get(2).getStatus(),
        "a status sent as its name, in any case, reads as the constant");
  }

  @Test
  void listFlowRunsWithoutArgumentsSendsNoQueryAtAll() throws Exception {
    enqueueJson(200, "{\"data\":[],\"meta\":{\"current_page\":1,\"last_page\":1,\"total\":0,\"from\":null,\"to\":null}}");

    FlowRunList page = runs.listFlowRuns(null, null, null, null, null, null, null, null, null, null,
        null, null, null, null, null, null, null, null, null, null);

    RecordedRequest request = take();
    assertEquals("/api/v1/flow-runs", request.getTarget());
    assertTrue(page.getData().isEmpty());
    assertNull(page.getMeta().getFrom());
    assertNull(page.getLinks());
  }

  @Test
  void getFlowRunSendsIncludeAndFieldsAndReadsTheJsonApiShape() throws Exception {
    enqueueJson(200, resource("flow-run-jsonapi.json"));

    FlowRunEnvelope envelope = runs.getFlowRun("5000000123", "flow,flowVersion", "id", "id,name", "steps.name", "id,status");

    RecordedRequest request = take();
    assertEquals("GET", request.getMethod());
    assertEquals("/api/v1/flow-runs/5000000123", request.getUrl().encodedPath());
    assertEquals("include=flow%2CflowVersion&fields%5BtrackedData%5D=id&fields%5Bflow%5D=id%2Cname"
        + "&fields%5BflowVersion%5D=steps.name&fields%5BretriedFlowRun%5D=id%2Cstatus", request.getUrl().encodedQuery());
    assertEquals(API_KEY, request.getHeaders().get("Authorization"));

    FlowRun run = envelope.getData();
    assertEquals(5_000_000_123L, run.getId(), "a JSON:API string id reads as the number");
    assertEquals("flow-runs", run.getType());
    FlowRun attributes = run.getAttributes();
    assertEquals(FlowRunStatus.SUCCESS, attributes.getStatus());
    assertEquals(FlowRunTrigger.API, attributes.getTrigger());
    assertEquals(2500.0, attributes.getDuration());
    assertEquals("high", attributes.getAdditionalProperty("queue"));
    @SuppressWarnings("unchecked")
    Map<String, Object> flow = (Map<String, Object>) run.getRelationships().get("flow");
    @SuppressWarnings("unchecked")
    Map<String, Object> data = (Map<String, Object>) flow.get("data");
    assertEquals("314", data.get("id"));
  }

  @Test
  void getFlowRunEncodesTheRunIdAsOnePathSegment() throws Exception {
    enqueueJson(200, "{\"data\":{\"id\":1}}");

    runs.getFlowRun("a/b c", null, null, null, null, null);

    assertEquals("/api/v1/flow-runs/a%2Fb%20c", take().getUrl().encodedPath());
  }

  @Test
  void downloadFlowRunLogsSendsAGetAndReadsTheUntypedAnswer() throws Exception {
    enqueueJson(200, "{\"message\":\"Your download has been queued.\",\"file_download_id\":88}");

    Object answer = runs.downloadFlowRunLogs("4294967297");

    RecordedRequest request = take();
    assertEquals("GET", request.getMethod());
    assertEquals("/api/v1/flow-runs/4294967297/download", request.getTarget());
    assertEquals(API_KEY, request.getHeaders().get("Authorization"));
    Map<?, ?> map = assertInstanceOf(Map.class, answer);
    assertEquals("Your download has been queued.", map.get("message"));
  }

  @Test
  void listFlowRunLogsSendsItsFilterAndPagingAndReadsTheLogs() throws Exception {
    enqueueJson(200, resource("flow-run-logs-page.json"));

    FlowRunLogList logs = runs.listFlowRunLogs("4294967297", "55", "flowStep", "id,name", 1, 50);

    RecordedRequest request = take();
    assertEquals("GET", request.getMethod());
    assertEquals("/api/v1/flow-runs/4294967297/flow-run-logs", request.getUrl().encodedPath());
    assertEquals("filter%5Bflow_step_id%5D=55&include=flowStep&fields%5BflowStep%5D=id%2Cname&page=1&per_page=50",
        request.getUrl().encodedQuery());
    assertEquals(API_KEY, request.getHeaders().get("Authorization"));

    assertEquals(2, logs.getData().size());
    FlowRunLog first = logs.getData().get(0);
    assertEquals(9_000_000_001L, first.getId());
    assertEquals(4_294_967_297L, first.getFlowRunId());
    assertEquals("error", first.getLogLevel());
    assertEquals(OffsetDateTime.of(2026, 3, 1, 19, 0, 4, 0, ZoneOffset.UTC), first.getCreatedAt());
    assertEquals("connector", first.getAdditionalProperty("context"));
    assertNull(logs.getData().get(1).getPageNumber());
    assertNull(logs.getLinks().getNext());
    assertEquals(1, logs.getMeta().getLastPage());
  }

  @Test
  void getFlowRunLogAddressesBothIdsAndReadsTheLog() throws Exception {
    enqueueJson(200, resource("flow-run-log.json"));

    FlowRunLogEnvelope envelope = runs.getFlowRunLog("4294967297", "9000000001", "flowStep,flowRunLogMetadata", "id,name");

    RecordedRequest request = take();
    assertEquals("GET", request.getMethod());
    assertEquals("/api/v1/flow-runs/4294967297/flow-run-logs/9000000001", request.getUrl().encodedPath());
    assertEquals("include=flowStep%2CflowRunLogMetadata&fields%5BflowStep%5D=id%2Cname", request.getUrl().encodedQuery());
    assertEquals(API_KEY, request.getHeaders().get("Authorization"));
    FlowRunLog log = envelope.getData();
    assertEquals(55L, log.getFlowStepId());
    assertEquals("Push to Shopify", ((Map<?, ?>) log.getFlowStep()).get("name"));
    assertEquals("connector", log.getAdditionalProperty("context"));
  }

  @Test
  void retryFlowRunPostsAnEmptyBodyAndReadsTheUntypedAnswer() throws Exception {
    enqueueJson(200, "{\"message\":\"Flow run retried.\",\"data\":{\"id\":1003,\"status\":1}}");

    Object answer = runs.retryFlowRun("1001");

    RecordedRequest request = take();
    assertEquals("POST", request.getMethod());
    assertEquals("/api/v1/flow-runs/1001/retry", request.getTarget());
    assertEquals(API_KEY, request.getHeaders().get("Authorization"));
    assertEquals(0, request.getBodySize());
    assertEquals("Flow run retried.", ((Map<?, ?>) answer).get("message"));
  }

  @Test
  void retryFlowRunRejectedAs422CarriesTheLaravelErrorBody() throws Exception {
    enqueueJson(422, resource("validation-error.json"));

    ApiException error = assertThrows(ApiException.class, () -> runs.retryFlowRun("1001"));

    assertEquals(422, error.getCode());
    ErrorResponse body = ErrorResponse.fromJson(error.getResponseBody());
    assertEquals("The flow run cannot be retried while it is running.", body.getMessage());
    assertEquals(List.of("The status must be one of 3, 4, 5."), body.getErrors().get("status"));
  }

  @Test
  void stopFlowRunPostsAnEmptyBodyToTheStopPath() throws Exception {
    enqueueJson(200, "{\"message\":\"Flow run stopped.\"}");

    Object answer = runs.stopFlowRun("1001");

    RecordedRequest request = take();
    assertEquals("POST", request.getMethod());
    assertEquals("/api/v1/flow-runs/1001/stop", request.getTarget());
    assertEquals(API_KEY, request.getHeaders().get("Authorization"));
    assertEquals(0, request.getBodySize());
    assertEquals("Flow run stopped.", ((Map<?, ?>) answer).get("message"));
  }

  @Test
  void aBearerTokenIsSentWithTheBearerScheme() throws Exception {
    ApiClient bearerClient = new ApiClient();
    bearerClient.setBasePath(origin());
    bearerClient.setBearerToken("eyJhbGciOiJIUzI1NiJ9.e30.c2ln");
    enqueueJson(200, "{\"message\":\"Flow run stopped.\"}");

    new FlowRunLogsApi(bearerClient).stopFlowRun("1001");

    assertEquals("Bearer eyJhbGciOiJIUzI1NiJ9.e30.c2ln", take().getHeaders().get("Authorization"));
  }

  @Test
  void loginPostsTheCredentialsToItsOwnServerWithoutAuthAndReadsTheToken() throws Exception {
    AuthenticationApi auth = new AuthenticationApi(apiClient);
    // login has its own server in the spec; a custom base URL replaces it.
    auth.setCustomBaseUrl(origin());
    enqueueJson(200, resource("login.json"));

    LoginResponse answer = auth.login(new LoginRequest().username("ops@example.com").password("s3cret!"));

    RecordedRequest request = take();
    assertEquals("POST", request.getMethod());
    assertEquals("/fabric/api/login", request.getTarget());
    assertNull(request.getHeaders().get("Authorization"), "login sends no credentials header");
    assertTrue(request.getHeaders().get("Content-Type").startsWith("application/json"));
    assertEquals("{\"username\":\"ops@example.com\",\"password\":\"s3cret!\"}", request.getBody().utf8());
    assertEquals("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiI0MiJ9.c2lnbmF0dXJl", answer.getToken());
    assertEquals(86_400L, answer.getExpiresIn());
    assertEquals("bearer", answer.getAdditionalProperty("token_type"));
  }

  @Test
  void loginDefaultsToTheLoginHostNotTheApiHost() throws Exception {
    AuthenticationApi auth = new AuthenticationApi(apiClient);

    okhttp3.Request request = auth.loginCall(new LoginRequest().username("u").password("p"), null).request();

    assertEquals("https://app.wearepatchworks.com/fabric/api/login", request.url().toString());
  }

  @Test
  void aFieldOfTheWrongJsonKindFailsWithAMessageNamingIt() throws Exception {
    enqueueJson(200, "{\"data\":[{\"id\":1,\"summary\":{\"text\":\"not a string\"}}]}");

    Exception error = assertThrows(Exception.class, () -> runs.listFlowRuns(null, null, null, null, null,
        null, null, null, null, null, null, null, null, null, null, null, null, null, null, null));

    assertTrue(messages(error).contains("`summary`"), messages(error));
  }

  @Test
  void aStatusGivenAsAnObjectFailsWithAMessageNamingTheType() {
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
        () -> FlowRun.fromJson("{\"id\":1,\"status\":{\"code\":3}}"));

    assertTrue(error.getMessage().contains("FlowRunStatus"), error.getMessage());
  }

  @Test
  void statusesReadFromNumbersNamesAndUnknownTextWithoutThrowing() throws IOException {
    assertEquals(FlowRunStatus.STARTED, FlowRunStatus.fromRaw("1"));
    assertEquals(FlowRunStatus.STOPPED, FlowRunStatus.fromRaw("Stopped"));
    assertEquals(FlowRunStatus.SUCCESS, FlowRun.fromJson("{\"status\":\"SUCCESS\"}").getStatus());
    FlowRunStatus draft = FlowRun.fromJson("{\"status\":\"Draft\"}").getStatus();
    assertFalse(draft.isKnown());
    assertEquals("Draft", draft.raw());
    assertEquals("{\"status\":3}", JSON.getGson().toJson(new FlowRun().status(FlowRunStatus.FAILURE)));
  }

  private String origin() {
    String url = server.url("/").toString();
    return url.substring(0, url.length() - 1);
  }

  private void enqueueJson(int code, String body) {
    server.enqueue(new MockResponse.Builder()
        .code(code)
        .addHeader("Content-Type", "application/json")
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

  private static String messages(Throwable error) {
    StringBuilder text = new StringBuilder();
    for (Throwable t = error; t != null; t = t.getCause()) {
      text.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage()).append(" | ");
    }
    return text.toString();
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = GeneratedPatchworksApiTest.class.getResourceAsStream("/patchworks/" + name)) {
      if (in == null) {
        throw new IOException("missing test resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
