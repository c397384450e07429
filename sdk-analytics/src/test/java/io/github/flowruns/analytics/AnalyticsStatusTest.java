package io.github.flowruns.analytics;

import static io.github.flowruns.analytics.FakeStackAi.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.github.flowruns.Run;
import io.github.flowruns.RunQuery;
import io.github.flowruns.RunStatus;
import io.github.flowruns.http.RetryPolicy;
import java.io.IOException;
import java.util.List;
import java.util.stream.Collectors;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every row of the StackAI column of the status table, both ways. */
class AnalyticsStatusTest {
  private MockWebServer server;
  private FakeStackAi stackai;
  private AnalyticsClient client;

  @BeforeEach
  void start() throws IOException {
    stackai = new FakeStackAi();
    server = new MockWebServer();
    server.setDispatcher(stackai);
    server.start();
    client = AnalyticsClient.builder().apiKey(FakeStackAi.API_KEY).orgId(FakeStackAi.ORG)
        .baseUrl(server.url("/").toString()).retryPolicy(RetryPolicy.none()).build();
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  private static Boolean bool(String text) {
    return text == null ? null : Boolean.valueOf(text);
  }

  @ParameterizedTest(name = "state {0}, is_flow_successful {1} -> {2}")
  @CsvSource(nullValues = "null", value = {
      "PENDING,    null,  QUEUED,    PENDING",
      "RESUMED,    null,  RUNNING,   RESUMED",
      "PAUSED,     null,  PAUSED,    PAUSED",
      "COMPLETED,  true,  SUCCEEDED, COMPLETED",
      "COMPLETED,  null,  SUCCEEDED, COMPLETED",
      "COMPLETED,  false, FAILED,    COMPLETED",
      "FAILED,     false, FAILED,    FAILED",
      "FAILED,     null,  FAILED,    FAILED",
      "CANCELLED,  null,  CANCELLED, CANCELLED",
      "ARCHIVED,   true,  UNKNOWN,   ARCHIVED",
      "completed,  true,  UNKNOWN,   completed",
      "null,       true,  UNKNOWN,   null",
      "null,       false, UNKNOWN,   null",
  })
  void eachStackAiStateMapsToItsNormalisedStatusAndKeepsTheRawValue(String state,
      String successful, RunStatus expected, String expectedRaw) {
    stackai.flow("flow-1", run("r1", state, bool(successful), "2025-06-03T14:07:22Z"));

    Run run = client.listRuns(RunQuery.builder().flowIds("flow-1").build()).iterator().next();

    assertEquals(expected, run.status());
    assertEquals(expectedRaw, run.rawStatus());
  }

  @ParameterizedTest(name = "{0} -> state={1}")
  @CsvSource(delimiter = ';', value = {
      "QUEUED;              PENDING",
      "RUNNING;             RESUMED",
      "PAUSED;              PAUSED",
      "SUCCEEDED;           COMPLETED",
      "FAILED;              COMPLETED%2CFAILED",
      "CANCELLED;           CANCELLED",
      "QUEUED,RUNNING;      PENDING%2CRESUMED",
      "SUCCEEDED,FAILED;    COMPLETED%2CFAILED",
      "TIMED_OUT,CANCELLED; CANCELLED",
      "PARTIALLY_SUCCEEDED,QUEUED,PAUSED,RUNNING,SUCCEEDED,FAILED,CANCELLED; PENDING%2CPAUSED%2CRESUMED%2CCOMPLETED%2CFAILED%2CCANCELLED",
  })
  void aStatusFilterSendsEveryStackAiStateThatMapsToIt(String statuses, String state) {
    stackai.flow("flow-1");

    client.listRuns(query(statuses)).forEach(r -> { });

    assertEquals(List.of("/analytics/org/org-42/flows/flow-1?page=0&page_size=25&state=" + state),
        stackai.targets());
  }

  @ParameterizedTest
  @CsvSource({"TIMED_OUT", "PARTIALLY_SUCCEEDED", "TIMED_OUT,PARTIALLY_SUCCEEDED"})
  void aStatusStackAiNeverReportsMatchesNothingWithoutARequest(String statuses) {
    stackai.flow("flow-1", run("r1", "FAILED", false, "2025-06-03T14:07:22Z"));

    assertEquals(List.of(), client.listRuns(query(statuses)).stream().collect(Collectors.toList()));
    assertTrue(stackai.requests.isEmpty());
  }

  @Test
  void succeededKeepsOnlyCompletedRunsThatWereSuccessful() {
    stackai.flow("flow-1",
        run("ok", "COMPLETED", true, "2025-06-03T14:00:00Z"),
        run("bad", "COMPLETED", false, "2025-06-03T13:00:00Z"),
        run("unsaid", "COMPLETED", null, "2025-06-03T12:00:00Z"),
        run("failed", "FAILED", false, "2025-06-03T11:00:00Z"));

    assertEquals(List.of("ok", "unsaid"), ids(query("SUCCEEDED")));
    assertEquals(List.of("bad", "failed"), ids(query("FAILED")));
  }

  @Test
  void unknownIsFilteredClientSideOnlyAndSelectsRunsWithAnUnknownOrMissingState() {
    JsonObject noState = run("none", null, true, "2025-06-03T10:00:00Z");
    stackai.flow("flow-1",
        run("ok", "COMPLETED", true, "2025-06-03T14:00:00Z"),
        run("odd", "ARCHIVED", null, "2025-06-03T13:00:00Z"),
        noState,
        run("late", "FAILED", false, "2025-06-03T09:00:00Z"));

    assertEquals(List.of("odd", "none"), ids(query("UNKNOWN")));
    assertEquals(List.of("odd", "none", "late"), ids(query("UNKNOWN,FAILED")));
    assertTrue(stackai.targets().stream().noneMatch(t -> t.contains("state=")), stackai.targets().toString());
  }

  private List<String> ids(RunQuery query) {
    return client.listRuns(query).stream().map(Run::id).collect(Collectors.toList());
  }

  private static RunQuery query(String statuses) {
    RunQuery.Builder b = RunQuery.builder().flowIds("flow-1");
    b.statuses(java.util.Arrays.stream(statuses.split(",")).map(String::trim)
        .map(RunStatus::valueOf).collect(Collectors.toList()));
    return b.build();
  }
}
