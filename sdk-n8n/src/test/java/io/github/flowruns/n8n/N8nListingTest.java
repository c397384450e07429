package io.github.flowruns.n8n;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.flowruns.InvalidRequestException;
import io.github.flowruns.NotFoundException;
import io.github.flowruns.AuthenticationException;
import io.github.flowruns.RetryMode;
import io.github.flowruns.Run;
import io.github.flowruns.RunQuery;
import io.github.flowruns.RunStatus;
import io.github.flowruns.http.RetryPolicy;
import io.github.flowruns.testing.N8nSimulator;
import io.github.flowruns.testing.SimulatedRun;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The n8n facts of vendors.md (n8n) the facade depends on, against the n8n simulator. */
class N8nListingTest {
  private N8nSimulator sim;
  private N8nClient client;

  @BeforeEach
  void start() {
    sim = N8nSimulator.builder().runs(120).flows(3).seed(5).build().start();
    client = N8nClient.builder().apiKey(sim.apiKey()).baseUrl(sim.baseUrl())
        .retryPolicy(RetryPolicy.none()).build();
  }

  @AfterEach
  void stop() {
    client.close();
    sim.close();
  }

  private List<RecordedRequest> drain() throws InterruptedException {
    List<RecordedRequest> out = new ArrayList<>();
    RecordedRequest r;
    while ((r = sim.takeRequest(java.time.Duration.ofMillis(50))) != null) {
      out.add(r);
    }
    return out;
  }

  @Test
  void anUnfilteredListingHoldsEveryExecutionRunningOnesIncludedNewestFirst() throws Exception {
    List<Run> runs = new ArrayList<>();
    client.listRuns(RunQuery.all()).forEach(runs::add);
    // vendors.md, n8n: running executions are listed only with status=running.
    assertEquals(sim.runCount(), runs.size());
    assertTrue(runs.stream().anyMatch(r -> r.status() == RunStatus.RUNNING));
    for (int i = 1; i < runs.size(); i++) {
      assertTrue(Long.parseLong(runs.get(i - 1).id()) > Long.parseLong(runs.get(i).id()), "newest first by id");
    }
    Set<String> statuses = drain().stream().map(r -> String.valueOf(r.getUrl().queryParameter("status")))
        .collect(Collectors.toSet());
    assertEquals(Set.of("null", "running"), statuses);
  }

  @Test
  void aLimitStopsExactlyAtNWithOneRequestPerPagePlusTheRunningListing() throws Exception {
    List<String> first = new ArrayList<>();
    client.listRuns(RunQuery.builder().pageSize(4).build()).forEach(r -> first.add(r.id()));
    drain();
    for (int limit : new int[] {8, 10}) {
      List<String> got = new ArrayList<>();
      client.listRuns(RunQuery.builder().pageSize(4).limit(limit).build()).forEach(r -> got.add(r.id()));
      assertEquals(first.subList(0, limit), got, "limit " + limit);
      List<RecordedRequest> requests = drain();
      long unfiltered = requests.stream().filter(r -> r.getUrl().queryParameter("status") == null).count();
      assertEquals((limit + 3) / 4, unfiltered, "pages of the unfiltered listing for limit " + limit);
      assertTrue(requests.size() - unfiltered <= 1 + (limit + 3) / 4, "running pages for limit " + limit);
    }
  }

  @Test
  void failedIsOneRequestForErrorAndAlsoYieldsCrashedExecutions() throws Exception {
    List<Run> failed = new ArrayList<>();
    client.listRuns(RunQuery.builder().statuses(RunStatus.FAILED).build()).forEach(failed::add);
    long expected = sim.runs().stream().filter(r -> r.status().equals("error") || r.status().equals("crashed")).count();
    assertEquals(expected, failed.size());
    assertTrue(failed.stream().anyMatch(r -> "crashed".equals(r.rawStatus())), "crashed maps to FAILED");
    List<RecordedRequest> requests = drain();
    // vendors.md, n8n: status=error also matches crashed (and older servers refuse status=crashed).
    assertTrue(requests.stream().allMatch(r -> "error".equals(r.getUrl().queryParameter("status"))));
  }

