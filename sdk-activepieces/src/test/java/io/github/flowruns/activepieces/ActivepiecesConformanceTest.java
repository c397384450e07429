package io.github.flowruns.activepieces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.flowruns.BulkResult;
import io.github.flowruns.ConflictException;
import io.github.flowruns.FlowRunsException;
import io.github.flowruns.GoneException;
import io.github.flowruns.InvalidRequestException;
import io.github.flowruns.NotFoundException;
import io.github.flowruns.RetryMode;
import io.github.flowruns.Run;
import io.github.flowruns.RunQuery;
import io.github.flowruns.RunStatus;
import io.github.flowruns.testing.ActivepiecesSimulator;
import io.github.flowruns.testing.SimulatedRun;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The adapter against the sdk-testing simulator, which behaves as the open-source Activepieces
 * server does according to vendors.md: it validates status values against its own enum (a current
 * server refuses STOPPED, an older one LOG_SIZE_EXCEEDED, with 400), re-queues the same run on a
 * FROM_FAILED_STEP retry, refuses a retry only with 410 FLOW_RUN_RETRY_OUTSIDE_RETENTION, answers a
 * cancel with nothing while ignoring RUNNING runs and unknown ids, and reports a failed bulk-retry
 * item as the old run plus {@code error}.
 */
class ActivepiecesConformanceTest {
  private static final Instant NEWEST = Instant.parse("2026-03-01T12:00:00Z");
  /** The Activepieces values that are RunStatus.FAILED (api.md). */
  private static final Set<String> FAILURES = Set.of("FAILED", "QUOTA_EXCEEDED", "INTERNAL_ERROR",
      "MEMORY_LIMIT_EXCEEDED", "LOG_SIZE_EXCEEDED");

  private static ActivepiecesSimulator start(boolean older) {
    ActivepiecesSimulator.Builder b = ActivepiecesSimulator.builder().runs(300).flows(4).seed(11)
        .newestAt(NEWEST).retention(Duration.ofDays(10));
    return (older ? b.olderServer() : b).build().start();
  }

  private static ActivepiecesClient client(ActivepiecesSimulator sim) {
    return ActivepiecesClient.builder().apiKey(sim.apiKey()).projectId(sim.projectId())
        .baseUrl(sim.baseUrl()).build();
  }

  private static Set<String> ids(Iterable<Run> runs) {
    Set<String> out = new java.util.LinkedHashSet<>();
    runs.forEach(r -> out.add(r.id()));
    return out;
  }

  private static Set<String> simIds(ActivepiecesSimulator sim, Set<String> rawStatuses) {
    return sim.runs().stream().filter(r -> rawStatuses.contains(r.status())).map(SimulatedRun::id)
        .collect(Collectors.toCollection(java.util.LinkedHashSet::new));
  }

  @ParameterizedTest(name = "older server: {0}")
  @ValueSource(booleans = {false, true})
  void cancelledAndFailedFiltersSucceedAgainstAServerThatValidatesItsEnum(boolean older) {
    try (ActivepiecesSimulator sim = start(older); ActivepiecesClient client = client(sim)) {
      Set<String> cancelled = ids(client.listRuns(RunQuery.builder().statuses(RunStatus.CANCELLED)
          .pageSize(25).build()));
      assertEquals(simIds(sim, Set.of("CANCELED", "STOPPED")), cancelled);
      assertFalse(cancelled.isEmpty());
      if (older) {
        assertTrue(sim.runs().stream().anyMatch(r -> r.status().equals("STOPPED")),
            "the older server's STOPPED runs are CANCELLED");
      }
      Set<String> failed = ids(client.listRuns(RunQuery.builder().statuses(RunStatus.FAILED)
          .pageSize(25).build()));
      assertEquals(simIds(sim, FAILURES), failed);
      Set<String> both = ids(client.listRuns(RunQuery.builder()
          .statuses(RunStatus.FAILED, RunStatus.CANCELLED).build()));
      assertEquals(failed.size() + cancelled.size(), both.size());
    }
  }

  @Test
  void theServerVersionLearnedFromA400IsRemembered() throws Exception {
    try (ActivepiecesSimulator sim = start(true); ActivepiecesClient client = client(sim)) {
      RunQuery failed = RunQuery.builder().statuses(RunStatus.FAILED).pageSize(100).build();
      client.listRuns(failed).forEach(r -> { });
      int first = sim.requestCount();
      assertEquals(2, first, "a 400 for LOG_SIZE_EXCEEDED, then the older server's values");
      client.listRuns(failed).forEach(r -> { });
      assertEquals(first + 1, sim.requestCount(), "the second listing needs one request");
    }
  }

