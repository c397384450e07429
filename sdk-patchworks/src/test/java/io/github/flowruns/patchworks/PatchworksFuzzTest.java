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
import io.github.flowruns.testsupport.fuzz.FuzzTarget;
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

  private static final FuzzTarget<Clients> TARGET = FuzzTarget.of(server -> new Clients(
      PatchworksClient.builder().apiKey(API_KEY).baseUrl(server.url())
          .okHttpClient(server.okHttpClient())
          .retryPolicy(RetryPolicy.none()).build(),
      PatchworksClient.builder().login("fuzz@example.com", PASSWORD)
          .baseUrl(server.url())
          .okHttpClient(server.okHttpClient()).loginBaseUrl(server.url())
          .retryPolicy(RetryPolicy.none()).build()));

  /** The key client and the login client, against the same server. */
  private record Clients(PatchworksClient key, PatchworksClient login) implements AutoCloseable {
    @Override
    public void close() {
      key.close();
      login.close();
    }
  }

  @AfterAll
  static void stop() throws Exception {
    TARGET.close();
  }

  @FuzzTest
  void listPage(byte[] data) {
    TARGET.server().answerAll(200, data);
    onlyThrows(FlowRunsException.class,
        () -> drainPages(TARGET.client().key().listRuns(RunQuery.all()).pages(), Page::items));
    onlyThrows(FlowRunsException.class, () -> TARGET.client().key().countByStatus(RunQuery.all()));
  }

  @FuzzTest
  void singleRun(byte[] data) {
    TARGET.server().answerAll(200, data);
    onlyThrows(FlowRunsException.class, () -> String.valueOf(TARGET.client().key().getRun("4294967297")));
    onlyThrows(FlowRunsException.class,
        () -> String.valueOf(TARGET.client().key().retryRun("4294967297", RetryMode.DEFAULT)));
    onlyThrows(FlowRunsException.class, () -> TARGET.client().key().stopRun("4294967297"));
  }

  @FuzzTest
  void logPage(byte[] data) {
    TARGET.server().answerAll(200, data);
    onlyThrows(FlowRunsException.class,
        () -> drainPages(TARGET.client().key().listLogs("4294967297").pages(), Page::items));
  }

  @FuzzTest
  void errorBody(byte[] data) {
    TARGET.server().answerAll(FuzzChecks.errorStatus(data), FuzzChecks.errorBody(data));
    onlyThrows(FlowRunsException.class, () -> TARGET.client().key().getRun("4294967297"));
    onlyThrows(FlowRunsException.class,
        () -> drainPages(TARGET.client().key().listRuns(RunQuery.all()).pages(), Page::items));
  }

  /** The login answer is fuzzed; the API refuses every token, so every call logs in again. */
  @FuzzTest
  void loginAnswer(byte[] data) {
    TARGET.server().answerAll(401, UNAUTHENTICATED);
    TARGET.server().answer("/fabric/", 200, data);
    onlyThrows(FlowRunsException.class, () -> TARGET.client().login().getRun("4294967297"));
  }
}
