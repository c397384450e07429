package io.github.flowruns.activepieces;

import static io.github.flowruns.activepieces.ApFixtures.PROJECT;
import static io.github.flowruns.activepieces.ApFixtures.enqueueJson;
import static io.github.flowruns.activepieces.ApFixtures.page;
import static io.github.flowruns.activepieces.ApFixtures.run;
import static io.github.flowruns.activepieces.ApFixtures.take;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.flowruns.Page;
import io.github.flowruns.Paged;
import io.github.flowruns.ResponseParseException;
import io.github.flowruns.Run;
import io.github.flowruns.RunQuery;
import io.github.flowruns.RunStatus;
import io.github.flowruns.http.RequestOptions;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** listRuns: the query sent for each filter, client-side filters, and cursor paging. */
class ActivepiecesListRunsTest {
  private static final Instant T0 = Instant.parse("2025-03-14T09:00:00Z");

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

  // ------------------------------------------------------------------ the query sent

  @Test
  void anEmptyQuerySendsOnlyTheProject() throws Exception {
    enqueueJson(server, 200, page(null, run("a1")));

    List<Run> runs = list(RunQuery.all());

    assertEquals("GET", take(server).getMethod());
    assertEquals(1, runs.size());
    RecordedRequest request = server.takeRequest(0, java.util.concurrent.TimeUnit.SECONDS);
    assertNull(request);
  }

  @Test
  void theRequestGoesUnderTheApiPrefixWithTheBearerKey() throws Exception {
    enqueueJson(server, 200, page(null));

    list(RunQuery.all());

    RecordedRequest request = take(server);
    assertEquals("/api/v1/flow-runs", request.getUrl().encodedPath());
    assertEquals("projectId=" + PROJECT, request.getUrl().encodedQuery());
    assertEquals("Bearer " + ApFixtures.KEY, request.getHeaders().get("Authorization"));
  }

  @Test
  void flowIdsAreSentAsRepeatedFlowIdKeys() throws Exception {
    enqueueJson(server, 200, page(null));

    list(RunQuery.builder().flowIds("flowA", "flowB").build());

    assertEquals("projectId=" + PROJECT + "&flowId=flowA&flowId=flowB", query(take(server)));
  }

  @Test
  void statusesAreSentAsRepeatedStatusKeys() throws Exception {
    enqueueJson(server, 200, page(null));

    list(RunQuery.builder().statuses(RunStatus.TIMED_OUT, RunStatus.QUEUED).build());

    assertEquals("projectId=" + PROJECT + "&status=QUEUED&status=TIMEOUT", query(take(server)));
  }

  @Test
  void tagsAreSentAsRepeatedTagsKeys() throws Exception {
    enqueueJson(server, 200, page(null));

    list(RunQuery.builder().tags("invoices", "eu west").build());

    assertEquals("projectId=" + PROJECT + "&tags=invoices&tags=eu%20west", query(take(server)));
  }

  @Test
  void startedAfterIsSentAsTheSameCreatedAfter() throws Exception {
    enqueueJson(server, 200, page(null));

    list(RunQuery.builder().startedAfter(Instant.parse("2025-03-01T10:15:30Z")).build());

    assertEquals("projectId=" + PROJECT + "&createdAfter=2025-03-01T10%3A15%3A30Z", query(take(server)));
  }

  @Test
  void startedBeforeIsExclusiveSoTheInclusiveCreatedBeforeIsOneMillisecondEarlier() throws Exception {
    enqueueJson(server, 200, page(null));

    list(RunQuery.builder().startedBefore(Instant.parse("2025-03-02T00:00:00Z")).build());

    assertEquals("projectId=" + PROJECT + "&createdBefore=2025-03-01T23%3A59%3A59.999Z",
        query(take(server)));
  }

  @Test
  void aSubMillisecondStartedBeforeIsTruncatedToItsMillisecond() throws Exception {
    enqueueJson(server, 200, page(null));

    list(RunQuery.builder().startedBefore(Instant.parse("2025-03-02T00:00:00.000500Z")).build());

    assertEquals("projectId=" + PROJECT + "&createdBefore=2025-03-02T00%3A00%3A00Z", query(take(server)));
  }

  @Test
  void pageSizeIsSentAsLimit() throws Exception {
    enqueueJson(server, 200, page(null));

    list(RunQuery.builder().pageSize(50).build());

    assertEquals("projectId=" + PROJECT + "&limit=50", query(take(server)));
  }

