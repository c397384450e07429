package io.github.flowruns.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import io.github.flowruns.InvalidRequestException;
import io.github.flowruns.RateLimitException;
import io.github.flowruns.ResponseParseException;
import io.github.flowruns.ServerException;
import io.github.flowruns.TransportException;
import io.github.flowruns.Vendor;
import io.github.flowruns.http.AttemptEvent;
import io.github.flowruns.http.RequestOptions;
import io.github.flowruns.http.RetryPolicy;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.MockResponse;
import mockwebserver3.MockResponseBody;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okio.BufferedSink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RetryTest {
  MockWebServer server;
  VirtualTime time;
  List<AttemptEvent> events;
  HttpSettings settings;
  Transport transport;

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start();
    time = new VirtualTime();
    events = new CopyOnWriteArrayList<>();
    settings = new HttpSettings(Vendor.FLOWSTACK, server.url("/").toString());
    policy(RetryPolicy.builder().random(() -> 0.999).totalBudget(Duration.ofSeconds(60)));
  }

  void policy(RetryPolicy.Builder b) {
    settings.retryPolicy(b.clock(time).sleeper(time.sleeper).build());
    settings.listener(events::add);
    transport = new Transport(Vendor.FLOWSTACK, settings.buildClient(), new Gson(), null);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  static MockResponse status(int code) {
    return new MockResponse.Builder().code(code).body("{}").build();
  }

  Map<?, ?> get(RequestOptions options) {
    Request r = new Request.Builder().url(server.url("/api/v1/flows/f/runs")).build();
    return transport.execute("listRuns", r, Map.class, options);
  }

  Map<?, ?> get() {
    return get(RequestOptions.defaults());
  }

  Map<?, ?> post(RequestOptions options) {
    Request r = new Request.Builder().url(server.url("/api/v1/flows/f/runs"))
        .post(RequestBody.create("{\"a\":1}", MediaType.get("application/json"))).build();
    return transport.execute("triggerRun", r, Map.class, options);
  }

  @Test
  void retriesA503TwiceThenSucceedsWithGrowingJitteredDelaysWithinTheCap() {
    server.enqueue(status(503));
    server.enqueue(status(503));
    server.enqueue(new MockResponse.Builder().body("{\"ok\":true}").build());
    assertEquals(Map.of("ok", true), get());
    assertEquals(3, server.getRequestCount());
    assertEquals(2, time.sleeps.size());
    Duration first = time.sleeps.get(0);
    Duration second = time.sleeps.get(1);
    assertTrue(first.compareTo(Duration.ofMillis(500)) <= 0, first.toString());
    assertTrue(second.compareTo(Duration.ofMillis(1000)) <= 0, second.toString());
    assertTrue(second.compareTo(first) > 0, time.sleeps.toString());
    assertEquals(3, events.size());
    assertEquals(503, events.get(0).status());
    assertEquals(first, events.get(0).delayBeforeNext());
    assertEquals(3, events.get(2).attempt());
    assertNull(events.get(2).delayBeforeNext());
    assertEquals("listRuns", events.get(0).operation());
    assertEquals(Vendor.FLOWSTACK, events.get(0).vendor());
  }

  @Test
  void fullJitterKeepsEveryDelayBetweenZeroAndTheCappedCeiling() {
    RetryPolicy p = RetryPolicy.builder().baseDelay(Duration.ofMillis(500))
        .maxDelay(Duration.ofSeconds(20)).build();
    for (int retry = 1; retry <= 12; retry++) {
      long ceiling = Math.min(20_000, 500L << (retry - 1));
      for (int i = 0; i < 50; i++) {
        long d = p.backoff(retry).toMillis();
        assertTrue(d >= 0 && d <= ceiling, retry + ": " + d);
      }
    }
  }

  @Test
  void a429WithRetryAfterSevenWaitsSevenSecondsOfVirtualTime() {
    server.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "7").build());
    server.enqueue(new MockResponse.Builder().body("{}").build());
    get();
    assertEquals(List.of(Duration.ofSeconds(7)), time.sleeps);
  }

  @Test
  void retryAfterAsAnHttpDateIsHonoured() {
    String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(
        time.instant().plusSeconds(12).atZone(java.time.ZoneOffset.UTC));
    server.enqueue(new MockResponse.Builder().code(503).setHeader("Retry-After", date).build());
    server.enqueue(new MockResponse.Builder().body("{}").build());
    get();
    assertEquals(List.of(Duration.ofSeconds(12)), time.sleeps);
  }

  @Test
  void flowStackRateLimitResetIsHonoured() {
    long reset = time.instant().getEpochSecond() + 30;
    server.enqueue(new MockResponse.Builder().code(429)
        .setHeader("X-RateLimit-Reset", String.valueOf(reset)).build());
    server.enqueue(new MockResponse.Builder().body("{}").build());
    get();
    assertEquals(List.of(Duration.ofSeconds(30)), time.sleeps);
  }

  @Test
  void aRateLimitResetOnA503IsTheQuotaWindowNotAWaitSoBackoffApplies() {
    // FlowStack sends X-RateLimit-Reset (the end of an hourly window) on every response.
    long reset = time.instant().getEpochSecond() + 3000;
    server.enqueue(new MockResponse.Builder().code(503)
        .setHeader("X-RateLimit-Reset", String.valueOf(reset)).build());
    server.enqueue(new MockResponse.Builder().body("{}").build());
    get();
    assertEquals(1, time.sleeps.size());
    assertTrue(time.sleeps.get(0).compareTo(Duration.ofSeconds(20)) <= 0, () -> "slept " + time.sleeps);
  }

  @Test
  void aRetryAfterBeyondTheBudgetFailsFastWithRateLimitExceptionCarryingIt() {
    server.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "600").build());
    RateLimitException e = assertThrows(RateLimitException.class, this::get);
    assertEquals(Duration.ofSeconds(600), e.retryAfter());
    assertEquals(1, e.attempts());
    assertEquals(List.of(), time.sleeps);
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void thePerCallTimeoutCapsTheBudget() {
    server.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "20").build());
    assertThrows(RateLimitException.class,
        () -> get(RequestOptions.builder().timeout(Duration.ofSeconds(10)).build()));
    assertEquals(List.of(), time.sleeps);
  }

  @Test
  void givesUpAfterMaxRetriesAndCountsEveryAttempt() {
    for (int i = 0; i < 4; i++) {
      server.enqueue(status(502));
    }
    ServerException e = assertThrows(ServerException.class, this::get);
    assertEquals(4, e.attempts());
    assertTrue(e.getMessage().endsWith("[4 attempts]"), e.getMessage());
    assertEquals(4, server.getRequestCount());
  }

  @Test
  void perCallMaxRetriesOverridesThePolicy() {
    server.enqueue(status(503));
    ServerException e = assertThrows(ServerException.class,
        () -> get(RequestOptions.builder().maxRetries(0).build()));
    assertEquals(1, e.attempts());
  }

  @Test
  void noneNeverRetries() {
    policy(RetryPolicy.none().toBuilder());
    server.enqueue(status(503));
    assertThrows(ServerException.class, this::get);
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void aGet500IsRetriedButA400IsNot() {
    server.enqueue(status(500));
    server.enqueue(new MockResponse.Builder().body("{}").build());
    get();
    assertEquals(2, server.getRequestCount());
    server.enqueue(status(400));
    assertThrows(InvalidRequestException.class, this::get);
    assertEquals(3, server.getRequestCount());
  }

  @Test
  void aConnectionResetMidBodyOnAGetIsRetried() {
    server.enqueue(new MockResponse.Builder().body("{\"a\":\"" + "x".repeat(50_000) + "\"}")
        .onResponseBody(new SocketEffect.CloseSocket()).build());
    server.enqueue(new MockResponse.Builder().body("{\"ok\":true}").build());
    assertEquals(Map.of("ok", true), get());
    assertEquals(2, server.getRequestCount());
  }

  @Test
  void aPostAnswered500IsSentExactlyOnce() {
    server.enqueue(status(500));
    ServerException e = assertThrows(ServerException.class, () -> post(RequestOptions.defaults()));
    assertEquals(1, e.attempts());
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void aPostAnswered503IsNotRetriedUnlessTheCallOptsIn() {
    server.enqueue(status(503));
    assertThrows(ServerException.class, () -> post(RequestOptions.defaults()));
    assertEquals(1, server.getRequestCount());
    server.enqueue(status(503));
    server.enqueue(new MockResponse.Builder().body("{}").build());
    post(RequestOptions.builder().retryNonIdempotent(true).build());
    assertEquals(3, server.getRequestCount());
  }

  @Test
  void aPostAnswered429IsRetried() {
    server.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "1").build());
    server.enqueue(new MockResponse.Builder().body("{}").build());
    post(RequestOptions.defaults());
    assertEquals(2, server.getRequestCount());
  }

  @Test
  void aPostWhoseConnectionWasRefusedIsRetried() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort(); // closed again: nothing listens there
    }
    Request r = new Request.Builder().url("http://127.0.0.1:" + port + "/api/v1/flows/f/runs")
        .post(RequestBody.create("{}", MediaType.get("application/json"))).build();
    TransportException e = assertThrows(TransportException.class,
        () -> transport.execute("triggerRun", r, Map.class, RequestOptions.defaults()));
    assertEquals(4, e.attempts());
    assertEquals(3, time.sleeps.size());
    assertTrue(events.get(0).failure().startsWith("ConnectException"), events.get(0).failure());
  }

  @Test
  void aPostBrokenMidResponseIsNotRetried() {
    server.enqueue(new MockResponse.Builder().body("{\"a\":\"" + "x".repeat(50_000) + "\"}")
        .onResponseBody(new SocketEffect.CloseSocket()).build());
    assertThrows(TransportException.class, () -> post(RequestOptions.defaults()));
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void aListenerThatThrowsDoesNotBreakTheCall() {
    settings.listener(e -> {
      throw new IllegalStateException("boom");
    });
    transport = new Transport(Vendor.FLOWSTACK, settings.buildClient(), new Gson(), null);
    server.enqueue(new MockResponse.Builder().body("{}").build());
    assertEquals(Map.of(), get());
  }

  /** Streams zeros without holding them. */
  static MockResponseBody zeros(long size, boolean declareLength) {
    return new MockResponseBody() {
      @Override
      public long getContentLength() {
        return declareLength ? size : -1;
      }

      @Override
      public void writeTo(BufferedSink sink) throws IOException {
        byte[] chunk = new byte[64 * 1024];
        for (long written = 0; written < size; written += chunk.length) {
          sink.write(chunk, 0, (int) Math.min(chunk.length, size - written));
        }
      }
    };
  }

  @Test
  void a100MebibyteBodyWithItsLengthDeclaredFailsBeforeReadingIt() {
    server.enqueue(new MockResponse.Builder().body(zeros(100L << 20, true)).build());
    ResponseParseException e = assertThrows(ResponseParseException.class, this::get);
    assertTrue(e.getMessage().contains("104857600 bytes exceeds the limit of 33554432 bytes"),
        e.getMessage());
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void a100MebibyteStreamedBodyFailsAtTheLimitWithoutBeingRetried() {
    settings.maxResponseBytes(1 << 20);
    policy(RetryPolicy.builder());
    server.enqueue(new MockResponse.Builder().body(zeros(100L << 20, false)).build());
    Runtime rt = Runtime.getRuntime();
    long before = rt.totalMemory() - rt.freeMemory();
    ResponseParseException e = assertThrows(ResponseParseException.class, this::get);
    long after = rt.totalMemory() - rt.freeMemory();
    assertTrue(e.getMessage().contains("exceeds the limit of 1048576 bytes"), e.getMessage());
    assertEquals(1, server.getRequestCount());
    assertTrue(after - before < 64L << 20, "heap grew by " + (after - before));
  }
}
