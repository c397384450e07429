package io.github.flowruns.patchworks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.flowruns.Page;
import io.github.flowruns.RetryMode;
import io.github.flowruns.Run;
import io.github.flowruns.RunLog;
import io.github.flowruns.RunQuery;
import io.github.flowruns.RunStatus;
import io.github.flowruns.testing.PatchworksSimulator;
import io.github.flowruns.testing.SimulatedRun;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The adapter against the Patchworks simulator, which follows vendors.md: one status and one flow
 * per listing (a comma list is refused with 422), newest first only with {@code sort=-started_at},
 * JSON:API log items, integer statuses, {@code retry_flow_run_id}, the current login route.
 */
class PatchworksSimulatorConformanceTest {
  private static final Instant NEWEST = Instant.parse("2026-05-10T09:00:00Z");
  private PatchworksSimulator sim;
  private PatchworksClient client;

  @BeforeEach
  void start() {
    sim = PatchworksSimulator.builder().runs(400).seed(11).newestAt(NEWEST).build().start();
    client = client(sim);
  }

  @AfterEach
  void stop() {
    client.close();
    sim.close();
  }

  private static PatchworksClient client(PatchworksSimulator sim) {
    return PatchworksClient.builder().apiKey(sim.apiKey()).baseUrl(sim.baseUrl()).build();
  }

  // vendors.md: one status / one flow per call (no comma list), sort=-started_at; the SDK lists
  // each and merges them newest first, every matching run once, resumable from any page.
  @Test
  void severalStatusesAndFlowsListEveryMatchingRunOnceNewestFirst() {
    Set<String> flows = Set.of(sim.flowIds().get(1), sim.flowIds().get(3));
    Set<String> codes = Set.of("3", "5", "4");
    List<String> expected = sim.runs().stream()
        .filter(r -> flows.contains(r.flowId()) && codes.contains(r.status()))
        .map(SimulatedRun::id).toList();
    assertTrue(expected.size() > 10, "enough runs to span pages");
    RunQuery query = RunQuery.builder().flowIds(List.copyOf(flows))
        .statuses(RunStatus.FAILED, RunStatus.PARTIALLY_SUCCEEDED, RunStatus.CANCELLED).pageSize(4).build();

    List<String> ids = new ArrayList<>();
    List<String> tokens = new ArrayList<>();
    for (Page<Run> page : client.listRuns(query).pages()) {
      page.items().forEach(run -> ids.add(run.id()));
      tokens.add(page.nextToken());
    }

    assertEquals(expected, ids, "the simulator's own newest-first order, each run once");
    String middle = tokens.get(tokens.size() / 2);
    List<String> resumed = client.listRuns(query).resumeFrom(middle).stream().map(Run::id).toList();
    assertEquals(ids.subList(ids.size() - resumed.size(), ids.size()), resumed);
    assertTrue(resumed.size() < ids.size() && !resumed.isEmpty());
  }

  // vendors.md: statuses are integers; rawStatus is the text as sent ("2" for the integer 2).
  @Test
  void rawStatusIsTheIntegerAsSent() {
    for (Run run : client.listRuns(RunQuery.builder().limit(30).build())) {
      SimulatedRun simulated = sim.findRun(run.id()).orElseThrow();
      assertEquals(simulated.status(), run.rawStatus());
    }
  }

  // vendors.md: the vendor's tool reads data[].attributes.{log_level, log_message, created_at,
  // flow_step_id, payload_metadata_id}; logs may come flat too: both read the same.
  // vendors.md (Patchworks): run logs are kept 7 days. Past that, the run still reads and its
  // logs are an empty listing, not an error.
  @Test
  void aRunOlderThanTheSevenDaysOfLogsReadsWithAnEmptyLogListing() {
    Instant cutoff = NEWEST.minus(java.time.Duration.ofDays(7));
    SimulatedRun old = sim.runs().stream()
        .filter(r -> r.status().equals("3") && r.createdAt().isBefore(cutoff.minusSeconds(3600)))
        .findFirst().orElseThrow();
    assertEquals(old.id(), client.getRun(old.id()).id());
    assertEquals(List.of(), client.listLogs(old.id()).stream().toList());
    SimulatedRun recent = sim.runs().stream()
        .filter(r -> r.status().equals("3") && r.createdAt().isAfter(cutoff.plusSeconds(3600)))
        .findFirst().orElseThrow();
    assertFalse(client.listLogs(recent.id()).stream().toList().isEmpty());
  }