  @Test
  void theCursorIsSentWithTheFiltersAgain() throws Exception {
    String flow = sim.flowIds().get(1);
    client.listRuns(RunQuery.builder().flowIds(flow).statuses(RunStatus.SUCCEEDED).pageSize(3).limit(7).build())
        .forEach(r -> assertEquals(flow, r.flowId()));
    List<RecordedRequest> requests = drain();
    assertEquals(3, requests.size());
    for (RecordedRequest r : requests) {
      // vendors.md, n8n: the cursor does not carry the filters.
      assertEquals(flow, r.getUrl().queryParameter("workflowId"));
      assertEquals("success", r.getUrl().queryParameter("status"));
    }
    assertNotNull(requests.get(2).getUrl().queryParameter("cursor"));
  }

  @Test
  void everyStatusMapsAsTheTableSays() {
    List<Run> runs = new ArrayList<>();
    client.listRuns(RunQuery.all()).forEach(runs::add);
    for (Run r : runs) {
      RunStatus want = switch (r.rawStatus()) {
        case "success" -> RunStatus.SUCCEEDED;
        case "error", "crashed" -> RunStatus.FAILED;
        case "canceled" -> RunStatus.CANCELLED;
        case "running" -> RunStatus.RUNNING;
        case "waiting" -> RunStatus.PAUSED;
        case "new" -> RunStatus.QUEUED;
        default -> RunStatus.UNKNOWN;
      };
      assertEquals(want, r.status(), r.rawStatus());
    }
    assertTrue(runs.stream().anyMatch(r -> r.status() == RunStatus.UNKNOWN && "unknown".equals(r.rawStatus())));
  }

  @Test
  void getRunCarriesTheLastNodeAndTheErrorMessageOfAFailure() throws Exception {
    SimulatedRun failed = sim.runs().stream().filter(r -> r.status().equals("error")).findFirst().orElseThrow();
    Run got = client.getRun(failed.id());
    assertEquals(failed.failedStepName(), got.failedStep().name());
    assertEquals(failed.failedStepMessage(), got.failedStep().message());
    drain().forEach(r -> assertEquals("true", r.getUrl().queryParameter("includeData")));
  }

  @Test
  void aRetryAnswersTheNewExecutionWithRetryOf() {
    SimulatedRun failed = sim.runs().stream().filter(r -> r.status().equals("error")).findFirst().orElseThrow();
    Run retry = client.retryRun(failed.id(), RetryMode.DEFAULT);
    assertEquals(failed.id(), retry.retryOf());
    assertEquals("retry", retry.trigger());
    assertTrue(Long.parseLong(retry.id()) > Long.parseLong(failed.id()));
  }

  @Test
  void idsAndRetryOfAreReadAsNumbersToo() throws Exception {
    // vendors.md, n8n: ids and retryOf arrive as strings in listings and as numbers elsewhere.
    try (mockwebserver3.MockWebServer server = new mockwebserver3.MockWebServer()) {
      server.enqueue(new mockwebserver3.MockResponse.Builder().code(200)
          .addHeader("Content-Type", "application/json")
          .body("{\"id\":1043,\"finished\":false,\"mode\":\"retry\",\"retryOf\":1042,\"status\":\"error\","
              + "\"startedAt\":\"2026-11-29T08:32:52.394Z\",\"stoppedAt\":\"2026-11-29T08:32:52.438Z\","
              + "\"workflowId\":\"rLOfpMMIvxsqzSFc\"}").build());
      server.start();
      try (N8nClient c = N8nClient.builder().apiKey("k").baseUrl(server.url("/").toString())
          .retryPolicy(RetryPolicy.none()).build()) {
        Run retry = c.retryRun("1042", RetryMode.DEFAULT);
        assertEquals("1043", retry.id());
        assertEquals("1042", retry.retryOf());
        assertEquals(RunStatus.FAILED, retry.status());
      }
    }
  }

  @Test
  void aWaitingExecutionHasNotFinishedThoughN8nGivesItAStoppedAt() {
    SimulatedRun waiting = sim.runs().stream().filter(r -> r.status().equals("waiting")).findFirst().orElseThrow();
    Run got = client.getRun(waiting.id());
    assertEquals(RunStatus.PAUSED, got.status());
    assertEquals(null, got.finishedAt());
    assertEquals(null, got.duration());
    SimulatedRun ok = sim.runs().stream().filter(r -> r.status().equals("success")).findFirst().orElseThrow();
    assertNotNull(client.getRun(ok.id()).finishedAt());
  }