  @Test
  void triggerAndSearchAreNotSentToTheServer() throws Exception {
    enqueueJson(server, 200, page(null));

    list(RunQuery.builder().trigger("webhook").search("503").build());

    assertEquals("projectId=" + PROJECT, query(take(server)));
  }

  @Test
  void vendorParamsAreSentAsGivenAfterTheQuerysOwn() throws Exception {
    enqueueJson(server, 200, page(null));

    list(RunQuery.builder().statuses(RunStatus.FAILED).vendorParam("includeArchived", "true")
        .vendorParam("failedStepName", "step 2").build());

    assertEquals("projectId=" + PROJECT
        + "&status=FAILED&status=QUOTA_EXCEEDED&status=INTERNAL_ERROR&status=MEMORY_LIMIT_EXCEEDED"
        + "&status=LOG_SIZE_EXCEEDED&includeArchived=true&failedStepName=step%202", query(take(server)));
  }

  // Issue 11: one vendor-parameter policy. A vendor parameter replaces the client's parameter of
  // the same name (it used to be appended, so createdAfter went twice, which a server reading a
  // single value either picks from as it likes or refuses).
  @Test
  void aVendorParamReplacesTheClientsParameterOfTheSameNameInsteadOfRepeatingIt() throws Exception {
    enqueueJson(server, 200, page(null));

    list(RunQuery.builder().startedAfter(Instant.parse("2025-03-01T00:00:00Z"))
        .vendorParam("createdAfter", "2025-01-01T00:00:00Z").build());

    assertEquals("projectId=" + PROJECT + "&createdAfter=2025-01-01T00%3A00%3A00Z", query(take(server)));
  }

  @Test
  void aProjectIdVendorParamReplacesTheBuildersProject() throws Exception {
    enqueueJson(server, 200, page(null));

    list(RunQuery.builder().vendorParam("projectId", "other000000000000000p").build());

    assertEquals("projectId=other000000000000000p", query(take(server)));
  }

  @Test
  void everyFilterTogetherIsSentInOneRequest() throws Exception {
    enqueueJson(server, 200, page(null));

    list(RunQuery.builder().flowIds("flowA").statuses(RunStatus.PAUSED).tags("t1")
        .startedAfter(Instant.parse("2025-03-01T00:00:00Z"))
        .startedBefore(Instant.parse("2025-03-02T00:00:00Z")).pageSize(20).build());

    assertEquals("projectId=" + PROJECT + "&limit=20&createdAfter=2025-03-01T00%3A00%3A00Z"
        + "&createdBefore=2025-03-01T23%3A59%3A59.999Z&flowId=flowA&tags=t1&status=PAUSED",
        query(take(server)));
  }

