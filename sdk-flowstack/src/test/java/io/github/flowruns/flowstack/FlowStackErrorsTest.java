package io.github.flowruns.flowstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.flowruns.AuthenticationException;
import io.github.flowruns.ConflictException;
import io.github.flowruns.FlowRunsException;
import io.github.flowruns.InvalidRequestException;
import io.github.flowruns.NotFoundException;
import io.github.flowruns.PermissionDeniedException;
import io.github.flowruns.RateLimitException;
import io.github.flowruns.ResponseParseException;
import io.github.flowruns.RunQuery;
import io.github.flowruns.ServerException;
import io.github.flowruns.TransportException;
import io.github.flowruns.Vendor;
import io.github.flowruns.contract.Scripted;
import io.github.flowruns.http.RetryPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** FlowStack's error body and every status it documents, to the facade's exceptions. */
class FlowStackErrorsTest {

  private static final String KEY = "fs_live_errors000001";

  private MockWebServer server;
  private FlowStackClient client;

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.start();
    client = FlowStackClient.builder().apiKey(KEY).flowId("flow_e")
        .baseUrl(server.url("/").toString()).retryPolicy(RetryPolicy.none()).build();
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  private static String error(String code, String message, int status) {
    return "{\"error\":{\"code\":\"" + code + "\",\"message\":\"" + message + "\",\"statusCode\":" + status + "}}";
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
      "400, VALIDATION_ERROR, io.github.flowruns.InvalidRequestException",
      "401, UNAUTHORIZED, io.github.flowruns.AuthenticationException",
      "403, FORBIDDEN, io.github.flowruns.PermissionDeniedException",
      "404, NOT_FOUND, io.github.flowruns.NotFoundException",
      "409, CONFLICT, io.github.flowruns.ConflictException",
      "429, RATE_LIMIT_EXCEEDED, io.github.flowruns.RateLimitException",
      "500, INTERNAL_ERROR, io.github.flowruns.ServerException",
      "503, SERVICE_UNAVAILABLE, io.github.flowruns.ServerException",
      "504, GATEWAY_TIMEOUT, io.github.flowruns.ServerException",
  })
  void eachDocumentedErrorBecomesItsExceptionWithStatusCodeAndMessage(int status, String code, Class<?> type) {
    server.enqueue(Scripted.json(status, error(code, "Something about " + code, status)));

    FlowRunsException e = assertThrows(FlowRunsException.class, () -> client.getRun("run_1"));

    assertEquals(type, e.getClass());
    assertEquals(Vendor.FLOWSTACK, e.vendor());
    assertEquals("getRun", e.operation());
    assertEquals(status, e.httpStatus().getAsInt());
    assertEquals(code, e.errorCode());
    assertEquals("Something about " + code, e.details().message());
    assertTrue(e.getMessage().contains("Something about " + code), e.getMessage());
    assertEquals(1, e.attempts());
  }

  @Test
  void aNotFoundRunNamesTheOperationAndKeepsTheRequestId() {
    server.enqueue(new MockResponse.Builder(Scripted.json(404, error("NOT_FOUND", "Run not found", 404)))
        .addHeader("X-Request-Id", "req-42").build());

    NotFoundException e = assertThrows(NotFoundException.class, () -> client.getRun("flow_e/run_gone"));

    assertEquals("req-42", e.requestId());
    assertTrue(e.bodyExcerpt().contains("Run not found"));
  }

  @Test
  void aValidationErrorIsAnInvalidRequestWithoutFieldErrorsWhenFlowStackGivesNone() {
    server.enqueue(Scripted.json(400, error("VALIDATION_ERROR", "limit must be between 1 and 100", 400)));

    InvalidRequestException e = assertThrows(InvalidRequestException.class,
        () -> client.listRuns(RunQuery.all()).forEach(r -> { }));

    assertEquals("VALIDATION_ERROR", e.errorCode());
    assertEquals("limit must be between 1 and 100", e.details().message());
    assertTrue(e.fieldErrors().isEmpty());
    assertEquals("listRuns", e.operation());
  }

  @Test
  void validationDetailsAreReadIntoFieldErrors() {
    server.enqueue(Scripted.json(400, "{\"error\":{\"code\":\"VALIDATION_ERROR\",\"message\":\"Invalid body\","
        + "\"statusCode\":400,\"details\":[{\"field\":\"data.userId\",\"message\":\"must be a string\"},"
        + "{\"path\":\"data\",\"message\":\"too large\"}]}}"));

    InvalidRequestException e = assertThrows(InvalidRequestException.class,
        () -> client.triggerRun("flow_e", Map.of("userId", 1)));

    assertEquals(Map.of("data.userId", List.of("must be a string"), "data", List.of("too large")), e.fieldErrors());
  }

  @Test
  void validationDetailsAsAnObjectAreReadIntoFieldErrors() {
    server.enqueue(Scripted.json(400, "{\"error\":{\"code\":\"VALIDATION_ERROR\",\"message\":\"Invalid\","
        + "\"details\":{\"limit\":[\"too big\",\"not an integer\"],\"status\":\"unknown value\"}}}"));

    InvalidRequestException e = assertThrows(InvalidRequestException.class,
        () -> client.listRuns(RunQuery.all()).forEach(r -> { }));

    assertEquals(Map.of("limit", List.of("too big", "not an integer"), "status", List.of("unknown value")),
        e.fieldErrors());
  }

  @Test
  void aRateLimitCarriesRetryAfterInSeconds() {
    server.enqueue(new MockResponse.Builder(Scripted.json(429, error("RATE_LIMIT_EXCEEDED", "Rate limit exceeded", 429)))
        .setHeader("X-RateLimit-Remaining", "0").addHeader("Retry-After", "30").build());

    RateLimitException e = assertThrows(RateLimitException.class, () -> client.getRun("run_1"));

    assertEquals(Duration.ofSeconds(30), e.retryAfter());
    assertEquals("RATE_LIMIT_EXCEEDED", e.errorCode());
  }

  @Test
  void aConflictOnTriggerIsAConflictException() {
    server.enqueue(Scripted.json(409, error("CONFLICT", "Flow is disabled", 409)));

    ConflictException e = assertThrows(ConflictException.class, () -> client.triggerRun("flow_e", null));

    assertEquals("triggerRun", e.operation());
    assertEquals("Flow is disabled", e.details().message());
  }

  @Test
  void anUnknownErrorCodeIsKeptAsSent() {
    server.enqueue(Scripted.json(402, error("PLAN_LIMIT_REACHED", "Upgrade your plan", 402)));

    FlowRunsException e = assertThrows(FlowRunsException.class, () -> client.getRun("run_1"));

    assertEquals("PLAN_LIMIT_REACHED", e.errorCode());
    assertEquals(402, e.httpStatus().getAsInt());
  }

  @Test
  void anErrorThatIsAPlainStringIsTheMessage() {
    server.enqueue(Scripted.json(401, "{\"error\":\"Invalid API key\"}"));

    AuthenticationException e = assertThrows(AuthenticationException.class, () -> client.getRun("run_1"));

    assertEquals("Invalid API key", e.details().message());
    assertNull(e.errorCode());
  }

  @Test
  void anHtmlGatewayPageIsAServerErrorWithoutCode() {
    server.enqueue(new MockResponse.Builder().code(502).addHeader("Content-Type", "text/html")
        .body("<html><body>Bad gateway</body></html>").build());

    ServerException e = assertThrows(ServerException.class, () -> client.getRun("run_1"));

    assertNull(e.errorCode());
    assertEquals(502, e.httpStatus().getAsInt());
  }

  @Test
  void aForbiddenErrorEchoingTheKeyDoesNotLeakIt() {
    server.enqueue(Scripted.json(403, error("FORBIDDEN", "Key " + KEY + " has Read scope only", 403)));

    PermissionDeniedException e = assertThrows(PermissionDeniedException.class,
        () -> client.triggerRun("flow_e", Map.of()));

    assertFalse(e.bodyExcerpt().contains(KEY), e.bodyExcerpt());
  }

  @Test
  void anUnreadableSuccessBodyIsAResponseParseException() {
    server.enqueue(Scripted.json(200, "{\"data\": [ {\"id\": "));

    ResponseParseException e = assertThrows(ResponseParseException.class,
        () -> client.listRuns(RunQuery.all()).forEach(r -> { }));

    assertEquals(200, e.httpStatus().getAsInt());
  }

  @Test
  void aFieldOfTheWrongKindIsAResponseParseExceptionNamingIt() {
    server.enqueue(Scripted.json(200, "{\"id\":\"run_1\",\"flowId\":\"f\",\"status\":\"RUNNING\",\"steps\":{}}"));

    ResponseParseException e = assertThrows(ResponseParseException.class, () -> client.getRun("run_1"));

    assertTrue(e.getMessage().contains("steps"), e.getMessage());
  }

  @Test
  void aRunWithoutIdIsAResponseParseException() {
    server.enqueue(Scripted.json(200, "{\"data\":[{\"flowId\":\"f\",\"status\":\"RUNNING\"}],\"hasMore\":false}"));

    assertThrows(ResponseParseException.class, () -> client.listRuns(RunQuery.all()).forEach(r -> { }));
  }

  @Test
  void anUnreachableServerIsATransportException() throws Exception {
    String url = server.url("/").toString();
    server.close();
    try (FlowStackClient offline = FlowStackClient.builder().apiKey(KEY).baseUrl(url)
        .retryPolicy(RetryPolicy.none()).build()) {
      TransportException e = assertThrows(TransportException.class, () -> offline.getRun("f/run_1"));
      assertTrue(e.httpStatus().isEmpty());
      assertEquals("getRun", e.operation());
    }
  }
}
