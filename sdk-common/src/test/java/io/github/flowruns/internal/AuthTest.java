package io.github.flowruns.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import io.github.flowruns.AuthenticationException;
import io.github.flowruns.ErrorDetails;
import io.github.flowruns.FlowRunsException;
import io.github.flowruns.Vendor;
import io.github.flowruns.http.AccessToken;
import io.github.flowruns.http.ApiKeyAuth;
import io.github.flowruns.http.RequestOptions;
import io.github.flowruns.http.RetryPolicy;
import io.github.flowruns.http.TokenAuth;
import io.github.flowruns.http.TokenProvider;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
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

/** Patchworks-style login: POST /login answers a token; the API accepts only the latest token. */
class AuthTest {
  static final String PASSWORD = "pa55word-very-secret";

  MockWebServer server;
  VirtualTime time;
  final AtomicInteger logins = new AtomicInteger();
  volatile String validToken = "none";
  Transport api;
  Transport loginTransport;
  TokenAuth auth;

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        if (request.getUrl().encodedPath().equals("/login")) {
          String token = "eyJtoken" + logins.incrementAndGet() + ".eyJpayload.sig";
          validToken = token;
          return new MockResponse.Builder().body("{\"message\":\"ok\",\"token\":\"" + token
              + "\",\"expires_in\":3600}").build();
        }
        String auth = request.getHeaders().get("Authorization");
        if (!("Bearer " + validToken).equals(auth)) {
          return new MockResponse.Builder().code(401).body("{\"message\":\"Unauthenticated.\"}").build();
        }
        return new MockResponse.Builder().body("{\"data\":[]}").build();
      }
    });
    server.start();
    time = new VirtualTime();
    HttpSettings plain = new HttpSettings(Vendor.PATCHWORKS, server.url("/").toString());
    plain.retryPolicy(RetryPolicy.none());
    loginTransport = new Transport(Vendor.PATCHWORKS, plain.buildClient(), new Gson(), null);
    TokenProvider login = () -> {
      Request r = new Request.Builder().url(server.url("/login")).post(RequestBody.create(
          "{\"username\":\"ann\",\"password\":\"" + PASSWORD + "\"}", MediaType.get("application/json")))
          .build();
      Map<?, ?> body = loginTransport.execute("login", r, Map.class, RequestOptions.defaults());
      long expiresIn = ((Number) body.get("expires_in")).longValue();
      return AccessToken.of((String) body.get("token"), time.instant().plusSeconds(expiresIn));
    };
    auth = TokenAuth.create(login, time);
    HttpSettings settings = new HttpSettings(Vendor.PATCHWORKS, server.url("/").toString());
    settings.retryPolicy(RetryPolicy.none());
    api = new Transport(Vendor.PATCHWORKS, settings.buildClient(auth), new Gson(), null);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  Map<?, ?> list() {
    Request r = new Request.Builder().url(server.url("/api/v1/flow-runs")).build();
    return api.execute("listRuns", r, Map.class, RequestOptions.defaults());
  }

  @Test
  void logsInOnceAndReusesTheToken() {
    list();
    list();
    assertEquals(1, logins.get());
  }

  @Test
  void a401TriggersOneReloginAndOneReplay() throws InterruptedException {
    list();
    validToken = "revoked-server-side";
    int before = server.getRequestCount();
    assertEquals(Map.of("data", List.of()), list());
    assertEquals(2, logins.get());
    assertEquals(before + 3, server.getRequestCount()); // 401, login, replay
  }

  @Test
  void aTokenIsRenewedBeforeItExpires() {
    list();
    time.advance(Duration.ofSeconds(3600 - 30)); // inside the renewal margin
    list();
    assertEquals(2, logins.get());
  }

  @Test
  void thirtyTwoThreadsHittingAnExpiredTokenCauseExactlyOneLogin() throws Exception {
    list();
    time.advance(Duration.ofHours(2));
    ExecutorService pool = Executors.newFixedThreadPool(32);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Map<?, ?>>> results = new ArrayList<>();
      for (int i = 0; i < 32; i++) {
        results.add(pool.submit(() -> {
          go.await();
          return list();
        }));
      }
      go.countDown();
      for (Future<Map<?, ?>> f : results) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(2, logins.get());
  }

  @Test
  void aFailedLoginSurfacesAsTheLoginsOwnException() {
    TokenProvider broken = () -> {
      throw FlowRunsException.forStatus(ErrorDetails.builder().vendor(Vendor.PATCHWORKS)
          .operation("login").httpStatus(401).message("bad credentials").build());
    };
    HttpSettings settings = new HttpSettings(Vendor.PATCHWORKS, server.url("/").toString());
    Transport t = new Transport(Vendor.PATCHWORKS, settings.buildClient(TokenAuth.create(broken)),
        new Gson(), null);
    Request r = new Request.Builder().url(server.url("/api/v1/flow-runs")).build();
    AuthenticationException e = assertThrows(AuthenticationException.class,
        () -> t.execute("listRuns", r, Map.class, RequestOptions.defaults()));
    assertTrue(e.getMessage().contains("bad credentials"));
  }

  @Test
  void tokenAuthToStringHidesTheToken() {
    list();
    assertFalse(auth.toString().contains("eyJ"), auth.toString());
  }

  @Test
  void apiKeysWithLineBreaksOrBlankAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> ApiKeyAuth.raw("abc\r\nX-Evil: 1"));
    assertThrows(IllegalArgumentException.class, () -> ApiKeyAuth.bearer("abc\n"));
    assertThrows(IllegalArgumentException.class, () -> ApiKeyAuth.bearer("  "));
    assertThrows(NullPointerException.class, () -> ApiKeyAuth.bearer(null));
    assertFalse(ApiKeyAuth.raw("my-key-123").toString().contains("my-key-123"));
  }

  @Test
  void rawAndBearerKeysAreSentAsTheVendorExpects() throws Exception {
    server.close();
    try (MockWebServer s = new MockWebServer()) {
      s.start();
      s.enqueue(new MockResponse.Builder().body("{}").build());
      s.enqueue(new MockResponse.Builder().body("{}").build());
      for (ApiKeyAuth a : List.of(ApiKeyAuth.raw("k1"), ApiKeyAuth.bearer("k2"))) {
        OkHttpClient c = new OkHttpClient.Builder().addInterceptor(a).build();
        c.newCall(new Request.Builder().url(s.url("/")).build()).execute().close();
      }
      assertEquals("k1", s.takeRequest().getHeaders().get("Authorization"));
      assertEquals("Bearer k2", s.takeRequest().getHeaders().get("Authorization"));
    }
  }
}
