package io.github.flowruns.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.flowruns.AuthenticationException;
import io.github.flowruns.FlowRunsException;
import io.github.flowruns.InvalidRequestException;
import io.github.flowruns.NotFoundException;
import io.github.flowruns.PermissionDeniedException;
import io.github.flowruns.RateLimitException;
import io.github.flowruns.ResponseParseException;
import io.github.flowruns.RetryMode;
import io.github.flowruns.RunQuery;
import io.github.flowruns.ServerException;
import io.github.flowruns.TransportException;
import io.github.flowruns.Vendor;
import io.github.flowruns.http.RetryPolicy;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** StackAI's error bodies become the typed exceptions; what StackAI lacks is refused up front. */
class AnalyticsErrorsTest {
  private MockWebServer server;
  private AnalyticsClient client;

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start();
    client = AnalyticsClient.builder().apiKey(ScriptedStackAi.API_KEY).orgId(ScriptedStackAi.ORG)
        .baseUrl(server.url("/").toString()).retryPolicy(RetryPolicy.none()).build();
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  private <T extends FlowRunsException> T listFails(Class<T> type, MockResponse response) {
    server.enqueue(response);
    return assertThrows(type, () -> client.listRuns(RunQuery.builder().flowIds("flow-1").build())
        .forEach(r -> { }));
  }

  private static MockResponse json(int code, String body) {
    return ScriptedStackAi.json(code, body);
  }

  @Test
  void a422BecomesInvalidRequestWithFieldErrorsKeyedByTheLocationAfterItsSource() {
    InvalidRequestException e = listFails(InvalidRequestException.class, new MockResponse.Builder(
        json(422, "{\"detail\":["
            + "{\"loc\":[\"query\",\"page_size\"],\"msg\":\"Input should be greater than or equal to 1\","
            + "\"type\":\"greater_than_equal\",\"input\":\"0\",\"ctx\":{\"ge\":1}},"
            + "{\"loc\":[\"query\",\"start_date\"],\"msg\":\"Input should be a valid datetime\","
            + "\"type\":\"datetime_from_date_parsing\"},"
            + "{\"loc\":[\"body\",\"items\",0,\"name\"],\"msg\":\"Field required\",\"type\":\"missing\"},"
            + "{\"loc\":[\"body\"],\"msg\":\"Body required\",\"type\":\"missing\"}]}"))
        .setHeader("X-Request-Id", "req-9").build());

    assertEquals(Vendor.STACKAI, e.vendor());
    assertEquals("listRuns", e.operation());
    assertEquals(422, e.httpStatus().getAsInt());
    assertEquals("greater_than_equal", e.errorCode());
    assertEquals("req-9", e.requestId());
    assertEquals(1, e.attempts());
    assertEquals(Map.of(
        "page_size", List.of("Input should be greater than or equal to 1"),
        "start_date", List.of("Input should be a valid datetime"),
        "items.0.name", List.of("Field required"),
        "body", List.of("Body required")), e.fieldErrors());
    assertTrue(e.details().message().startsWith(
        "page_size: Input should be greater than or equal to 1; start_date: Input should be"),
        e.details().message());
    assertTrue(e.getMessage().contains("HTTP 422"), e.getMessage());
  }

  @Test
  void aFastApiDetailStringBecomesTheMessageOfTheExceptionForItsStatus() {
    record Case(int status, Class<? extends FlowRunsException> type) { }
    for (Case c : List.of(new Case(400, InvalidRequestException.class),
        new Case(401, AuthenticationException.class),
        new Case(403, PermissionDeniedException.class),
        new Case(404, NotFoundException.class),
        new Case(500, ServerException.class),
        new Case(502, ServerException.class))) {
      FlowRunsException e = listFails(c.type(), json(c.status(), "{\"detail\":\"Flow not found\"}"));
      assertEquals(c.status(), e.httpStatus().getAsInt());
      assertEquals("Flow not found", e.details().message());
      assertNull(e.errorCode());
      assertInstanceOf(c.type(), e);
    }
  }

