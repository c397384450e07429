package io.github.flowruns.patchworks;

import static io.github.flowruns.patchworks.FakePatchworks.page;
import static io.github.flowruns.patchworks.FakePatchworks.run;
import static io.github.flowruns.patchworks.FakePatchworks.runs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.flowruns.Page;
import io.github.flowruns.Paged;
import io.github.flowruns.Run;
import io.github.flowruns.RunQuery;
import io.github.flowruns.RunStatus;
import io.github.flowruns.http.RequestOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** listRuns: every filter as it goes on the wire, client-side filters, and Laravel paging. */
class PatchworksListRunsTest {
  private static final Instant AFTER = Instant.parse("2026-03-01T00:00:00Z");
  private static final Instant BEFORE = Instant.parse("2026-03-02T00:00:00.250Z");

  private final FakePatchworks patchworks = new FakePatchworks();
  private final PatchworksClient client = patchworks.client();

  @AfterEach
  void close() {
    client.close();
    patchworks.close();
  }

  static Stream<Arguments> filters() {
    return Stream.of(
        Arguments.of("no filter", (UnaryOperator<RunQuery.Builder>) q -> q, "sort=-started_at&page=1"),
        Arguments.of("one flow", (UnaryOperator<RunQuery.Builder>) q -> q.flowIds("42"),
            "filter%5Bflow_id%5D=42&sort=-started_at&page=1"),
        Arguments.of("a status as its code", (UnaryOperator<RunQuery.Builder>) q -> q.statuses(RunStatus.FAILED),
            "filter%5Bstatus%5D=3&sort=-started_at&page=1"),
        Arguments.of("started after in Unix ms", (UnaryOperator<RunQuery.Builder>) q -> q.startedAfter(AFTER),
            "filter%5Bstarted_after%5D=1772323200000&sort=-started_at&page=1"),
        Arguments.of("started before in Unix ms", (UnaryOperator<RunQuery.Builder>) q -> q.startedBefore(BEFORE),
            "filter%5Bstarted_before%5D=1772409600250&sort=-started_at&page=1"),
        Arguments.of("a known trigger in Patchworks spelling", (UnaryOperator<RunQuery.Builder>) q -> q.trigger("webhook"),
            "filter%5Btrigger%5D=Webhook&sort=-started_at&page=1"),
        Arguments.of("an unknown trigger as given", (UnaryOperator<RunQuery.Builder>) q -> q.trigger("carrier pigeon"),
            "filter%5Btrigger%5D=carrier%20pigeon&sort=-started_at&page=1"),
        Arguments.of("search", (UnaryOperator<RunQuery.Builder>) q -> q.search("order #1001"),
            "filter%5Bsearch%5D=order%20%231001&sort=-started_at&page=1"),
        Arguments.of("page size", (UnaryOperator<RunQuery.Builder>) q -> q.pageSize(100),
            "sort=-started_at&page=1&per_page=100"),
        Arguments.of("a vendor parameter replacing the sort", (UnaryOperator<RunQuery.Builder>) q -> q.vendorParam("sort", "started_at"),
            "page=1&sort=started_at"),
        Arguments.of("a vendor parameter replacing one of ours", (UnaryOperator<RunQuery.Builder>) q -> q.flowIds("1").vendorParam("filter[flow_id]", "2"),
            "sort=-started_at&page=1&filter%5Bflow_id%5D=2"),
        Arguments.of("everything at once", (UnaryOperator<RunQuery.Builder>) q -> q.flowIds("42")
                .statuses(RunStatus.FAILED).startedAfter(AFTER).startedBefore(BEFORE).trigger("Schedule")
                .search("sku").pageSize(25).vendorParam("filter[virtual_environment_id]", "9"),
            "filter%5Bflow_id%5D=42&filter%5Btrigger%5D=Schedule&filter%5Bstatus%5D=3&filter%5Bsearch%5D=sku"
                + "&filter%5Bstarted_before%5D=1772409600250&filter%5Bstarted_after%5D=1772323200000"
                + "&sort=-started_at&page=1&per_page=25&filter%5Bvirtual_environment_id%5D=9"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("filters")
  void eachFilterGoesOnTheWireExactly(String name, UnaryOperator<RunQuery.Builder> filter, String query) {
    patchworks.enqueue(200, page(1, 1, 15, 1, run(1, 42, 3)));

    List<Run> runs = client.listRuns(filter.apply(RunQuery.builder()).build()).stream().toList();

    RecordedRequest request = patchworks.take();
    assertEquals("GET", request.getMethod());
    assertEquals("/api/v1/flow-runs", request.getUrl().encodedPath());
    assertEquals(query, request.getUrl().encodedQuery());
    assertEquals(FakePatchworks.API_KEY, request.getHeaders().get("Authorization"));
    assertEquals(1, runs.size());
  }

  @Test
  void runsReadWithTheirFields() {
    patchworks.enqueue(200, page(1, 1, 15, 2,
        "{\"id\":4294967297,\"flow_id\":3000000001,\"status\":3,\"trigger\":\"Webhook\","
            + "\"started_at\":\"2026-03-01 19:00:00\",\"finished_at\":\"2026-03-01T19:00:05.5Z\",\"duration\":5123}",
        "{\"id\":\"12\",\"type\":\"flow-runs\",\"attributes\":{\"status\":2,\"flow_id\":77,\"trigger\":\"API\","
            + "\"started_at\":\"2026-03-01T20:00:00+01:00\",\"finished_at\":\"2026-03-01T20:00:02+01:00\"}}"));

    List<Run> runs = client.listRuns(RunQuery.all()).stream().toList();

    Run flat = runs.get(0);
    assertEquals("4294967297", flat.id());
    assertEquals("3000000001", flat.flowId());
    assertEquals(RunStatus.FAILED, flat.status());
    assertEquals("Webhook", flat.trigger());
    assertEquals(Instant.parse("2026-03-01T19:00:00Z"), flat.startedAt());
    assertEquals(Instant.parse("2026-03-01T19:00:05.5Z"), flat.finishedAt());
    assertEquals(Duration.ofMillis(5123), flat.duration(), "duration is Patchworks' own, in milliseconds");
    assertTrue(flat.tags().isEmpty());
    assertTrue(flat.steps().isEmpty());

    Run jsonApi = runs.get(1);
    assertEquals("12", jsonApi.id());
    assertEquals("77", jsonApi.flowId(), "attributes.flow_id wins");
    assertEquals(RunStatus.SUCCEEDED, jsonApi.status());
    assertEquals(Instant.parse("2026-03-01T19:00:00Z"), jsonApi.startedAt());
    assertEquals(Duration.ofSeconds(2), jsonApi.duration(), "without duration: finished - started");
  }

  @Test
  void nothingIsRequestedUntilTheRunsAreConsumed() {
    Paged<Run> runs = client.listRuns(RunQuery.all());

    assertEquals(0, patchworks.requestCount());
    patchworks.enqueue(200, page(1, 1, 15, 0));
    assertEquals(0, runs.stream().count());
    assertEquals(1, patchworks.requestCount());
  }

  @Test
  void pagingStopsAtTheLastPageWhoseRunsMayBeFewer() {
    patchworks.enqueue(200, page(1, 3, 3, 7, runs(1, 3)))
        .enqueue(200, page(2, 3, 3, 7, runs(4, 3)))
        .enqueue(200, page(3, 3, 3, 7, runs(7, 1)));

    List<String> ids = client.listRuns(RunQuery.builder().pageSize(3).build()).stream().map(Run::id).toList();

    assertEquals(List.of("1", "2", "3", "4", "5", "6", "7"), ids);
    List<RecordedRequest> requests = patchworks.takeAll();
    assertEquals(3, requests.size(), "no request past last_page");
    for (int i = 0; i < 3; i++) {
      assertEquals("sort=-started_at&page=" + (i + 1) + "&per_page=3", requests.get(i).getUrl().encodedQuery());
    }
  }

  @Test
  void pagingStopsAtAnEmptyPageEvenIfMetaPromisesMore() {
    patchworks.enqueue(200, page(1, 9, 3, 27, runs(1, 3)))
        .enqueue(200, page(2, 9, 3, 27, runs(4, 1)))
        .enqueue(200, page(3, 9, 3, 27));

    List<Page<Run>> pages = new ArrayList<>();
    client.listRuns(RunQuery.builder().pageSize(3).build()).pages().forEach(pages::add);

    assertEquals(List.of(3, 1, 0), pages.stream().map(p -> p.items().size()).toList());
    assertNull(pages.get(2).nextToken());
    assertEquals(3, patchworks.requestCount());
  }

  @Test
  void aPageWithoutMetaIsFollowedUntilAnEmptyPage() {
    patchworks.enqueue(200, "{\"data\":[" + run(1, 42, 3) + "]}")
        .enqueue(200, "{\"data\":[]}");

    assertEquals(1, client.listRuns(RunQuery.all()).stream().count());
    assertEquals(2, patchworks.requestCount());
  }

  @Test
  void aLimitMidPageFetchesNoFurtherPage() {
    patchworks.enqueue(200, page(1, 5, 3, 15, runs(1, 3)))
        .enqueue(200, page(2, 5, 3, 15, runs(4, 3)));

    List<String> ids = client.listRuns(RunQuery.builder().pageSize(3).limit(4).build())
        .stream().map(Run::id).toList();

    assertEquals(List.of("1", "2", "3", "4"), ids);
    assertEquals(2, patchworks.requestCount());
  }

  @Test
  void aLimitAtAPageEndFetchesNoFurtherPage() {
    patchworks.enqueue(200, page(1, 5, 3, 15, runs(1, 3)));

    assertEquals(3, client.listRuns(RunQuery.builder().pageSize(3).limit(3).build()).stream().count());
    assertEquals(1, patchworks.requestCount());
  }

  @Test
  void resumingFromAPageTokenLosesAndRepeatsNothing() {
    patchworks.enqueue(200, page(1, 3, 3, 8, runs(1, 3)))
        .enqueue(200, page(2, 3, 3, 8, runs(4, 3)));
    Paged<Run> listing = client.listRuns(RunQuery.builder().pageSize(3).build());
    Iterator<Page<Run>> pages = listing.pages().iterator();
    List<String> seen = new ArrayList<>(pages.next().items().stream().map(Run::id).toList());
    Page<Run> second = pages.next();
    seen.addAll(second.items().stream().map(Run::id).toList());
    String token = second.nextToken();
    assertNotNull(token);
    patchworks.takeAll();

    // Later, perhaps in another process: the token is plain text.
    patchworks.enqueue(200, page(3, 3, 3, 8, runs(7, 2)));
    listing.resumeFrom(token).forEach(run -> seen.add(run.id()));

    assertEquals(List.of("1", "2", "3", "4", "5", "6", "7", "8"), seen);
    assertEquals("sort=-started_at&page=3&per_page=3", patchworks.take().getUrl().encodedQuery());
  }

  @Test
  void resumingAfterALimitCutAPageShortContinuesRightAfterItsLastRun() {
    patchworks.enqueue(200, page(1, 2, 3, 6, runs(1, 3)))
        .enqueue(200, page(2, 2, 3, 6, runs(4, 3)));
    List<String> seen = new ArrayList<>();
    String token = null;
    for (Page<Run> page : client.listRuns(RunQuery.builder().pageSize(3).limit(4).build()).pages()) {
      page.items().forEach(run -> seen.add(run.id()));
      token = page.nextToken();
    }
    assertEquals(List.of("1", "2", "3", "4"), seen);
    assertNotNull(token, "the cut page can be resumed");

    patchworks.enqueue(200, page(2, 2, 3, 6, runs(4, 3)));
    client.listRuns(RunQuery.builder().pageSize(3).build()).resumeFrom(token).forEach(run -> seen.add(run.id()));

    assertEquals(List.of("1", "2", "3", "4", "5", "6"), seen);
    assertEquals(new HashSet<>(seen).size(), seen.size(), "nothing repeated");
  }

  @Test
  void requestOptionsApplyToEveryPage() {
    patchworks.enqueue(200, page(1, 2, 1, 2, runs(1, 1)))
        .enqueue(200, page(2, 2, 1, 2, runs(2, 1)));
    RequestOptions options = RequestOptions.builder().header("X-Correlation-Id", "abc-123").build();

    assertEquals(2, client.listRuns(RunQuery.builder().pageSize(1).build(), options).stream().count());

    for (RecordedRequest request : patchworks.takeAll()) {
      assertEquals("abc-123", request.getHeaders().get("X-Correlation-Id"));
    }
  }

  @Test
  void anUnknownStatusFilterRunsClientSideWithTheSameResultAsTheServerSideOne() {
    String failed = run(1, 42, 3);
    String unknown = run(2, 42, 9);
    String succeeded = run(3, 42, 2);
    String partial = run(4, 42, "\"PARTIAL_SUCCESS\"");
    // The server applies filter[status]=3, then filter[status]=5, itself (one status a request).
    patchworks.enqueue(200, page(1, 1, 15, 1, failed)).enqueue(200, page(1, 1, 15, 1, partial));
    List<Run> serverSide = client.listRuns(RunQuery.builder()
        .statuses(RunStatus.FAILED, RunStatus.PARTIALLY_SUCCEEDED).build()).stream().toList();
    assertEquals("filter%5Bstatus%5D=3&sort=-started_at&page=1", patchworks.take().getUrl().encodedQuery());
    assertEquals("filter%5Bstatus%5D=5&sort=-started_at&page=1", patchworks.take().getUrl().encodedQuery());

    // UNKNOWN cannot be said in filter[status]: nothing is sent and the SDK filters every run.
    patchworks.enqueue(200, page(1, 1, 15, 4, failed, unknown, succeeded, partial));
    List<Run> clientSide = client.listRuns(RunQuery.builder()
        .statuses(RunStatus.FAILED, RunStatus.PARTIALLY_SUCCEEDED, RunStatus.UNKNOWN).build()).stream().toList();
    assertEquals("sort=-started_at&page=1", patchworks.take().getUrl().encodedQuery());

    assertEquals(List.of("1", "2", "4"), clientSide.stream().map(Run::id).toList());
    // Same runs; the merge orders them newest first (equal start times: highest id first).
    assertEquals(List.of("4", "1"), serverSide.stream().map(Run::id).toList());
    assertEquals(Set.copyOf(serverSide),
        Set.copyOf(clientSide.stream().filter(r -> r.status() != RunStatus.UNKNOWN).toList()));
  }

  @Test
  void aClientSideFilterDropsRunsAcrossPagesAndStillHonoursTheLimit() {
    patchworks.enqueue(200, page(1, 3, 2, 6, run(1, 42, 9), run(2, 42, 2)))
        .enqueue(200, page(2, 3, 2, 6, run(3, 42, 7), run(4, 42, 8)))
        .enqueue(200, page(3, 3, 2, 6, run(5, 42, 0), run(6, 42, 1)));

    List<String> ids = client.listRuns(RunQuery.builder().statuses(RunStatus.UNKNOWN).pageSize(2).limit(2).build())
        .stream().map(Run::id).toList();

    assertEquals(List.of("1", "3"), ids);
    assertEquals(2, patchworks.requestCount());
  }

  @Test
  void aTagFilterMatchesNoPatchworksRunWithoutARequest() {
    assertEquals(0, client.listRuns(RunQuery.builder().tags("nightly").build()).stream().count());
    assertEquals(0, patchworks.requestCount());
  }

  @Test
  void pagingParametersCannotBeVendorParametersAndFailBeforeAnyRequest() {
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
        () -> client.listRuns(RunQuery.builder().vendorParam("page", "3").build()));

    assertTrue(error.getMessage().contains("page"), error.getMessage());
    assertEquals(0, patchworks.requestCount());
  }
}
