package io.github.flowruns.patchworks;

import static io.github.flowruns.patchworks.FakePatchworks.json;
import static io.github.flowruns.patchworks.FakePatchworks.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.flowruns.AuthenticationException;
import io.github.flowruns.FlowRunsClient;
import io.github.flowruns.FlowRunsClients;
import io.github.flowruns.InvalidRequestException;
import io.github.flowruns.Vendor;
import io.github.flowruns.http.RetryPolicy;
import io.github.flowruns.http.Timeouts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** API key and login authentication, builder validation, and creation through ServiceLoader. */
class PatchworksAuthTest {
  private static final String USER = "ops@example.com";
  private static final String PASSWORD = "correct horse battery staple";

  private final FakePatchworks patchworks = new FakePatchworks();
  private final FakePatchworks login = new FakePatchworks();
  private final AtomicInteger logins = new AtomicInteger();
  private final List<String> tokensSeen = new ArrayList<>();

  @AfterEach
  void close() {
    patchworks.close();
    login.close();
  }

  /**
   * The login server, on the older route (vendors.md: {@code /fabric/api/login}, top-level
   * {@code token} and {@code expires_in}), hands out token-1, token-2, ... valid for an hour.
   * The current route is tested in {@link PatchworksLoginRouteTest}.
   */
  private void loginServerIssuesTokens() {
    login.dispatch(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        String body = request.getBody() == null ? "" : request.getBody().utf8();
        if (!body.contains(PASSWORD)) {
          return json(401, "{\"message\":\"Invalid credentials.\"}");
        }
        return json(200, "{\"message\":\"Login successful\",\"token\":\"token-" + logins.incrementAndGet()
            + "\",\"expires_in\":3600}");
      }
    });
  }

  /** The API accepts only the latest token, and answers runs. */
  private void apiAcceptsTheLatestToken() {
    patchworks.dispatch(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        String auth = request.getHeaders().get("Authorization");
        synchronized (tokensSeen) {
          tokensSeen.add(auth);
        }
        if (!("Bearer token-" + logins.get()).equals(auth)) {
          return json(401, "{\"message\":\"Unauthenticated.\"}");
        }
        return json(200, "{\"data\":" + run(1, 42, 2) + "}");
      }
    });
  }

  private PatchworksClient.Builder loginClient() {
    return PatchworksClient.builder().login(USER, PASSWORD).legacyLoginRoute().baseUrl(patchworks.url())
        .loginBaseUrl(login.url()).retryPolicy(RetryPolicy.none());
  }

  @Test
  void anApiKeyGoesRawIntoAuthorization() {
    patchworks.enqueue(200, "{\"data\":" + run(1, 42, 2) + "}");
    try (PatchworksClient client = patchworks.client()) {
      client.getRun("1");
    }

    assertEquals(FakePatchworks.API_KEY, patchworks.take().getHeaders().get("Authorization"));
  }

  @Test
  void loginPostsTheCredentialsOnceAndSendsTheTokenAsBearer() {
    loginServerIssuesTokens();
    apiAcceptsTheLatestToken();

    try (PatchworksClient client = loginClient().build()) {
      client.getRun("1");
      client.getRun("1");
    }

    RecordedRequest loginRequest = login.take();
    assertEquals("POST", loginRequest.getMethod());
    assertEquals("/fabric/api/login", loginRequest.getTarget());
    assertEquals("{\"username\":\"ops@example.com\",\"password\":\"correct horse battery staple\"}",
        loginRequest.getBody().utf8());
    assertFalse(loginRequest.getHeaders().names().contains("Authorization"));
    assertEquals(1, logins.get(), "the token is cached");
    assertEquals(List.of("Bearer token-1", "Bearer token-1"), tokensSeen);
  }

  @Test
  void anExpiringTokenIsRenewedBeforeUse() {
    loginServerIssuesTokens();
    apiAcceptsTheLatestToken();
    MutableClock clock = new MutableClock(Instant.parse("2026-03-01T00:00:00Z"));

    try (PatchworksClient client = loginClient().clock(clock).build()) {
      client.getRun("1");
      clock.advance(Duration.ofMinutes(59).plusSeconds(30)); // within a minute of expiry
      client.getRun("1");
    }

    assertEquals(2, logins.get());
    assertEquals(List.of("Bearer token-1", "Bearer token-2"), tokensSeen);
  }

  @Test
  void aRejectedTokenIsRenewedOnceAndTheRequestReplayed() {
    loginServerIssuesTokens();
    apiAcceptsTheLatestToken();

    try (PatchworksClient client = loginClient().build()) {
      client.getRun("1");
      logins.incrementAndGet(); // the server revokes token-1 and would now accept token-3
      client.getRun("1");
    }

    assertEquals(List.of("Bearer token-1", "Bearer token-1", "Bearer token-3"), tokensSeen);
  }

  @Test
  void manyThreadsShareOneLogin() throws Exception {
    loginServerIssuesTokens();
    apiAcceptsTheLatestToken();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try (PatchworksClient client = loginClient().build()) {
      List<Future<?>> calls = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        calls.add(pool.submit(() -> client.getRun("1")));
      }
      for (Future<?> call : calls) {
        call.get();
      }
    } finally {
      pool.shutdownNow();
    }

    assertEquals(1, logins.get());
    assertEquals(16, tokensSeen.size());
  }

  @Test
  void thirtyTwoThreadsHittingAnExpiredTokenCauseExactlyOneLogin() throws Exception {
    loginServerIssuesTokens();
    apiAcceptsTheLatestToken();
    MutableClock clock = new MutableClock(Instant.parse("2026-03-01T00:00:00Z"));
    ExecutorService pool = Executors.newFixedThreadPool(32);
    try (PatchworksClient client = loginClient().clock(clock).build()) {
      client.getRun("1");
      clock.advance(Duration.ofHours(2)); // token-1 has expired
      java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
      List<Future<?>> calls = new ArrayList<>();
      for (int i = 0; i < 32; i++) {
        calls.add(pool.submit(() -> {
          start.await();
          return client.getRun("1");
        }));
      }
      start.countDown();
      for (Future<?> call : calls) {
        call.get();
      }
    } finally {
      pool.shutdownNow();
    }

    assertEquals(2, logins.get(), "one login at start, exactly one renewal for all 32 threads");
    assertEquals(33, tokensSeen.size());
    assertEquals(32, tokensSeen.stream().filter("Bearer token-2"::equals).count());
  }

  @Test
  void aWrongPasswordIsAnAuthenticationExceptionOfTheLoginThatNeverShowsThePassword() {
    loginServerIssuesTokens();
    try (PatchworksClient client = PatchworksClient.builder().login(USER, "wrong-password-123")
        .baseUrl(patchworks.url()).loginBaseUrl(login.url()).retryPolicy(RetryPolicy.none()).build()) {

      AuthenticationException error = assertThrows(AuthenticationException.class, () -> client.getRun("1"));

      assertEquals("login", error.operation());
      assertTrue(error.getMessage().contains("Invalid credentials."), error.getMessage());
      assertFalse(error.getMessage().contains("wrong-password-123"));
      assertFalse(String.valueOf(error.bodyExcerpt()).contains("wrong-password-123"));
      assertFalse(client.toString().contains("wrong-password-123"));
    }
    assertEquals(0, patchworks.requestCount(), "no API call without a token");
  }

  @Test
  void aLoginAnswerWithoutATokenIsUnreadable() {
    login.enqueue(200, "{\"message\":\"Login successful\"}");
    try (PatchworksClient client = loginClient().build()) {
      assertThrows(io.github.flowruns.ResponseParseException.class, () -> client.getRun("1"));
    }
  }

  @Test
  void newBuilderKeepsTheLoginWithoutShowingThePassword() {
    loginServerIssuesTokens();
    apiAcceptsTheLatestToken();

    try (PatchworksClient first = loginClient().build();
        PatchworksClient second = first.newBuilder()
            .timeouts(Timeouts.builder().call(Duration.ofSeconds(20)).build()).build()) {
      assertFalse(first.newBuilder().toString().contains(PASSWORD), first.newBuilder().toString());
      second.getRun("1");
    }

    assertTrue(login.take().getBody().utf8().contains(USER));
  }

  @Test
  void aPlainHttpApiServerIsAcceptedOnlyWithAllowInsecureHttp() {
    PatchworksClient.Builder builder = PatchworksClient.builder().apiKey("k")
        .baseUrl("http://core.internal.example");
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class, builder::build);
    assertTrue(error.getMessage().contains("baseUrl"), error.getMessage());

    builder.allowInsecureHttp(true).build().close();
  }

  @Test
  void secretsNeverAppearInToString() {
    PatchworksClient.Builder withKey = PatchworksClient.builder().apiKey("pk_secret_value");
    PatchworksClient.Builder withLogin = PatchworksClient.builder().login(USER, PASSWORD);

    assertFalse(withKey.toString().contains("pk_secret_value"), withKey.toString());
    assertFalse(withLogin.toString().contains(PASSWORD), withLogin.toString());
    try (PatchworksClient client = withKey.build()) {
      assertFalse(client.toString().contains("pk_secret_value"), client.toString());
    }
  }

  @Test
  void aMissingApiKeyFailsAtBuildNamingIt() {
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
        () -> PatchworksClient.builder().baseUrl(patchworks.url()).build());

    assertTrue(error.getMessage().contains("apiKey"), error.getMessage());
    assertEquals(0, patchworks.requestCount());
  }

  @Test
  void aLoginWithoutAPasswordFailsAtBuildNamingIt() {
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
        () -> PatchworksClient.builder().login(USER, " ").build());

    assertTrue(error.getMessage().contains("password"), error.getMessage());
  }

  @Test
  void anApiKeyAndALoginTogetherFailAtBuildNamingBoth() {
    IllegalStateException error = assertThrows(IllegalStateException.class,
        () -> PatchworksClient.builder().apiKey("k").login(USER, PASSWORD).build());

    assertTrue(error.getMessage().contains("apiKey") && error.getMessage().contains("login"), error.getMessage());
  }

  @Test
  void aPlainHttpLoginServerIsRefusedUnlessItIsLoopback() {
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
        () -> PatchworksClient.builder().login(USER, PASSWORD).loginBaseUrl("http://login.example.com").build());

    assertTrue(error.getMessage().contains("loginBaseUrl"), error.getMessage());
    assertFalse(error.getMessage().contains(PASSWORD));
  }

  @Test
  void serviceLoaderCreatesAPatchworksClientFromSettings() {
    patchworks.enqueue(200, "{\"data\":" + run(1, 42, 2) + "}");

    try (FlowRunsClient client = FlowRunsClients.create(Vendor.PATCHWORKS,
        Map.of(FlowRunsClients.API_KEY, "pk_from_settings", FlowRunsClients.BASE_URL, patchworks.url()))) {
      assertInstanceOf(PatchworksClient.class, client);
      assertEquals(Vendor.PATCHWORKS, client.vendor());
      client.getRun("1");
    }

    assertEquals("pk_from_settings", patchworks.take().getHeaders().get("Authorization"));
  }

  @Test
  void serviceLoaderCreatesALoginClientFromSettings() {
    loginServerIssuesTokens();
    apiAcceptsTheLatestToken();

    try (FlowRunsClient client = FlowRunsClients.create(Vendor.PATCHWORKS, Map.of(
        FlowRunsClients.USERNAME, USER, FlowRunsClients.PASSWORD, PASSWORD,
        FlowRunsClients.BASE_URL, patchworks.url(), PatchworksClientProvider.LOGIN_BASE_URL, login.url(),
        PatchworksClientProvider.LOGIN_ROUTE, "legacy"))) {
      client.getRun("1");
    }

    assertEquals(List.of("Bearer token-1"), tokensSeen);
  }

  @Test
  void serviceLoaderWithoutCredentialsFailsNamingTheSetting() {
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
        () -> FlowRunsClients.create(Vendor.PATCHWORKS, Map.of(FlowRunsClients.BASE_URL, patchworks.url())));

    assertTrue(error.getMessage().contains("apiKey"), error.getMessage());
  }

  @Test
  void aLoginThatPatchworksRejectsAsInvalidCarriesTheFieldErrors() {
    login.enqueue(422, "{\"message\":\"The username field must be a valid email address.\","
        + "\"errors\":{\"username\":[\"The username field must be a valid email address.\"]}}");
    try (PatchworksClient client = loginClient().build()) {
      InvalidRequestException error = assertThrows(InvalidRequestException.class, () -> client.getRun("1"));

      assertEquals(List.of("The username field must be a valid email address."), error.fieldErrors().get("username"));
    }
  }

  /** A clock the test moves forward; token expiry is read from it. */
  private static final class MutableClock extends Clock {
    private volatile Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
