package io.github.flowruns.activepieces;

import static io.github.flowruns.testsupport.fuzz.FuzzChecks.drainPages;
import static io.github.flowruns.testsupport.fuzz.FuzzChecks.onlyThrows;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.flowruns.FlowRunsException;
import io.github.flowruns.Page;
import io.github.flowruns.RetryMode;
import io.github.flowruns.RunQuery;
import io.github.flowruns.RunStatus;
import io.github.flowruns.http.RetryPolicy;
import io.github.flowruns.testsupport.fuzz.FuzzChecks;
import io.github.flowruns.testsupport.fuzz.FuzzServer;
import org.junit.jupiter.api.AfterAll;

/**
 * Fuzz harnesses: whatever bytes Activepieces answers (run list page, single run, status counts,
 * error body, bulk retry answer), the public client returns or throws a {@link FlowRunsException},
 * nothing else. {@code ./mvnw verify} replays {@code ActivepiecesFuzzTestInputs/<method>/};
 * fuzzing is opt-in ({@code docs/fuzzing.md}).
 */
class ActivepiecesFuzzTest {
  private static final String API_KEY = "sk-apfuzz0123456789abcdef";
  private static final String RUN_ID = "Vq3kT9bXz1LmN8pQr2sUw";

  private static FuzzServer server;
  private static ActivepiecesClient client;

  /** Started on the first input: Jazzer's agent exists only once a fuzz test runs. */
  private static synchronized void ready() {
    if (server != null) {
      return;
    }
    server = FuzzServer.start();
    client = ActivepiecesClient.builder().apiKey(API_KEY).projectId("p7Hd2kLmQ9wErT5yUiOa1")
        .baseUrl(server.url())
        .okHttpClient(server.okHttpClient()).retryPolicy(RetryPolicy.none()).build();
  }

  @AfterAll
  static synchronized void stop() {
    if (server == null) {
      return;
    }
    client.close();
    server.close();
    server = null;
  }

  @FuzzTest
  void listPage(byte[] data) {
    ready();
    server.answerAll(200, data);
    onlyThrows(FlowRunsException.class,
        () -> drainPages(client.listRuns(RunQuery.all()).pages(), Page::items));
  }

  @FuzzTest
  void singleRun(byte[] data) {
    ready();
    server.answerAll(200, data);
    onlyThrows(FlowRunsException.class, () -> String.valueOf(client.getRun(RUN_ID)));
    onlyThrows(FlowRunsException.class,
        () -> String.valueOf(client.retryRun(RUN_ID, RetryMode.FROM_FAILED_STEP)));
  }

  @FuzzTest
  void countAnswer(byte[] data) {
    ready();
    server.answerAll(200, data);
    onlyThrows(FlowRunsException.class, () -> client.countByStatus(RunQuery.all()));
  }

  @FuzzTest
  void errorBody(byte[] data) {
    ready();
    server.answerAll(FuzzChecks.errorStatus(data), FuzzChecks.errorBody(data));
    onlyThrows(FlowRunsException.class, () -> client.getRun(RUN_ID));
    onlyThrows(FlowRunsException.class, () -> client.stopRun(RUN_ID));
  }

  /** The bulk retry answer (one item per run acted on) and the bulk cancel answer. */
  @FuzzTest
  void bulkAnswer(byte[] data) {
    ready();
    server.answerAll(200, data);
    RunQuery failed = RunQuery.builder().statuses(RunStatus.FAILED).build();
    onlyThrows(FlowRunsException.class,
        () -> String.valueOf(client.retryRuns(failed, RetryMode.LATEST_VERSION)));
    onlyThrows(FlowRunsException.class, () -> String.valueOf(
        client.stopRuns(RunQuery.builder().statuses(RunStatus.QUEUED).build())));
  }
}
