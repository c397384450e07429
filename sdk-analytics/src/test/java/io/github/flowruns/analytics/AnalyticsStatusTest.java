package io.github.flowruns.analytics;

import static io.github.flowruns.analytics.ScriptedStackAi.page;
import static io.github.flowruns.analytics.ScriptedStackAi.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.github.flowruns.Run;
import io.github.flowruns.RunQuery;
import io.github.flowruns.RunStatus;
import io.github.flowruns.http.RetryPolicy;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every row of the StackAI column of the status table, both ways: the {@code state} values a
 * status filter sends, and what the client keeps of the page the server answers (scripted here as
 * StackAI would answer that request, so the client-side half of each filter is what is tested).
 */
class AnalyticsStatusTest {
  private MockWebServer server;
  private AnalyticsClient client;

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start();
    client = AnalyticsClient.builder().apiKey(ScriptedStackAi.API_KEY).orgId(ScriptedStackAi.ORG)
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
    server.enqueue(page(run("r1", state, bool(successful), "2025-06-03T14:07:22Z")));

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
  void aStatusFilterSendsEveryStackAiStateThatMapsToIt(String statuses, String state) throws Exception {
    server.enqueue(page());

    client.listRuns(query(statuses)).forEach(r -> { });

    assertEquals(List.of("/analytics/org/org-42/flows/flow-1?page=0&page_size=25&state=" + state),
        targets());
  }

  @ParameterizedTest
  @CsvSource({"TIMED_OUT", "PARTIALLY_SUCCEEDED", "TIMED_OUT,PARTIALLY_SUCCEEDED"})
  void aStatusStackAiNeverReportsMatchesNothingWithoutARequest(String statuses) {
    server.enqueue(page(run("r1", "FAILED", false, "2025-06-03T14:07:22Z")));

    assertEquals(List.of(), client.listRuns(query(statuses)).stream().collect(Collectors.toList()));
    assertEquals(0, server.getRequestCount());
  }

  @Test
  void succeededKeepsOnlyCompletedRunsThatWereSuccessful() throws Exception {
    JsonObject ok = run("ok", "COMPLETED", true, "2025-06-03T14:00:00Z");
    JsonObject bad = run("bad", "COMPLETED", false, "2025-06-03T13:00:00Z");
    JsonObject unsaid = run("unsaid", "COMPLETED", null, "2025-06-03T12:00:00Z");
    JsonObject failed = run("failed", "FAILED", false, "2025-06-03T11:00:00Z");
    // What StackAI answers to state=COMPLETED, then to state=COMPLETED,FAILED.
    server.enqueue(page(ok, bad, unsaid));
    server.enqueue(page(ok, bad, unsaid, failed));

    assertEquals(List.of("ok", "unsaid"), ids(query("SUCCEEDED")));
    assertEquals(List.of("bad", "failed"), ids(query("FAILED")));
    assertEquals(List.of(
        "/analytics/org/org-42/flows/flow-1?page=0&page_size=25&state=COMPLETED",
        "/analytics/org/org-42/flows/flow-1?page=0&page_size=25&state=COMPLETED%2CFAILED"), targets());
  }

  @Test
  void unknownIsFilteredClientSideOnlyAndSelectsRunsWithAnUnknownOrMissingState() throws Exception {
    JsonObject[] history = {
        run("ok", "COMPLETED", true, "2025-06-03T14:00:00Z"),
        run("odd", "ARCHIVED", null, "2025-06-03T13:00:00Z"),
        run("none", null, true, "2025-06-03T10:00:00Z"),
        run("late", "FAILED", false, "2025-06-03T09:00:00Z")};
    // No state filter can be sent, so StackAI answers the whole history both times.
    server.enqueue(page(history));
    server.enqueue(page(history));

    assertEquals(List.of("odd", "none"), ids(query("UNKNOWN")));
    assertEquals(List.of("odd", "none", "late"), ids(query("UNKNOWN,FAILED")));
    List<String> targets = targets();
    assertEquals(2, targets.size(), targets.toString());
    assertTrue(targets.stream().noneMatch(t -> t.contains("state=")), targets.toString());
  }

  /** The request targets ("path?query") the server received, in order. */
  private List<String> targets() throws InterruptedException {
    List<String> out = new ArrayList<>();
    for (int i = server.getRequestCount(); i > 0; i--) {
      RecordedRequest r = server.takeRequest(1, TimeUnit.SECONDS);
      if (r != null) out.add(r.getTarget());
    }
    return out;
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
