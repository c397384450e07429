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
import io.github.flowruns.http.RequestOptions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Filters, flows and paging of {@link FlowStackClient#listRuns} against a fake FlowStack. */
class FlowStackListRunsTest {

  private FakeFlowStack fake;
  private FlowStackClient client;

  @BeforeEach
  void start() throws Exception {
    fake = new FakeFlowStack().flow("flow_a", 24).flow("flow_b", 7);
    client = fake.client();
  }

  @AfterEach
  void stop() {
    client.close();
    fake.close();
  }

  private List<String> ids(RunQuery query) {
    return client.listRuns(query).stream().map(Run::id).collect(Collectors.toList());
  }

  private List<String> expected(String flowId, Predicate<FakeFlowStack.Entry> p) {
    // Listed ids carry their flow (api.md "Ids round-trip"): "<flowId>/<runId>".
    return fake.flows.get(flowId).stream().filter(p).map(e -> flowId + "/" + e.id).collect(Collectors.toList());
  }

  private RunQuery.Builder flowA() {
    return RunQuery.builder().flowIds("flow_a");
  }

  // ---- flows ----------------------------------------------------------------------------------

  @Test
  void listsEveryRunOfTheFlowWithTheFlowInThePathAndTheBearerKey() {
    assertEquals(expected("flow_a", e -> true), ids(flowA().build()));

    assertEquals(1, fake.requests.size());
    assertEquals("/api/v1/flows/flow_a/runs", fake.requests.get(0).getUrl().encodedPath());
    assertEquals("limit=100", fake.requests.get(0).getUrl().encodedQuery());
    assertEquals("Bearer " + FakeFlowStack.API_KEY, fake.requests.get(0).getHeaders().get("Authorization"));
  }

  @Test
  void runsCarryFlowStackIdsAndTheirFlow() {
    Run first = client.listRuns(flowA().limit(1).build()).iterator().next();
    assertEquals("flow_a/run_a_000", first.id());
    assertEquals("run_a_000", first.unwrap(io.github.flowruns.flowstack.model.FlowRun.class).getId());
    assertEquals("flow_a", first.flowId());
    assertEquals(RunStatus.SUCCEEDED, first.status());
    assertTrue(first.steps().isEmpty());
  }

  @Test
  void theBuildersDefaultFlowIsListedWhenTheQueryNamesNone() {
    try (FlowStackClient withDefault = fake.clientBuilder().flowId("flow_b").build()) {
      List<String> ids = withDefault.listRuns(RunQuery.all()).stream().map(Run::id).collect(Collectors.toList());
      assertEquals(expected("flow_b", e -> true), ids);
      assertEquals("/api/v1/flows/flow_b/runs", fake.requests.get(0).getUrl().encodedPath());
    }
  }

  @Test
  void theQuerysFlowsWinOverTheDefaultFlow() {
    try (FlowStackClient withDefault = fake.clientBuilder().flowId("flow_b").build()) {
      withDefault.listRuns(flowA().build()).forEach(r -> assertEquals("flow_a", r.flowId()));
      assertEquals("/api/v1/flows/flow_a/runs", fake.requests.get(0).getUrl().encodedPath());
    }
  }

  @Test
  void severalFlowsAreMergedNewestFirstBehindOnePagedFetchingEachPageOnce() {
    List<Run> runs = client.listRuns(RunQuery.builder().flowIds("flow_b", "flow_a").pageSize(5).build())
        .stream().collect(Collectors.toList());

    Set<String> want = new HashSet<>(expected("flow_b", e -> true));
    want.addAll(expected("flow_a", e -> true));
    assertEquals(want, runs.stream().map(Run::id).collect(Collectors.toSet()));
    assertEquals(want.size(), runs.size());
    for (int i = 1; i < runs.size(); i++) {
      assertFalse(runs.get(i).startedAt().isAfter(runs.get(i - 1).startedAt()), "newest first at " + i);
    }
    assertTrue(runs.stream().limit(7).anyMatch(r -> r.flowId().equals("flow_a")), "not flow after flow");
    List<String> paths = fake.requests.stream().map(r -> r.getUrl().encodedPath()).collect(Collectors.toList());
    assertEquals(2 + 5, paths.size()); // 7 runs of b in 2 pages, 24 of a in 5, each page once
  }

  @Test
  void aFlowIdIsEncodedAsOnePathSegment() {
    fake.flow("flow x/y", 1);
    assertEquals(1, ids(RunQuery.builder().flowIds("flow x/y").build()).size());
    assertEquals("/api/v1/flows/flow%20x%2Fy/runs", fake.requests.get(0).getUrl().encodedPath());
  }

  @Test
  void aDotSegmentFlowIdIsRefusedBeforeAnyRequest() {
    assertThrows(IllegalArgumentException.class, () -> client.listRuns(RunQuery.builder().flowIds("..").build()));
    assertEquals(0, fake.server.getRequestCount());
  }

  // ---- status filter ---------------------------------------------------------------------------

  @Test
  void aStatusWithOneFlowStackValueIsFilteredServerSide() {
    assertEquals(expected("flow_a", e -> e.status.equals("FAILED")),
        ids(flowA().statuses(RunStatus.FAILED).build()));
    assertEquals(List.of("limit=100&status=FAILED"), fake.queries());
  }

  // vendors.md, FlowStack: only SUCCEEDED, FAILED, RUNNING are documented as status filter values.
  @Test
  void timedOutIsFilteredClientSideAsFlowStackDocumentsNoTimeoutFilter() {
    assertEquals(expected("flow_a", e -> e.status.equals("TIMEOUT")),
        ids(flowA().statuses(RunStatus.TIMED_OUT).build()));
    assertEquals(List.of("limit=100"), fake.queries());
  }

  @Test
  void cancelledHasTwoFlowStackValuesSoItIsFilteredClientSideWithTheSameResult() {
    List<String> got = ids(flowA().statuses(RunStatus.CANCELLED).build());

    assertEquals(expected("flow_a", e -> e.status.equals("CANCELED") || e.status.equals("STOPPED")), got);
    assertFalse(got.isEmpty());
    assertEquals(List.of("limit=100"), fake.queries());
  }

  @Test
  void severalStatusesAreFilteredClientSideWithTheSameResultAsAskingForEach() {
    List<String> both = ids(flowA().statuses(RunStatus.FAILED, RunStatus.RUNNING).build());
    assertEquals(List.of("limit=100"), fake.queries());

    Set<String> serverSide = new HashSet<>(ids(flowA().statuses(RunStatus.FAILED).build()));
    serverSide.addAll(ids(flowA().statuses(RunStatus.RUNNING).build()));
    assertEquals(serverSide, new HashSet<>(both));
    assertEquals(expected("flow_a", e -> e.status.equals("FAILED") || e.status.equals("RUNNING")), both);
  }

  @Test
  void aStatusFlowStackNeverReportsMatchesNothingWithoutARequest() {
    assertEquals(List.of(), ids(flowA().statuses(RunStatus.PARTIALLY_SUCCEEDED).build()));
    assertEquals(0, fake.server.getRequestCount());
  }

  @Test
  void aStatusFlowStackNeverReportsDoesNotNarrowTheOthersOnTheServer() {
    assertEquals(expected("flow_a", e -> e.status.equals("FAILED")),
        ids(flowA().statuses(RunStatus.FAILED, RunStatus.PARTIALLY_SUCCEEDED).build()));
    assertEquals(List.of("limit=100&status=FAILED"), fake.queries());
  }

  @Test
  void unknownIsFilteredClientSideAndReturnsRunsWithUnlistedStatuses() {
    List<String> got = ids(flowA().statuses(RunStatus.UNKNOWN).build());
    assertEquals(expected("flow_a", e -> e.status.equals("WAITING_FOR_APPROVAL")), got);
    assertFalse(got.isEmpty());
    assertEquals(List.of("limit=100"), fake.queries());
  }

  @Test
  void unknownTogetherWithOneStatusIsNotSentToTheServer() {
    List<String> got = ids(flowA().statuses(RunStatus.UNKNOWN, RunStatus.FAILED).build());
    assertEquals(expected("flow_a", e -> e.status.equals("WAITING_FOR_APPROVAL") || e.status.equals("FAILED")), got);
    assertEquals(List.of("limit=100"), fake.queries());
  }

  // ---- client-side filters ---------------------------------------------------------------------

  @Test
  void startedAfterIsInclusiveAndFilteredClientSide() {
    Instant t = Instant.parse("2026-04-21T05:00:00Z");
    assertEquals(expected("flow_a", e -> !e.start.isBefore(t)), ids(flowA().startedAfter(t).build()));
    assertEquals(8, ids(flowA().startedAfter(t).build()).size());
    assertEquals("limit=100", fake.queries().get(0));
  }

  @Test
  void startedBeforeIsExclusiveAndFilteredClientSide() {
    Instant t = Instant.parse("2026-04-21T05:00:00Z");
    assertEquals(expected("flow_a", e -> e.start.isBefore(t)), ids(flowA().startedBefore(t).build()));
    assertEquals("limit=100", fake.queries().get(0));
  }

  @Test
  void aTimeWindowTogetherWithAServerSideStatusSendsOnlyTheStatus() {
    Instant after = Instant.parse("2026-04-20T12:00:00Z");
    Instant before = Instant.parse("2026-04-21T11:00:00Z");
    assertEquals(expected("flow_a", e -> e.status.equals("FAILED") && !e.start.isBefore(after) && e.start.isBefore(before)),
        ids(flowA().statuses(RunStatus.FAILED).startedAfter(after).startedBefore(before).build()));
    assertEquals(List.of("limit=100&status=FAILED"), fake.queries());
  }

  @Test
  void triggerMatchesTheTriggerTypeIgnoringCaseClientSide() {
    assertEquals(expected("flow_a", e -> e.trigger.equals("WEBHOOK")), ids(flowA().trigger("webhook").build()));
    assertEquals(List.of("limit=100"), fake.queries());
  }

  @Test
  void anUnknownTriggerTypeCanBeFilteredByItsRawText() {
    List<String> got = ids(flowA().trigger("EMAIL").build());
    assertEquals(expected("flow_a", e -> e.trigger.equals("EMAIL")), got);
    assertFalse(got.isEmpty());
  }

  @Test
  void searchMatchesTheFailedStepClientSide() {
    List<String> got = ids(flowA().search("slack").build());
    assertEquals(expected("flow_a", e -> "Send Slack Message".equals(e.failedStep)), got);
    assertFalse(got.isEmpty());
    assertEquals(List.of("limit=100"), fake.queries());
  }

  @Test
  void searchMatchesTheRunId() {
    assertEquals(List.of("flow_a/run_a_017"), ids(flowA().search("A_017").build()));
  }

  @Test
  void tagsMatchNothingBecauseFlowStackRunsHaveNone() {
    assertEquals(List.of(), ids(flowA().tags("prod").build()));
  }

  @Test
  void vendorParametersAreSentAsGiven() {
    ids(flowA().statuses(RunStatus.FAILED).vendorParam("environment", "production")
        .vendorParam("q", "a b&c").build());
    assertEquals(List.of("limit=100&status=FAILED&environment=production&q=a%20b%26c"), fake.queries());
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
  void aVendorLimitParameterIsRefusedBecauseThePageSizeIsSentAsLimit() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> client.listRuns(flowA().vendorParam("limit", "5").build()));
    assertTrue(e.getMessage().contains("'limit'") && e.getMessage().contains("pageSize"), e.getMessage());
    assertEquals(List.of(), fake.queries());
  }

  @Test
  void aVendorStatusParameterReplacesTheStatusTheClientSets() {
    ids(flowA().statuses(RunStatus.FAILED).vendorParam("status", "RUNNING").build());
    assertEquals(List.of("limit=100&status=RUNNING"), fake.queries());
  }

  @Test
  void thePageSizeIsSentAsLimit() {
    ids(flowA().pageSize(25).build());
    assertEquals(List.of("limit=25"), fake.queries());
  }

  @Test
  void aSmallLimitWithoutClientSideFiltersAsksForNoMoreRunsThanNeeded() {
    assertEquals(expected("flow_a", e -> true).subList(0, 5), ids(flowA().limit(5).build()));
    assertEquals(List.of("limit=5"), fake.queries());
  }

  @Test
  void aLimitWithClientSideFiltersKeepsFullPages() {
    ids(flowA().trigger("API").limit(2).build());
    assertEquals(List.of("limit=100"), fake.queries());
  }

  @Test
  void aZeroLimitMakesNoRequest() {
    assertEquals(List.of(), ids(flowA().limit(0).build()));
    assertEquals(0, fake.server.getRequestCount());
  }

  // ---- paging ----------------------------------------------------------------------------------

  @Test
  void pagesFollowTheCursorUntilHasMoreIsFalse() {
    List<String> got = ids(flowA().pageSize(10).build());

    assertEquals(expected("flow_a", e -> true), got);
    assertEquals(List.of("limit=10", "limit=10&cursor=cur_10", "limit=10&cursor=cur_20"), fake.queries());
  }

  @Test
  void aLimitMidPageStopsWithoutFetchingAnotherPage() {
    List<String> got = ids(flowA().pageSize(10).limit(15).build());

    assertEquals(expected("flow_a", e -> true).subList(0, 15), got);
    assertEquals(2, fake.server.getRequestCount());
  }

  @Test
  void requestOptionsApplyToEveryPage() {
    RequestOptions opts = RequestOptions.builder().header("X-Correlation-Id", "corr-7").build();
    client.listRuns(RunQuery.builder().flowIds("flow_a", "flow_b").pageSize(10).build(), opts).forEach(r -> { });

    assertEquals(4, fake.requests.size());
    fake.requests.forEach(r -> assertEquals("corr-7", r.getHeaders().get("X-Correlation-Id")));
  }

  @Test
  void resumingFromAPageTokenContinuesWithoutLosingOrRepeatingRuns() {
    RunQuery query = flowA().pageSize(7).build();
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
    fake.requests.clear();

    paged.resumeFrom(token).forEach(r -> seen.add(r.id()));

    assertEquals(expected("flow_a", e -> true), seen);
    assertEquals("limit=7&cursor=cur_14", fake.queries().get(0));
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

    assertEquals(expected("flow_a", e -> true), seen);
  }

  @Test
  void resumingAMergedListingOfSeveralFlowsLosesAndRepeatsNothing() {
    RunQuery query = RunQuery.builder().flowIds("flow_b", "flow_a").pageSize(7).build();
    List<String> whole = client.listRuns(query).stream().map(Run::id).collect(Collectors.toList());
    Page<Run> firstPage = client.listRuns(query).pages().iterator().next();
    assertEquals(7, firstPage.items().size());

    List<String> seen = firstPage.items().stream().map(Run::id).collect(Collectors.toList());
    // A new client, as after a restart: the token alone carries where each flow stopped.
    try (FlowStackClient other = fake.client()) {
      other.listRuns(query).resumeFrom(firstPage.nextToken()).forEach(r -> seen.add(r.id()));
    }

    assertEquals(whole, seen);
  }

  @Test
  void iteratingTwiceStartsAgainFromTheFirstPage() {
    Paged<Run> paged = client.listRuns(flowA().pageSize(10).build());
    assertEquals(24, paged.stream().count());
    assertEquals(24, StreamSupport.stream(paged.spliterator(), false).count());
    assertEquals(6, fake.server.getRequestCount());
  }

  @Test
  void theLastPageHasNoToken() {
    List<Page<Run>> pages = new ArrayList<>();
    client.listRuns(flowA().pageSize(10).build()).pages().forEach(pages::add);
    assertEquals(3, pages.size());
    assertNull(pages.get(2).nextToken());
    assertEquals(4, pages.get(2).items().size());
  }
}
