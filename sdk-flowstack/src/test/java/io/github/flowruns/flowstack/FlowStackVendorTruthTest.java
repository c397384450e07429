package io.github.flowruns.flowstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.flowruns.Run;
import io.github.flowruns.RunQuery;
import io.github.flowruns.RunStatus;
import io.github.flowruns.testing.FlowStackSimulator;
import io.github.flowruns.testing.SimulatedRun;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client against the FlowStack simulator, which follows vendors.md (FlowStack): a last page
 * with a cursor and {@code hasMore: false}, the flows route with engines, status filters only with
 * the three documented values (others refused with 400).
 */
class FlowStackVendorTruthTest {
  private static final Instant NEWEST = Instant.parse("2026-04-01T00:00:00Z");

  private FlowStackSimulator sim;
  private FlowStackClient client;

  @BeforeEach
  void start() {
    // 105 flows: more than one page of GET /api/v1/flows (at most 100 a page).
    sim = FlowStackSimulator.builder().runs(600).flows(105).seed(5).newestAt(NEWEST).build().start();
    client = FlowStackClient.builder().apiKey(sim.apiKey()).baseUrl(sim.baseUrl()).build();
  }

  @AfterEach
  void stop() {
    client.close();
    sim.close();
  }

  /** The requests the simulator received since the last call. */
  private List<RecordedRequest> requests() {
    List<RecordedRequest> out = new java.util.ArrayList<>();
    try {
      for (RecordedRequest r; (r = sim.takeRequest(java.time.Duration.ofMillis(50))) != null; ) {
        out.add(r);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
    return out;
  }

  private Map<RunStatus, Long> listedCounts(RunQuery query) {
    Map<RunStatus, Long> counts = new EnumMap<>(RunStatus.class);
    client.listRuns(query).forEach(r -> counts.merge(r.status(), 1L, Long::sum));
    return counts;
  }

  // vendors.md (FlowStack): keys have Read, Write or Admin scope; a trigger with a Read key is
  // FORBIDDEN 403, which the client reports as a permission refusal, not as a bad key.
  @Test
  void aTriggerWithAReadScopeKeyIsAPermissionDeniedThatDoesNotNameTheKey() {
    try (FlowStackSimulator scoped = FlowStackSimulator.builder().runs(10).flows(1).seed(3)
            .readScopeKey("fs_test_readonlysecret").build().start();
        FlowStackClient reader = FlowStackClient.builder().apiKey("fs_test_readonlysecret")
            .baseUrl(scoped.baseUrl()).build()) {
      String flow = scoped.flowIds().get(0);
      assertEquals(10, reader.listRuns(RunQuery.builder().flowIds(flow).build()).stream().count());
      io.github.flowruns.PermissionDeniedException e = org.junit.jupiter.api.Assertions.assertThrows(
          io.github.flowruns.PermissionDeniedException.class, () -> reader.triggerRun(flow, Map.of("a", 1)));
      assertEquals(403, e.httpStatus().getAsInt());
      assertEquals("FORBIDDEN", e.errorCode());
      assertFalse(String.valueOf(e).contains("readonlysecret"));
      assertEquals(10, scoped.runs().size());
    }
  }

  // The stats endpoint's categories (succeeded, failed, rest) do not map onto statuses, so it is
  // never used: counting a whole account of 105 flows lists them. That counts equal the listing
  // for any query, and that every listed id works in getRun, is FlowRunsContract's (run here by
  // FlowStackContractTest).
  @Test
  void countByStatusOfTheWholeAccountListsEveryFlowAndNeverAsksForStats() {
    Map<RunStatus, Long> all = client.countByStatus(RunQuery.all());
    assertEquals(listedCounts(RunQuery.all()), all);
    assertEquals(600L, all.values().stream().mapToLong(Long::longValue).sum());
    assertTrue(all.containsKey(RunStatus.TIMED_OUT) && all.containsKey(RunStatus.CANCELLED), all.toString());
    RunQuery failed = RunQuery.builder().statuses(RunStatus.FAILED).build();
    assertEquals(listedCounts(failed), client.countByStatus(failed), "FAILED, which stats would mix with timeouts");
    assertTrue(requests().stream().noneMatch(r -> r.getUrl().encodedPath().endsWith("/stats")));
  }

  @Test
  void theIdOfATriggeredRunWorksInGetRun() {
    Run started = client.triggerRun(sim.flowIds().get(4), Map.of("orderId", 42));
    assertEquals(started.id(), client.getRun(started.id()).id());
    assertTrue(started.id().startsWith(sim.flowIds().get(4) + "/run_"), started.id());
  }

  // vendors.md, FlowStack: GET /api/v1/flows ({data, cursor, hasMore}; hasMore decides).
  @Test
  void aQueryWithoutFlowsListsEveryFlowOfTheAccountNewestFirst() {
    List<Run> runs = client.listRuns(RunQuery.all()).stream().collect(Collectors.toList());

    Set<String> want = sim.runs().stream().map(r -> r.flowId() + "/" + r.id()).collect(Collectors.toSet());
    assertEquals(want, runs.stream().map(Run::id).collect(Collectors.toSet()));
    assertEquals(want.size(), runs.size());
    for (int i = 1; i < runs.size(); i++) {
      Instant prev = runs.get(i - 1).startedAt();
      Instant cur = runs.get(i).startedAt();
      assertTrue(prev == null || cur != null && !cur.isAfter(prev), "newest first at " + i);
    }
    List<String> flowPages = requests().stream().map(RecordedRequest::getTarget)
        .filter(t -> t.startsWith("/api/v1/flows?")).collect(Collectors.toList());
    assertEquals(2, flowPages.size(), flowPages.toString()); // 105 flows: 100 + 5, then hasMore false
  }

  // vendors.md, FlowStack: the status filter is sent only as SUCCEEDED, FAILED or RUNNING; the
  // simulator refuses any other value with 400, so these succeed only if filtered client-side.
  @Test
  void filtersOnUndocumentedStatusesSucceedAgainstAServerThatRefusesThemAsFilters() {
    String flow = sim.flowIds().get(0);
    for (RunStatus status : List.of(RunStatus.TIMED_OUT, RunStatus.CANCELLED, RunStatus.QUEUED, RunStatus.PAUSED)) {
      List<Run> got = client.listRuns(RunQuery.builder().flowIds(flow).statuses(status).build())
          .stream().collect(Collectors.toList());
      long want = sim.runs().stream().filter(r -> r.flowId().equals(flow))
          .filter(r -> FlowStackMapping.STATUSES.toRunStatus(
              io.github.flowruns.flowstack.model.FlowRunStatus.fromRaw(r.status())) == status).count();
      assertEquals(want, got.size(), status.name());
    }
    List<String> sent = requests().stream().map(RecordedRequest::getTarget)
        .filter(t -> t.contains("status=")).collect(Collectors.toList());
    assertEquals(List.of(), sent);
    client.listRuns(RunQuery.builder().flowIds(flow).statuses(RunStatus.FAILED).build()).forEach(r -> { });
    assertTrue(requests().stream().anyMatch(r -> r.getTarget().contains("status=FAILED")));
  }

  // vendors.md, FlowStack: a non-null cursor with hasMore false ends the listing.
  @Test
  void aLastPageWithACursorAndHasMoreFalseEndsTheListing() {
    String flow = sim.flowIds().get(0);
    long want = sim.runs().stream().filter(r -> r.flowId().equals(flow)).count();
    assertEquals(want, client.listRuns(RunQuery.builder().flowIds(flow).pageSize(3).build()).stream().count());
    long pages = requests().stream().filter(r -> r.getUrl().encodedPath().endsWith("/runs")).count();
    assertEquals((want + 2) / 3, pages);
    assertFalse(sim.runs().isEmpty());
    SimulatedRun any = sim.runs().get(0);
    assertEquals(any.flowId() + "/" + any.id(), client.getRun(any.flowId() + "/" + any.id()).id());
  }
}
