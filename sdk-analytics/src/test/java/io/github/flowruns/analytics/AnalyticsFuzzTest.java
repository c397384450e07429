package io.github.flowruns.analytics;

import static io.github.flowruns.testsupport.fuzz.FuzzChecks.drainPages;
import static io.github.flowruns.testsupport.fuzz.FuzzChecks.onlyThrows;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.flowruns.FlowRunsException;
import io.github.flowruns.Page;
import io.github.flowruns.RunQuery;
import io.github.flowruns.http.RetryPolicy;
import io.github.flowruns.testsupport.fuzz.FuzzChecks;
import io.github.flowruns.testsupport.fuzz.FuzzTarget;
import org.junit.jupiter.api.AfterAll;

/**
 * Fuzz harnesses: whatever bytes StackAI's Analytics API answers (a page of run summaries, an
 * error body), the public client returns or throws a {@link FlowRunsException}, nothing else.
 * StackAI has no single-run, log or bulk endpoint. {@code ./mvnw verify} replays
 * {@code AnalyticsFuzzTestInputs/<method>/}; fuzzing is opt-in ({@code docs/fuzzing.md}).
 */
class AnalyticsFuzzTest {
  private static final String API_KEY = "stackai-fuzz-key-0123456789";
  private static final RunQuery ONE_FLOW = RunQuery.builder().flowIds("flow-a").pageSize(2).build();

  private static final FuzzTarget<AnalyticsClient> TARGET = FuzzTarget.of(server ->
      AnalyticsClient.builder().apiKey(API_KEY).orgId("org-42").baseUrl(server.url())
          .okHttpClient(server.okHttpClient())
          .retryPolicy(RetryPolicy.none()).build());

  @AfterAll
  static void stop() throws Exception {
    TARGET.close();
  }

  /**
   * A page size of 2, so that a fuzzed array of two or more runs asks for a next page.
   * ({@code countByStatus} scans this same listing to its end, which an endless fuzzed listing
   * never reaches, so it is not called here.)
   */
  @FuzzTest
  void listPage(byte[] data) {
    TARGET.server().answerAll(200, data);
    onlyThrows(FlowRunsException.class,
        () -> drainPages(TARGET.client().listRuns(ONE_FLOW).pages(), Page::items));
  }

  @FuzzTest
  void errorBody(byte[] data) {
    TARGET.server().answerAll(FuzzChecks.errorStatus(data), FuzzChecks.errorBody(data));
    onlyThrows(FlowRunsException.class,
        () -> drainPages(TARGET.client().listRuns(ONE_FLOW).pages(), Page::items));
  }
}