  @Test
  void logsReadTheSameWhetherJsonApiOrFlat() {
    SimulatedRun failed = sim.runs().stream().filter(r -> r.status().equals("3")).findFirst().orElseThrow();
    List<RunLog> jsonApi = client.listLogs(failed.id()).stream().toList();
    try (PatchworksSimulator flatSim = PatchworksSimulator.builder().runs(400).seed(11).newestAt(NEWEST)
            .jsonApiLogs(false).build().start();
         PatchworksClient flatClient = client(flatSim)) {
      assertEquals(jsonApi, flatClient.listLogs(failed.id()).stream().toList());
    }
    RunLog error = jsonApi.stream().filter(l -> "error".equals(l.level())).findFirst().orElseThrow();
    assertEquals(failed.failedStepMessage(), error.message());
    assertNotNull(error.createdAt());
    assertNotNull(error.stepId());
    assertNotNull(error.payloadId());
    assertEquals(failed.id(), error.runId());
    assertTrue(jsonApi.stream().allMatch(l -> l.level() != null && l.message() != null && l.createdAt() != null));
  }

  // Issue 10: failedStep is filled on getRun from the error logs (include=errorWarningLogs),
  // whether the run and its logs come flat or JSON:API.
  @Test
  void getRunOfAFailedRunCarriesItsFailedStepFromTheErrorLogs() {
    SimulatedRun failed = sim.runs().stream().filter(r -> r.status().equals("3")).findFirst().orElseThrow();
    Run flat = client.getRun(failed.id());
    assertNotNull(flat.failedStep());
    assertEquals(failed.failedStepMessage(), flat.failedStep().message());
    RunLog error = client.listLogs(failed.id()).stream().filter(l -> "error".equals(l.level())).findFirst().orElseThrow();
    assertEquals(error.stepId(), flat.failedStep().name());
    try (PatchworksSimulator jsonApiSim = PatchworksSimulator.builder().runs(400).seed(11).newestAt(NEWEST)
            .jsonApi(true).build().start();
         PatchworksClient jsonApiClient = client(jsonApiSim)) {
      assertEquals(flat.failedStep(), jsonApiClient.getRun(failed.id()).failedStep());
    }
    SimulatedRun succeeded = sim.runs().stream().filter(r -> r.status().equals("2")).findFirst().orElseThrow();
    assertNull(client.getRun(succeeded.id()).failedStep());
  }

  // vendors.md: a retry's run carries retry_flow_run_id, the run it retried.
  @Test
  void aRetryIsTheNewRunAndSaysWhichRunItRetried() {
    SimulatedRun failed = sim.runs().stream().filter(r -> r.status().equals("3")).findFirst().orElseThrow();
    Run retry = client.retryRun(failed.id(), RetryMode.DEFAULT);
    assertEquals(failed.id(), retry.retryOf());
    assertEquals(RunStatus.RUNNING, retry.status());
    assertEquals(failed.id(), client.getRun(retry.id()).retryOf());
    assertNull(client.getRun(failed.id()).retryOf());
  }

  // vendors.md: the current route (email, data.token) is the default; the older one by configuration.
  @Test
  void loginWorksOnTheCurrentRouteByDefaultAndOnTheOlderOneByConfiguration() {
    Function<PatchworksClient.Builder, PatchworksClient> build = b -> b.login(sim.username(), sim.password())
        .baseUrl(sim.baseUrl()).loginBaseUrl(sim.loginBaseUrl()).build();
    try (PatchworksClient current = build.apply(PatchworksClient.builder());
         PatchworksClient older = build.apply(PatchworksClient.builder().legacyLoginRoute())) {
      assertEquals(5, current.listRuns(RunQuery.builder().limit(5).build()).stream().count());
      assertEquals(5, older.listRuns(RunQuery.builder().limit(5).build()).stream().count());
    }
  }

  @Test
  void theSimulatorRefusesACommaListSoTheSdkNeverSendsOne() {
    // The run ids and statuses the SDK asked for came back: a comma list would have been a 422.
    Map<String, Long> byStatus = client.listRuns(RunQuery.builder()
            .statuses(RunStatus.FAILED, RunStatus.CANCELLED).build()).stream()
        .collect(Collectors.groupingBy(Run::rawStatus, Collectors.counting()));
    assertEquals(Set.of("3", "4"), byStatus.keySet());
  }
}
