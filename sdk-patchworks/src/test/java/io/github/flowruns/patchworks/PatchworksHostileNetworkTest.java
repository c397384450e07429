package io.github.flowruns.patchworks;

import static io.github.flowruns.patchworks.FakePatchworks.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.flowruns.FlowRunsException;
import io.github.flowruns.RedirectException;
import io.github.flowruns.RetryMode;
import io.github.flowruns.http.RetryPolicy;
import io.github.flowruns.testsupport.Redirects;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Redirects are never followed (the API key, the token and the login's password stay with their
 * origin) and OkHttp never resends a POST, for every Patchworks operation and the login.
 */
class PatchworksHostileNetworkTest {
  private static final String USER = "ops@example.com";
  private static final String PASSWORD = "hostile-login-password-9";

  private final FakePatchworks patchworks = new FakePatchworks();
  private final FakePatchworks login = new FakePatchworks();
  private MockWebServer elsewhere;
  /** A caller's client that would follow every redirect and retry on its own. */
  private final OkHttpClient permissive = Redirects.permissiveOkHttpClient();
  private PatchworksClient client;

  @BeforeEach
  void start() throws Exception {
    elsewhere = new MockWebServer();
    elsewhere.start();
    client = PatchworksClient.builder().apiKey(FakePatchworks.API_KEY).baseUrl(patchworks.url())
        .okHttpClient(permissive).retryPolicy(RetryPolicy.none()).build();
  }

  @AfterEach
  void stop() {
    client.close();
    patchworks.close();
    login.close();
    elsewhere.close();
  }

  private void redirects(FakePatchworks origin, int status, String kind) {
    String there = elsewhere.url("/collect").toString();
    origin.dispatch(new mockwebserver3.Dispatcher() {
      private int answered;

      @Override
      public MockResponse dispatch(RecordedRequest request) {
        // Only the first request is redirected; a follow to the same origin would succeed.
        return answered++ == 0
            ? new MockResponse.Builder().code(status)
                .setHeader("Location", Redirects.location(kind, there)).body("{}").build()
            : json(200, "{\"token\":\"t-after-redirect\",\"expires_in\":3600,\"data\":"
                + FakePatchworks.run(1, 42, 2) + "}");
      }
    });
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("io.github.flowruns.testsupport.Redirects#cases")
  void aRedirectedGetRunIsNotFollowed(int status, String kind) {
    redirects(patchworks, status, kind);
    assertNotFollowedAt(patchworks, status, kind, () -> client.getRun("1"));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("io.github.flowruns.testsupport.Redirects#cases")
  void aRedirectedRetryRunIsNotFollowed(int status, String kind) {
    redirects(patchworks, status, kind);
    assertNotFollowedAt(patchworks, status, kind, () -> client.retryRun("1", RetryMode.DEFAULT));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("io.github.flowruns.testsupport.Redirects#cases")
  void aRedirectedLoginIsNotFollowedSoThePasswordStaysWithTheLoginServer(int status, String kind) {
    redirects(login, status, kind);
    patchworks.enqueue(200, "{\"data\":" + FakePatchworks.run(1, 42, 2) + "}");
    try (PatchworksClient withLogin = PatchworksClient.builder().login(USER, PASSWORD)
        .baseUrl(patchworks.url()).loginBaseUrl(login.url()).okHttpClient(permissive)
        .retryPolicy(RetryPolicy.none()).build()) {
      RedirectException e = assertNotFollowedAt(login, status, kind, () -> withLogin.getRun("1"));
      assertEquals("login", e.operation());
      assertEquals(0, patchworks.requestCount(), "no token, so no API call");
    }
  }

  private RedirectException assertNotFollowedAt(FakePatchworks origin, int status, String kind,
      Executable call) {
    String there = elsewhere.url("/collect").toString();
    RedirectException e = assertThrows(RedirectException.class, call);
    assertEquals(0, elsewhere.getRequestCount(), "a request reached the other origin");
    assertEquals(1, origin.requestCount(), "the redirect was followed");
    Redirects.assertReported(status, Redirects.target(kind, origin.url(), there), e.getMessage(),
        e.location());
    assertFalse(e.getMessage().contains(PASSWORD) || e.getMessage().contains(FakePatchworks.API_KEY));
    return e;
  }

  private void assertSentOnce(FakePatchworks origin, Executable post) {
    origin.server.enqueue(new MockResponse.Builder().code(503).setHeader("Retry-After", "0")
        .body("{}").build());
    origin.enqueue(200, "{\"token\":\"t-1\",\"expires_in\":3600,\"data\":"
        + FakePatchworks.run(1, 42, 2) + "}"); // what a resend would get
    FlowRunsException e = assertThrows(FlowRunsException.class, post);
    assertEquals(503, e.httpStatus().getAsInt());
    assertEquals(1, origin.requestCount());
  }

  @Test
  void retryRunAnswered503WithRetryAfterZeroIsSentExactlyOnce() {
    assertSentOnce(patchworks, () -> client.retryRun("1", RetryMode.DEFAULT));
  }

  @Test
  void stopRunAnswered503WithRetryAfterZeroIsSentExactlyOnce() {
    assertSentOnce(patchworks, () -> client.stopRun("1"));
  }

  @Test
  void aLoginAnswered503WithRetryAfterZeroIsSentExactlyOnce() {
    try (PatchworksClient withLogin = PatchworksClient.builder().login(USER, PASSWORD)
        .baseUrl(patchworks.url()).loginBaseUrl(login.url()).okHttpClient(permissive)
        .retryPolicy(RetryPolicy.none()).build()) {
      assertSentOnce(login, () -> withLogin.getRun("1"));
    }
  }
}