  @Test
  void a429BecomesRateLimitWithTheWaitFromRetryAfter() {
    RateLimitException e = listFails(RateLimitException.class, new MockResponse.Builder(
        json(429, "{\"detail\":\"Too many requests\"}")).setHeader("Retry-After", "7").build());

    assertEquals(Duration.ofSeconds(7), e.retryAfter());
    assertEquals("Too many requests", e.details().message());
  }

  @Test
  void aGatewayMessageOrAnHtmlPageStillGivesTheTypedException() {
    ServerException gateway = listFails(ServerException.class,
        json(503, "{\"message\":\"Service Unavailable\"}"));
    assertEquals("Service Unavailable", gateway.details().message());

    ServerException html = listFails(ServerException.class, new MockResponse.Builder().code(502)
        .setHeader("Content-Type", "text/html").body("<html><body>Bad gateway</body></html>").build());
    assertEquals(502, html.httpStatus().getAsInt());

    NotFoundException odd = listFails(NotFoundException.class,
        json(404, "{\"detail\":{\"reason\":\"flow archived\"}}"));
    assertEquals("{\"reason\":\"flow archived\"}", odd.details().message());
  }

  @Test
  void aBodyThatIsNotAnArrayOfRunsIsAResponseParseException() {
    ResponseParseException object = listFails(ResponseParseException.class,
        json(200, "{\"detail\":\"ok\"}"));
    assertEquals(200, object.httpStatus().getAsInt());

    ResponseParseException wrongKind = listFails(ResponseParseException.class,
        json(200, "[{\"run_id\":{\"id\":1}}]"));
    assertTrue(wrongKind.getMessage().contains("run_id"), wrongKind.getMessage());

    ResponseParseException noId = listFails(ResponseParseException.class,
        json(200, "[{\"state\":\"COMPLETED\"}]"));
    assertTrue(noId.getMessage().contains("run_id"), noId.getMessage());

    listFails(ResponseParseException.class, json(200, "not json"));
  }

  @Test
  void aServerThatCannotBeReachedIsATransportException() throws IOException {
    MockWebServer gone = new MockWebServer();
    gone.start();
    String url = gone.url("/").toString();
    gone.close();
    try (AnalyticsClient unreachable = AnalyticsClient.builder().apiKey(ScriptedStackAi.API_KEY)
        .orgId(ScriptedStackAi.ORG).baseUrl(url).retryPolicy(RetryPolicy.none()).build()) {
      TransportException e = assertThrows(TransportException.class, () -> unreachable
          .listRuns(RunQuery.builder().flowIds("flow-1").build()).iterator().hasNext());
      assertEquals(Vendor.STACKAI, e.vendor());
      assertEquals("listRuns", e.operation());
    }
  }

  @Test
  void everyOperationStackAiLacksIsRefusedNamingVendorAndOperation() {
    Map<String, Executable> calls = Map.of(
        "getRun", () -> client.getRun("r1"),
        "retryRun", () -> client.retryRun("r1", RetryMode.DEFAULT),
        "stopRun", () -> client.stopRun("r1"),
        "triggerRun", () -> client.triggerRun("flow-1", Map.of("in-0", "hi")),
        "listLogs", () -> client.listLogs("r1"),
        "retryRuns", () -> client.retryRuns(RunQuery.builder().flowIds("flow-1").build(), RetryMode.DEFAULT),
        "stopRuns", () -> client.stopRuns(RunQuery.builder().flowIds("flow-1").build()));
    calls.forEach((operation, call) -> {
      UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, call);
      assertEquals("StackAI does not support " + operation, e.getMessage());
    });
    assertEquals(0, server.getRequestCount());
  }

  @Test
  void theApiKeyNeverAppearsInToString() {
    Consumer<String> clean = text -> assertFalse(text.contains(ScriptedStackAi.API_KEY), text);
    clean.accept(client.toString());
    clean.accept(AnalyticsClient.builder().apiKey(ScriptedStackAi.API_KEY).orgId("o").toString());
  }
}
