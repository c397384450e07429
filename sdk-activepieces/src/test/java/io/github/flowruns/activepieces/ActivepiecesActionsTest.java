package io.github.flowruns.activepieces;

import static io.github.flowruns.activepieces.ApFixtures.PROJECT;
import static io.github.flowruns.activepieces.ApFixtures.enqueueJson;
import static io.github.flowruns.activepieces.ApFixtures.page;
import static io.github.flowruns.activepieces.ApFixtures.run;
import static io.github.flowruns.activepieces.ApFixtures.take;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import io.github.flowruns.BulkResult;
import io.github.flowruns.Capabilities;
import io.github.flowruns.FailedStep;
import io.github.flowruns.RetryMode;
import io.github.flowruns.Run;
import io.github.flowruns.RunQuery;
import io.github.flowruns.RunStatus;
import io.github.flowruns.StepResult;
import io.github.flowruns.activepieces.model.FlowRun;
import io.github.flowruns.activepieces.model.FlowRunStatus;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** getRun, retryRun, stopRun, countByStatus, retryRuns, stopRuns and the unsupported ones. */
class ActivepiecesActionsTest {
  private static final String RUN = "Vq3kT9bXz1LmN8pQr2sUw";

  private MockWebServer server;
  private ActivepiecesClient client;

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start();
    client = ApFixtures.client(server);
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  // ------------------------------------------------------------------ getRun

  @Test
  void getRunReadsEveryFieldAndTheStepsInOrder() throws Exception {
    enqueueJson(server, 200, run(RUN).status("FAILED")
        .created(Instant.parse("2025-03-14T09:26:53.589Z"))
        .start(Instant.parse("2025-03-14T09:26:53.702Z"))
        .finish(Instant.parse("2025-03-14T09:26:58.095Z"))
        .triggeredBy("Zx4Cv7Bn1Mq3Wr6Ty9Ui2").tags("invoices", "nightly")
        .set("parentRunId", "Pr1Xz4Cv7Bn1Mq3Wr6Ty9").set("stepsCount", 3)
        .failedStep("step_1", "Create invoice in ledger", null)
        .step("trigger", "SUCCEEDED", 0).step("step_1", "FAILED", 4187.6).step("step_2", "SKIPPED", null)
        .stepError("step_1", "Request failed with status code 503")
        .toString());

    Run run = client.getRun(RUN);

    RecordedRequest request = take(server);
    assertEquals("GET", request.getMethod());
    assertEquals("/api/v1/flow-runs/" + RUN, request.getUrl().encodedPath());
    assertEquals("Bearer " + ApFixtures.KEY, request.getHeaders().get("Authorization"));
    assertEquals(RUN, run.id());
    assertEquals(ApFixtures.FLOW, run.flowId());
    assertEquals(RunStatus.FAILED, run.status());
    assertEquals(Instant.parse("2025-03-14T09:26:53.702Z"), run.startedAt());
    assertEquals(Instant.parse("2025-03-14T09:26:58.095Z"), run.finishedAt());
    assertEquals(Duration.ofMillis(4393), run.duration());
    assertEquals("Zx4Cv7Bn1Mq3Wr6Ty9Ui2", run.trigger());
    assertEquals(FailedStep.of("step_1", "Request failed with status code 503"), run.failedStep());
    assertEquals(3, run.stepsCount());
    assertEquals("Pr1Xz4Cv7Bn1Mq3Wr6Ty9", run.parentRunId());
    assertEquals(List.of("invoices", "nightly"), run.tags());
    assertEquals(List.of(
        StepResult.of("trigger", RunStatus.SUCCEEDED, "SUCCEEDED", Duration.ZERO),
        StepResult.of("step_1", RunStatus.FAILED, "FAILED", Duration.ofNanos(4_187_600_000L)),
        StepResult.of("step_2", RunStatus.UNKNOWN, "SKIPPED", null)), run.steps());
    assertEquals(RUN, run.unwrap(FlowRun.class).getId());
  }

