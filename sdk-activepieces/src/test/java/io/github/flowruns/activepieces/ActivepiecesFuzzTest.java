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
import io.github.flowruns.testsupport.fuzz.FuzzTarget;
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

  private static final FuzzTarget<ActivepiecesClient> TARGET = FuzzTarget.of(server ->
      ActivepiecesClient.builder().apiKey(API_KEY).projectId("p7Hd2kLmQ9wErT5yUiOa1")
          .baseUrl(server.url())
          .okHttpClient(server.okHttpClient()).retryPolicy(RetryPolicy.none()).build());

  @AfterAll
  static void stop() throws Exception {
    TARGET.close();
  }

  @FuzzTest
  void listPage(byte[] data) {
    TARGET.server().answerAll(200, data);
    onlyThrows(FlowRunsException.class,
        () -> drainPages(TARGET.client().listRuns(RunQuery.all()).pages(), Page::items));
  }

  @FuzzTest
  void singleRun(byte[] data) {
    TARGET.server().answerAll(200, data);
    onlyThrows(FlowRunsException.class, () -> String.valueOf(TARGET.client().getRun(RUN_ID)));
    onlyThrows(FlowRunsException.class,
        () -> String.valueOf(TARGET.client().retryRun(RUN_ID, RetryMode.FROM_FAILED_STEP)));
  }

  @FuzzTest
  void countAnswer(byte[] data) {
    TARGET.server().answerAll(200, data);
    onlyThrows(FlowRunsException.class, () -> TARGET.client().countByStatus(RunQuery.all()));
  }

  @FuzzTest
  void errorBody(byte[] data) {
    TARGET.server().answerAll(FuzzChecks.errorStatus(data), FuzzChecks.errorBody(data));
    onlyThrows(FlowRunsException.class, () -> TARGET.client().getRun(RUN_ID));
    onlyThrows(FlowRunsException.class, () -> TARGET.client().stopRun(RUN_ID));
  }

  /** The bulk retry answer (one item per run acted on) and the bulk cancel answer. */
  @FuzzTest
  void bulkAnswer(byte[] data) {
    TARGET.server().answerAll(200, data);
    RunQuery failed = RunQuery.builder().statuses(RunStatus.FAILED).build();
    onlyThrows(FlowRunsException.class,
        () -> String.valueOf(TARGET.client().retryRuns(failed, RetryMode.LATEST_VERSION)));
    onlyThrows(FlowRunsException.class, () -> String.valueOf(
        TARGET.client().stopRuns(RunQuery.builder().statuses(RunStatus.QUEUED).build())));
  }
}
