package io.github.flowruns.patchworks;

import static io.github.flowruns.patchworks.FakePatchworks.json;
import static io.github.flowruns.patchworks.FakePatchworks.page;
import static io.github.flowruns.patchworks.FakePatchworks.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.flowruns.BulkResult;
import io.github.flowruns.Capabilities;
import io.github.flowruns.InvalidRequestException;
import io.github.flowruns.RetryMode;
import io.github.flowruns.Run;
import io.github.flowruns.RunLog;
import io.github.flowruns.RunQuery;
import io.github.flowruns.RunStatus;
import io.github.flowruns.patchworks.api.FlowRunLogsApi;
import io.github.flowruns.patchworks.model.FlowRun;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** getRun, retryRun, stopRun, countByStatus, the bulk actions, listLogs and api(). */
class PatchworksActionsTest {
  private final FakePatchworks patchworks = new FakePatchworks();
  private final PatchworksClient client = patchworks.client();

  @AfterEach
  void close() {
    client.close();
    patchworks.close();
  }

  @Test
  void getRunReadsOneRunAndKeepsTheGeneratedModel() {
    patchworks.enqueue(200, "{\"data\":" + run(4294967297L, 42, 3) + "}");

    Run run = client.getRun("4294967297");

    RecordedRequest request = patchworks.take();
    assertEquals("GET", request.getMethod());
    assertEquals("/api/v1/flow-runs/4294967297?include=errorWarningLogs", request.getTarget());
    assertEquals(FakePatchworks.API_KEY, request.getHeaders().get("Authorization"));
    assertEquals("4294967297", run.id());
    assertEquals(RunStatus.FAILED, run.status());
    assertEquals(4294967297L, run.unwrap(FlowRun.class).getId());
  }

  @Test
  void anIdWithSlashesDotsQueryAndFragmentCharactersStaysOneEncodedPathSegment() {
    patchworks.enqueue(200, "{\"data\":" + run(7, 42, 2) + "}");
    patchworks.enqueue(200, "{}");

    client.getRun("../admin?x=1#top é");
    client.stopRun("a/../../b");

    assertEquals("/api/v1/flow-runs/..%2Fadmin%3Fx%3D1%23top%20%C3%A9?include=errorWarningLogs", patchworks.take().getTarget());
    assertEquals("/api/v1/flow-runs/a%2F..%2F..%2Fb/stop", patchworks.take().getTarget());
  }

  @Test
  void getRunAlsoReadsARunSentWithoutTheDataEnvelope() {
    patchworks.enqueue(200, run(7, 42, 2));

    assertEquals(RunStatus.SUCCEEDED, client.getRun("7").status());
  }

  @Test
  void aBlankRunIdFailsBeforeAnyRequest() {
    assertThrows(IllegalArgumentException.class, () -> client.getRun(" "));
    assertThrows(IllegalArgumentException.class, () -> client.stopRun(".."));
    assertEquals(0, patchworks.requestCount());
  }

  @Test
  void retryRunPostsAndReturnsTheRunTheAnswerNames() {
    patchworks.enqueue(200, "{\"message\":\"Flow run retried.\",\"data\":" + run(1003, 42, 1) + "}");

    Run retried = client.retryRun("1001", RetryMode.DEFAULT);

    RecordedRequest request = patchworks.take();
    assertEquals("POST", request.getMethod());
    assertEquals("/api/v1/flow-runs/1001/retry", request.getTarget());
    assertEquals(0, request.getBodySize());
    assertEquals("1003", retried.id());
    assertEquals(RunStatus.RUNNING, retried.status());
    assertEquals(1, patchworks.requestCount());
  }

  @Test
  void retryRunReadsTheRunAgainWhenTheAnswerHoldsNone() {
    patchworks.enqueue(200, "{\"message\":\"Flow run queued for retry.\"}")
        .enqueue(200, "{\"data\":" + run(1001, 42, 1) + "}");

    Run run = client.retryRun("1001", RetryMode.DEFAULT);

    assertEquals("/api/v1/flow-runs/1001/retry", patchworks.take().getTarget());
    RecordedRequest reread = patchworks.take();
    assertEquals("GET", reread.getMethod());
    assertEquals("/api/v1/flow-runs/1001?include=errorWarningLogs", reread.getTarget());
    assertEquals("1001", run.id());
    assertEquals(RunStatus.RUNNING, run.status());
  }

  @Test
  void retryRunReadsTheRunAgainWhenTheAnswerIsEmpty() {
    patchworks.enqueue(200, "").enqueue(200, "{\"data\":" + run(1001, 42, 1) + "}");

    assertEquals("1001", client.retryRun("1001", RetryMode.DEFAULT).id());
    assertEquals(2, patchworks.requestCount());
  }

  @ParameterizedTest
  @EnumSource(value = RetryMode.class, names = {"FROM_FAILED_STEP", "LATEST_VERSION"})
  void aRetryModePatchworksLacksFailsBeforeAnyRequestNamingTheMode(RetryMode mode) {
    UnsupportedOperationException error = assertThrows(UnsupportedOperationException.class,
        () -> client.retryRun("1001", mode));
    assertTrue(error.getMessage().contains(mode.name()), error.getMessage());
    assertTrue(error.getMessage().contains("Patchworks"), error.getMessage());

    assertThrows(UnsupportedOperationException.class, () -> client.retryRuns(RunQuery.all(), mode));
    assertEquals(0, patchworks.requestCount());
  }