  @Test
  void aQueuedRunStartsAtItsCreationTimeAndHasNoDuration() {
    enqueueJson(server, 200, run(RUN).status("QUEUED").created(Instant.parse("2025-03-14T09:00:00Z"))
        .start(null).finish(null).toString());

    Run run = client.getRun(RUN);

    assertEquals(Instant.parse("2025-03-14T09:00:00Z"), run.startedAt());
    assertNull(run.finishedAt());
    assertNull(run.duration());
    assertEquals(List.of(), run.steps());
    assertNull(run.failedStep());
  }

  @Test
  void olderServersFieldsFillTheGaps() {
    enqueueJson(server, 200, run(RUN).status("FAILED").remove("startTime").remove("finishTime")
        .set("duration", 1500.4).set("tasks", 4).set("failedStepName", "step_3").toString());

    Run run = client.getRun(RUN);

    assertEquals(Duration.ofNanos(1_500_400_000L), run.duration());
    assertEquals(4, run.stepsCount());
    assertEquals(FailedStep.of("step_3", null), run.failedStep());
  }

  @Test
  void aFailedStepWithOnlyADisplayNameUsesIt() {
    enqueueJson(server, 200, run(RUN).status("FAILED").failedStep(null, "Send email", null).toString());

    assertEquals(FailedStep.of("Send email", null), client.getRun(RUN).failedStep());
  }

  @Test
  void getRunRefusesABlankIdBeforeAnyRequest() {
    assertThrows(IllegalArgumentException.class, () -> client.getRun(" "));
    assertEquals(0, server.getRequestCount());
  }

  @Test
  void getRunDoesNotNeedAProject() throws Exception {
    enqueueJson(server, 200, run(RUN).toString());
    try (ActivepiecesClient noProject = ApFixtures.builder(server).projectId(null).build()) {
      assertEquals(RUN, noProject.getRun(RUN).id());
    }
  }

  // ------------------------------------------------------------------ retryRun

  @ParameterizedTest(name = "{0} retries with {1}")
  @CsvSource({
      "FROM_FAILED_STEP, FROM_FAILED_STEP",
      "DEFAULT, FROM_FAILED_STEP",
      "LATEST_VERSION, ON_LATEST_VERSION",
  })
  void retryRunPostsTheStrategyAndTheProject(RetryMode mode, String strategy) throws Exception {
    enqueueJson(server, 200, run("NEW").status("QUEUED").start(null).finish(null).toString());

    Run run = client.retryRun(RUN, mode);

    RecordedRequest request = take(server);
    assertEquals("POST", request.getMethod());
    assertEquals("/api/v1/flow-runs/" + RUN + "/retry", request.getUrl().encodedPath());
    assertBody(request, "{\"strategy\":\"" + strategy + "\",\"projectId\":\"" + PROJECT + "\"}");
    assertEquals("NEW", run.id());
    assertEquals(RunStatus.QUEUED, run.status());
  }

