package io.github.flowruns.patchworks;

import static io.github.flowruns.testsupport.fuzz.FuzzChecks.drainPages;
import static io.github.flowruns.testsupport.fuzz.FuzzChecks.onlyThrows;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.flowruns.FlowRunsException;
import io.github.flowruns.Page;
import io.github.flowruns.RetryMode;
import io.github.flowruns.RunQuery;
import io.github.flowruns.http.RetryPolicy;
import io.github.flowruns.testsupport.fuzz.FuzzChecks;
import io.github.flowruns.testsupport.fuzz.FuzzServer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;

/**
 * Fuzz harnesses: whatever bytes Patchworks answers (run list page, single run, log page, error
 * body, login answer), the public client returns or throws a {@link FlowRunsException}, nothing
 * else. {@code ./mvnw verify} replays {@code PatchworksFuzzTestInputs/<method>/}; fuzzing is
 * opt-in ({@code docs/fuzzing.md}).
 */
class PatchworksFuzzTest {
  private static final String API_KEY = "pw-fuzz-api-key-8c1f3a";
  private static final String PASSWORD = "pw-fuzz-password-5e2b7d";
  private static final byte[] UNAUTHENTICATED =
      "{\"message\":\"Unauthenticated.\"}".getBytes(StandardCharsets.UTF_8);

  private static FuzzServer server;
  private static PatchworksClient client;
  private static PatchworksClient loginClient;

  /**
   * Started on the first input, not in {@code @BeforeAll}: Jazzer's agent (and its network
   * detector, which the server must configure) is installed only when a fuzz test starts.
   */
  private static synchronized void ready() {
    if (server != null) {
      return;
    }
    server = FuzzServer.start();
    client = PatchworksClient.builder().apiKey(API_KEY).baseUrl(server.url())
        .okHttpClient(server.okHttpClient())
        .retryPolicy(RetryPolicy.none()).build();
    loginClient = PatchworksClient.builder().login("fuzz@example.com", PASSWORD)
        .baseUrl(server.url())
        .okHttpClient(server.okHttpClient()).loginBaseUrl(server.url())
        .retryPolicy(RetryPolicy.none()).build();
  }

  @AfterAll
  static synchronized void stop() {
    if (server == null) {
      return;
    }
    client.close();
    loginClient.close();
    server.close();
    server = null;
  }

  @FuzzTest
  void listPage(byte[] data) {
    ready();
    server.answerAll(200, data);
    onlyThrows(FlowRunsException.class,
        () -> drainPages(client.listRuns(RunQuery.all()).pages(), Page::items));
    onlyThrows(FlowRunsException.class, () -> client.countByStatus(RunQuery.all()));
  }

  @FuzzTest
  void singleRun(byte[] data) {
    ready();
    server.answerAll(200, data);
    onlyThrows(FlowRunsException.class, () -> String.valueOf(client.getRun("4294967297")));
    onlyThrows(FlowRunsException.class,
        () -> String.valueOf(client.retryRun("4294967297", RetryMode.DEFAULT)));
    onlyThrows(FlowRunsException.class, () -> client.stopRun("4294967297"));
  }

  @FuzzTest
  void logPage(byte[] data) {
    ready();
    server.answerAll(200, data);
    onlyThrows(FlowRunsException.class,
        () -> drainPages(client.listLogs("4294967297").pages(), Page::items));
  }

  @FuzzTest
  void errorBody(byte[] data) {
    ready();
    server.answerAll(FuzzChecks.errorStatus(data), FuzzChecks.errorBody(data));
    onlyThrows(FlowRunsException.class, () -> client.getRun("4294967297"));
    onlyThrows(FlowRunsException.class,
        () -> drainPages(client.listRuns(RunQuery.all()).pages(), Page::items));
  }

  /** The login answer is fuzzed; the API refuses every token, so every call logs in again. */
  @FuzzTest
  void loginAnswer(byte[] data) {
    ready();
    server.answerAll(401, UNAUTHENTICATED);
    server.answer("/fabric/", 200, data);
    onlyThrows(FlowRunsException.class, () -> loginClient.getRun("4294967297"));
  }
}