  @Test
  void aRetryPatchworksRefusesBecomesAnInvalidRequest() {
    patchworks.enqueue(422, "{\"message\":\"The flow run is still running.\",\"errors\":{\"flow_run\":[\"The flow run is still running.\"]}}");

    InvalidRequestException error = assertThrows(InvalidRequestException.class,
        () -> client.retryRun("1001", RetryMode.DEFAULT));

    assertEquals("retryRun", error.operation());
    assertEquals(Map.of("flow_run", List.of("The flow run is still running.")), error.fieldErrors());
    assertEquals(1, patchworks.requestCount(), "no re-read after a refusal");
  }

  @Test
  void stopRunPostsToTheStopPath() {
    patchworks.enqueue(200, "{\"message\":\"Flow run stopped.\"}");

    client.stopRun("1001");

    RecordedRequest request = patchworks.take();
    assertEquals("POST", request.getMethod());
    assertEquals("/api/v1/flow-runs/1001/stop", request.getTarget());
    assertEquals(0, request.getBodySize());
  }

  @Test
  void triggerRunIsNotSupportedAndSaysSo() {
    assertTrue(!client.capabilities().supports(Capabilities.Operation.TRIGGER_RUN));

    UnsupportedOperationException error = assertThrows(UnsupportedOperationException.class,
        () -> client.triggerRun("42", Map.of()));

    assertTrue(error.getMessage().contains("Patchworks") && error.getMessage().contains("triggerRun"), error.getMessage());
  }

