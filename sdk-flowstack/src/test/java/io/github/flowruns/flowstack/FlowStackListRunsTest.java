package io.github.flowruns.flowstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.flowruns.Page;
import io.github.flowruns.Paged;
import io.github.flowruns.Run;
import io.github.flowruns.RunQuery;
import io.github.flowruns.RunStatus;
import io.github.flowruns.contract.Scripted;
import io.github.flowruns.http.RequestOptions;
import io.github.flowruns.http.RetryPolicy;
import io.github.flowruns.testing.FlowStackSimulator;
import io.github.flowruns.testing.SimulatedRun;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Filters, flows and paging of {@link FlowStackClient#listRuns} against the FlowStack simulator:
 * what FlowStack's client sends (paths, query strings) and keeps client-side. The generic promises
 * (paging, resume, limits, server-side = client-side filters) are in {@link FlowStackContractTest}.
 * A few tests need values no seeded history holds (an undocumented status or trigger, a flow id
 * with a slash): those script a plain MockWebServer.
 */
class FlowStackListRunsTest {

  private FlowStackSimulator sim;
  private FlowStackClient client;
  private String flowA;
  private String flowB;

  @BeforeEach
  void start() {
    sim = FlowStackSimulator.builder().runs(60).flows(2).seed(24).build().start();
    flowA = sim.flowIds().get(0);
    flowB = sim.flowIds().get(1);
    client = clientBuilder().build();
  }

  @AfterEach
  void stop() {
    client.close();
    sim.close();
  }

  private FlowStackClient.Builder clientBuilder() {
    return FlowStackClient.builder().apiKey(sim.apiKey()).baseUrl(sim.baseUrl()).retryPolicy(RetryPolicy.none());
  }

  private List<String> ids(RunQuery query) {
    return client.listRuns(query).stream().map(Run::id).collect(Collectors.toList());
  }

  private List<SimulatedRun> runsOf(String flowId) {
    return sim.runs().stream().filter(r -> r.flowId().equals(flowId)).collect(Collectors.toList());
  }

  private List<String> expected(String flowId, Predicate<SimulatedRun> p) {
    // Listed ids carry their flow (api.md "Ids round-trip"): "<flowId>/<runId>".
    return runsOf(flowId).stream().filter(p).map(e -> flowId + "/" + e.id()).collect(Collectors.toList());
  }

  /** The requests received since the last call, in order. */
  private List<RecordedRequest> requests() throws InterruptedException {
    List<RecordedRequest> out = new ArrayList<>();
    for (RecordedRequest r; (r = sim.takeRequest(Duration.ZERO)) != null; ) out.add(r);
    return out;
  }

  private List<String> queries() throws InterruptedException {
    return requests().stream().map(r -> r.getUrl().encodedQuery()).collect(Collectors.toList());
  }

  private RunQuery.Builder flowA() {
    return RunQuery.builder().flowIds(flowA);
  }

  private static int pages(int runs, int pageSize) {
    return Math.max(1, (runs + pageSize - 1) / pageSize);
  }

  @Test
  void theSeededHistoryHasWhatTheseTestsNeed() {
    assertTrue(runsOf(flowA).size() > 20 && runsOf(flowA).size() % 10 != 0, "flow A: " + runsOf(flowA).size());
    assertTrue(runsOf(flowB).size() > 5, "flow B: " + runsOf(flowB).size());
    for (String status : List.of("FAILED", "RUNNING", "SUCCEEDED")) {
      assertFalse(expected(flowA, e -> e.status().equals(status)).isEmpty(), status);
    }
    assertFalse(expected(flowA, e -> e.status().equals("CANCELED") || e.status().equals("STOPPED")).isEmpty());
    assertFalse(expected(flowA, e -> e.status().equals("TIMEOUT")).isEmpty());
  }

  // ---- flows ----------------------------------------------------------------------------------

  @Test
  void listsEveryRunOfTheFlowWithTheFlowInThePathAndTheBearerKey() throws Exception {
    assertEquals(expected(flowA, e -> true), ids(flowA().build()));

    List<RecordedRequest> requests = requests();
    assertEquals(1, requests.size());
    assertEquals("/api/v1/flows/" + flowA + "/runs", requests.get(0).getUrl().encodedPath());
    assertEquals("limit=100", requests.get(0).getUrl().encodedQuery());
    assertEquals("Bearer " + sim.apiKey(), requests.get(0).getHeaders().get("Authorization"));
  }

  @Test
  void runsCarryFlowStackIdsAndTheirFlow() {
    SimulatedRun newest = runsOf(flowA).get(0);
    Run first = client.listRuns(flowA().limit(1).build()).iterator().next();
    assertEquals(flowA + "/" + newest.id(), first.id());
    assertEquals(newest.id(), first.unwrap(io.github.flowruns.flowstack.model.FlowRun.class).getId());
    assertEquals(flowA, first.flowId());
    assertEquals(newest.status(), first.rawStatus());
    assertTrue(first.steps().isEmpty());
  }

  @Test
  void theBuildersDefaultFlowIsListedWhenTheQueryNamesNone() throws Exception {
    try (FlowStackClient withDefault = clientBuilder().flowId(flowB).build()) {
      List<String> ids = withDefault.listRuns(RunQuery.all()).stream().map(Run::id).collect(Collectors.toList());
      assertEquals(expected(flowB, e -> true), ids);
      assertEquals("/api/v1/flows/" + flowB + "/runs", requests().get(0).getUrl().encodedPath());
    }
  }

  @Test
  void theQuerysFlowsWinOverTheDefaultFlow() throws Exception {
    try (FlowStackClient withDefault = clientBuilder().flowId(flowB).build()) {
      withDefault.listRuns(flowA().build()).forEach(r -> assertEquals(flowA, r.flowId()));
      assertEquals("/api/v1/flows/" + flowA + "/runs", requests().get(0).getUrl().encodedPath());
    }
  }

  @Test
  void severalFlowsAreMergedNewestFirstBehindOnePagedFetchingEachPageOnce() throws Exception {
    List<Run> runs = client.listRuns(RunQuery.builder().flowIds(flowB, flowA).pageSize(5).build())
        .stream().collect(Collectors.toList());

    Set<String> want = new HashSet<>(expected(flowB, e -> true));
    want.addAll(expected(flowA, e -> true));
    assertEquals(want, runs.stream().map(Run::id).collect(Collectors.toSet()));
    assertEquals(want.size(), runs.size());
    List<Run> started = runs.stream().filter(r -> r.startedAt() != null).collect(Collectors.toList());
    for (int i = 1; i < started.size(); i++) {
      assertFalse(started.get(i).startedAt().isAfter(started.get(i - 1).startedAt()), "newest first at " + i);
    }
    int inB = runsOf(flowB).size();
    assertTrue(runs.stream().limit(inB).anyMatch(r -> r.flowId().equals(flowA)), "not flow after flow");
    assertEquals(pages(inB, 5) + pages(runsOf(flowA).size(), 5), requests().size()); // each page once
  }

  @Test
  void aFlowIdIsEncodedAsOnePathSegment() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.start();
      server.enqueue(Scripted.json(200, "{\"data\":[{\"id\":\"run_1\",\"flowId\":\"flow x/y\",\"status\":\"SUCCEEDED\"}],"
          + "\"cursor\":null,\"hasMore\":false}"));
      try (FlowStackClient scripted = scriptedClient(server)) {
        assertEquals(1, scripted.listRuns(RunQuery.builder().flowIds("flow x/y").build()).stream().count());
      }
      assertEquals("/api/v1/flows/flow%20x%2Fy/runs", server.takeRequest().getUrl().encodedPath());
    }
  }

  @Test
  void aDotSegmentFlowIdIsRefusedBeforeAnyRequest() {
    assertThrows(IllegalArgumentException.class, () -> client.listRuns(RunQuery.builder().flowIds("..").build()));
    assertEquals(0, sim.requestCount());
  }

  // ---- status filter ---------------------------------------------------------------------------

  @Test
  void aStatusWithOneFlowStackValueIsFilteredServerSide() throws Exception {
    assertEquals(expected(flowA, e -> e.status().equals("FAILED")),
        ids(flowA().statuses(RunStatus.FAILED).build()));
    assertEquals(List.of("limit=100&status=FAILED"), queries());
  }

  // vendors.md, FlowStack: only SUCCEEDED, FAILED, RUNNING are documented as status filter values.
  @Test
  void timedOutIsFilteredClientSideAsFlowStackDocumentsNoTimeoutFilter() throws Exception {
    assertEquals(expected(flowA, e -> e.status().equals("TIMEOUT")),
        ids(flowA().statuses(RunStatus.TIMED_OUT).build()));
    assertEquals(List.of("limit=100"), queries());
  }

  @Test
  void cancelledHasTwoFlowStackValuesSoItIsFilteredClientSideWithTheSameResult() throws Exception {
    List<String> got = ids(flowA().statuses(RunStatus.CANCELLED).build());

    assertEquals(expected(flowA, e -> e.status().equals("CANCELED") || e.status().equals("STOPPED")), got);
    assertFalse(got.isEmpty());
    assertEquals(List.of("limit=100"), queries());
  }

  @Test
  void severalStatusesAreFilteredClientSideWithTheSameResultAsAskingForEach() throws Exception {
    List<String> both = ids(flowA().statuses(RunStatus.FAILED, RunStatus.RUNNING).build());
    assertEquals(List.of("limit=100"), queries());

    Set<String> serverSide = new HashSet<>(ids(flowA().statuses(RunStatus.FAILED).build()));
    serverSide.addAll(ids(flowA().statuses(RunStatus.RUNNING).build()));
    assertEquals(serverSide, new HashSet<>(both));
    assertEquals(expected(flowA, e -> e.status().equals("FAILED") || e.status().equals("RUNNING")), both);
  }

  @Test
  void aStatusFlowStackNeverReportsMatchesNothingWithoutARequest() {
    assertEquals(List.of(), ids(flowA().statuses(RunStatus.PARTIALLY_SUCCEEDED).build()));
    assertEquals(0, sim.requestCount());
  }

  @Test
  void aStatusFlowStackNeverReportsDoesNotNarrowTheOthersOnTheServer() throws Exception {
    assertEquals(expected(flowA, e -> e.status().equals("FAILED")),
        ids(flowA().statuses(RunStatus.FAILED, RunStatus.PARTIALLY_SUCCEEDED).build()));
    assertEquals(List.of("limit=100&status=FAILED"), queries());
  }

  /** One page of runs with statuses and triggers the simulator never seeds. */
  private static final String UNLISTED_PAGE = "{\"data\":["
      + "{\"id\":\"run_1\",\"flowId\":\"flow_a\",\"status\":\"WAITING_FOR_APPROVAL\",\"triggerType\":\"EMAIL\"},"
      + "{\"id\":\"run_2\",\"flowId\":\"flow_a\",\"status\":\"FAILED\",\"triggerType\":\"API\"},"
      + "{\"id\":\"run_3\",\"flowId\":\"flow_a\",\"status\":\"SUCCEEDED\",\"triggerType\":\"EMAIL\"},"
      + "{\"id\":\"run_4\",\"flowId\":\"flow_a\",\"status\":\"WAITING_FOR_APPROVAL\",\"triggerType\":\"WEBHOOK\"}"
      + "],\"cursor\":null,\"hasMore\":false}";

  private static FlowStackClient scriptedClient(MockWebServer server) {
    return FlowStackClient.builder().apiKey("fs_test_a1b2c3d4e5f6").baseUrl(server.url("/").toString())
        .retryPolicy(RetryPolicy.none()).build();
  }

  private static List<String> scripted(RunQuery query, List<String> queries) throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.start();
      server.enqueue(Scripted.json(200, UNLISTED_PAGE));
      try (FlowStackClient c = scriptedClient(server)) {
        List<String> ids = c.listRuns(query).stream().map(Run::id).collect(Collectors.toList());
        queries.add(server.takeRequest().getUrl().encodedQuery());
        assertEquals(1, server.getRequestCount());
        return ids;
      }
    }
  }

  @Test
  void unknownIsFilteredClientSideAndReturnsRunsWithUnlistedStatuses() throws Exception {
    List<String> queries = new ArrayList<>();
    List<String> got = scripted(RunQuery.builder().flowIds("flow_a").statuses(RunStatus.UNKNOWN).build(), queries);
    assertEquals(List.of("flow_a/run_1", "flow_a/run_4"), got);
    assertEquals(List.of("limit=100"), queries);
  }

  @Test
  void unknownTogetherWithOneStatusIsNotSentToTheServer() throws Exception {
    List<String> queries = new ArrayList<>();
    List<String> got = scripted(RunQuery.builder().flowIds("flow_a")
        .statuses(RunStatus.UNKNOWN, RunStatus.FAILED).build(), queries);
    assertEquals(List.of("flow_a/run_1", "flow_a/run_2", "flow_a/run_4"), got);
    assertEquals(List.of("limit=100"), queries);
  }

  // ---- client-side filters ---------------------------------------------------------------------

  @Test
  void startedAfterIsInclusiveAndFilteredClientSide() throws Exception {
    SimulatedRun boundary = runsOf(flowA).stream().skip(7).filter(r -> r.startedAt() != null).findFirst().orElseThrow();
    Instant t = boundary.startedAt();
    List<String> got = ids(flowA().startedAfter(t).build());
    assertEquals(expected(flowA, e -> e.startedAt() != null && !e.startedAt().isBefore(t)), got);
    assertTrue(got.contains(flowA + "/" + boundary.id()), "the run started at the instant is in");
    assertEquals("limit=100", queries().get(0));
  }

  @Test
  void startedBeforeIsExclusiveAndFilteredClientSide() throws Exception {
    SimulatedRun boundary = runsOf(flowA).stream().skip(7).filter(r -> r.startedAt() != null).findFirst().orElseThrow();
    Instant t = boundary.startedAt();
    List<String> got = ids(flowA().startedBefore(t).build());
    assertEquals(expected(flowA, e -> e.startedAt() != null && e.startedAt().isBefore(t)), got);
    assertFalse(got.contains(flowA + "/" + boundary.id()), "the run started at the instant is out");
    assertFalse(got.isEmpty());
    assertEquals("limit=100", queries().get(0));
  }

  @Test
  void aTimeWindowTogetherWithAServerSideStatusSendsOnlyTheStatus() throws Exception {
    List<SimulatedRun> a = runsOf(flowA);
    Instant after = a.get(a.size() - 3).startedAt();
    Instant before = a.get(2).startedAt();
    List<String> want = expected(flowA, e -> e.status().equals("FAILED") && e.startedAt() != null && !e.startedAt().isBefore(after)
        && e.startedAt().isBefore(before));
    assertEquals(want, ids(flowA().statuses(RunStatus.FAILED).startedAfter(after).startedBefore(before).build()));
    assertEquals(List.of("limit=100&status=FAILED"), queries());
  }

  @Test
  void triggerMatchesTheTriggerTypeIgnoringCaseClientSide() throws Exception {
    List<String> got = ids(flowA().trigger("webhook").build());
    assertEquals(expected(flowA, e -> e.trigger().equals("WEBHOOK")), got);
    assertFalse(got.isEmpty());
    assertEquals(List.of("limit=100"), queries());
  }

  @Test
  void anUnknownTriggerTypeCanBeFilteredByItsRawText() throws Exception {
    List<String> got = scripted(RunQuery.builder().flowIds("flow_a").trigger("EMAIL").build(), new ArrayList<>());
    assertEquals(List.of("flow_a/run_1", "flow_a/run_3"), got);
  }

  @Test
  void searchMatchesTheFailedStepClientSide() throws Exception {
    String step = runsOf(flowA).stream().map(SimulatedRun::failedStepName).filter(n -> n != null)
        .findFirst().orElseThrow();
    String needle = step.toLowerCase(Locale.ROOT);
    List<String> got = ids(flowA().search(needle).build());
    assertEquals(expected(flowA, e -> Stream.of(flowA + "/" + e.id(), e.flowId(), e.failedStepName(),
        e.failedStepMessage(), e.trigger()).anyMatch(t -> t != null && t.toLowerCase(Locale.ROOT).contains(needle))), got);
    assertFalse(got.isEmpty());
    assertTrue(got.size() < runsOf(flowA).size());
    assertEquals(List.of("limit=100"), queries());
  }

  @Test
  void searchMatchesTheRunId() {
    String id = runsOf(flowA).get(17).id();
    assertEquals(List.of(flowA + "/" + id), ids(flowA().search(id.toUpperCase(Locale.ROOT)).build()));
  }

  @Test
  void tagsMatchNothingBecauseFlowStackRunsHaveNone() {
    assertEquals(List.of(), ids(flowA().tags("prod").build()));
  }

  @Test
  void vendorParametersAreSentAsGiven() throws Exception {
    ids(flowA().statuses(RunStatus.FAILED).vendorParam("environment", "production")
        .vendorParam("q", "a b&c").build());
    assertEquals(List.of("limit=100&status=FAILED&environment=production&q=a%20b%26c"), queries());
  }

  @Test
  void aVendorCursorParameterIsRefusedBecausePagingOwnsIt() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> client.listRuns(flowA().vendorParam("cursor", "x").build()));
    assertTrue(e.getMessage().contains("resumeFrom"), e.getMessage());
  }

  // Issue 11: one vendor-parameter policy. The page size is FlowStack's limit, so limit belongs to
  // paging like the cursor (it used to replace the client's page size silently).
  @Test
  void aVendorLimitParameterIsRefusedBecauseThePageSizeIsSentAsLimit() throws Exception {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> client.listRuns(flowA().vendorParam("limit", "5").build()));
    assertTrue(e.getMessage().contains("'limit'") && e.getMessage().contains("pageSize"), e.getMessage());
    assertEquals(List.of(), queries());
  }

  @Test
  void aVendorStatusParameterReplacesTheStatusTheClientSets() throws Exception {
    ids(flowA().statuses(RunStatus.FAILED).vendorParam("status", "RUNNING").build());
    assertEquals(List.of("limit=100&status=RUNNING"), queries());
  }

  @Test
  void thePageSizeIsSentAsLimit() throws Exception {
    ids(flowA().pageSize(25).build());
    List<String> queries = queries();
    assertEquals("limit=25", queries.get(0));
    queries.forEach(q -> assertTrue(q.startsWith("limit=25"), q));
  }

  @Test
  void aSmallLimitWithoutClientSideFiltersAsksForNoMoreRunsThanNeeded() throws Exception {
    assertEquals(expected(flowA, e -> true).subList(0, 5), ids(flowA().limit(5).build()));
    assertEquals(List.of("limit=5"), queries());
  }

  @Test
  void aLimitWithClientSideFiltersKeepsFullPages() throws Exception {
    ids(flowA().trigger("API").limit(2).build());
    assertEquals(List.of("limit=100"), queries());
  }

  @Test
  void aZeroLimitMakesNoRequest() {
    assertEquals(List.of(), ids(flowA().limit(0).build()));
    assertEquals(0, sim.requestCount());
  }

  // ---- paging ----------------------------------------------------------------------------------

  @Test
  void pagesFollowTheCursorUntilHasMoreIsFalse() throws Exception {
    List<String> got = ids(flowA().pageSize(10).build());

    assertEquals(expected(flowA, e -> true), got);
    List<String> queries = queries();
    assertEquals(pages(runsOf(flowA).size(), 10), queries.size());
    assertEquals("limit=10", queries.get(0));
    for (int i = 1; i < queries.size(); i++) {
      assertTrue(queries.get(i).startsWith("limit=10&cursor="), queries.get(i));
      assertFalse(queries.subList(0, i).contains(queries.get(i)), "each cursor once: " + queries);
    }
  }

  @Test
  void aLimitMidPageStopsWithoutFetchingAnotherPage() {
    List<String> got = ids(flowA().pageSize(10).limit(15).build());

    assertEquals(expected(flowA, e -> true).subList(0, 15), got);
    assertEquals(2, sim.requestCount());
  }

  @Test
  void requestOptionsApplyToEveryPage() throws Exception {
    RequestOptions opts = RequestOptions.builder().header("X-Correlation-Id", "corr-7").build();
    client.listRuns(RunQuery.builder().flowIds(flowA, flowB).pageSize(10).build(), opts).forEach(r -> { });

    List<RecordedRequest> requests = requests();
    assertEquals(pages(runsOf(flowA).size(), 10) + pages(runsOf(flowB).size(), 10), requests.size());
    requests.forEach(r -> assertEquals("corr-7", r.getHeaders().get("X-Correlation-Id")));
  }

  @Test
  void resumingFromAPageTokenContinuesWithoutLosingOrRepeatingRuns() throws Exception {
    RunQuery query = flowA().pageSize(7).build();
    ids(query);
    String thirdPageQuery = queries().get(2);   // what the listing sent after its second page
    Paged<Run> paged = client.listRuns(query);
    List<String> seen = new ArrayList<>();
    String token = null;
    int pages = 0;
    for (Page<Run> page : paged.pages()) {
      page.items().forEach(r -> seen.add(r.id()));
      token = page.nextToken();
      if (++pages == 2) {
        break;
      }
    }
    requests();

    paged.resumeFrom(token).forEach(r -> seen.add(r.id()));

    assertEquals(expected(flowA, e -> true), seen);
    assertEquals(thirdPageQuery, queries().get(0));
  }

  @Test
  void resumingFromATokenOfAPageCutByTheLimitStartsRightAfterItsLastRun() {
    Paged<Run> first = client.listRuns(flowA().pageSize(10).limit(13).build());
    List<Page<Run>> pages = new ArrayList<>();
    first.pages().forEach(pages::add);
    List<String> seen = pages.stream().flatMap(p -> p.items().stream()).map(Run::id).collect(Collectors.toList());
    String token = pages.get(pages.size() - 1).nextToken();
    assertEquals(13, seen.size());

    first.resumeFrom(token).forEach(r -> seen.add(r.id()));   // the limit counts again from here

    List<String> all = expected(flowA, e -> true);
    assertEquals(all.subList(0, Math.min(26, all.size())), seen);
  }

  @Test
  void resumingAMergedListingOfSeveralFlowsLosesAndRepeatsNothing() {
    RunQuery query = RunQuery.builder().flowIds(flowB, flowA).pageSize(7).build();
    List<String> whole = client.listRuns(query).stream().map(Run::id).collect(Collectors.toList());
    Page<Run> firstPage = client.listRuns(query).pages().iterator().next();
    assertEquals(7, firstPage.items().size());

    List<String> seen = firstPage.items().stream().map(Run::id).collect(Collectors.toList());
    // A new client, as after a restart: the token alone carries where each flow stopped.
    try (FlowStackClient other = clientBuilder().build()) {
      other.listRuns(query).resumeFrom(firstPage.nextToken()).forEach(r -> seen.add(r.id()));
    }

    assertEquals(whole, seen);
  }

  @Test
  void iteratingTwiceStartsAgainFromTheFirstPage() {
    int n = runsOf(flowA).size();
    Paged<Run> paged = client.listRuns(flowA().pageSize(10).build());
    assertEquals(n, paged.stream().count());
    assertEquals(n, StreamSupport.stream(paged.spliterator(), false).count());
    assertEquals(2 * pages(n, 10), sim.requestCount());
  }

  @Test
  void theLastPageHasNoToken() {
    int n = runsOf(flowA).size();
    List<Page<Run>> pages = new ArrayList<>();
    client.listRuns(flowA().pageSize(10).build()).pages().forEach(pages::add);
    assertEquals(pages(n, 10), pages.size());
    assertNull(pages.get(pages.size() - 1).nextToken());
    assertEquals(n % 10, pages.get(pages.size() - 1).items().size());
  }
}
