package io.github.flowruns.activepieces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.flowruns.FlowRunsException;
import io.github.flowruns.RedirectException;
import io.github.flowruns.RetryMode;
import io.github.flowruns.http.RetryPolicy;
import io.github.flowruns.testsupport.Redirects;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Redirects are never followed and OkHttp never resends a POST, for every Activepieces operation. */
class ActivepiecesHostileNetworkTest {
  private static final String RUN = "Vq3kT9bXz1LmN8pQr2sUw";

  private MockWebServer server;
  private MockWebServer elsewhere;
  private ActivepiecesClient client;

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.start();
    elsewhere = new MockWebServer();
    elsewhere.start();
    // A caller's client that would follow every redirect and retry on its own.
    OkHttpClient permissive = Redirects.permissiveOkHttpClient();
    client = ApFixtures.builder(server).okHttpClient(permissive).retryPolicy(RetryPolicy.none())
        .build();
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
    server.enqueue(new MockResponse.Builder().code(200).body("{}").build());
    RedirectException e = assertThrows(RedirectException.class, call);
    assertEquals(0, elsewhere.getRequestCount(), "a request reached the other origin");
    assertEquals(1, server.getRequestCount(), "the redirect was followed");
    Redirects.assertReported(status, Redirects.target(kind, server.url("/").toString(), there),
        e.getMessage(), e.location());
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("io.github.flowruns.testsupport.Redirects#cases")
  void aRedirectedGetRunIsNotFollowed(int status, String kind) {
    assertNotFollowed(status, kind, () -> client.getRun(RUN));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("io.github.flowruns.testsupport.Redirects#cases")
  void aRedirectedRetryRunIsNotFollowed(int status, String kind) {
    assertNotFollowed(status, kind, () -> client.retryRun(RUN, RetryMode.DEFAULT));
  }

  private void assertSentOnce(Executable post) {
    server.enqueue(new MockResponse.Builder().code(503).setHeader("Retry-After", "0").body("{}").build());
    server.enqueue(new MockResponse.Builder().code(200).body("{}").build()); // what a resend would get
    FlowRunsException e = assertThrows(FlowRunsException.class, post);
    assertEquals(503, e.httpStatus().getAsInt());
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void retryRunAnswered503WithRetryAfterZeroIsSentExactlyOnce() {
    assertSentOnce(() -> client.retryRun(RUN, RetryMode.DEFAULT));
  }

  @Test
  void stopRunAnswered503WithRetryAfterZeroIsSentExactlyOnce() {
    assertSentOnce(() -> client.stopRun(RUN));
  }
}
