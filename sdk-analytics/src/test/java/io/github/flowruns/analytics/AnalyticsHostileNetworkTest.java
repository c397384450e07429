package io.github.flowruns.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.flowruns.RedirectException;
import io.github.flowruns.RunQuery;
import io.github.flowruns.ServerException;
import io.github.flowruns.http.RetryPolicy;
import io.github.flowruns.testsupport.Redirects;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Redirects are never followed and OkHttp never resends, for StackAI (which only reads). */
class AnalyticsHostileNetworkTest {
  private MockWebServer server;
  private MockWebServer elsewhere;
  private AnalyticsClient client;

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.start();
    elsewhere = new MockWebServer();
    elsewhere.start();
    // A caller's client that would follow every redirect and retry on its own.
    OkHttpClient permissive = Redirects.permissiveOkHttpClient();
    client = AnalyticsClient.builder().apiKey(ScriptedStackAi.API_KEY).orgId(ScriptedStackAi.ORG)
        .baseUrl(server.url("/").toString()).okHttpClient(permissive)
        .retryPolicy(RetryPolicy.none()).build();
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
    elsewhere.close();
  }

  private void listRuns() {
    client.listRuns(RunQuery.builder().flowIds("flow-1").build()).forEach(r -> { });
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("io.github.flowruns.testsupport.Redirects#cases")
  void aRedirectedListRunsIsNotFollowed(int status, String kind) {
    String there = elsewhere.url("/collect").toString();
    server.enqueue(new MockResponse.Builder().code(status)
        .setHeader("Location", Redirects.location(kind, there)).body("{}").build());
    server.enqueue(ScriptedStackAi.json(200, "[]"));
    RedirectException e = assertThrows(RedirectException.class, this::listRuns);
    assertEquals(0, elsewhere.getRequestCount(), "a request reached the other origin");
    assertEquals(1, server.getRequestCount(), "the redirect was followed");
    Redirects.assertReported(status, Redirects.target(kind, server.url("/").toString(), there),
        e.getMessage(), e.location());
  }

  @Test
  void aListingAnswered503WithRetryAfterZeroIsNotResentWithoutTheRetryPolicy() {
    server.enqueue(new MockResponse.Builder().code(503).setHeader("Retry-After", "0").body("{}").build());
    server.enqueue(ScriptedStackAi.json(200, "[]"));
    assertThrows(ServerException.class, this::listRuns);
    assertEquals(1, server.getRequestCount());
  }
}
