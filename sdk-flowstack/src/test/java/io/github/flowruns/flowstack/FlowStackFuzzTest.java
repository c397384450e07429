package io.github.flowruns.flowstack;

import static io.github.flowruns.testsupport.fuzz.FuzzChecks.drainPages;
import static io.github.flowruns.testsupport.fuzz.FuzzChecks.onlyThrows;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.flowruns.FlowRunsException;
import io.github.flowruns.Page;
import io.github.flowruns.RunQuery;
import io.github.flowruns.http.RetryPolicy;
import io.github.flowruns.testsupport.fuzz.FuzzChecks;
import io.github.flowruns.testsupport.fuzz.FuzzTarget;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;

/**
 * Fuzz harnesses: whatever bytes FlowStack answers (run list page, single run, triggered run,
 * statistics, error body), the public client returns or throws a {@link FlowRunsException},
 * nothing else. {@code ./mvnw verify} replays {@code FlowStackFuzzTestInputs/<method>/}; fuzzing
 * is opt-in ({@code docs/fuzzing.md}).
 */
class FlowStackFuzzTest {
  private static final String API_KEY = "fs_test_fuzz0123456789abcdef";
  private static final String FLOW = "flow_abc123";

  private static final FuzzTarget<FlowStackClient> TARGET = FuzzTarget.of(server ->
      FlowStackClient.builder().apiKey(API_KEY).baseUrl(server.url())
          .okHttpClient(server.okHttpClient())
          .retryPolicy(RetryPolicy.none()).build());

  @AfterAll
  static void stop() throws Exception {
    TARGET.close();
  }

  @FuzzTest
  void listPage(byte[] data) {
    TARGET.server().answerAll(200, data);
    onlyThrows(FlowRunsException.class, () -> drainPages(
        TARGET.client().listRuns(RunQuery.builder().flowIds(FLOW).build()).pages(), Page::items));
  }

  @FuzzTest
  void singleRun(byte[] data) {
    TARGET.server().answerAll(200, data);
    onlyThrows(FlowRunsException.class, () -> String.valueOf(TARGET.client().getRun(FLOW, "run_uvw456")));
    onlyThrows(FlowRunsException.class,
        () -> String.valueOf(TARGET.client().triggerRun(FLOW, Map.of("orderId", 42))));
  }

  @FuzzTest
  void countAnswer(byte[] data) {
    TARGET.server().answerAll(200, data);
    onlyThrows(FlowRunsException.class,
        () -> TARGET.client().countByStatus(RunQuery.builder().flowIds(FLOW).build()));
  }

  @FuzzTest
  void errorBody(byte[] data) {
    TARGET.server().answerAll(FuzzChecks.errorStatus(data), FuzzChecks.errorBody(data));
    onlyThrows(FlowRunsException.class, () -> TARGET.client().getRun(FLOW, "run_uvw456"));
    onlyThrows(FlowRunsException.class, () -> drainPages(
        TARGET.client().listRuns(RunQuery.builder().flowIds(FLOW).build()).pages(), Page::items));
  }
}
