package io.github.flowruns.analytics;

import static io.github.flowruns.analytics.FakeStackAi.run;
import static io.github.flowruns.analytics.FakeStackAi.with;
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
import io.github.flowruns.http.RequestOptions;
import io.github.flowruns.http.RetryPolicy;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Listing: filters, paging, flows, run mapping and counting, against a fake StackAI. */
class AnalyticsListRunsTest {
  private static final String BASE = "/analytics/org/org-42/flows/";

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

  /** Eight runs an hour apart on 2025-06-03, newest first, with a mix of states and triggers. */
  private void mixedFlow() {
    stackai.flow("flow-1",
        run("a1", "COMPLETED", true, "2025-06-03T08:00:00Z"),
        with(run("a2", "FAILED", false, "2025-06-03T07:00:00Z"), "error", "Node llm-0 timed out"),
        with(run("a3", "COMPLETED", false, "2025-06-03T06:00:00Z"), "run_type", "scheduled"),
        with(run("a4", "PENDING", null, "2025-06-03T05:00:00Z"), "run_type", "form"),
        with(run("a5", "COMPLETED", true, "2025-06-03T04:00:00Z"), "run_type", "scheduled"),
        run("a6", "CANCELLED", null, "2025-06-03T03:00:00Z"),
        with(run("a7", "RESUMED", null, "2025-06-03T02:00:00Z"), "run_type", "API"),
        run("a8", "PAUSED", null, "2025-06-03T01:00:00Z"));
  }

  private List<String> ids(RunQuery query) {
    return ids(client.listRuns(query));
  }

  private static List<String> ids(Iterable<Run> runs) {
    List<String> ids = new ArrayList<>();
    runs.forEach(r -> ids.add(r.id()));
    return ids;
  }

  /** The same flows with no filter, filtered here: what every filtered listing must equal. */
  private List<String> everyRunWhere(Predicate<Run> predicate) {
    List<String> ids = client.listRuns(RunQuery.builder().flowIds("flow-1").build()).stream()
        .filter(predicate).map(Run::id).collect(Collectors.toList());
    stackai.requests.clear();
    return ids;
  }

  @Test
  void theFirstRequestAsksForPageZeroWithTheDefaultPageSizeAndTheBearerKey() {
    mixedFlow();

    assertEquals(8, ids(RunQuery.builder().flowIds("flow-1").build()).size());

    RecordedRequest request = stackai.requests.get(0);
    assertEquals("GET", request.getMethod());
    assertEquals(BASE + "flow-1?page=0&page_size=25", request.getTarget());
    assertEquals("Bearer " + FakeStackAi.API_KEY, request.getHeaders().get("Authorization"));
    assertEquals(0, request.getBodySize(), "a GET carries no body");
    assertEquals(1, stackai.requests.size(), "8 runs < 25: the first page is the last");
  }

