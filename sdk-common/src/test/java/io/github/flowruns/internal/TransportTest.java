package io.github.flowruns.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.flowruns.AuthenticationException;
import io.github.flowruns.ConflictException;
import io.github.flowruns.ErrorDetails;
import io.github.flowruns.FlowRunsException;
import io.github.flowruns.GoneException;
import io.github.flowruns.InvalidRequestException;
import io.github.flowruns.NotFoundException;
import io.github.flowruns.PermissionDeniedException;
import io.github.flowruns.RateLimitException;
import io.github.flowruns.ResponseParseException;
import io.github.flowruns.ServerException;
import io.github.flowruns.TransportException;
import io.github.flowruns.Vendor;
import io.github.flowruns.http.RequestOptions;
import io.github.flowruns.http.RetryPolicy;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TransportTest {
  static final String SECRET = "sekrit-token-0123456789";

  /** An Activepieces-like error shape: {"code": "...", "params": {"message": "...", field: ...}}. */
  static final ErrorBodyParser PARSER = (status, contentType, body) -> {
    JsonObject o = JsonParser.parseString(body).getAsJsonObject();
    VendorError.Builder b = VendorError.builder();
    if (o.has("code")) {
      b.code(o.get("code").getAsString());
    }
    if (o.has("params")) {
      JsonObject p = o.getAsJsonObject("params");
      if (p.has("message")) {
        b.message(p.get("message").getAsString());
      }
      if (p.has("field")) {
        b.fieldError(p.get("field").getAsString(), p.get("reason").getAsString());
      }
    }
    if (status == 409) {
      b.kind(ErrorDetails.Kind.INVALID_REQUEST);
    }
    return b.build();
  };

  static final class Thing {
    String id;
    int count;
  }

  MockWebServer server;
  Transport transport;
  HttpSettings settings;

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start();
    settings = new HttpSettings(Vendor.ACTIVEPIECES, server.url("/").toString());
    settings.retryPolicy(RetryPolicy.none());
    settings.maxResponseBytes(64 * 1024);
    transport = new Transport(Vendor.ACTIVEPIECES, settings.buildClient(), new Gson(), PARSER);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  Request get() {
    return new Request.Builder().url(server.url("/v1/flow-runs/r1")).build();
  }

  Thing getThing() {
    return transport.execute("getRun", get(), Thing.class, RequestOptions.defaults());
  }

  static MockResponse json(int code, String body) {
    return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json")
        .body(body).build();
  }

  static void assertNoSecret(FlowRunsException e) {
    assertFalse(e.getMessage().contains(SECRET), e.getMessage());
    if (e.bodyExcerpt() != null) {
      assertFalse(e.bodyExcerpt().contains(SECRET), e.bodyExcerpt());
    }
    assertFalse(String.valueOf(e.details()).contains(SECRET));
  }

  /** Throws a checked exception undeclared, as Kotlin code (OkHttp's own included) may. */
  @SuppressWarnings("unchecked")
  private static <E extends Throwable> RuntimeException undeclared(Throwable t) throws E {
    throw (E) t;
  }

  @Test
  void anInterruptedExceptionOkHttpThrowsUndeclaredIsATransportErrorAndKeepsTheFlag() {
    server.enqueue(json(200, "{\"id\":\"r1\"}"));
    okhttp3.OkHttpClient interrupting = new okhttp3.OkHttpClient.Builder()
        .addInterceptor(chain -> {
          throw undeclared(new InterruptedException());
        }).build();
    settings.okHttpClient(interrupting);
    Transport t = new Transport(Vendor.ACTIVEPIECES, settings.buildClient(), new Gson(), PARSER);
    try {
      io.github.flowruns.TransportException e = assertThrows(io.github.flowruns.TransportException.class,
          () -> t.execute("getRun", get(), Thing.class, RequestOptions.defaults()));
      assertTrue(Thread.currentThread().isInterrupted(), "the interrupt flag is kept");
      assertTrue(e.getCause() != null, "the InterruptedException is the cause");
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void readsA200JsonBodyIntoTheRequestedType() {
    server.enqueue(json(200, "{\"id\":\"r1\",\"count\":3}"));
    Thing t = getThing();
    assertEquals("r1", t.id);
    assertEquals(3, t.count);
  }

  static Stream<Arguments> statuses() {
    return Stream.of(
        Arguments.of(400, InvalidRequestException.class),
        Arguments.of(401, AuthenticationException.class),
        Arguments.of(403, PermissionDeniedException.class),
        Arguments.of(404, NotFoundException.class),
        Arguments.of(410, GoneException.class),
        Arguments.of(422, InvalidRequestException.class),
        Arguments.of(429, RateLimitException.class),
        Arguments.of(500, ServerException.class),
        Arguments.of(502, ServerException.class),
        Arguments.of(503, ServerException.class),
        Arguments.of(504, ServerException.class),
        Arguments.of(402, FlowRunsException.class),
        Arguments.of(418, FlowRunsException.class));
  }

  @ParameterizedTest(name = "HTTP {0} becomes {1}")
  @MethodSource("statuses")
  void mapsEachErrorStatusToItsExceptionWithEveryField(int status,
      Class<? extends FlowRunsException> type) {
    server.enqueue(new MockResponse.Builder().code(status)
        .setHeader("Content-Type", "application/json")
        .setHeader("X-Request-Id", "r-1")
        .body("{\"code\":\"ENTITY_NOT_FOUND\",\"params\":{\"message\":\"Flow run not found\","
            + "\"token\":\"" + SECRET + "\"}}")
        .build());
    FlowRunsException e = assertThrows(FlowRunsException.class, this::getThing);
    assertEquals(type, e.getClass());
    assertEquals(Vendor.ACTIVEPIECES, e.vendor());
    assertEquals("getRun", e.operation());
    assertEquals(status, e.httpStatus().getAsInt());
    assertEquals("ENTITY_NOT_FOUND", e.errorCode());
    assertEquals("r-1", e.requestId());
    assertEquals(1, e.attempts());
    assertTrue(e.bodyExcerpt().contains("Flow run not found"));
    assertEquals("Activepieces getRun: HTTP " + status
        + " (ENTITY_NOT_FOUND) Flow run not found [request id r-1, 1 attempt]", e.getMessage());
    assertNoSecret(e);
  }

  @Test
  void aVendorCanTurnA409IntoAValidationErrorWithFieldErrors() {
    server.enqueue(json(409, "{\"code\":\"VALIDATION\",\"params\":{\"message\":\"bad\","
        + "\"field\":\"strategy\",\"reason\":\"not allowed from RUNNING\"}}"));
    InvalidRequestException e = assertThrows(InvalidRequestException.class, this::getThing);
    assertEquals(409, e.httpStatus().getAsInt());
    assertEquals(Map.of("strategy", List.of("not allowed from RUNNING")), e.fieldErrors());
  }

  @Test
  void a409WithoutAVendorOverrideIsAConflict() {
    ErrorBodyParser plain = (s, c, b) -> VendorError.of("CONFLICT", "already stopped");
    Transport t = new Transport(Vendor.FLOWSTACK, settings.buildClient(), new Gson(), plain);
    server.enqueue(json(409, "{}"));
    ConflictException e = assertThrows(ConflictException.class,
        () -> t.execute("stopRun", get(), Thing.class, RequestOptions.defaults()));
    assertEquals("FlowStack stopRun: HTTP 409 (CONFLICT) already stopped [1 attempt]", e.getMessage());
  }

  @Test
  void a429CarriesTheRetryAfterSeconds() {
    server.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "7").build());
    RateLimitException e = assertThrows(RateLimitException.class, this::getThing);
    assertEquals(Duration.ofSeconds(7), e.retryAfter());
    assertTrue(e.getMessage().contains("retry after 7 s"), e.getMessage());
  }

  @Test
  void theRequestIdAlsoComesFromTheRequestIdHeader() {
    server.enqueue(new MockResponse.Builder().code(404).setHeader("Request-Id", "abc").build());
    NotFoundException e = assertThrows(NotFoundException.class, this::getThing);
    assertEquals("abc", e.requestId());
    assertNull(e.errorCode());
    assertEquals("Activepieces getRun: HTTP 404 [request id abc, 1 attempt]", e.getMessage());
  }

  @Test
  void anErrorBodyTheVendorParserCannotReadStillGivesTheTypedException() {
    server.enqueue(json(404, "{not json at all"));
    NotFoundException e = assertThrows(NotFoundException.class, this::getThing);
    assertEquals("{not json at all", e.bodyExcerpt());
  }

  @Test
  void malformedJsonIsAResponseParseException() {
    server.enqueue(json(200, "{\"id\": \"r1\", \"count\": 3,, \"token\": \"" + SECRET + "\"}"));
    ResponseParseException e = assertThrows(ResponseParseException.class, this::getThing);
    assertEquals(200, e.httpStatus().getAsInt());
    assertTrue(e.getMessage().startsWith("Activepieces getRun: HTTP 200 cannot read the response as Thing"),
        e.getMessage());
    assertNoSecret(e);
  }

  @Test
  void truncatedJsonIsAResponseParseException() {
    server.enqueue(json(200, "{\"id\": \"r1\", \"cou"));
    ResponseParseException e = assertThrows(ResponseParseException.class, this::getThing);
    assertEquals("{\"id\": \"r1\", \"cou", e.bodyExcerpt());
  }

  @Test
  void trailingGarbageAfterTheJsonIsAResponseParseException() {
    server.enqueue(json(200, "{\"id\": \"r1\"} {\"id\": \"r2\"}"));
    assertThrows(ResponseParseException.class, this::getThing);
  }

  @Test
  void anHtmlPageWithStatus200IsAResponseParseException() {
    server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "text/html")
        .body("<!DOCTYPE html><html><body>Login ?token=" + SECRET + "</body></html>").build());
    ResponseParseException e = assertThrows(ResponseParseException.class, this::getThing);
    assertTrue(e.getMessage().contains("expected JSON but got text/html"), e.getMessage());
    assertNoSecret(e);
  }

  @Test
  void anHtmlPageWithoutContentTypeIsAResponseParseException() {
    server.enqueue(new MockResponse.Builder().code(200).body("<html>maintenance</html>").build());
    assertThrows(ResponseParseException.class, this::getThing);
  }

  @Test
  void anHtmlErrorPageWithStatus502IsAServerException() {
    server.enqueue(new MockResponse.Builder().code(502).setHeader("Content-Type", "text/html")
        .body("<html><body><h1>502 Bad Gateway</h1></body></html>").build());
    ServerException e = assertThrows(ServerException.class, this::getThing);
    assertEquals("Activepieces getRun: HTTP 502 (HTML error page) [1 attempt]", e.getMessage());
    assertTrue(e.bodyExcerpt().contains("502 Bad Gateway"));
  }

  @Test
  void aBodyOfTheWrongTypeIsAResponseParseException() {
    server.enqueue(json(200, "[1, 2, 3]"));
    ResponseParseException e = assertThrows(ResponseParseException.class, this::getThing);
    assertTrue(e.getMessage().contains("BEGIN_OBJECT"), e.getMessage());
  }

  @Test
  void aStringWhereANumberBelongsIsAResponseParseException() {
    server.enqueue(json(200, "{\"id\": \"r1\", \"count\": \"many\"}"));
    assertThrows(ResponseParseException.class, this::getThing);
  }

  @Test
  void anEmptyBodyIsAResponseParseException() {
    server.enqueue(new MockResponse.Builder().code(200).build());
    ResponseParseException e = assertThrows(ResponseParseException.class, this::getThing);
    assertTrue(e.getMessage().contains("empty response body"), e.getMessage());
  }

  @Test
  void aJsonNullBodyIsAResponseParseException() {
    server.enqueue(json(200, "null"));
    assertThrows(ResponseParseException.class, this::getThing);
  }

  @Test
  void aConnectionBrokenMidBodyIsATransportException() {
    StringBuilder big = new StringBuilder("{\"id\":\"");
    for (int i = 0; i < 20_000; i++) {
      big.append('x');
    }
    big.append("\",\"count\":1}");
    server.enqueue(new MockResponse.Builder().code(200).body(big.toString())
        .onResponseBody(new SocketEffect.CloseSocket()).build());
    TransportException e = assertThrows(TransportException.class, this::getThing);
    assertEquals(200, e.httpStatus().getAsInt());
    assertNotNull(e.getCause());
    assertTrue(e.getMessage().contains("while reading the response body"), e.getMessage());
  }

  @Test
  void aRefusedConnectionIsATransportExceptionWithoutStatus() throws IOException {
    String url = server.url("/x").toString();
    server.close();
    Request r = new Request.Builder().url(url).build();
    TransportException e = assertThrows(TransportException.class,
        () -> transport.execute("listRuns", r, Thing.class, RequestOptions.defaults()));
    assertTrue(e.httpStatus().isEmpty());
    assertTrue(e.getMessage().startsWith("Activepieces listRuns: "), e.getMessage());
  }

  @Test
  void aBodyOverTheSizeLimitIsAResponseParseExceptionNamingTheLimit() {
    server.enqueue(json(200, "{\"id\":\"" + "y".repeat(100_000) + "\"}"));
    ResponseParseException e = assertThrows(ResponseParseException.class, this::getThing);
    assertTrue(e.getMessage().contains("exceeds the limit of 65536 bytes"), e.getMessage());
  }

  @Test
  void aMapperFailureIsAResponseParseException() {
    server.enqueue(json(200, "{\"count\":1}"));
    ResponseParseException e = assertThrows(ResponseParseException.class,
        () -> transport.<Thing, String>execute("getRun", get(), Thing.class, RequestOptions.defaults(),
            t -> t.id.toUpperCase()));
    assertTrue(e.getMessage().contains("unexpected response content"), e.getMessage());
  }

  @Test
  void aGeneratedCallThatCannotBeBuiltIsAnInvalidRequestWithNoAttempt() {
    InvalidRequestException e = assertThrows(InvalidRequestException.class,
        () -> transport.prepare("getRun", () -> {
          throw new Exception("Missing the required parameter 'id' when calling getRun(Async)");
        }));
    assertEquals(0, e.attempts());
    assertTrue(e.httpStatus().isEmpty());
    assertEquals(0, server.getRequestCount());
  }

  @Test
  void requestOptionsHeadersAreSentAndReplaceExistingOnes() throws InterruptedException {
    server.enqueue(new MockResponse.Builder().code(204).build());
    Request r = new Request.Builder().url(server.url("/stop")).header("X-Trace", "old")
        .post(okhttp3.RequestBody.create(new byte[0])).build();
    transport.executeDiscardingBody("stopRun", r,
        RequestOptions.builder().header("X-Trace", "new").header("X-Extra", "1").build());
    RecordedRequest rec = server.takeRequest();
    assertEquals(List.of("new"), rec.getHeaders().values("X-Trace"));
    assertEquals("1", rec.getHeaders().get("X-Extra"));
  }

  @Test
  void discardingTheBodyStillMapsErrors() {
    server.enqueue(json(404, "{\"code\":\"ENTITY_NOT_FOUND\"}"));
    assertThrows(NotFoundException.class,
        () -> transport.executeDiscardingBody("stopRun", get(), RequestOptions.defaults()));
  }

  @Test
  void aPerCallTimeoutBecomesATransportException() {
    server.enqueue(new MockResponse.Builder().code(200).body("{}")
        .headersDelay(5, java.util.concurrent.TimeUnit.SECONDS).build());
    TransportException e = assertThrows(TransportException.class,
        () -> transport.execute("getRun", get(), Thing.class,
            RequestOptions.builder().timeout(Duration.ofMillis(200)).build()));
    assertTrue(e.getCause() instanceof java.io.InterruptedIOException, String.valueOf(e.getCause()));
  }
}
