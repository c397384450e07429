package io.github.flowruns.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import io.github.flowruns.Capabilities;
import io.github.flowruns.FlowRunsClient;
import io.github.flowruns.ResponseParseException;
import io.github.flowruns.Vendor;
import io.github.flowruns.internal.BuilderAccess;
import io.github.flowruns.internal.ClientCore;
import io.github.flowruns.internal.HttpSettings;
import io.github.flowruns.internal.Transport;
import io.github.flowruns.internal.VendorError;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What {@link FlowRunsClientBuilder} guarantees every vendor builder, through a minimal vendor
 * builder written the way vendor modules write theirs, against a server on loopback.
 */
class FlowRunsClientBuilderTest {
  static final String KEY = "sk-live-0123456789abcdef";
  static final String PASSWORD = "hunter2-hunter2";

  /** A one-operation client: {@code ping()} reads {@code GET /v1/ping}. */
  static final class PingClient implements FlowRunsClient {
    final ClientCore core;
    final Builder settings;
    final String baseUrl;
    final Transport transport;

    PingClient(Builder settings, String apiKey, HttpSettings http) {
      this.core = new ClientCore(this, Vendor.FLOWSTACK, true);
      this.settings = settings;
      this.baseUrl = http.resolveBaseUrl();
      OkHttpClient client = http.buildClient(ApiKeyAuth.bearer(apiKey));
      this.transport = new Transport(Vendor.FLOWSTACK, client, new Gson(),
          (status, contentType, body) -> VendorError.empty());
    }

    static Builder builder() {
      return new Builder();
    }

    Builder newBuilder() {
      return new Builder(settings);
    }

    @Override
    public Vendor vendor() {
      return core.vendor();
    }

    @Override
    public Capabilities capabilities() {
      return Capabilities.builder().build();
    }

    @Override
    public void close() {
      core.close();
    }

    String ping() {
      Request request = new Request.Builder().url(baseUrl + "/v1/ping").build();
      return transport.execute("ping", request, Map.class, RequestOptions.defaults(),
          (Map<?, ?> body) -> String.valueOf(body.get("pong")));
    }

    static final class Builder extends FlowRunsClientBuilder<Builder, PingClient> {
      private String team;
      private String password;

      Builder() {
        super(Vendor.FLOWSTACK, "https://ping.example.com");
      }

      Builder(Builder from) {
        super(from);
        this.team = from.team;
        this.password = from.password;
      }

      Builder team(String team) {
        this.team = team;
        return this;
      }

      Builder password(String password) {
        this.password = password;
        return this;
      }

      @Override
      public PingClient build() {
        return new PingClient(new Builder(this), requireApiKey(), BuilderAccess.httpSettings(this));
      }

      @Override
      protected String describeVendorSettings() {
        return "team=" + team + (password == null ? "" : ", password=[redacted]");
      }
    }
  }

  MockWebServer server;

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  PingClient.Builder toServer() {
    return PingClient.builder().apiKey(KEY).baseUrl(server.url("/").toString())
        .retryPolicy(RetryPolicy.none());
  }

  static MockResponse pong(String value) {
    return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
        .body("{\"pong\":\"" + value + "\"}").build();
  }

  RecordedRequest take() throws InterruptedException {
    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertTrue(request != null, "no request reached the server");
    return request;
  }

