package io.github.flowruns.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import io.github.flowruns.AuthenticationException;
import io.github.flowruns.FlowRunsException;
import io.github.flowruns.RedirectException;
import io.github.flowruns.ServerException;
import io.github.flowruns.Vendor;
import io.github.flowruns.http.AttemptEvent;
import io.github.flowruns.http.RequestOptions;
import io.github.flowruns.http.RetryPolicy;
import io.github.flowruns.testsupport.Redirects;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * OkHttp's own follow-ups (redirects, 503/408 resends, authenticators) never resend behind the
 * RetryPolicy, also on a caller's client that allows them, and a redirect is a typed error.
 */
class FollowUpsTest {
  MockWebServer server;
  MockWebServer elsewhere;
  VirtualTime time;
  HttpSettings settings;
  Transport transport;
  List<AttemptEvent> events;
  /** A caller's client that would follow everything. */
  OkHttpClient permissive = Redirects.permissiveOkHttpClient();

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start();
    elsewhere = new MockWebServer();
    elsewhere.start();
    time = new VirtualTime();
    events = new CopyOnWriteArrayList<>();
    settings = new HttpSettings(Vendor.FLOWSTACK, server.url("/").toString());
    settings.okHttpClient(permissive);
    policy(RetryPolicy.none().toBuilder());
  }

  void policy(RetryPolicy.Builder b) {
    settings.retryPolicy(b.clock(time).sleeper(time.sleeper).build());
    settings.listener(events::add);
    transport = new Transport(Vendor.FLOWSTACK, settings.buildClient(), new Gson(), null);
  }

  @AfterEach
  void stop() {
    server.close();
    elsewhere.close();
  }

  Map<?, ?> get() {
    Request r = new Request.Builder().url(server.url("/api/v1/runs/r1")).build();
    return transport.execute("getRun", r, Map.class, RequestOptions.defaults());
  }

  Map<?, ?> post() {
    Request r = new Request.Builder().url(server.url("/api/v1/runs/r1/retry"))
        .post(RequestBody.create("{\"password\":\"pw-body-secret\"}",
            MediaType.get("application/json"))).build();
    return transport.execute("retryRun", r, Map.class, RequestOptions.defaults());
  }

  static MockResponse redirect(int status, String location) {
    return new MockResponse.Builder().code(status).setHeader("Location", location)
        .body("{}").build();
  }

  static Stream<Arguments> redirects() {
    return Stream.of(301, 302, 303, 307, 308).flatMap(s -> Stream.of(
        Arguments.of(s, "absolute"), Arguments.of(s, "schemeRelative"),
        Arguments.of(s, "relative")));
  }

  String location(String kind) {
    String other = elsewhere.url("/collect").toString();
    switch (kind) {
      case "absolute":
        return other + "?token=query-secret#frag";
      case "schemeRelative":
        return other.substring("http:".length()) + "?token=query-secret#frag";
      default:
        return "/moved/here?token=query-secret#frag";
    }
  }

  String expectedTarget(String kind) {
    return kind.equals("relative") ? server.url("/moved/here").toString()
        : elsewhere.url("/collect").toString();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("redirects")
  void aRedirectedGetIsNotFollowedAndNamesStatusAndTargetWithoutQuery(int status, String kind) {
    server.enqueue(redirect(status, location(kind)));
    server.enqueue(new MockResponse.Builder().body("{}").build()); // a relative follow would land here
    RedirectException e = assertThrows(RedirectException.class, this::get);
    assertRedirect(e, status, kind);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("redirects")
  void aRedirectedPostIsNotFollowedAndNamesStatusAndTargetWithoutQuery(int status, String kind) {
    server.enqueue(redirect(status, location(kind)));
    server.enqueue(new MockResponse.Builder().body("{}").build());
    RedirectException e = assertThrows(RedirectException.class, this::post);
    assertRedirect(e, status, kind);
  }

  void assertRedirect(RedirectException e, int status, String kind) {
    assertEquals(0, elsewhere.getRequestCount(), "a request reached the other origin");
    assertEquals(1, server.getRequestCount(), "the redirect was followed");
    assertEquals(status, e.httpStatus().getAsInt());
    assertEquals(expectedTarget(kind), e.location());
    assertTrue(e.getMessage().contains("HTTP " + status), e.getMessage());
    assertTrue(e.getMessage().contains(expectedTarget(kind)), e.getMessage());
    assertFalse(e.getMessage().contains("query-secret") || e.getMessage().contains("frag"),
        e.getMessage());
    assertEquals(1, e.attempts());
  }

  @Test
  void aRedirectTargetKeepsNoUserInfoAndARedirectWithoutLocationIsStillTyped() {
    server.enqueue(redirect(302, "http://user:pw-userinfo@" + elsewhere.getHostName() + ":"
        + elsewhere.getPort() + "/x?k=v"));
    RedirectException e = assertThrows(RedirectException.class, this::get);
    assertEquals(elsewhere.url("/x").toString(), e.location());
    assertFalse(e.getMessage().contains("pw-userinfo"), e.getMessage());
    server.enqueue(new MockResponse.Builder().code(307).body("{}").build());
    RedirectException none = assertThrows(RedirectException.class, this::get);
    assertNull(none.location());
    assertEquals(0, elsewhere.getRequestCount());
  }

  @Test
  void aPostAnswered503WithRetryAfterZeroIsSentExactlyOnce() {
    server.enqueue(new MockResponse.Builder().code(503).setHeader("Retry-After", "0").body("{}").build());
    server.enqueue(new MockResponse.Builder().body("{}").build());
    ServerException e = assertThrows(ServerException.class, this::post);
    assertEquals(503, e.httpStatus().getAsInt());
    assertEquals(1, server.getRequestCount());
    assertEquals(1, e.attempts());
  }

  @Test
  void aGetAnswered503WithRetryAfterZeroIsResentOnlyByThePolicyAndCounted() {
    server.enqueue(new MockResponse.Builder().code(503).setHeader("Retry-After", "0").body("{}").build());
    server.enqueue(new MockResponse.Builder().body("{}").build());
    assertThrows(ServerException.class, this::get); // RetryPolicy.none(): no resend at all
    assertEquals(1, server.getRequestCount());
    assertEquals(Map.of(), get()); // the answer a resend would have had is still queued
    assertEquals(2, server.getRequestCount());

    policy(RetryPolicy.builder().maxRetries(2));
    server.enqueue(new MockResponse.Builder().code(503).setHeader("Retry-After", "0").body("{}").build());
    server.enqueue(new MockResponse.Builder().body("{}").build());
    assertEquals(Map.of(), get());
    assertEquals(4, server.getRequestCount());
    assertEquals(List.of(Duration.ZERO), time.sleeps);
    assertEquals(503, events.get(events.size() - 2).status()); // the listener saw the resend
  }

  @Test
  void a408AnsweredPostIsSentOnceEvenOnACallersClientThatRetries() {
    server.enqueue(new MockResponse.Builder().code(408).body("{}").build());
    server.enqueue(new MockResponse.Builder().body("{}").build());
    FlowRunsException e = assertThrows(FlowRunsException.class, this::post);
    assertEquals(408, e.httpStatus().getAsInt());
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void aRetryAfterTooLargeForAnIntOnA503IsATypedServerErrorNotANumberFormatException() {
    server.enqueue(new MockResponse.Builder().code(503)
        .setHeader("Retry-After", "99999999999999999999").body("{}").build());
    ServerException e = assertThrows(ServerException.class, this::post);
    assertEquals(RetryAfter.MAX_WAIT, e.details().retryAfter());
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void aCallersAuthenticatorNeverResendsAPostNorSendsAnywhereElse() {
    AtomicInteger asked = new AtomicInteger();
    settings.okHttpClient(permissive.newBuilder().authenticator((route, response) -> {
      asked.incrementAndGet();
      return response.request().newBuilder().header("Authorization", "Bearer renewed").build();
    }).build());
    policy(RetryPolicy.none().toBuilder());
    server.enqueue(new MockResponse.Builder().code(401).body("{}").build());
    server.enqueue(new MockResponse.Builder().body("{}").build());
    assertThrows(AuthenticationException.class, this::post);
    assertEquals(1, server.getRequestCount());
    assertEquals(0, asked.get(), "the authenticator was not even asked for a POST");
    assertEquals(Map.of(), get()); // the answer a resend would have had is still queued

    settings.okHttpClient(permissive.newBuilder().authenticator((route, response) ->
        response.request().newBuilder().url(elsewhere.url("/steal")).build()).build());
    policy(RetryPolicy.none().toBuilder());
    server.enqueue(new MockResponse.Builder().code(401).body("{}").build());
    assertThrows(AuthenticationException.class, this::get);
    assertEquals(0, elsewhere.getRequestCount());
  }

  @Test
  void aCallersAuthenticatorMayStillAnswerAGetToTheSameOrigin() throws Exception {
    settings.okHttpClient(permissive.newBuilder().authenticator((route, response) ->
        response.request().newBuilder().header("Authorization", "Bearer renewed").build()).build());
    policy(RetryPolicy.none().toBuilder());
    server.enqueue(new MockResponse.Builder().code(401).body("{}").build());
    server.enqueue(new MockResponse.Builder().body("{\"ok\":true}").build());
    assertEquals(Map.of("ok", true), get());
    server.takeRequest();
    RecordedRequest second = server.takeRequest();
    assertEquals("Bearer renewed", second.getHeaders().get("Authorization"));
  }

  @Test
  void theRealStatusAndHeadersReachTheCallersNetworkInterceptors() {
    List<Integer> seen = new CopyOnWriteArrayList<>();
    settings.okHttpClient(permissive.newBuilder()
        .addNetworkInterceptor(chain -> {
          okhttp3.Response r = chain.proceed(chain.request());
          seen.add(r.code());
          return r;
        }).build());
    policy(RetryPolicy.none().toBuilder());
    server.enqueue(new MockResponse.Builder().code(503).setHeader("X-FlowRuns-Masked-Status", "200")
        .body("{}").build());
    assertThrows(ServerException.class, this::get);
    assertEquals(List.of(503), seen);
  }

  @Test
  void aThrowingListenerDoesNotBreakTheCallAndIsLoggedOnceAtWarningRedacted() {
    List<LogRecord> records = new CopyOnWriteArrayList<>();
    Logger jul = Logger.getLogger("io.github.flowruns.http");
    Level previous = jul.getLevel();
    Handler handler = new Handler() {
      @Override
      public void publish(LogRecord r) {
        records.add(r);
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    handler.setLevel(Level.ALL);
    jul.addHandler(handler);
    jul.setLevel(Level.ALL);
    try {
      settings.listener(e -> {
        throw new IllegalStateException("listener broke, Authorization: Bearer sk-listener-secret-0001");
      });
      settings.retryPolicy(RetryPolicy.none());
      transport = new Transport(Vendor.FLOWSTACK, settings.buildClient(), new Gson(), null);
      Transport second = new Transport(Vendor.FLOWSTACK, settings.buildClient(), new Gson(), null);
      for (int i = 0; i < 3; i++) {
        server.enqueue(new MockResponse.Builder().body("{\"ok\":true}").build());
        assertEquals(Map.of("ok", true), get());
      }
      server.enqueue(new MockResponse.Builder().body("{\"ok\":true}").build());
      second.execute("getRun", new Request.Builder().url(server.url("/x")).build(), Map.class,
          RequestOptions.defaults());
    } finally {
      jul.removeHandler(handler);
      jul.setLevel(previous);
    }
    SimpleFormatter f = new SimpleFormatter();
    List<LogRecord> warnings = records.stream()
        .filter(r -> r.getLevel() == Level.WARNING).collect(java.util.stream.Collectors.toList());
    assertEquals(1, warnings.size(), () -> "one WARNING per client: " + records);
    String text = f.format(warnings.get(0));
    assertTrue(text.contains("RequestListener threw java.lang.IllegalStateException"), text);
    assertFalse(text.contains("sk-listener-secret-0001"), text);
    assertNull(warnings.get(0).getThrown(), "the throwable would print its message unredacted");
  }
}