  @Test
  void stopCancelsAWaitingExecutionAndRefusesAFinishedOne() {
    SimulatedRun waiting = sim.runs().stream().filter(r -> r.status().equals("waiting")).findFirst().orElseThrow();
    client.stopRun(waiting.id());
    assertEquals(RunStatus.CANCELLED, client.getRun(waiting.id()).status());
    // 2.x: stopping a finished execution is refused (the simulator answers 409).
    SimulatedRun ok = sim.runs().stream().filter(r -> r.status().equals("success")).findFirst().orElseThrow();
    assertThrows(io.github.flowruns.ConflictException.class, () -> client.stopRun(ok.id()));
    assertThrows(NotFoundException.class, () -> client.stopRun(sim.unknownRunId()));
  }

  @Test
  void stopRunsStopsExactlyTheListedExecutions() {
    String flow = sim.flowIds().get(0);
    Set<String> running = sim.runs().stream().filter(r -> r.flowId().equals(flow) && r.status().equals("running"))
        .map(SimulatedRun::id).collect(Collectors.toSet());
    assertTrue(!running.isEmpty(), "the seed has a running execution in " + flow);
    List<String> othersBefore = sim.runs().stream().filter(r -> !r.flowId().equals(flow))
        .map(r -> r.id() + "=" + r.status()).toList();
    io.github.flowruns.BulkResult result = client.stopRuns(
        RunQuery.builder().flowIds(flow).statuses(RunStatus.RUNNING).build());
    assertEquals(running, Set.copyOf(result.succeeded()));
    assertTrue(result.failed().isEmpty());
    assertTrue(sim.runs().stream().filter(r -> running.contains(r.id())).allMatch(r -> r.status().equals("canceled")));
    assertEquals(othersBefore, sim.runs().stream().filter(r -> !r.flowId().equals(flow))
        .map(r -> r.id() + "=" + r.status()).toList(), "other workflows' executions are untouched");
  }

  @Test
  void aClientForN8n1HasNoStopAndSendsNothing() throws Exception {
    drain();
    try (N8nClient old = client.newBuilder().serverVersion("1.123.4").build()) {
      assertTrue(!old.capabilities().supports(io.github.flowruns.Capabilities.Operation.STOP_RUN));
      assertTrue(!old.capabilities().supports(io.github.flowruns.Capabilities.Operation.STOP_RUNS));
      assertThrows(UnsupportedOperationException.class, () -> old.stopRun("1"));
      assertThrows(UnsupportedOperationException.class, () -> old.stopRuns(RunQuery.all()));
      assertTrue(old.capabilities().supports(io.github.flowruns.Capabilities.Operation.RETRY_RUN));
      assertTrue(old.newBuilder().toString().contains("serverVersion=1.x"), old.newBuilder().toString());
    }
    assertEquals(List.of(), drain());
    assertTrue(client.capabilities().supports(io.github.flowruns.Capabilities.Operation.STOP_RUN));
    assertThrows(IllegalArgumentException.class, () -> N8nClient.builder().serverVersion("latest"));
  }

  @Test
  void n8nsErrorsBecomeTypedExceptionsWithItsMessage() {
    SimulatedRun ok = sim.runs().stream().filter(r -> r.status().equals("success")).findFirst().orElseThrow();
    // 409 on 2.41.1 (specs/n8n/observed/retry-succeeded-409.json).
    io.github.flowruns.ConflictException succeeded = assertThrows(io.github.flowruns.ConflictException.class,
        () -> client.retryRun(ok.id(), RetryMode.DEFAULT));
    assertTrue(succeeded.getMessage().contains("cannot be retried"), succeeded.getMessage());
    NotFoundException missing = assertThrows(NotFoundException.class, () -> client.getRun(sim.unknownRunId()));
    assertTrue(missing.getMessage().contains("Not Found"), missing.getMessage());
    InvalidRequestException malformed = assertThrows(InvalidRequestException.class, () -> client.getRun("abc"));
    assertTrue(malformed.getMessage().contains("positive integer"), malformed.getMessage());
    try (N8nClient wrong = client.newBuilder().apiKey("eyJwrong.key.value").build()) {
      assertThrows(AuthenticationException.class, () -> wrong.getRun(ok.id()));
    }
  }
}