  @Test
  void aMissingOrBlankApiKeyFailsAtBuildNamingIt() {
    for (String key : new String[] {null, "", "   "}) {
      PingClient.Builder builder = PingClient.builder().apiKey(key);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::build);
      assertTrue(e.getMessage().contains("apiKey"), e.getMessage());
      assertTrue(e.getMessage().contains(Vendor.FLOWSTACK.displayName()), e.getMessage());
    }
  }

  @Test
  void anApiKeyWithCrLfOrAControlCharacterFailsAtBuildWithoutEchoingIt() {
    for (String key : new String[] {KEY + "\r\nX-Evil: 1", KEY + "\n", KEY + "\u0000"}) {
      PingClient.Builder builder = PingClient.builder().apiKey(key);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::build);
      assertTrue(e.getMessage().contains("apiKey"), e.getMessage());
      assertFalse(e.getMessage().contains(KEY), e.getMessage());
    }
  }

  @Test
  void theKeyIsCheckedAtBuildNotWhenSet() {
    PingClient.Builder builder = PingClient.builder().apiKey("bad\nkey");
    builder.apiKey(KEY).baseUrl("http://localhost:1");
    builder.build().close();
  }

  @Test
  void settersRefuseAValueThatIsWrongOnItsOwnAtOnce() {
    PingClient.Builder builder = PingClient.builder();
    assertThrows(NullPointerException.class, () -> builder.okHttpClient(null));
    assertThrows(NullPointerException.class, () -> builder.retryPolicy(null));
    assertThrows(NullPointerException.class, () -> builder.timeouts(null));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> builder.maxResponseBytes(0));
    assertTrue(e.getMessage().contains("maxResponseBytes"), e.getMessage());
  }

  @Test
  void anUnusableBaseUrlFailsAtBuildNamingIt() {
    for (String url : new String[] {"ping.example.com", "ftp://ping.example.com",
        "https://user:" + PASSWORD + "@ping.example.com", "http://ping.example.com"}) {
      PingClient.Builder builder = PingClient.builder().apiKey(KEY).baseUrl(url);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::build);
      assertTrue(e.getMessage().contains("baseUrl"), e.getMessage());
      assertFalse(e.getMessage().contains(PASSWORD), e.getMessage());
    }
  }

  @Test
  void plainHttpOffLoopbackIsAcceptedOnlyWithTheOptIn() {
    PingClient.Builder builder = PingClient.builder().apiKey(KEY).baseUrl("http://ping.internal.example/");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::build);
    assertTrue(e.getMessage().contains("allowInsecureHttp"), e.getMessage());

    try (PingClient client = builder.allowInsecureHttp(true).build()) {
      assertEquals("http://ping.internal.example", client.baseUrl);
    }
    try (PingClient client = PingClient.builder().apiKey(KEY).baseUrl("http://ping.internal.example")
        .allowInsecureHttp().build()) {
      assertEquals("http://ping.internal.example", client.baseUrl);
    }
  }

  @Test
  void withoutABaseUrlTheVendorDefaultIsUsed() {
    try (PingClient client = PingClient.builder().apiKey(KEY).build()) {
      assertEquals("https://ping.example.com", client.baseUrl);
    }
  }

  @Test
  void theBuiltClientSendsTheKeyToTheBaseUrl() throws Exception {
    server.enqueue(pong("a"));
    try (PingClient client = toServer().build()) {
      assertEquals("a", client.ping());
    }
    RecordedRequest request = take();
    assertEquals("/v1/ping", request.getUrl().encodedPath());
    assertEquals("Bearer " + KEY, request.getHeaders().get("Authorization"));
  }

  @Test
  void theRetryPolicyAndTheListenerReachTheClient() {
    server.enqueue(new MockResponse.Builder().code(503).build());
    server.enqueue(pong("b"));
    List<AttemptEvent> attempts = new CopyOnWriteArrayList<>();
    RetryPolicy oneQuickRetry = RetryPolicy.builder().maxRetries(1)
        .sleeper(duration -> { }).build();

    try (PingClient client = toServer().retryPolicy(oneQuickRetry).listener(attempts::add).build()) {
      assertEquals("b", client.ping());
    }

    assertEquals(2, server.getRequestCount());
    assertEquals(2, attempts.size(), attempts.toString());
    assertTrue(attempts.get(0).willRetry(), attempts.toString());
  }

  @Test
  void aBodyLargerThanMaxResponseBytesFailsTheCall() {
    server.enqueue(pong("x".repeat(4096)));
    try (PingClient client = toServer().maxResponseBytes(1024).build()) {
      assertThrows(ResponseParseException.class, client::ping);
    }
  }

  @Test
  void theCallersOkHttpClientIsDerivedFromAndItsInterceptorsKept() throws Exception {
    server.enqueue(pong("c"));
    OkHttpClient callers = new OkHttpClient.Builder()
        .addInterceptor(chain -> chain.proceed(
            chain.request().newBuilder().header("X-Caller", "yes").build()))
        .build();

    try (PingClient client = toServer().okHttpClient(callers)
        .timeouts(Timeouts.builder().call(Duration.ofSeconds(5)).build()).build()) {
      client.ping();
    }

    assertEquals("yes", take().getHeaders().get("X-Caller"));
  }

  @Test
  void toStringNeverShowsTheKeyOrAVendorCredential() {
    PingClient.Builder unset = PingClient.builder();
    assertTrue(unset.toString().contains("apiKey=unset"), unset.toString());

    PingClient.Builder builder = PingClient.builder().apiKey(KEY).team("ops").password(PASSWORD)
        .baseUrl("https://ping.example.com/?token=" + PASSWORD);
    String text = builder.toString();

    assertFalse(text.contains(KEY), text);
    assertFalse(text.contains(PASSWORD), text);
    assertTrue(text.startsWith("FlowRunsClientBuilderTest.PingClient.Builder{"), text);
    assertTrue(text.contains("apiKey=[redacted]"), text);
    assertTrue(text.contains("team=ops"), text);
    assertTrue(text.contains("maxResponseBytes="), text);
  }

  @Test
  void listingConcurrencyIsCheckedShownAndKeptByTheClientAndItsCopies() {
    PingClient.Builder builder = PingClient.builder();
    assertTrue(builder.toString().contains("listingConcurrency=16"), builder.toString());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> builder.listingConcurrency(0));
    assertTrue(e.getMessage().contains("listingConcurrency"), e.getMessage());

    builder.listingConcurrency(3);
    assertTrue(builder.toString().contains("listingConcurrency=3"), builder.toString());
    assertEquals(3, BuilderAccess.httpSettings(builder).listingConcurrency());
    HttpSettings copied = BuilderAccess.httpSettings(builder).copy();
    builder.listingConcurrency(1);
    assertEquals(3, copied.listingConcurrency());
  }

  @Test
  void newBuilderHoldsTheClientsSettingsAndChangesIndependently() throws Exception {
    server.enqueue(pong("second"));
    server.enqueue(pong("first"));
    try (PingClient first = toServer().team("ops").build()) {
      PingClient.Builder copy = first.newBuilder();
      assertNotSame(first.settings, copy);
      assertEquals(first.settings.toString(), copy.toString());

      try (PingClient second = copy.apiKey("sk-other-key").team("dev").build()) {
        assertEquals("second", second.ping());
        assertTrue(first.newBuilder().toString().contains("team=ops"));
        assertEquals("first", first.ping());
      }
    }

    assertEquals("Bearer sk-other-key", take().getHeaders().get("Authorization"));
    assertEquals("Bearer " + KEY, take().getHeaders().get("Authorization"));
  }

  @Test
  void changingTheBuilderAfterBuildDoesNotChangeTheClient() throws Exception {
    server.enqueue(pong("d"));
    PingClient.Builder builder = toServer();
    try (PingClient client = builder.build()) {
      builder.apiKey("sk-changed").baseUrl("https://elsewhere.example.com").maxResponseBytes(1);

      assertEquals("d", client.ping());
    }

    assertEquals("Bearer " + KEY, take().getHeaders().get("Authorization"));
  }
}