  @Test
  void retryRunWithoutAProjectFailsBeforeAnyRequestNamingProjectId() {
    try (ActivepiecesClient noProject = ApFixtures.builder(server).projectId(null).build()) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> noProject.retryRun(RUN, RetryMode.DEFAULT));
      assertTrue(e.getMessage().contains("projectId"));
      assertEquals(0, server.getRequestCount());
    }
  }

  // ------------------------------------------------------------------ stopRun

  @Test
  void stopRunCancelsThatOneIdInBulkThenChecksItWasCancelled() throws Exception {
    server.enqueue(new MockResponse.Builder().code(200).build()); // vendors.md: cancel answers nothing
    enqueueJson(server, 200, run(RUN).status("CANCELED").toString());

    client.stopRun(RUN);

    RecordedRequest request = take(server);
    assertEquals("POST", request.getMethod());
    assertEquals("/api/v1/flow-runs/cancel", request.getUrl().encodedPath());
    assertBody(request, "{\"projectId\":\"" + PROJECT + "\",\"flowRunIds\":[\"" + RUN + "\"]}");
    RecordedRequest check = take(server);
    assertEquals("GET", check.getMethod());
    assertEquals("/api/v1/flow-runs/" + RUN, check.getUrl().encodedPath());
  }

  // ------------------------------------------------------------------ countByStatus

  @Test
  void countByStatusUsesTheCountEndpointAndSumsVendorValuesPerStatus() throws Exception {
    enqueueJson(server, 200, "{\"data\":[{\"status\":\"SUCCEEDED\",\"count\":4000000000},"
        + "{\"status\":\"FAILED\",\"count\":3},{\"status\":\"INTERNAL_ERROR\",\"count\":2},"
        + "{\"status\":\"CANCELED\",\"count\":1},{\"status\":\"SLEEPING\",\"count\":5}]}");

    // startedAfter only: count-by-status compares creation times, which select the same runs as
    // the listing for a lower bound but not for an upper one (a run may start after it).
    Map<RunStatus, Long> counts = client.countByStatus(RunQuery.builder()
        .startedAfter(Instant.parse("2025-03-01T00:00:00Z")).build());

    RecordedRequest request = take(server);
    assertEquals("/api/v1/flow-runs/count-by-status", request.getUrl().encodedPath());
    assertEquals("projectId=" + PROJECT + "&createdAfter=2025-03-01T00%3A00%3A00Z",
        request.getUrl().encodedQuery());
    assertEquals(Map.of(RunStatus.SUCCEEDED, 4_000_000_000L, RunStatus.FAILED, 5L,
        RunStatus.CANCELLED, 1L, RunStatus.UNKNOWN, 5L), counts);
  }

  @Test
  void countByStatusWithStatusesKeepsOnlyThose() {
    enqueueJson(server, 200, "{\"data\":[{\"status\":\"SUCCEEDED\",\"count\":7},"
        + "{\"status\":\"TIMEOUT\",\"count\":2}]}");

    Map<RunStatus, Long> counts = client.countByStatus(RunQuery.builder()
        .statuses(RunStatus.TIMED_OUT).build());

    assertEquals(Map.of(RunStatus.TIMED_OUT, 2L), counts);
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void countByStatusWithOtherFiltersCountsTheListedRuns() throws Exception {
    enqueueJson(server, 200, page("c1", run("a1").status("FAILED"), run("a2").status("SUCCEEDED")));
    enqueueJson(server, 200, page(null, run("a3").status("TIMEOUT"), run("a4").status("FAILED")));

    Map<RunStatus, Long> counts = client.countByStatus(RunQuery.builder().flowIds(ApFixtures.FLOW).build());

    assertEquals("/api/v1/flow-runs", take(server).getUrl().encodedPath());
    assertEquals(Map.of(RunStatus.FAILED, 2L, RunStatus.SUCCEEDED, 1L, RunStatus.TIMED_OUT, 1L), counts);
    assertEquals(2, server.getRequestCount());
  }

  // ------------------------------------------------------------------ retryRuns

  @Test
  void retryRunsSendsAFilterOnlyQueryAsBodyFiltersInOneCall() throws Exception {
    enqueueJson(server, 200, "[" + run("r1").status("QUEUED") + ",null," + run("r2").status("QUEUED") + "]");

    BulkResult result = client.retryRuns(RunQuery.builder().flowIds("flowA", "flowB")
        .statuses(RunStatus.TIMED_OUT).startedAfter(Instant.parse("2025-03-01T00:00:00Z"))
        .startedBefore(Instant.parse("2025-03-02T00:00:00Z")).build(), RetryMode.LATEST_VERSION);

    RecordedRequest request = take(server);
    assertEquals("POST", request.getMethod());
    assertEquals("/api/v1/flow-runs/retry", request.getUrl().encodedPath());
    assertBody(request, "{\"projectId\":\"" + PROJECT + "\",\"strategy\":\"ON_LATEST_VERSION\","
        + "\"flowId\":[\"flowA\",\"flowB\"],\"status\":[\"TIMEOUT\"],"
        + "\"createdAfter\":\"2025-03-01T00:00:00Z\",\"createdBefore\":\"2025-03-01T23:59:59.999Z\"}");
    assertEquals(List.of("r1", "r2"), result.succeeded());
    assertEquals(List.of("r1", "r2"), result.newRuns().stream().map(Run::id).collect(Collectors.toList()));
    assertTrue(result.allSucceeded());
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void retryRunsOfEveryRunSendsOnlyProjectAndStrategy() throws Exception {
    enqueueJson(server, 200, "[]");

    BulkResult result = client.retryRuns(RunQuery.all(), RetryMode.DEFAULT);

    assertBody(take(server), "{\"projectId\":\"" + PROJECT + "\",\"strategy\":\"FROM_FAILED_STEP\"}");
    assertEquals(0, result.total());
  }

  @Test
  void retryRunsWithAClientSideFilterSendsTheIdsOfEachListedPage() throws Exception {
    enqueueJson(server, 200, page("c1", run("a1").status("FAILED").triggeredBy("webhook"),
        run("a2").status("FAILED").triggeredBy("manual"), run("a3").status("FAILED").triggeredBy("webhook")));
    enqueueJson(server, 200, "[" + run("a1") + "," + run("a3") + "]");
    enqueueJson(server, 200, page(null, run("a4").status("FAILED").triggeredBy("manual")));

    BulkResult result = client.retryRuns(RunQuery.builder().statuses(RunStatus.FAILED)
        .trigger("webhook").build(), RetryMode.FROM_FAILED_STEP);

    assertEquals("/api/v1/flow-runs", take(server).getUrl().encodedPath());
    RecordedRequest retry = take(server);
    assertEquals("/api/v1/flow-runs/retry", retry.getUrl().encodedPath());
    assertBody(retry, "{\"projectId\":\"" + PROJECT + "\",\"strategy\":\"FROM_FAILED_STEP\","
        + "\"flowRunIds\":[\"a1\",\"a3\"]}");
    RecordedRequest second = take(server);
    assertEquals("2025-03-14T09:00:00Z", second.getUrl().queryParameter("createdBefore"),
        "the next page by creation time, not by the server's cursor");
    assertNull(second.getUrl().queryParameter("cursor"));
    assertEquals(3, server.getRequestCount(), "no retry call for a page without matches");
    assertEquals(List.of("a1", "a3"), result.succeeded());
  }

  @Test
  void retryRunsHonoursTheLimitByListing() throws Exception {
    enqueueJson(server, 200, page("c1", run("a1"), run("a2"), run("a3")));
    enqueueJson(server, 200, "[" + run("a1") + "]");

    client.retryRuns(RunQuery.builder().limit(1).build(), RetryMode.DEFAULT);

    take(server);
    assertBody(take(server), "{\"projectId\":\"" + PROJECT + "\",\"strategy\":\"FROM_FAILED_STEP\","
        + "\"flowRunIds\":[\"a1\"]}");
    assertEquals(2, server.getRequestCount());
  }

  @Test
  void retryRunsOfPartiallySucceededRunsSendsNothing() {
    BulkResult result = client.retryRuns(RunQuery.builder().statuses(RunStatus.PARTIALLY_SUCCEEDED)
        .build(), RetryMode.DEFAULT);

    assertEquals(0, result.total());
    assertEquals(0, server.getRequestCount());
  }

  // ------------------------------------------------------------------ stopRuns

  @Test
  void stopRunsSendsAFilterOnlyQueryAsBodyFiltersWithTheCancellableStatusesOnly() throws Exception {
    enqueueJson(server, 200, "[" + run("q1").status("CANCELED") + "]");

    BulkResult result = client.stopRuns(RunQuery.builder().flowIds("flowA")
        .statuses(RunStatus.QUEUED, RunStatus.PAUSED, RunStatus.RUNNING).build());

    RecordedRequest request = take(server);
    assertEquals("POST", request.getMethod());
    assertEquals("/api/v1/flow-runs/cancel", request.getUrl().encodedPath());
    assertBody(request, "{\"projectId\":\"" + PROJECT + "\",\"flowId\":[\"flowA\"],"
        + "\"status\":[\"QUEUED\",\"PAUSED\"]}");
    assertEquals(List.of("q1"), result.succeeded());
  }

  @Test
  void stopRunsByFiltersOnAServerThatAnswersNothingReportsNoIds() throws Exception {
    server.enqueue(new MockResponse.Builder().code(200).build());

    BulkResult result = client.stopRuns(RunQuery.all());

    assertBody(take(server), "{\"projectId\":\"" + PROJECT + "\"}");
    assertEquals(0, result.total());
    assertTrue(result.allSucceeded());
  }

  @Test
  void stopRunsOfOnlyFinishedStatusesSendsNothing() {
    BulkResult result = client.stopRuns(RunQuery.builder().statuses(RunStatus.FAILED).build());

    assertEquals(0, result.total());
    assertEquals(0, server.getRequestCount());
  }

  @Test
  void stopRunsWithATagSendsTheIdsOfTheCancellableListedRuns() throws Exception {
    enqueueJson(server, 200, page(null, run("a1").status("QUEUED").tags("t"),
        run("a2").status("RUNNING").tags("t"), run("a3").status("PAUSED").tags("t")));
    server.enqueue(new MockResponse.Builder().code(200).build());

    BulkResult result = client.stopRuns(RunQuery.builder().tags("t").build());

    assertEquals("projectId=" + PROJECT + "&tags=t", take(server).getUrl().encodedQuery());
    assertBody(take(server), "{\"projectId\":\"" + PROJECT + "\",\"flowRunIds\":[\"a1\",\"a3\"]}");
    assertEquals(List.of("a1", "a3"), result.succeeded());
  }

  @Test
  void bulkActionsWithoutAProjectFailBeforeAnyRequest() {
    try (ActivepiecesClient noProject = ApFixtures.builder(server).projectId(null).build()) {
      assertThrows(IllegalArgumentException.class, () -> noProject.stopRuns(RunQuery.all()));
      assertThrows(IllegalArgumentException.class, () -> noProject.retryRuns(RunQuery.all(), RetryMode.DEFAULT));
      assertThrows(IllegalArgumentException.class, () -> noProject.countByStatus(RunQuery.all()));
      assertThrows(IllegalArgumentException.class, () -> noProject.stopRun(RUN));
      assertEquals(0, server.getRequestCount());
    }
  }

  // ------------------------------------------------------------------ unsupported

  @Test
  void capabilitiesTellWhatTheClientDoes() {
    Capabilities caps = client.capabilities();

    assertTrue(caps.supports(Capabilities.Operation.STOP_RUNS));
    assertTrue(!caps.supports(Capabilities.Operation.TRIGGER_RUN));
    assertTrue(!caps.supports(Capabilities.Operation.LIST_LOGS));
    assertTrue(caps.serverSide(Capabilities.Filter.TAGS));
    assertTrue(!caps.serverSide(Capabilities.Filter.TRIGGER));
    assertTrue(!caps.serverSide(Capabilities.Filter.SEARCH));
  }

  @Test
  void theGeneratedApiUsesTheSameServerAndKey() throws Exception {
    enqueueJson(server, 200, run(RUN).toString());

    FlowRun raw = client.api().getFlowRun(RUN);

    RecordedRequest request = take(server);
    assertEquals("/api/v1/flow-runs/" + RUN, request.getUrl().encodedPath());
    assertEquals("Bearer " + ApFixtures.KEY, request.getHeaders().get("Authorization"));
    assertEquals(FlowRunStatus.SUCCEEDED, raw.getStatus());
  }

  @Test
  void theGeneratedResumeCallsCarryNoKey() throws Exception {
    enqueueJson(server, 200, "{\"message\":\"ok\"}");

    client.api().resumeFlowRun(RUN, "wp-1", Map.of("approved", true));

    assertNull(take(server).getHeaders().get("Authorization"));
  }

  private static void assertBody(RecordedRequest request, String expected) {
    assertEquals(JsonParser.parseString(expected), JsonParser.parseString(request.getBody().utf8()));
  }
}