  @Test
  void cursorAndLimitVendorParamsAreRefusedBecauseThePagingOwnsThem() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> client.listRuns(RunQuery.builder().vendorParam("cursor", "x").build()));

    assertTrue(e.getMessage().contains("cursor"), e.getMessage());
    assertEquals(0, server.getRequestCount());
  }

  @Test
  void withoutAProjectListingFailsBeforeAnyRequestNamingProjectId() {
    try (ActivepiecesClient noProject = ApFixtures.builder(server).projectId(null).build()) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> noProject.listRuns(RunQuery.all()));

      assertTrue(e.getMessage().contains("projectId"), e.getMessage());
      assertEquals(0, server.getRequestCount());
    }
  }

  @Test
  void withoutABuilderProjectAQueryProjectIsEnough() throws Exception {
    enqueueJson(server, 200, page(null, run("a1")));
    try (ActivepiecesClient noProject = ApFixtures.builder(server).projectId(null).build()) {

      List<Run> runs = noProject.listRuns(RunQuery.builder().vendorParam("projectId", "q1").build())
          .stream().collect(Collectors.toList());

      assertEquals(1, runs.size());
      assertEquals("projectId=q1", query(take(server)));
    }
  }

  @Test
  void requestOptionsHeadersGoOnEveryPage() throws Exception {
    enqueueJson(server, 200, page("c1", run("a1")));
    enqueueJson(server, 200, page(null, run("a2")));

    client.listRuns(RunQuery.all(), RequestOptions.builder().header("X-Trace", "t-1").build())
        .forEach(r -> { });

    assertEquals("t-1", take(server).getHeaders().get("X-Trace"));
    assertEquals("t-1", take(server).getHeaders().get("X-Trace"));
  }

  // ------------------------------------------------------------------ server-side = client-side

  @Test
  void aRunCreatedBeforeStartedBeforeButStartedAfterItIsLeftOutLikeTheQuerySays() {
    Instant bound = T0.plusSeconds(60);
    enqueueJson(server, 200, page(null,
        run("late").created(bound.minusSeconds(5)).start(bound.plusSeconds(1)),
        run("early").created(bound.minusSeconds(10)).start(bound.minusSeconds(9))));

    List<String> ids = list(RunQuery.builder().startedBefore(bound).build()).stream()
        .map(Run::id).collect(Collectors.toList());

    assertEquals(List.of("early"), ids);
  }

  @Test
  void aServerThatIgnoresAFilterStillYieldsOnlyMatchingRuns() {
    enqueueJson(server, 200, page(null, run("a1").status("FAILED"), run("a2").status("SUCCEEDED"),
        run("a3").status("INTERNAL_ERROR")));

    List<String> ids = list(RunQuery.builder().statuses(RunStatus.FAILED).build()).stream()
        .map(Run::id).collect(Collectors.toList());

    assertEquals(List.of("a1", "a3"), ids);
  }

  // ------------------------------------------------------------------ paging

  @Test
  void pagesFollowCreationTimesNotTheServersCursor() throws Exception {
    // The server's cursor would skip the runs created in a page's last second (vendors.md):
    // each next page asks for the runs created at or before the last run, less those delivered.
    Instant t = Instant.parse("2025-03-14T09:00:00Z");
    enqueueJson(server, 200, page("c1", run("a1").created(t.plusMillis(3000)),
        run("a2").created(t.plusMillis(2000)), run("a3").created(t.plusMillis(1500))));
    enqueueJson(server, 200, page("c2", run("a3").created(t.plusMillis(1500)),
        run("a4").created(t.plusMillis(1500)), run("a5").created(t.plusMillis(1100)),
        run("a6").created(t.plusMillis(900))));
    enqueueJson(server, 200, page(null, run("a6").created(t.plusMillis(900)),
        run("a7").created(t.plusMillis(100))));

    List<Page<Run>> pages = new ArrayList<>();
    client.listRuns(RunQuery.builder().pageSize(3).build()).pages().forEach(pages::add);

    assertEquals(3, pages.size());
    assertEquals(List.of("a1", "a2", "a3"), ids(pages.get(0).items()));
    assertEquals(List.of("a4", "a5", "a6"), ids(pages.get(1).items()), "a3 not again, a4 of its instant");
    assertEquals(List.of("a7"), ids(pages.get(2).items()));
    assertNull(pages.get(2).nextToken());
    assertEquals("projectId=" + PROJECT + "&limit=3", query(take(server)));
    assertEquals("projectId=" + PROJECT + "&limit=4&createdBefore=2025-03-14T09%3A00%3A01.5Z",
        query(take(server)), "a page size of new runs beside the one repeated");
    assertEquals("projectId=" + PROJECT + "&limit=4&createdBefore=2025-03-14T09%3A00%3A00.9Z",
        query(take(server)));
    assertEquals(3, server.getRequestCount());
  }

  @Test
  void aPageOfOneInstantIsFollowedByEveryRunOfThatInstantThenTheRunsBeforeIt() throws Exception {
    // Rather than tokens carrying 100 ids and more: a page of one instant holding that many is
    // followed by every run of the instant in one unlimited page (limit=-1, vendors.md), then
    // by the runs before it.
    Instant t = Instant.parse("2025-03-14T09:00:01Z");
    List<ApFixtures.RunJson> first = new ArrayList<>();
    List<ApFixtures.RunJson> instant = new ArrayList<>();
    for (int i = 0; i < 130; i++) {
      ApFixtures.RunJson r = run(String.format("s%03d", i)).created(t);
      if (i < 100) {
        first.add(r);
      }
      instant.add(0, r);   // in another order
    }
    enqueueJson(server, 200, page("c1", first));
    enqueueJson(server, 200, page(null, instant));
    enqueueJson(server, 200, page(null, run("before").created(t.minusMillis(1))));

    List<String> ids = ids(list(RunQuery.builder().pageSize(100).build()));

    assertEquals(131, ids.size());
    assertEquals(131, new java.util.HashSet<>(ids).size(), "no run twice");
    assertEquals("before", ids.get(130));
    take(server);
    assertEquals("projectId=" + PROJECT + "&limit=-1&createdAfter=2025-03-14T09%3A00%3A01Z"
        + "&createdBefore=2025-03-14T09%3A00%3A01Z", query(take(server)), "every run of the instant");
    assertEquals("projectId=" + PROJECT + "&limit=100&createdBefore=2025-03-14T09%3A00%3A00.999999Z",
        query(take(server)), "before the instant, to the database's microsecond");
    assertEquals(3, server.getRequestCount());
  }

  @Test
  void aPageWithinOneInstantRaisesTheLimitByTheRunsItRepeats() throws Exception {
    Instant t = Instant.parse("2025-03-14T09:00:01Z");
    enqueueJson(server, 200, page("c1", run("a1").created(t), run("a2").created(t)));
    enqueueJson(server, 200, page("c2", run("a2").created(t), run("a3").created(t),
        run("a1").created(t), run("a4").created(t)));
    enqueueJson(server, 200, page(null, run("a4").created(t), run("a5").created(t.minusMillis(1))));

    List<String> ids = ids(list(RunQuery.builder().pageSize(2).build()));

    assertEquals(List.of("a1", "a2", "a3", "a4", "a5"), ids);
    take(server);
    assertEquals("projectId=" + PROJECT + "&limit=4&createdBefore=2025-03-14T09%3A00%3A01Z",
        query(take(server)));
    assertEquals("projectId=" + PROJECT + "&limit=6&createdBefore=2025-03-14T09%3A00%3A01Z",
        query(take(server)), "four ids of the instant known, two new runs wanted");
  }

  @Test
  void aServerListingRunsPastTheBoundItWasSentFailsTheListing() {
    Instant t = Instant.parse("2025-03-14T09:00:01Z");
    enqueueJson(server, 200, page("c1", run("a1").created(t.plusSeconds(1)), run("a2").created(t)));
    enqueueJson(server, 200, page("c2", run("a1").created(t.plusSeconds(1)), run("a2").created(t)));

    ResponseParseException e = assertThrows(ResponseParseException.class,
        () -> list(RunQuery.builder().pageSize(2).build()));

    assertTrue(e.getMessage().contains("past the bound it was sent"), e.getMessage());
    assertEquals(2, server.getRequestCount());
  }

  @Test
  void aServerCursorIsSentEncodedWhenTheLastRunHasNoCreationTime() throws Exception {
    enqueueJson(server, 200, page("eyJ4IjoxfQ==/+", run("a1").created(null)));
    enqueueJson(server, 200, page(null));

    list(RunQuery.all());

    take(server);
    assertEquals("eyJ4IjoxfQ==/+", take(server).getUrl().queryParameter("cursor"));
  }

  @Test
  void aBlankNextEndsTheListing() {
    enqueueJson(server, 200, page("", run("a1")));

    assertEquals(1, list(RunQuery.all()).size());
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void aLimitMidPageStopsWithoutFetchingAnotherPage() {
    enqueueJson(server, 200, page("c1", run("a1"), run("a2"), run("a3")));
    enqueueJson(server, 200, page(null, run("a4")));

    List<Run> runs = list(RunQuery.builder().limit(2).build());

    assertEquals(List.of("a1", "a2"), ids(runs));
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void aLimitAtAPageEndDoesNotFetchTheNextPage() {
    enqueueJson(server, 200, page("c1", run("a1"), run("a2")));

    List<Run> runs = list(RunQuery.builder().limit(2).build());

    assertEquals(List.of("a1", "a2"), ids(runs));
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void nothingIsFetchedBeforeTheRunsAreConsumed() {
    Paged<Run> runs = client.listRuns(RunQuery.all());

    assertEquals(0, server.getRequestCount());
    assertNotNull(runs);
  }

  // ------------------------------------------------------------------ helpers

  private List<Run> list(RunQuery query) {
    return client.listRuns(query).stream().collect(Collectors.toList());
  }

  private static List<String> ids(List<Run> runs) {
    return runs.stream().map(Run::id).collect(Collectors.toList());
  }

  private static String query(RecordedRequest request) {
    return request.getUrl().encodedQuery();
  }
}
