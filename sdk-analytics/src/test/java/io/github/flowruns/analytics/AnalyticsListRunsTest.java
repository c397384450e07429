package io.github.flowruns.analytics;

import static io.github.flowruns.analytics.ScriptedStackAi.run;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.github.flowruns.Capabilities;
import io.github.flowruns.FailedStep;
import io.github.flowruns.Page;
import io.github.flowruns.Paged;
import io.github.flowruns.Run;
import io.github.flowruns.RunQuery;
import io.github.flowruns.RunStatus;
import io.github.flowruns.Vendor;
import io.github.flowruns.analytics.model.FlowRunSummary;
import io.github.flowruns.analytics.model.RunType;
import io.github.flowruns.contract.Scripted;
import io.github.flowruns.http.RequestOptions;
import io.github.flowruns.http.RetryPolicy;
import io.github.flowruns.testing.AnalyticsSimulator;
import io.github.flowruns.testing.SimulatedRun;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Listing: filters, paging, flows, run mapping and counting, against the StackAI simulator: what
 * StackAI's client sends and keeps client-side. The generic promises (paging, resume, limits,
 * server-side = client-side filters) are in {@link AnalyticsContractTest}. Tests that need a run
 * no seeded history holds (an exact summary, a flow id with a slash, a user id) script a plain
 * MockWebServer.
 */
class AnalyticsListRunsTest {
  private AnalyticsSimulator sim;
  private AnalyticsClient client;
  private String base;
  private String flow1;
  private String flow2;

  @BeforeEach
  void start() {
    sim = AnalyticsSimulator.builder().runs(24).flows(2).seed(7).build().start();
    base = "/analytics/org/" + sim.orgId() + "/flows/";
    flow1 = sim.flowIds().get(0);
    flow2 = sim.flowIds().get(1);
    client = AnalyticsClient.builder().apiKey(sim.apiKey()).orgId(sim.orgId())
        .baseUrl(sim.baseUrl()).retryPolicy(RetryPolicy.none()).build();
  }

  @AfterEach
  void stop() {
    client.close();
    sim.close();
  }

  private List<String> ids(RunQuery query) {
    return ids(client.listRuns(query));
  }

  private static List<String> ids(Iterable<Run> runs) {
    List<String> ids = new ArrayList<>();
    runs.forEach(r -> ids.add(r.id()));
    return ids;
  }

  /** The requests received since the last call, in order. */
  private List<RecordedRequest> requests() throws InterruptedException {
    List<RecordedRequest> out = new ArrayList<>();
    for (RecordedRequest r; (r = sim.takeRequest(Duration.ZERO)) != null; ) out.add(r);
    return out;
  }

  private List<String> targets() throws InterruptedException {
    return requests().stream().map(RecordedRequest::getTarget).collect(Collectors.toList());
  }

  private List<SimulatedRun> runsOf(String... flows) {
    List<String> wanted = List.of(flows);
    return sim.runs().stream().filter(r -> wanted.contains(r.flowId())).collect(Collectors.toList());
  }

  /** The same flow with no filter, filtered here: what every filtered listing must equal. */
  private List<String> everyRunWhere(Predicate<Run> predicate) throws InterruptedException {
    List<String> ids = client.listRuns(RunQuery.builder().flowIds(flow1).build()).stream()
        .filter(predicate).map(Run::id).collect(Collectors.toList());
    requests();
    return ids;
  }

  /** The query parameters of a request, in order, decoded. */
  private static List<String> params(RecordedRequest r) {
    return r.getUrl().queryParameterNames().stream().collect(Collectors.toList());
  }

  /** Pages of {@code size} a flow of {@code n} runs takes: up to a short or an empty one. */
  private static int pages(int n, int size) {
    return n / size + 1;
  }