  // A current server's counts and ids are FlowRunsContract's (ActivepiecesContractTest); an older
  // server (STOPPED, no LOG_SIZE_EXCEEDED, learned from a 400) is Activepieces' own, checked here.
  static Stream<Arguments> countQueries() {
    Instant mid = NEWEST.minus(Duration.ofDays(12));
    return Stream.of(
        Arguments.of("everything", RunQuery.all()),
        Arguments.of("started after", RunQuery.builder().startedAfter(mid).build()),
        Arguments.of("started before", RunQuery.builder().startedBefore(mid).build()),
        Arguments.of("a window", RunQuery.builder().startedAfter(mid.minus(Duration.ofDays(9)))
            .startedBefore(mid).build()),
        Arguments.of("statuses", RunQuery.builder()
            .statuses(RunStatus.FAILED, RunStatus.CANCELLED, RunStatus.QUEUED).build()),
        Arguments.of("a tag", RunQuery.builder().tags("finance").build()),
        Arguments.of("search (client-side)", RunQuery.builder().search("step_").build()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("countQueries")
  void countByStatusOnAnOlderServerEqualsGroupingTheListingByStatus(String name, RunQuery query) {
    try (ActivepiecesSimulator sim = start(true); ActivepiecesClient client = client(sim)) {
      Map<RunStatus, Long> listed = new EnumMap<>(RunStatus.class);
      client.listRuns(query).forEach(r -> listed.merge(r.status(), 1L, Long::sum));
      assertFalse(listed.isEmpty(), name);
      assertEquals(listed, client.countByStatus(query), name);
    }
  }

  @Test
  void everyIdFromListRunsOfAnOlderServerWorksInGetRun() {
    try (ActivepiecesSimulator sim = start(true); ActivepiecesClient client = client(sim)) {
      int n = 0;
      for (Run listed : client.listRuns(RunQuery.builder().pageSize(100).build())) {
        Run got = client.getRun(listed.id());
        assertEquals(listed.id(), got.id());
        assertEquals(listed.rawStatus(), got.rawStatus());
        n++;
      }
      assertEquals(300, n);
    }
  }

  // vendors.md (Activepieces): an invalid key is 401. The client reports it as an authentication
  // failure, without the key it sent.
  @Test
  void aWrongKeyIsAnAuthenticationFailureThatDoesNotNameTheKey() {
    try (ActivepiecesSimulator sim = start(false);
        ActivepiecesClient wrong = ActivepiecesClient.builder().apiKey("sk-notTheRightKeyAtAll")
            .projectId(sim.projectId()).baseUrl(sim.baseUrl()).build()) {
      io.github.flowruns.AuthenticationException e = assertThrows(io.github.flowruns.AuthenticationException.class,
          () -> wrong.listRuns(RunQuery.all()).iterator().next());
      assertEquals(401, e.httpStatus().getAsInt());
      assertFalse(String.valueOf(e).contains("notTheRightKey"));
      assertFalse(String.valueOf(e.bodyExcerpt()).contains("notTheRightKey"));
    }
  }

  /** Queues a run through the simulator's webhook route ({@code /draft}: a TESTING run). */
  private static String webhook(ActivepiecesSimulator sim, String path, String parentId) {
    okhttp3.Request.Builder b = new okhttp3.Request.Builder().url(sim.baseUrl() + "/v1/webhooks/" + path)
        .post(okhttp3.RequestBody.create("{}", okhttp3.MediaType.get("application/json")));
    if (parentId != null) b.header("ap-parent-run-id", parentId);
    try (okhttp3.Response r = new okhttp3.OkHttpClient().newCall(b.build()).execute()) {
      assertEquals(200, r.code());
      return com.google.gson.JsonParser.parseString(r.body().string()).getAsJsonObject().get("runId").getAsString();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  // vendors.md (Activepieces): listings show production runs only. The client lists and counts
  // what the server lists, so a TESTING run is in neither, and its id still works in getRun.
  @Test
  void aTestingRunIsNeitherListedNorCountedButGetRunFindsIt() {
    try (ActivepiecesSimulator sim = start(false); ActivepiecesClient client = client(sim)) {
      String testing = webhook(sim, sim.flowIds().get(0) + "/draft", null);
      Set<String> listed = ids(client.listRuns(RunQuery.builder().pageSize(100).build()));
      assertEquals(300, listed.size());
      assertFalse(listed.contains(testing));
      assertEquals(300L, client.countByStatus(RunQuery.all()).values().stream().mapToLong(Long::longValue).sum());
      assertEquals(testing, client.getRun(testing).id());
    }
  }

  // vendors.md (Activepieces): a cancel also cancels the child runs of each cancelled run; the
  // client's stopRun of the parent therefore leaves its queued child CANCELLED too.
  @Test
  void stopRunOfAParentAlsoCancelsItsChildRuns() {
    try (ActivepiecesSimulator sim = start(false); ActivepiecesClient client = client(sim)) {
      String parent = webhook(sim, sim.flowIds().get(0), null);
      String child = webhook(sim, sim.flowIds().get(1), parent);
      assertEquals(RunStatus.QUEUED, client.getRun(child).status());
      client.stopRun(parent);
      assertEquals(RunStatus.CANCELLED, client.getRun(parent).status());
      assertEquals(RunStatus.CANCELLED, client.getRun(child).status());
      assertEquals(parent, client.getRun(child).parentRunId());
    }
  }

  @Test
  void getRunTakesTheFailedStepsMessageFromItsStepsAndListingsCarryNone() {
    try (ActivepiecesSimulator sim = start(false); ActivepiecesClient client = client(sim)) {
      SimulatedRun failed = sim.runs().stream().filter(r -> r.status().equals("FAILED"))
          .findFirst().orElseThrow();
      Run run = client.getRun(failed.id());
      assertEquals(failed.failedStepName(), run.failedStep().name());
      assertEquals(failed.failedStepMessage(), run.failedStep().message());
      Run listed = client.listRuns(RunQuery.builder().statuses(RunStatus.FAILED).build()).stream()
          .filter(r -> r.id().equals(failed.id())).findFirst().orElseThrow();
      assertEquals(failed.failedStepName(), listed.failedStep().name());
      assertNull(listed.failedStep().message(), "failedStep carries no message (vendors.md)");
    }
  }

  @Test
  void retryFromTheFailedStepReturnsTheSameRunRequeuedAndLatestVersionANewRun() {
    try (ActivepiecesSimulator sim = start(false); ActivepiecesClient client = client(sim)) {
      SimulatedRun failed = sim.runs().stream().filter(r -> r.status().equals("FAILED"))
          .findFirst().orElseThrow();
      Run requeued = client.retryRun(failed.id(), RetryMode.FROM_FAILED_STEP);
      assertEquals(failed.id(), requeued.id());
      assertEquals(failed.id(), requeued.retryOf());
      assertEquals(RunStatus.QUEUED, requeued.status());
      assertEquals(300, sim.runCount());

      SimulatedRun ok = sim.runs().stream().filter(r -> r.status().equals("SUCCEEDED"))
          .findFirst().orElseThrow();
      Run fresh = client.retryRun(ok.id(), RetryMode.LATEST_VERSION);
      assertNotEquals(ok.id(), fresh.id());
      assertEquals(ok.id(), fresh.retryOf());
      assertNull(fresh.parentRunId(), "the old run's parent (none), not the old run");
      assertEquals(fresh.id(), client.getRun(fresh.id()).id());
    }
  }

  @Test
  void retryPastRetentionIsGoneWithTheServersCode() {
    try (ActivepiecesSimulator sim = start(false); ActivepiecesClient client = client(sim)) {
      SimulatedRun old = sim.runs().stream().filter(SimulatedRun::failed)
          .filter(r -> r.createdAt().isBefore(NEWEST.minus(Duration.ofDays(11)))).findFirst().orElseThrow();
      GoneException e = assertThrows(GoneException.class,
          () -> client.retryRun(old.id(), RetryMode.FROM_FAILED_STEP));
      assertEquals("FLOW_RUN_RETRY_OUTSIDE_RETENTION", e.errorCode());
      assertEquals(410, e.httpStatus().getAsInt());
      assertTrue(e.getMessage().contains("failedJobRetentionDays"), e.getMessage());
    }
  }

  @Test
  void bulkRetryReportsItemsWithAnErrorAsFailuresAndOnlyRetriedRunsAsNew() {
    try (ActivepiecesSimulator sim = start(false); ActivepiecesClient client = client(sim)) {
      Instant cut = NEWEST.minus(Duration.ofDays(10));
      List<SimulatedRun> failed = sim.runs().stream().filter(r -> FAILURES.contains(r.status())).toList();
      Set<String> gone = failed.stream().filter(r -> r.createdAt().isBefore(cut)).map(SimulatedRun::id)
          .collect(Collectors.toSet());
      assertTrue(!gone.isEmpty() && gone.size() < failed.size());

      // A filter-only query goes to the server as body filters, in one call.
      BulkResult result = client.retryRuns(RunQuery.builder().statuses(RunStatus.FAILED)
          .flowIds(sim.flowIds().toArray(new String[0])).build(), RetryMode.FROM_FAILED_STEP);

      assertEquals(gone, result.failed().keySet());
      result.failed().values().forEach(e -> {
        assertTrue(e instanceof GoneException, e.toString());
        assertEquals("FLOW_RUN_RETRY_OUTSIDE_RETENTION", e.errorCode());
      });
      Set<String> retried = failed.stream().map(SimulatedRun::id).filter(id -> !gone.contains(id))
          .collect(Collectors.toSet());
      assertEquals(retried, Set.copyOf(result.succeeded()));
      assertEquals(retried, result.newRuns().stream().map(Run::id).collect(Collectors.toSet()));
      assertTrue(result.newRuns().stream().allMatch(r -> r.id().equals(r.retryOf())
          && r.status() == RunStatus.QUEUED));
    }
  }

  @Test
  void stopRunReturnsOnceTheServerCancelledTheRun() {
    try (ActivepiecesSimulator sim = start(false); ActivepiecesClient client = client(sim)) {
      SimulatedRun queued = sim.runs().stream().filter(r -> r.status().equals("QUEUED"))
          .findFirst().orElseThrow();
      client.stopRun(queued.id());
      assertEquals("CANCELED", sim.findRun(queued.id()).orElseThrow().status());
      client.stopRun(queued.id()); // already cancelled: stopped all the same
    }
  }

  @Test
  void stopRunOfARunningRunSaysTheVendorDoesNotCancelRunningRuns() {
    try (ActivepiecesSimulator sim = start(false); ActivepiecesClient client = client(sim)) {
      SimulatedRun running = sim.runs().stream().filter(r -> r.status().equals("RUNNING"))
          .findFirst().orElseThrow();
      ConflictException e = assertThrows(ConflictException.class, () -> client.stopRun(running.id()));
      assertTrue(e.getMessage().contains("RUNNING") && e.getMessage().contains("does not cancel"),
          e.getMessage());
      assertEquals("RUN_NOT_CANCELLED", e.errorCode());
      assertEquals("RUNNING", sim.findRun(running.id()).orElseThrow().status());

      SimulatedRun done = sim.runs().stream().filter(r -> r.status().equals("SUCCEEDED"))
          .findFirst().orElseThrow();
      ConflictException finished = assertThrows(ConflictException.class, () -> client.stopRun(done.id()));
      assertTrue(finished.getMessage().contains("already ended SUCCEEDED"), finished.getMessage());
    }
  }

  @ParameterizedTest(name = "older server: {0}")
  @ValueSource(booleans = {false, true})
  void stopRunOrGetRunOfAnIdThatDoesNotExistIsNotFound(boolean older) {
    try (ActivepiecesSimulator sim = start(older); ActivepiecesClient client = client(sim)) {
      String missing = "AAAAAAAAAAAAAAAAAAAAA";
      NotFoundException stop = assertThrows(NotFoundException.class, () -> client.stopRun(missing));
      assertEquals("stopRun", stop.operation());
      NotFoundException get = assertThrows(NotFoundException.class, () -> client.getRun(missing));
      assertEquals(older ? "FLOW_RUN_NOT_FOUND" : "ENTITY_NOT_FOUND", get.errorCode());
      assertEquals(older ? 400 : 404, get.httpStatus().getAsInt());
    }
  }

  @Test
  void aMalformedIdIsTheServersInvalidRequest() {
    try (ActivepiecesSimulator sim = start(false); ActivepiecesClient client = client(sim)) {
      InvalidRequestException e = assertThrows(InvalidRequestException.class,
          () -> client.getRun("no-such-run"));
      assertEquals(400, e.httpStatus().getAsInt());
      FlowRunsException retry = assertThrows(InvalidRequestException.class,
          () -> client.retryRun("short", RetryMode.DEFAULT));
      assertEquals(400, retry.httpStatus().getAsInt());
    }
  }
}