  @Test
  void aRunCarriesTheSummaryFieldsAndTheFlowItWasListedUnder() {
    JsonObject failed = run("c81e4f07-2d3a-4b96-8f15-60a9e7b2d4c3", "FAILED", false,
        "2025-06-03T13:58:10.093Z");
    failed.addProperty("latency", 12.07);
    failed.addProperty("error", "Node llm-0 failed: upstream provider returned HTTP 429");
    failed.addProperty("run_type", "sub_workflow");
    failed.addProperty("parent_run_id", "5b27d9c1-e046-4f83-b1a8-92c6f3e0a754");
    stackai.flow("flow-1", failed, run("ok", "COMPLETED", true, "2025-06-03T13:00:00Z"));

    List<Run> runs = client.listRuns(RunQuery.builder().flowIds("flow-1").build()).stream()
        .collect(Collectors.toList());

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
  void theTimeWindowIsSentAsStartAndEndDateAndItsBoundsAreExact() {
    mixedFlow();
    Instant after = Instant.parse("2025-06-03T03:00:00Z");
    Instant before = Instant.parse("2025-06-03T07:00:00Z");
    List<String> expected = everyRunWhere(
        r -> !r.startedAt().isBefore(after) && r.startedAt().isBefore(before));

    List<String> ids = ids(RunQuery.builder().flowIds("flow-1").startedAfter(after)
        .startedBefore(before).build());

    assertEquals(List.of("a3", "a4", "a5", "a6"), ids);
    assertEquals(expected, ids);
    // The fake's end_date is inclusive, as StackAI's may be: a2 at 07:00 is dropped client-side.
    assertEquals(List.of(BASE + "flow-1?page=0&page_size=25"
        + "&start_date=2025-06-03T03%3A00%3A00Z&end_date=2025-06-03T07%3A00%3A00Z"),
        stackai.targets());
  }

  @Test
  void aStatusFilterGivesTheSameRunsAsFilteringEveryRun() {
    mixedFlow();
    for (RunStatus status : RunStatus.values()) {
      List<String> expected = everyRunWhere(r -> r.status() == status);
      assertEquals(expected, ids(RunQuery.builder().flowIds("flow-1").statuses(status).build()),
          status.name());
    }
    List<String> expected = everyRunWhere(r -> r.status() == RunStatus.FAILED
        || r.status() == RunStatus.QUEUED);
    assertEquals(List.of("a2", "a3", "a4"), expected);
    assertEquals(expected, ids(RunQuery.builder().flowIds("flow-1")
        .statuses(RunStatus.FAILED, RunStatus.QUEUED).build()));
    assertEquals(List.of(BASE + "flow-1?page=0&page_size=25&state=PENDING%2CCOMPLETED%2CFAILED"),
        stackai.targets());
  }

  @Test
  void theTriggerFilterComparesRunTypeClientSideIgnoringCase() {
    mixedFlow();
    List<String> expected = everyRunWhere(r -> "api".equalsIgnoreCase(r.trigger()));

    List<String> ids = ids(RunQuery.builder().flowIds("flow-1").trigger("Api").build());

    assertEquals(List.of("a1", "a2", "a6", "a7", "a8"), ids);
    assertEquals(expected, ids);
    assertEquals(List.of(BASE + "flow-1?page=0&page_size=25"), stackai.targets());
  }

  @Test
  void theSearchFilterMatchesIdsAndErrorsClientSide() {
    mixedFlow();
    List<String> expected = everyRunWhere(r -> r.id().contains("a5")
        || (r.failedStep() != null && r.failedStep().message().toLowerCase().contains("timed")));

    assertEquals(List.of("a5"), ids(RunQuery.builder().flowIds("flow-1").search("A5").build()));
    assertEquals(List.of("a2"), ids(RunQuery.builder().flowIds("flow-1").search("TIMED OUT").build()));
    assertEquals(expected, List.of("a2", "a5"));
    assertTrue(stackai.targets().stream().allMatch(t -> t.equals(BASE + "flow-1?page=0&page_size=25")));
  }

  @Test
  void aTagFilterMatchesNothingAndSendsNoRequest() {
    mixedFlow();

    assertEquals(List.of(), ids(RunQuery.builder().flowIds("flow-1").tags("prod").build()));
    assertTrue(stackai.requests.isEmpty());
  }

  @Test
  void filtersCombineAndEveryServerSideFilterIsSentTogether() {
    mixedFlow();
    Instant after = Instant.parse("2025-06-03T02:00:00Z");
    List<String> expected = everyRunWhere(r -> !r.startedAt().isBefore(after)
        && r.status() == RunStatus.SUCCEEDED && "scheduled".equals(r.trigger()));

    List<String> ids = ids(RunQuery.builder().flowIds("flow-1").startedAfter(after)
        .statuses(RunStatus.SUCCEEDED).trigger("scheduled").build());

    assertEquals(List.of("a5"), ids);
    assertEquals(expected, ids);
    assertEquals(List.of(BASE + "flow-1?page=0&page_size=25&start_date=2025-06-03T02%3A00%3A00Z"
        + "&state=COMPLETED"), stackai.targets());
  }

  @Test
  void vendorParamsAreAddedToEveryPageRequest() {
    mixedFlow();

    ids(RunQuery.builder().flowIds("flow-1").pageSize(5).vendorParam("user_id", "customer 4821")
        .build());

    assertEquals(List.of(BASE + "flow-1?page=0&page_size=5&user_id=customer%204821",
        BASE + "flow-1?page=1&page_size=5&user_id=customer%204821"), stackai.targets());
  }

  @Test
  void vendorParamsThatWouldFightTheQueryAreRefusedBeforeAnyRequest() {
    mixedFlow();
    for (RunQuery query : List.of(
        RunQuery.builder().flowIds("flow-1").vendorParam("page", "3").build(),
        RunQuery.builder().flowIds("flow-1").vendorParam("page_size", "3").build(),
        RunQuery.builder().flowIds("flow-1").statuses(RunStatus.FAILED).vendorParam("state", "PAUSED").build(),
        RunQuery.builder().flowIds("flow-1").startedAfter(Instant.EPOCH).vendorParam("start_date", "x").build(),
        RunQuery.builder().flowIds("flow-1").startedBefore(Instant.EPOCH).vendorParam("end_date", "x").build())) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> client.listRuns(query));
      String name = query.vendorParams().keySet().iterator().next();
      assertTrue(e.getMessage().contains("'" + name + "'"), e.getMessage());
    }
    assertTrue(stackai.requests.isEmpty());
  }

  @Test
  void aStateVendorParamWithoutAStatusFilterIsPassedThrough() {
    mixedFlow();

    assertEquals(List.of("a8"), ids(RunQuery.builder().flowIds("flow-1").vendorParam("state", "PAUSED").build()));
    assertEquals(List.of(BASE + "flow-1?page=0&page_size=25&state=PAUSED"), stackai.targets());
  }

  @Test
  void aDotSegmentFlowIdIsRefusedBeforeAnyRequest() {
    assertThrows(IllegalArgumentException.class,
        () -> client.listRuns(RunQuery.builder().flowIds("..").build()));
    assertTrue(stackai.requests.isEmpty());
  }

  @Test
  void flowIdsArePathSegmentsEncodedWhole() {
    stackai.flow("flow 7/a", run("x1", "COMPLETED", true, "2025-06-03T08:00:00Z"));

    assertEquals(List.of("x1"), ids(RunQuery.builder().flowIds("flow 7/a").build()));
    assertEquals(List.of(BASE + "flow%207%2Fa?page=0&page_size=25"), stackai.targets());
  }

  // ---- paging ----

  /** flow-1: 5 runs (pages of 2: full, full, short); flow-2: 4 runs (full, full, empty). */
  private void twoPagedFlows() {
    stackai.flow("flow-1",
        run("f1-1", "COMPLETED", true, "2025-06-03T08:00:00Z"),
        run("f1-2", "FAILED", false, "2025-06-03T07:00:00Z"),
        run("f1-3", "COMPLETED", true, "2025-06-03T06:00:00Z"),
        run("f1-4", "CANCELLED", null, "2025-06-03T05:00:00Z"),
        run("f1-5", "COMPLETED", false, "2025-06-03T04:00:00Z"));
    stackai.flow("flow-2",
        run("f2-1", "PENDING", null, "2025-06-03T08:30:00Z"),
        run("f2-2", "COMPLETED", true, "2025-06-03T07:30:00Z"),
        run("f2-3", "RESUMED", null, "2025-06-03T06:30:00Z"),
        run("f2-4", "PAUSED", null, "2025-06-03T05:30:00Z"));
  }

  /** Both flows merged newest first by date. */
  private static final List<String> ALL_IDS = List.of("f2-1", "f1-1", "f2-2", "f1-2", "f2-3",
      "f1-3", "f2-4", "f1-4", "f1-5");

  private static RunQuery.Builder bothFlows() {
    return RunQuery.builder().flowIds("flow-1", "flow-2").pageSize(2);
  }

  @Test
  void pagesRunFromZeroUntilAShortOrEmptyPageAndFlowsMergeNewestFirst() {
    twoPagedFlows();

    List<Run> runs = client.listRuns(bothFlows().build()).stream().collect(Collectors.toList());

    assertEquals(ALL_IDS, runs.stream().map(Run::id).collect(Collectors.toList()));
    assertEquals("flow-2", runs.get(0).flowId());
    assertEquals("flow-1", runs.get(8).flowId());
    assertEquals(Set.of(
        BASE + "flow-1?page=0&page_size=2",
        BASE + "flow-1?page=1&page_size=2",
        BASE + "flow-1?page=2&page_size=2",
        BASE + "flow-2?page=0&page_size=2",
        BASE + "flow-2?page=1&page_size=2",
        BASE + "flow-2?page=2&page_size=2"), Set.copyOf(stackai.targets()));
    assertEquals(6, stackai.targets().size());
  }

  @Test
  void pagesAreFetchedOnlyAsTheyAreConsumed() {
    twoPagedFlows();

    Iterator<Run> runs = client.listRuns(bothFlows().build()).iterator();
    assertTrue(stackai.requests.isEmpty());
    runs.next();
    assertEquals(2, stackai.requests.size()); // the first page of each flow, to compare their heads
    runs.next();
    assertEquals(2, stackai.requests.size());
    runs.forEachRemaining(r -> { });
    assertEquals(6, stackai.requests.size());
  }

  @Test
  void aLimitMidPageFetchesOnlyThePagesTheMergeNeeds() {
    twoPagedFlows();

    assertEquals(List.of("f2-1", "f1-1", "f2-2"), ids(bothFlows().limit(3).build()));
    // Both first pages, and flow-2's second: the merge needs its head to place the next run.
    assertEquals(3, stackai.requests.size());
  }

  @Test
  void aLimitOfZeroSendsNoRequest() {
    twoPagedFlows();

    assertEquals(List.of(), ids(bothFlows().limit(0).build()));
    assertTrue(stackai.requests.isEmpty());
  }

  @Test
  void resumingFromAnyPageTokenLosesAndRepeatsNoRun() {
    twoPagedFlows();
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
      assertEquals(ALL_IDS, seen, "resumed after page " + i);
    }
  }

  @Test
  void resumingFromATokenCutByTheLimitContinuesMidPage() {
    twoPagedFlows();
    RunQuery query = bothFlows().build();
    Page<Run> cut = null;
    for (Page<Run> page : client.listRuns(bothFlows().limit(3).build()).pages()) {
      cut = page;
    }
    assertEquals(List.of("f2-2"), ids(cut.items()));
    stackai.requests.clear();

    List<String> rest = ids(client.listRuns(query).resumeFrom(cut.nextToken()));

    assertEquals(ALL_IDS.subList(3, ALL_IDS.size()), rest);
  }

  @Test
  void aTokenOfASingleFlowListingResumesThatFlow() {
    twoPagedFlows();
    RunQuery query = RunQuery.builder().flowIds("flow-1").pageSize(2).build();
    Page<Run> first = client.listRuns(query).pages().iterator().next();
    stackai.requests.clear();

    assertEquals(List.of("f1-3", "f1-4", "f1-5"), ids(client.listRuns(query).resumeFrom(first.nextToken())));
    assertEquals(BASE + "flow-1?page=1&page_size=2", stackai.targets().get(0));
  }

  @Test
  void requestOptionsApplyToEveryPage() {
    twoPagedFlows();
    RequestOptions options = RequestOptions.builder().header("X-Correlation-Id", "job-17").build();

    assertEquals(ALL_IDS, ids(client.listRuns(bothFlows().build(), options)));
    assertEquals(6, stackai.requests.size());
    stackai.requests.forEach(r -> assertEquals("job-17", r.getHeaders().get("X-Correlation-Id")));
  }

  @Test
  void clientSideFiltersStillPageThroughEveryFlow() {
    twoPagedFlows();

    Paged<Run> paused = client.listRuns(bothFlows().trigger("API").search("f2-4").build());

    assertEquals(List.of("f2-4"), ids(paused));
    assertEquals(6, stackai.requests.size());
  }

  // ---- counting and capabilities ----

  @Test
  void countByStatusScansTheListing() {
    twoPagedFlows();

    Map<RunStatus, Long> counts = client.countByStatus(bothFlows().build());

    assertEquals(Map.of(RunStatus.SUCCEEDED, 3L, RunStatus.FAILED, 2L, RunStatus.CANCELLED, 1L,
        RunStatus.QUEUED, 1L, RunStatus.RUNNING, 1L, RunStatus.PAUSED, 1L), counts);
    assertEquals(6, stackai.requests.size());
  }

  @Test
  void countByStatusHonoursTheStatusFilter() {
    twoPagedFlows();

    Map<RunStatus, Long> counts = client.countByStatus(bothFlows().statuses(RunStatus.FAILED).build());

    assertEquals(Map.of(RunStatus.FAILED, 2L), counts);
    assertTrue(stackai.targets().stream().allMatch(t -> t.endsWith("&state=COMPLETED%2CFAILED")));
  }

  @Test
  void capabilitiesSayOnlyListingAndCountingWithTheServerSideFilters() {
    Capabilities caps = client.capabilities();

    assertEquals(java.util.EnumSet.of(Capabilities.Operation.LIST_RUNS,
        Capabilities.Operation.COUNT_BY_STATUS), caps.operations());
    assertEquals(java.util.EnumSet.of(Capabilities.Filter.FLOW_IDS, Capabilities.Filter.STATUSES,
        Capabilities.Filter.STARTED_AFTER, Capabilities.Filter.STARTED_BEFORE),
        caps.serverSideFilters());
    assertSame(Vendor.STACKAI, client.vendor());
  }
}