  /** Lists over a plain MockWebServer answering the given bodies, recording the request targets. */
  private static List<Run> scripted(RunQuery query, List<String> targets, String... bodies) throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.start();
      for (String body : bodies) server.enqueue(Scripted.json(200, body));
      try (AnalyticsClient c = AnalyticsClient.builder().apiKey("sk-test-7f3c9a").orgId("org-42")
          .baseUrl(server.url("/").toString()).retryPolicy(RetryPolicy.none()).build()) {
        List<Run> runs = c.listRuns(query).stream().collect(Collectors.toList());
        for (int i = server.getRequestCount(); i > 0; i--) targets.add(server.takeRequest().getTarget());
        return runs;
      }
    }
  }

  @Test
  void theSeededHistoryHasWhatTheseTestsNeed() {
    assertTrue(runsOf(flow1).size() < 25 && runsOf(flow1).size() > 6, "flow 1: " + runsOf(flow1).size());
    assertTrue(runsOf(flow2).size() > 4, "flow 2: " + runsOf(flow2).size());
    for (String state : List.of("COMPLETED", "PAUSED")) {
      assertTrue(runsOf(flow1).stream().anyMatch(r -> state.equals(r.status())), state);
    }
  }

  @Test
  void theFirstRequestAsksForPageZeroWithTheDefaultPageSizeAndTheBearerKey() throws Exception {
    assertEquals(runsOf(flow1).size(), ids(RunQuery.builder().flowIds(flow1).build()).size());

    List<RecordedRequest> requests = requests();
    RecordedRequest request = requests.get(0);
    assertEquals("GET", request.getMethod());
    assertEquals(base + flow1 + "?page=0&page_size=25", request.getTarget());
    assertEquals("Bearer " + sim.apiKey(), request.getHeaders().get("Authorization"));
    assertEquals(0, request.getBodySize(), "a GET carries no body");
    assertEquals(1, requests.size(), "fewer runs than 25: the first page is the last");
  }

  @Test
  void aRunCarriesTheSummaryFieldsAndTheFlowItWasListedUnder() throws Exception {
    JsonObject failed = run("c81e4f07-2d3a-4b96-8f15-60a9e7b2d4c3", "FAILED", false,
        "2025-06-03T13:58:10.093Z");
    failed.addProperty("latency", 12.07);
    failed.addProperty("error", "Node llm-0 failed: upstream provider returned HTTP 429");
    failed.addProperty("run_type", "sub_workflow");
    failed.addProperty("parent_run_id", "5b27d9c1-e046-4f83-b1a8-92c6f3e0a754");
    List<Run> runs = scripted(RunQuery.builder().flowIds("flow-1").build(), new ArrayList<>(),
        "[" + failed + "," + run("ok", "COMPLETED", true, "2025-06-03T13:00:00Z") + "]");

    Run run = runs.get(0);
    assertEquals("c81e4f07-2d3a-4b96-8f15-60a9e7b2d4c3", run.id());
    assertEquals(Vendor.STACKAI, run.vendor());
    assertEquals("flow-1", run.flowId());
    assertEquals(RunStatus.FAILED, run.status());
    assertEquals("FAILED", run.rawStatus());
    assertEquals(Instant.parse("2025-06-03T13:58:10.093Z"), run.startedAt());
    assertNull(run.finishedAt());
    assertEquals(Duration.ofMillis(12_070), run.duration());
    assertEquals("sub_workflow", run.trigger());
    assertEquals(FailedStep.of(null, "Node llm-0 failed: upstream provider returned HTTP 429"),
        run.failedStep());
    assertEquals("5b27d9c1-e046-4f83-b1a8-92c6f3e0a754", run.parentRunId());
    assertNull(run.stepsCount());
    assertTrue(run.steps().isEmpty());
    assertTrue(run.tags().isEmpty());
    FlowRunSummary summary = run.unwrap(FlowRunSummary.class);
    assertEquals(RunType.SUB_WORKFLOW, summary.getRunType());
    assertEquals(10L, summary.getTotalTokens());

    Run ok = runs.get(1);
    assertNull(ok.failedStep());
    assertEquals(Duration.ofMillis(1500), ok.duration());
  }

  @Test
  void theTimeWindowIsSentAsStartAndEndDateAndItsBoundsAreExact() throws Exception {
    List<SimulatedRun> runs = runsOf(flow1);
    SimulatedRun first = runs.get(runs.size() - 3);
    SimulatedRun last = runs.get(2);
    Instant after = first.startedAt();
    Instant before = last.startedAt();
    List<String> expected = everyRunWhere(
        r -> !r.startedAt().isBefore(after) && r.startedAt().isBefore(before));

    List<String> ids = ids(RunQuery.builder().flowIds(flow1).startedAfter(after)
        .startedBefore(before).build());

    assertEquals(expected, ids);
    assertTrue(ids.contains(first.id()), "startedAfter is inclusive");
    assertFalse(ids.contains(last.id()), "startedBefore is exclusive");
    // The simulator's end_date is inclusive, as StackAI's may be: the run at `before` is dropped client-side.
    List<RecordedRequest> requests = requests();
    assertEquals(1, requests.size());
    assertEquals(List.of("page", "page_size", "start_date", "end_date"), params(requests.get(0)));
    assertEquals(after, Instant.parse(requests.get(0).getUrl().queryParameter("start_date")));
    assertEquals(before, Instant.parse(requests.get(0).getUrl().queryParameter("end_date")));
    assertTrue(requests.get(0).getTarget().contains("%3A"), "colons percent-encoded");
  }

  @Test
  void aStatusFilterGivesTheSameRunsAsFilteringEveryRun() throws Exception {
    for (RunStatus status : RunStatus.values()) {
      List<String> expected = everyRunWhere(r -> r.status() == status);
      assertEquals(expected, ids(RunQuery.builder().flowIds(flow1).statuses(status).build()),
          status.name());
    }
    List<String> expected = everyRunWhere(r -> r.status() == RunStatus.FAILED
        || r.status() == RunStatus.QUEUED);
    assertFalse(expected.isEmpty());
    assertEquals(expected, ids(RunQuery.builder().flowIds(flow1)
        .statuses(RunStatus.FAILED, RunStatus.QUEUED).build()));
    assertEquals(List.of(base + flow1 + "?page=0&page_size=25&state=PENDING%2CCOMPLETED%2CFAILED"),
        targets());
  }

  @Test
  void theTriggerFilterComparesRunTypeClientSideIgnoringCase() throws Exception {
    List<String> expected = everyRunWhere(r -> "api".equalsIgnoreCase(r.trigger()));

    List<String> ids = ids(RunQuery.builder().flowIds(flow1).trigger("Api").build());

    assertFalse(ids.isEmpty());
    assertEquals(expected, ids);
    assertEquals(List.of(base + flow1 + "?page=0&page_size=25"), targets());
  }

  @Test
  void theSearchFilterMatchesIdsAndErrorsClientSide() throws Exception {
    String id = runsOf(flow1).get(3).id();
    String error = runsOf(flow1).stream().map(SimulatedRun::failedStepMessage).filter(m -> m != null)
        .findFirst().orElseThrow();
    RunQuery byError = RunQuery.builder().flowIds(flow1).search(error.toUpperCase(Locale.ROOT)).build();
    List<String> expected = everyRunWhere(byError::matches);

    assertEquals(List.of(id), ids(RunQuery.builder().flowIds(flow1).search(id.toUpperCase(Locale.ROOT)).build()));
    List<String> got = ids(byError);
    assertFalse(got.isEmpty());
    assertEquals(expected, got);
    assertTrue(targets().stream().allMatch(t -> t.equals(base + flow1 + "?page=0&page_size=25")));
  }

  @Test
  void aTagFilterMatchesNothingAndSendsNoRequest() {
    assertEquals(List.of(), ids(RunQuery.builder().flowIds(flow1).tags("prod").build()));
    assertEquals(0, sim.requestCount());
  }

  @Test
  void filtersCombineAndEveryServerSideFilterIsSentTogether() throws Exception {
    List<SimulatedRun> runs = runsOf(flow1);
    Instant after = runs.get(runs.size() - 2).startedAt();
    String trigger = runs.stream().filter(r -> "COMPLETED".equals(r.status()) && Boolean.TRUE.equals(r.successful()))
        .findFirst().orElseThrow().trigger();
    List<String> expected = everyRunWhere(r -> !r.startedAt().isBefore(after)
        && r.status() == RunStatus.SUCCEEDED && trigger.equals(r.trigger()));

    List<String> ids = ids(RunQuery.builder().flowIds(flow1).startedAfter(after)
        .statuses(RunStatus.SUCCEEDED).trigger(trigger).build());

    assertFalse(ids.isEmpty());
    assertEquals(expected, ids);
    List<RecordedRequest> requests = requests();
    assertEquals(1, requests.size());
    assertEquals(List.of("page", "page_size", "start_date", "state"), params(requests.get(0)));
    assertEquals("COMPLETED", requests.get(0).getUrl().queryParameter("state"));
    assertEquals(after, Instant.parse(requests.get(0).getUrl().queryParameter("start_date")));
  }

  @Test
  void vendorParamsAreAddedToEveryPageRequest() throws Exception {
    List<String> targets = new ArrayList<>();
    String five = String.join(",", run("u1", "COMPLETED", true, "2025-06-03T08:00:00Z").toString(),
        run("u2", "COMPLETED", true, "2025-06-03T07:00:00Z").toString(),
        run("u3", "COMPLETED", true, "2025-06-03T06:00:00Z").toString(),
        run("u4", "COMPLETED", true, "2025-06-03T05:00:00Z").toString(),
        run("u5", "COMPLETED", true, "2025-06-03T04:00:00Z").toString());
    scripted(RunQuery.builder().flowIds("flow-1").pageSize(5).vendorParam("user_id", "customer 4821").build(),
        targets, "[" + five + "]", "[" + run("u6", "FAILED", false, "2025-06-03T03:00:00Z") + "]");

    assertEquals(List.of("/analytics/org/org-42/flows/flow-1?page=0&page_size=5&user_id=customer%204821",
        "/analytics/org/org-42/flows/flow-1?page=1&page_size=5&user_id=customer%204821"), targets);
  }

  @Test
  void vendorParamsThatWouldFightTheQueryAreRefusedBeforeAnyRequest() {
    for (RunQuery query : List.of(
        RunQuery.builder().flowIds(flow1).vendorParam("page", "3").build(),
        RunQuery.builder().flowIds(flow1).vendorParam("page_size", "3").build(),
        RunQuery.builder().flowIds(flow1).statuses(RunStatus.FAILED).vendorParam("state", "PAUSED").build(),
        RunQuery.builder().flowIds(flow1).startedAfter(Instant.EPOCH).vendorParam("start_date", "x").build(),
        RunQuery.builder().flowIds(flow1).startedBefore(Instant.EPOCH).vendorParam("end_date", "x").build())) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> client.listRuns(query));
      String name = query.vendorParams().keySet().iterator().next();
      assertTrue(e.getMessage().contains("'" + name + "'"), e.getMessage());
    }
    assertEquals(0, sim.requestCount());
  }

  @Test
  void aStateVendorParamWithoutAStatusFilterIsPassedThrough() throws Exception {
    List<String> paused = runsOf(flow1).stream().filter(r -> "PAUSED".equals(r.status()))
        .map(SimulatedRun::id).collect(Collectors.toList());

    assertFalse(paused.isEmpty());
    assertEquals(paused, ids(RunQuery.builder().flowIds(flow1).vendorParam("state", "PAUSED").build()));
    assertEquals(List.of(base + flow1 + "?page=0&page_size=25&state=PAUSED"), targets());
  }

  @Test
  void aDotSegmentFlowIdIsRefusedBeforeAnyRequest() {
    assertThrows(IllegalArgumentException.class,
        () -> client.listRuns(RunQuery.builder().flowIds("..").build()));
    assertEquals(0, sim.requestCount());
  }

  @Test
  void flowIdsArePathSegmentsEncodedWhole() throws Exception {
    List<String> targets = new ArrayList<>();
    List<Run> runs = scripted(RunQuery.builder().flowIds("flow 7/a").build(), targets,
        "[" + run("x1", "COMPLETED", true, "2025-06-03T08:00:00Z") + "]");

    assertEquals(List.of("x1"), ids(runs));
    assertEquals(List.of("/analytics/org/org-42/flows/flow%207%2Fa?page=0&page_size=25"), targets);
  }

  // ---- paging ----

  /** Both flows merged newest first by date. */
  private List<String> allIds() {
    return runsOf(flow1, flow2).stream().map(SimulatedRun::id).collect(Collectors.toList());
  }

  private int allPages() {
    return pages(runsOf(flow1).size(), 2) + pages(runsOf(flow2).size(), 2);
  }

  private RunQuery.Builder bothFlows() {
    return RunQuery.builder().flowIds(flow1, flow2).pageSize(2);
  }

  @Test
  void pagesRunFromZeroUntilAShortOrEmptyPageAndFlowsMergeNewestFirst() throws Exception {
    List<Run> runs = client.listRuns(bothFlows().build()).stream().collect(Collectors.toList());

    assertEquals(allIds(), runs.stream().map(Run::id).collect(Collectors.toList()));
    List<SimulatedRun> want = runsOf(flow1, flow2);
    assertEquals(want.get(0).flowId(), runs.get(0).flowId());
    assertEquals(want.get(want.size() - 1).flowId(), runs.get(runs.size() - 1).flowId());
    Set<String> pageTargets = new HashSet<>();
    for (String flow : List.of(flow1, flow2)) {
      for (int p = 0; p < pages(runsOf(flow).size(), 2); p++) pageTargets.add(base + flow + "?page=" + p + "&page_size=2");
    }
    List<String> targets = targets();
    assertEquals(pageTargets, Set.copyOf(targets));
    assertEquals(allPages(), targets.size());
  }

  @Test
  void pagesAreFetchedOnlyAsTheyAreConsumed() {
    Iterator<Run> runs = client.listRuns(bothFlows().build()).iterator();
    assertEquals(0, sim.requestCount());
    runs.next();
    assertEquals(2, sim.requestCount()); // the first page of each flow, to compare their heads
    runs.next();
    assertEquals(2, sim.requestCount());
    runs.forEachRemaining(r -> { });
    assertEquals(allPages(), sim.requestCount());
  }

  @Test
  void aLimitMidPageFetchesOnlyThePagesTheMergeNeeds() {
    List<SimulatedRun> merged = runsOf(flow1, flow2);
    assertEquals(allIds().subList(0, 3), ids(bothFlows().limit(3).build()));
    // Both first pages, and the next page of a flow whose first page the three runs used up:
    // the merge needs its head to place the next run.
    long f1 = merged.subList(0, 3).stream().filter(r -> r.flowId().equals(flow1)).count();
    assertEquals(2 + f1 / 2 + (3 - f1) / 2, sim.requestCount());
  }

  @Test
  void aLimitOfZeroSendsNoRequest() {
    assertEquals(List.of(), ids(bothFlows().limit(0).build()));
    assertEquals(0, sim.requestCount());
  }

  @Test
  void resumingFromAnyPageTokenLosesAndRepeatsNoRun() {
    RunQuery query = bothFlows().build();
    List<Page<Run>> pages = new ArrayList<>();
    client.listRuns(query).pages().forEach(pages::add);
    assertNull(pages.get(pages.size() - 1).nextToken());

    for (int i = 0; i < pages.size() - 1; i++) {
      String token = pages.get(i).nextToken();
      assertNotNull(token);
      List<String> seen = new ArrayList<>();
      for (int j = 0; j <= i; j++) {
        seen.addAll(ids(pages.get(j).items()));
      }
      seen.addAll(ids(client.listRuns(query).resumeFrom(token)));
      assertEquals(allIds(), seen, "resumed after page " + i);
    }
  }

  @Test
  void resumingFromATokenCutByTheLimitContinuesMidPage() {
    RunQuery query = bothFlows().build();
    Page<Run> cut = null;
    for (Page<Run> page : client.listRuns(bothFlows().limit(3).build()).pages()) {
      cut = page;
    }
    assertEquals(allIds().subList(2, 3), ids(cut.items()));

    List<String> rest = ids(client.listRuns(query).resumeFrom(cut.nextToken()));

    assertEquals(allIds().subList(3, allIds().size()), rest);
  }

  @Test
  void aTokenOfASingleFlowListingResumesThatFlow() throws Exception {
    RunQuery query = RunQuery.builder().flowIds(flow1).pageSize(2).build();
    Page<Run> first = client.listRuns(query).pages().iterator().next();
    requests();

    List<String> flowIds = runsOf(flow1).stream().map(SimulatedRun::id).collect(Collectors.toList());
    assertEquals(flowIds.subList(2, flowIds.size()), ids(client.listRuns(query).resumeFrom(first.nextToken())));
    assertEquals(base + flow1 + "?page=1&page_size=2", targets().get(0));
  }

  @Test
  void requestOptionsApplyToEveryPage() throws Exception {
    RequestOptions options = RequestOptions.builder().header("X-Correlation-Id", "job-17").build();

    assertEquals(allIds(), ids(client.listRuns(bothFlows().build(), options)));
    List<RecordedRequest> requests = requests();
    assertEquals(allPages(), requests.size());
    requests.forEach(r -> assertEquals("job-17", r.getHeaders().get("X-Correlation-Id")));
  }

  @Test
  void clientSideFiltersStillPageThroughEveryFlow() {
    SimulatedRun target = runsOf(flow2).stream().filter(r -> "api".equals(r.trigger()))
        .reduce((a, b) -> b).orElseThrow();

    Paged<Run> found = client.listRuns(bothFlows().trigger("API").search(target.id()).build());

    assertEquals(List.of(target.id()), ids(found));
    assertEquals(allPages(), sim.requestCount());
  }

  // ---- counting and capabilities ----

  @Test
  void countByStatusScansTheListing() throws Exception {
    Map<RunStatus, Long> want = client.listRuns(bothFlows().build()).stream()
        .collect(Collectors.groupingBy(Run::status, Collectors.counting()));
    requests();

    Map<RunStatus, Long> counts = client.countByStatus(bothFlows().build());

    assertEquals(want, counts);
    assertTrue(counts.size() > 2, counts.toString());
    assertEquals(allPages(), requests().size());
  }

  @Test
  void countByStatusHonoursTheStatusFilter() throws Exception {
    long failed = client.listRuns(bothFlows().build()).stream().filter(r -> r.status() == RunStatus.FAILED).count();
    requests();

    Map<RunStatus, Long> counts = client.countByStatus(bothFlows().statuses(RunStatus.FAILED).build());

    assertEquals(Map.of(RunStatus.FAILED, failed), counts);
    assertTrue(failed > 0);
    assertTrue(targets().stream().allMatch(t -> t.endsWith("&state=COMPLETED%2CFAILED")));
  }

  @Test
  void capabilitiesSayOnlyListingAndCountingWithTheServerSideFilters() {
    Capabilities caps = client.capabilities();

    // WATCH_RUNS is derived from LIST_RUNS; no getRun, so no AWAIT_RUN (issue 12).
    assertEquals(java.util.EnumSet.of(Capabilities.Operation.LIST_RUNS,
        Capabilities.Operation.COUNT_BY_STATUS, Capabilities.Operation.WATCH_RUNS), caps.operations());
    assertEquals(java.util.EnumSet.of(Capabilities.Filter.FLOW_IDS, Capabilities.Filter.STATUSES,
        Capabilities.Filter.STARTED_AFTER, Capabilities.Filter.STARTED_BEFORE),
        caps.serverSideFilters());
    assertSame(Vendor.STACKAI, client.vendor());
  }
}