  @Test
  void countByStatusAsksOnceForEachStatusWithTheOtherFiltersAndReadsTheTotals() {
    Map<String, Long> totals = Map.of("1", 2L, "2", 120L, "3", 7L, "4", 0L, "5", 4294967296L);
    patchworks.dispatch(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        long total = totals.get(request.getUrl().queryParameter("filter[status]"));
        return json(200, page(1, 1, 1, total, total == 0 ? new String[0] : new String[] {run(1, 42, 1)}));
      }
    });

    Map<RunStatus, Long> counts = client.countByStatus(RunQuery.builder().flowIds("42").limit(1).build());

    assertEquals(Map.of(RunStatus.RUNNING, 2L, RunStatus.SUCCEEDED, 120L, RunStatus.FAILED, 7L,
        RunStatus.CANCELLED, 0L, RunStatus.PARTIALLY_SUCCEEDED, 4294967296L), counts);
    Set<String> queries = patchworks.takeAll().stream().map(r -> r.getUrl().encodedQuery()).collect(Collectors.toSet());
    assertEquals(Set.of(
        "filter%5Bflow_id%5D=42&filter%5Bstatus%5D=1&sort=-started_at&page=1&per_page=1",
        "filter%5Bflow_id%5D=42&filter%5Bstatus%5D=2&sort=-started_at&page=1&per_page=1",
        "filter%5Bflow_id%5D=42&filter%5Bstatus%5D=3&sort=-started_at&page=1&per_page=1",
        "filter%5Bflow_id%5D=42&filter%5Bstatus%5D=4&sort=-started_at&page=1&per_page=1",
        "filter%5Bflow_id%5D=42&filter%5Bstatus%5D=5&sort=-started_at&page=1&per_page=1"), queries);
  }

  @Test
  void countByStatusCountsOnlyTheStatusesAskedFor() {
    patchworks.enqueue(200, page(1, 7, 1, 7, run(1, 42, 3)));

    Map<RunStatus, Long> counts = client.countByStatus(RunQuery.builder()
        .statuses(RunStatus.FAILED, RunStatus.QUEUED).build());

    assertEquals(Map.of(RunStatus.FAILED, 7L, RunStatus.QUEUED, 0L), counts);
    assertEquals("filter%5Bstatus%5D=3&sort=-started_at&page=1&per_page=1", patchworks.take().getUrl().encodedQuery());
    assertEquals(1, patchworks.requestCount());
  }

  @Test
  void countByStatusCountsUnknownAsTheTotalLessTheFiveKnownStatuses() {
    patchworks.dispatch(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        String status = request.getUrl().queryParameter("filter[status]");
        long total = status == null ? 20 : Long.parseLong(status); // 1+2+3+4+5 = 15 known
        return json(200, page(1, 20, 1, total, run(1, 42, 1)));
      }
    });

    Map<RunStatus, Long> counts = client.countByStatus(RunQuery.builder().statuses(RunStatus.UNKNOWN).build());

    assertEquals(Map.of(RunStatus.UNKNOWN, 5L), counts);
    assertEquals(6, patchworks.requestCount());
  }

  @Test
  void countByStatusWithoutMetaTotalIsAnUnreadableResponse() {
    patchworks.enqueue(200, "{\"data\":[]}");

    assertThrows(io.github.flowruns.ResponseParseException.class,
        () -> client.countByStatus(RunQuery.builder().statuses(RunStatus.FAILED).build()));
  }

  @Test
  void retryRunsRetriesEachListedRunAndReportsEachOutcome() {
    Set<String> retried = ConcurrentHashMap.newKeySet();
    patchworks.dispatch(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        String path = request.getUrl().encodedPath();
        if (path.equals("/api/v1/flow-runs")) {
          return json(200, page(1, 1, 15, 3, run(1, 42, 3), run(2, 42, 3), run(3, 42, 3)));
        }
        String id = request.getUrl().pathSegments().get(3);
        retried.add(request.getMethod() + " " + path);
        if (id.equals("2")) {
          return json(422, "{\"message\":\"The flow run cannot be retried.\",\"errors\":{}}");
        }
        return json(200, "{\"data\":" + run(100 + Long.parseLong(id), 42, 1) + "}");
      }
    });

    BulkResult result = client.retryRuns(RunQuery.builder().statuses(RunStatus.FAILED).build(), RetryMode.DEFAULT);

    assertEquals(Set.of("POST /api/v1/flow-runs/1/retry", "POST /api/v1/flow-runs/2/retry",
        "POST /api/v1/flow-runs/3/retry"), retried);
    assertEquals(Set.of("1", "3"), new HashSet<>(result.succeeded()));
    assertInstanceOf(InvalidRequestException.class, result.failed().get("2"));
    assertEquals(Set.of("101", "103"), result.newRuns().stream().map(Run::id).collect(Collectors.toSet()));
  }

  @Test
  void stopRunsStopsEachListedRun() {
    Set<String> stopped = ConcurrentHashMap.newKeySet();
    patchworks.dispatch(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        if (request.getMethod().equals("GET")) {
          return json(200, page(1, 1, 15, 2, run(5, 42, 1), run(6, 42, 1)));
        }
        stopped.add(request.getUrl().encodedPath());
        return json(200, "{\"message\":\"Flow run stopped.\"}");
      }
    });

    BulkResult result = client.stopRuns(RunQuery.builder().statuses(RunStatus.RUNNING).build());

    assertEquals(Set.of("/api/v1/flow-runs/5/stop", "/api/v1/flow-runs/6/stop"), stopped);
    assertEquals(Set.of("5", "6"), new HashSet<>(result.succeeded()));
    assertTrue(result.allSucceeded());
  }

  @Test
  void listLogsPagesThroughARunsLogs() {
    patchworks.enqueue(200, "{\"data\":[{\"id\":9000000001,\"flow_run_id\":77,\"flow_step_id\":55,\"log_level\":\"error\","
            + "\"log_message\":\"Shopify answered 429\",\"created_at\":\"2026-03-01 19:00:04\"}],"
            + "\"meta\":{\"current_page\":1,\"last_page\":2,\"total\":2}}")
        .enqueue(200, "{\"data\":[{\"id\":9000000002,\"log_level\":\"info\",\"log_message\":\"done\"}],"
            + "\"meta\":{\"current_page\":2,\"last_page\":2,\"total\":2}}");

    List<RunLog> logs = client.listLogs("77").stream().toList();

    assertEquals(2, logs.size());
    RunLog first = logs.get(0);
    assertEquals("9000000001", first.id());
    assertEquals("77", first.runId());
    assertEquals("55", first.stepId());
    assertEquals("error", first.level());
    assertEquals("Shopify answered 429", first.message());
    assertEquals(Instant.parse("2026-03-01T19:00:04Z"), first.createdAt());
    assertEquals("77", logs.get(1).runId(), "an entry without flow_run_id belongs to the run asked for");
    assertNull(logs.get(1).stepId());
    RecordedRequest page1 = patchworks.take();
    assertEquals("/api/v1/flow-runs/77/flow-run-logs?page=1&sort=id", page1.getTarget());
    assertEquals("/api/v1/flow-runs/77/flow-run-logs?page=2&sort=id", patchworks.take().getTarget());
  }

  @Test
  void apiGivesTheGeneratedClientOnTheSameTransportAndAuth() throws Exception {
    patchworks.enqueue(200, "{\"message\":\"Your download has been queued.\"}");

    FlowRunLogsApi api = client.api();
    Object answer = api.downloadFlowRunLogs("1001");

    RecordedRequest request = patchworks.take();
    assertEquals("/api/v1/flow-runs/1001/download", request.getTarget());
    assertEquals(FakePatchworks.API_KEY, request.getHeaders().get("Authorization"));
    assertEquals("Your download has been queued.", ((Map<?, ?>) answer).get("message"));
  }

  @Test
  void capabilitiesTellTheTruth() {
    Capabilities caps = client.capabilities();

    for (Capabilities.Operation op : Capabilities.Operation.values()) {
      assertEquals(op != Capabilities.Operation.TRIGGER_RUN, caps.supports(op), op.name());
    }
    for (Capabilities.Filter filter : Capabilities.Filter.values()) {
      assertEquals(filter != Capabilities.Filter.TAGS, caps.serverSide(filter), filter.name());
    }
  }
}
