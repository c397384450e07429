package io.github.flowruns.flowstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.flowruns.RedirectException;
import io.github.flowruns.ServerException;
import io.github.flowruns.contract.Scripted;
import io.github.flowruns.http.RetryPolicy;
import io.github.flowruns.testsupport.Redirects;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Redirects are never followed and OkHttp never resends a POST, for every FlowStack operation. */
class FlowStackHostileNetworkTest {
  private MockWebServer server;
  private MockWebServer elsewhere;
  private FlowStackClient client;

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.start();
    elsewhere = new MockWebServer();
    elsewhere.start();
    // A caller's client that would follow every redirect and retry on its own.
    OkHttpClient permissive = Redirects.permissiveOkHttpClient();
    client = FlowStackClient.builder().apiKey("fs_live_hostile0001").baseUrl(server.url("/").toString())
        .okHttpClient(permissive).retryPolicy(RetryPolicy.none()).build();
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
    elsewhere.close();
  }

  private void assertNotFollowed(int status, String kind, Executable call) {
    String there = elsewhere.url("/collect").toString();
    server.enqueue(new MockResponse.Builder().code(status)
        .setHeader("Location", Redirects.location(kind, there)).body("{}").build());
    server.enqueue(Scripted.json(200, "{}"));
    RedirectException e = assertThrows(RedirectException.class, call);
    assertEquals(0, elsewhere.getRequestCount(), "a request reached the other origin");
    assertEquals(1, server.getRequestCount(), "the redirect was followed");
    Redirects.assertReported(status, Redirects.target(kind, server.url("/").toString(), there),
        e.getMessage(), e.location());
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("io.github.flowruns.testsupport.Redirects#cases")
  void aRedirectedGetRunIsNotFollowed(int status, String kind) {
    assertNotFollowed(status, kind, () -> client.getRun("flow_abc123", "run_1"));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("io.github.flowruns.testsupport.Redirects#cases")
  void aRedirectedTriggerRunIsNotFollowed(int status, String kind) {
    assertNotFollowed(status, kind, () -> client.triggerRun("flow_abc123", Map.of("a", 1)));
  }

  @Test
  void aTriggerRunAnswered503WithRetryAfterZeroIsSentExactlyOnce() {
    server.enqueue(new MockResponse.Builder().code(503).setHeader("Retry-After", "0").body("{}").build());
    server.enqueue(Scripted.json(200, "{\"id\":\"run_1\",\"flowId\":\"flow_abc123\",\"status\":\"RUNNING\"}"));
    assertThrows(ServerException.class, () -> client.triggerRun("flow_abc123", Map.of("a", 1)));
    assertEquals(1, server.getRequestCount());
  }
}
