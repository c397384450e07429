package io.github.flowruns.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.flowruns.AuthenticationException;
import io.github.flowruns.BulkResult;
import io.github.flowruns.Capabilities;
import io.github.flowruns.Capabilities.Filter;
import io.github.flowruns.Capabilities.Operation;
import io.github.flowruns.FlowRunsClient;
import io.github.flowruns.FlowRunsClients;
import io.github.flowruns.FlowRunsException;
import io.github.flowruns.NotFoundException;
import io.github.flowruns.Page;
import io.github.flowruns.Run;
import io.github.flowruns.RunQuery;
import io.github.flowruns.RunStatus;
import io.github.flowruns.ServerException;
import io.github.flowruns.spi.VendorDescriptor;
import io.github.flowruns.testsupport.SecretAssert;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Everything the facade promises for any vendor, checked against each vendor's simulator (and,
 * where a module overrides {@link #target}, against the vendor's real server). A vendor
 * module runs it with one empty subclass in its tests; the suite finds the vendor through the
 * vendor's descriptor on the class path, and its simulator by the name the descriptor gives:
 *
 * <pre>{@code class FlowStackContractTest extends FlowRunsContract {}}</pre>
 *
 * <p>Each test starts a small seeded simulator (deterministic) and a client made by
 * {@code FlowRunsClients.create} from the simulator's settings, as a user of the facade would.
 * Vendor-specific facts stay in the vendor modules' own tests.
 */
public abstract class FlowRunsContract {

  /** The vendors on the test class path; a vendor module's tests see exactly its own. */
  static Stream<Named<VendorDescriptor>> vendors() {
    List<VendorDescriptor> all = FlowRunsClients.descriptors();
    assertFalse(all.isEmpty(), "no vendor provider on the class path: the contract would test nothing");
    return all.stream().map(d -> Named.of(d.name(), d));
  }

  /**
   * What each check runs against: by default the vendor's seeded simulator. A live test class
   * overrides it to answer a target on its own server; the checks that need a simulator (fault
   * injection, raw requests) are then skipped with that reason.
   *
   * <pre>{@code protected ContractTarget target(VendorDescriptor v) { return ContractTarget.live(...); }}</pre>
   *
   * @param vendor the vendor under test
   * @return a new target; the check closes it
   */
  protected ContractTarget target(VendorDescriptor vendor) {
    return ContractTarget.simulator(vendor);
  }

  private ContractFixture open(VendorDescriptor vendor) {
    return ContractFixture.start(vendor, target(vendor));
  }

  // ---- filters

  @ParameterizedTest(name = "{0}")
  @MethodSource("vendors")
  void everyFilterGivesTheUnfilteredListingFilteredClientSideInTheSameOrder(VendorDescriptor v) {
    try (ContractFixture f = open(v)) {
      List<Run> all = f.listAll(f.base().build());
      assertTrue(all.size() >= 40, "the seeded history lists at least 40 runs: " + all.size());
      Run failed = all.stream().filter(r -> needle(r) != null).findFirst().orElse(null);
      Run tagged = all.stream().filter(r -> !r.tags().isEmpty()).findFirst().orElse(null);
      Run triggered = all.stream().filter(r -> r.trigger() != null).findFirst().orElse(null);
      // Between two runs, not on one: at an exact start time vendors' boundary rules differ (documented).
      Instant after = between(all, all.size() * 2 / 3);
      Instant before = between(all, all.size() / 3);

      Map<Filter, RunQuery> byFilter = new EnumMap<>(Filter.class);
      byFilter.put(Filter.FLOW_IDS, f.base().flowIds(List.of(f.flowIds().get(1))).build());
      byFilter.put(Filter.STATUSES, f.base().statuses(RunStatus.FAILED, RunStatus.CANCELLED).build());
      assertNotNull(after, "runs a few milliseconds apart in the seeded history");
      assertNotNull(before, "runs a few milliseconds apart in the seeded history");
      byFilter.put(Filter.STARTED_AFTER, f.base().startedAfter(after).build());
      byFilter.put(Filter.STARTED_BEFORE, f.base().startedBefore(before).build());
      if (triggered != null) byFilter.put(Filter.TRIGGER, f.base().trigger(triggered.trigger()).build());
      if (tagged != null) byFilter.put(Filter.TAGS, f.base().tags(List.of(tagged.tags().get(0))).build());
      if (failed != null) byFilter.put(Filter.SEARCH, f.base().search(needle(failed)).build());

      Capabilities caps = f.client().capabilities();
      for (Map.Entry<Filter, RunQuery> e : byFilter.entrySet()) {
        RunQuery q = e.getValue();
        List<String> expected = ids(all.stream().filter(q::matches).collect(Collectors.toList()));
        String side = caps.serverSide(e.getKey()) ? "server-side" : "client-side";
        assertTrue(!expected.isEmpty() && expected.size() < all.size(),
            e.getKey() + ": the seeded value selects some runs, not all: " + expected.size());
        assertEquals(expected, ids(f.listAll(q)), e.getKey() + " (" + side + ") lists what the query matches");
      }

      // Filters combine, each narrowing the others, over small pages and with a limit.
      Map<String, RunQuery> combined = new LinkedHashMap<>();
      combined.put("two statuses", f.base().statuses(RunStatus.CANCELLED, RunStatus.TIMED_OUT).build());
      combined.put("a time window", f.base().startedAfter(after).startedBefore(before).build());
      combined.put("a status in a time window",
          f.base().statuses(RunStatus.FAILED, RunStatus.SUCCEEDED).startedAfter(after).startedBefore(before).build());
      Run twoTags = all.stream().filter(r -> r.tags().size() >= 2).findFirst().orElse(null);
      if (twoTags != null) combined.put("all of two tags", f.base().tags(twoTags.tags().subList(0, 2)).build());
      if (!caps.serverSide(Filter.SEARCH)) {
        // Where the client searches, a flow id is searched too (a server searches what it decides).
        String flow = all.get(0).flowId();
        combined.put("search of a flow id", f.base().search(flow.substring(flow.length() / 2)).build());
      }
      if (triggered != null) {
        combined.put("a limit with a filter", f.base().trigger(triggered.trigger()).limit(4).pageSize(5).build());
      }
      combined.put("everything, small pages", everything(f, all, failed != null ? failed : all.get(0)));
      for (Map.Entry<String, RunQuery> e : combined.entrySet()) {
        RunQuery q = e.getValue();
        List<String> expected = ids(all.stream().filter(q::matches)
            .limit(q.limit().orElse(Long.MAX_VALUE)).collect(Collectors.toList()));
        assertFalse(expected.isEmpty(), e.getKey() + ": the seeded history has matches");
        assertEquals(expected, ids(f.listAll(q)), e.getKey() + " lists what the query matches");
      }
    }
  }

  /** What to search for to find a failed run: its failure's message, else its failed step's name. */
  private static String needle(Run r) {
    if (r.failedStep() == null) return null;
    return r.failedStep().message() != null ? r.failedStep().message() : r.failedStep().name();
  }

  /** Every filter at once, each taken from one run so that run matches. */
  private static RunQuery everything(ContractFixture f, List<Run> all, Run r) {
    int i = all.indexOf(r);
    RunQuery.Builder b = RunQuery.builder().pageSize(3)
        .flowIds(List.of(r.flowId(), f.flowIds().get(f.flowIds().get(0).equals(r.flowId()) ? 1 : 0)))
        .statuses(r.status(), RunStatus.SUCCEEDED);
    if (i + 1 < all.size()) b.startedAfter(between(all, i + 1));
    if (i > 0) b.startedBefore(between(all, i));
    if (!r.tags().isEmpty()) b.tags(List.of(r.tags().get(0)));
    if (r.trigger() != null) b.trigger(r.trigger());
    if (needle(r) != null) b.search(needle(r));
    return b.build();
  }

  // ---- paging, resume, limit

  @ParameterizedTest(name = "{0}")
  @MethodSource("vendors")
  void aListingOverSeveralPagesYieldsEachRunExactlyOnce(VendorDescriptor v) {
    try (ContractFixture f = open(v)) {
      List<Page<Run>> pages = f.pages(f.base().pageSize(7).build());
      List<String> ids = pages.stream().flatMap(p -> p.items().stream()).map(Run::id).collect(Collectors.toList());

      assertTrue(pages.size() > 3, "several pages: " + pages.size());
      assertEquals(ids.size(), new HashSet<>(ids).size(), "no run listed twice");
      assertEquals(ids(f.listAll(f.base().pageSize(100).build())), ids, "small pages list what large pages list");
      assertEquals(f.runCount(), ids.size(), "every run of the simulator is listed");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vendors")
  void resumingFromAPagesTokenContinuesWithoutLossOrRepeat(VendorDescriptor v) {
    try (ContractFixture f = open(v)) {
      RunQuery q = f.base().pageSize(7).build();
      List<Page<Run>> pages = f.pages(q);
      List<String> all = pages.stream().flatMap(p -> p.items().stream()).map(Run::id).collect(Collectors.toList());
      for (int cut : new int[] {0, 2}) {
        String token = pages.get(cut).nextToken();
        assertNotNull(token, "page " + cut + " has a next token");
        int seen = 0;
        for (int i = 0; i <= cut; i++) seen += pages.get(i).items().size();

        List<String> resumed = ids(f.client().listRuns(q).resumeFrom(token).stream().collect(Collectors.toList()));

        assertEquals(all.subList(seen, all.size()), resumed, "resumed after page " + cut);
      }
      assertEquals(null, pages.get(pages.size() - 1).nextToken(), "the last page has no next token");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vendors")
  void resumingFromATokenOfAPageCutByTheLimitContinuesMidPage(VendorDescriptor v) {
    try (ContractFixture f = open(v)) {
      RunQuery q = f.base().pageSize(5).build();
      List<String> all = ids(f.listAll(q));

      Page<Run> cut = f.pages(f.base().pageSize(5).limit(3).build()).get(0);
      List<String> seen = new ArrayList<>(ids(cut.items()));
      f.client().listRuns(q).resumeFrom(cut.nextToken()).forEach(r -> seen.add(r.id()));

      assertEquals(3, cut.items().size());
      assertEquals(all, seen);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vendors")
  void aLimitStopsExactlyAtNAndFetchesNoMorePagesThanNeeded(VendorDescriptor v) {
    try (ContractFixture f = open(v)) {
      // One flow: a merged listing over several flows must read the first page of each.
      RunQuery one = f.oneFlow().pageSize(4).build();
      List<String> first = ids(f.listAll(one)).subList(0, 10);
      // What the vendor's API costs a listing beyond its pages: the cheapest of a listing of one
      // run and a listing whose window holds none reads one page and the listings the vendor
      // needs beside it (n8n lists running executions only with status=running, vendors.md, so
      // its client asks that too). Measured, not named per vendor: a client that reads a page
      // too many reads it in both, and fails below.
      int before = f.requestCount();
      assertEquals(1, f.listAll(RunQuery.builder().flowIds(one.flowIds()).pageSize(4).limit(1).build()).size());
      int ofOne = f.requestCount() - before;
      before = f.requestCount();
      assertEquals(List.of(), ids(f.listAll(RunQuery.builder().flowIds(one.flowIds()).pageSize(4)
          .startedAfter(Instant.now().plus(Duration.ofDays(3650))).build())));
      int beside = Math.min(ofOne, f.requestCount() - before) - 1;
      assertTrue(beside >= 0 && beside <= 2, "requests beside the pages of the cheapest listing: " + beside);
      for (int limit : new int[] {8, 10}) {
        before = f.requestCount();

        List<String> got = ids(f.listAll(RunQuery.builder().flowIds(one.flowIds()).pageSize(4).limit(limit).build()));

        assertEquals(first.subList(0, limit), got, "limit " + limit);
        assertEquals((limit + 3) / 4 + beside, f.requestCount() - before, "pages fetched for limit " + limit);
      }
    }
  }

  // ---- ids and counts

  @ParameterizedTest(name = "{0}")
  @MethodSource("vendors")
  void everyListedIdWorksInGetRunAndGivesTheSameRun(VendorDescriptor v) {
    try (ContractFixture f = open(v)) {
      assumeTrue(f.client().capabilities().supports(Operation.GET_RUN), v + " has no getRun");
      for (Run listed : f.listAll(f.base().build())) {
        Run got = f.client().getRun(listed.id());
        assertEquals(listed.id(), got.id());
        assertEquals(listed.flowId(), got.flowId(), listed.id());
        assertEquals(listed.status(), got.status(), listed.id());
        assertEquals(listed.rawStatus(), got.rawStatus(), listed.id());
        assertEquals(listed.startedAt(), got.startedAt(), listed.id());
        assertEquals(listed.vendor(), got.vendor(), listed.id());
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vendors")
  void countByStatusEqualsTheCountsOfTheListing(VendorDescriptor v) {
    try (ContractFixture f = open(v)) {
      assumeTrue(f.client().capabilities().supports(Operation.COUNT_BY_STATUS), v + " does not count");
      List<Run> all = f.listAll(f.base().build());
      String trigger = all.stream().map(Run::trigger).filter(t -> t != null).findFirst().orElse(null);
      String tag = all.stream().flatMap(r -> r.tags().stream()).findFirst().orElse(null);
      String needle = all.stream().map(FlowRunsContract::needle).filter(n -> n != null).findFirst().orElse(null);
      List<String> twoFlows = f.flowIds().subList(1, 3);
      Instant mid = between(all, all.size() / 2);
      List<RunQuery> queries = new ArrayList<>(List.of(
          f.base().build(),
          f.base().pageSize(7).build(),
          f.oneFlow().build(),
          RunQuery.builder().flowIds(twoFlows).statuses(RunStatus.FAILED, RunStatus.SUCCEEDED, RunStatus.QUEUED).build(),
          f.base().statuses(RunStatus.CANCELLED, RunStatus.TIMED_OUT, RunStatus.PARTIALLY_SUCCEEDED).build(),
          f.base().startedAfter(mid).build(),
          f.base().startedBefore(mid).build(),
          f.base().startedAfter(between(all, all.size() * 3 / 4)).startedBefore(between(all, all.size() / 4)).build()));
      if (trigger != null) queries.add(f.base().trigger(trigger).statuses(RunStatus.UNKNOWN, RunStatus.RUNNING).build());
      // Tags and search are client-side for some vendors: a count must filter as the listing does.
      if (tag != null) queries.add(f.base().tags(List.of(tag)).build());
      if (needle != null) queries.add(f.base().search(needle).build());
      long total = f.client().countByStatus(f.base().build()).values().stream().mapToLong(Long::longValue).sum();
      assertEquals(all.size(), total, "the counts of the whole account add up to its listing");
      for (RunQuery q : queries) {
        Map<RunStatus, Long> listed = f.listAll(q).stream()
            .collect(Collectors.groupingBy(Run::status, () -> new EnumMap<>(RunStatus.class), Collectors.counting()));
        Map<RunStatus, Long> counted = new EnumMap<>(RunStatus.class);
        f.client().countByStatus(q).forEach((s, n) -> {
          if (n != 0) counted.put(s, n);
        });
        assertEquals(listed, counted, q.toString());
      }
    }
  }

  // ---- errors and redaction

  @ParameterizedTest(name = "{0}")
  @MethodSource("vendors")
  void anUnknownRunIdIsATypedNotFoundNamingVendorAndOperation(VendorDescriptor v) {
    try (ContractFixture f = open(v)) {
      assumeTrue(f.client().capabilities().supports(Operation.GET_RUN), v + " has no getRun");
      // The target names it: on a live server, a real id with a digit changed may name another run.
      String unknown = f.unknownRunId(f.listAll(f.oneFlow().limit(1).build()).get(0).id());

      NotFoundException e = assertThrows(NotFoundException.class, () -> f.client().getRun(unknown));

      assertEquals(v.vendor(), e.vendor());
      assertTrue(e.getMessage().contains(v.displayName()), e.getMessage());
      assertTrue(e.getMessage().contains("getRun"), e.getMessage());
      assertEquals(OptionalInt.of(404), e.httpStatus());
      SecretAssert.assertNoneOf(e, List.of(f.apiKey()));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vendors")
  void aWrongKeyIsAnAuthenticationErrorThatNeverShowsTheKey(VendorDescriptor v) {
    try (ContractFixture f = open(v)) {
      String wrong = wrongKey(f.apiKey());
      try (FlowRunsClient client = f.clientWithKey(wrong)) {
        AuthenticationException e = assertThrows(AuthenticationException.class,
            () -> client.listRuns(f.base().build()).iterator().next());

        assertEquals(v.vendor(), e.vendor());
        assertEquals(OptionalInt.of(401), e.httpStatus());
        assertTrue(e.getMessage().contains(v.displayName()), e.getMessage());
        assertTrue(e.getMessage().contains("listRuns"), e.getMessage());
        SecretAssert.assertNoneOf(e, List.of(wrong, f.apiKey()));
        assertFalse(client.toString().contains(wrong), client.toString());
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vendors")
  void neitherTheClientNorItsBuilderShowsTheKey(VendorDescriptor v) throws Exception {
    try (ContractFixture f = open(v)) {
      String key = f.apiKey();
      assertFalse(f.client().toString().contains(key), f.client().toString());

      // The vendor's own builder, reached as users reach it: the client class's static builder().
      Object builder = f.client().getClass().getMethod("builder").invoke(null);
      builder = builder.getClass().getMethod("apiKey", String.class).invoke(builder, key);
      assertFalse(builder.toString().contains(key), builder.toString());
      assertFalse(builder.toString().isEmpty());
      // And the builder a client hands out to derive another from it, where it has one.
      try {
        Object derived = f.client().getClass().getMethod("newBuilder").invoke(f.client());
        assertFalse(derived.toString().contains(key), derived.toString());
      } catch (NoSuchMethodException none) {
        // a client without newBuilder() hands out no builder holding its key
      }
    }
  }

  // ---- retries

  @ParameterizedTest(name = "{0}")
  @MethodSource("vendors")
  void aReadAnswered503IsRetriedAndAWriteAnswered503IsSentExactlyOnce(VendorDescriptor v) throws Exception {
    try (ContractFixture f = open(v)) {
      List<Run> all = f.listAll(f.base().build());
      f.requests();
      f.sim().failNext(1, 503);

      assertEquals(ids(all), ids(f.listAll(f.base().build())), "a read is idempotent: retried after a 503");
      assertTrue(f.requests().size() > f.pages(f.base().build()).size(), "the failed page was asked again");

      Map<Operation, Executable> writes = new LinkedHashMap<>();
      writes.put(Operation.RETRY_RUN, () -> f.client().retryRun(
          first(all, r -> r.status() == RunStatus.FAILED).id(), io.github.flowruns.RetryMode.DEFAULT));
      writes.put(Operation.STOP_RUN, () -> f.client().stopRun(stoppable(all).id()));
      writes.put(Operation.TRIGGER_RUN, () -> f.client().triggerRun(f.flowIds().get(0), Map.of("a", 1)));
      for (Map.Entry<Operation, Executable> w : writes.entrySet()) {
        if (!f.client().capabilities().supports(w.getKey())) continue;
        f.requests();
        f.sim().failNext(5, 503);

        assertThrows(ServerException.class, w.getValue(), w.getKey().methodName());

        f.sim().clearFaults();
        long sent = f.requests().stream().filter(r -> !"GET".equals(r.getMethod())).count();
        assertEquals(1, sent, w.getKey().methodName() + " is not idempotent: sent once, never resent");
      }
    }
  }

  // ---- capabilities honesty

  @ParameterizedTest(name = "{0}")
  @MethodSource("vendors")
  void everyUnsupportedOperationThrowsNamingVendorAndOperationBeforeAnyRequest(VendorDescriptor v) {
    try (ContractFixture f = open(v)) {
      Capabilities caps = f.client().capabilities();
      String someId = f.listAll(f.oneFlow().limit(1).build()).get(0).id();
      int before = f.requestCount();
      int checked = 0;
      for (Operation op : Operation.values()) {
        if (caps.supports(op)) continue;
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
            call(f, op, someId), op.methodName());
        assertTrue(e.getMessage().contains(v.displayName()), e.getMessage());
        assertTrue(e.getMessage().contains(op.methodName()), e.getMessage());
        checked++;
      }
      assertEquals(before, f.requestCount(), "no request for an unsupported operation");
      assertEquals(Operation.values().length - caps.operations().size(), checked);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vendors")
  void everySupportedOperationWorksAgainstTheSimulator(VendorDescriptor v) {
    try (ContractFixture f = open(v)) {
      Capabilities caps = f.client().capabilities();
      List<Run> all = f.listAll(f.base().build());
      Map<Operation, Executable> checks = new LinkedHashMap<>();
      checks.put(Operation.LIST_RUNS, () -> assertFalse(all.isEmpty()));
      checks.put(Operation.GET_RUN, () -> assertEquals(all.get(0).id(), f.client().getRun(all.get(0).id()).id()));
      // Listed again: an operation checked before (a trigger, a retry) may have added runs.
      checks.put(Operation.COUNT_BY_STATUS, () -> assertEquals(f.listAll(f.base().build()).size(),
          f.client().countByStatus(f.base().build()).values().stream().mapToLong(Long::longValue).sum()));
      checks.put(Operation.RETRY_RUN, () -> {
        Run failed = first(all, r -> r.status() == RunStatus.FAILED);
        assertNotNull(f.client().retryRun(failed.id(), io.github.flowruns.RetryMode.DEFAULT).id());
      });
      checks.put(Operation.STOP_RUN, () -> {
        Run live = stoppable(all);
        f.client().stopRun(live.id());
        assumeGetShows(f, live.id());
      });
      checks.put(Operation.TRIGGER_RUN, () -> {
        Run made = f.client().triggerRun(f.flowIds().get(0), Map.of("contract", "yes"));
        assertNotNull(made.id());
        assertEquals(f.flowIds().get(0), made.flowId());
      });
      checks.put(Operation.RETRY_RUNS, () -> {
        BulkResult r = f.client().retryRuns(f.base().statuses(RunStatus.FAILED).limit(2).build(),
            io.github.flowruns.RetryMode.DEFAULT);
        assertEquals(2, r.total(), r.toString());
        assertTrue(r.allSucceeded(), r.toString());
      });
      checks.put(Operation.STOP_RUNS, () -> {
        // Listed again: the stopRun check may have stopped the only run of that status.
        BulkResult r = f.client().stopRuns(f.base().statuses(stoppable(f.listAll(f.base().build())).status())
            .limit(2).build());
        assertTrue(r.total() > 0, r.toString());
        assertTrue(r.allSucceeded(), r.toString());
      });
      checks.put(Operation.WATCH_RUNS, () -> {
        // A feed from the start of a listed run reports each run listed since, once (the
        // simulator's clock stands still, so the next poll has nothing new).
        Instant since = all.stream().map(Run::startedAt).filter(java.util.Objects::nonNull)
            .skip(Math.min(10, all.size() - 1)).findFirst().orElseThrow();
        io.github.flowruns.RunFeed feed = f.client().watchRuns(f.base().build(),
            io.github.flowruns.WatchOptions.builder().since(since).build());
        List<String> reported = feed.poll().stream().map(e -> e.run().id()).collect(Collectors.toList());
        assertEquals(new HashSet<>(reported).size(), reported.size(), "each run once: " + reported);
        for (Run r : all) {
          // A minute after since: a vendor that bounds by creation time (Activepieces) does not
          // list a run created before since that started after it (documented in its client).
          if (r.startedAt() != null && !r.startedAt().isBefore(since.plusSeconds(60))) {
            assertTrue(reported.contains(r.id()), r.id() + " started at " + r.startedAt() + " is reported");
          }
        }
        assertEquals(List.of(), feed.poll());
      });
      checks.put(Operation.LIST_LOGS, () -> f.client().listLogs(all.get(0).id()).forEach(l -> assertNotNull(l)));
      checks.put(Operation.AWAIT_RUN, () -> {
        Run ended = first(all, r -> r.status().isTerminal());
        assertEquals(ended.id(), f.client().awaitRun(ended.id(), java.time.Duration.ofSeconds(30)).id());
      });
      assertEquals(Set.of(Operation.values()), checks.keySet(), "the suite checks every operation");
      for (Operation op : caps.operations()) {
        try {
          checks.get(op).execute();
        } catch (Throwable t) {
          throw new AssertionError(v + " says it supports " + op.methodName() + " but it failed: " + t, t);
        }
      }
    }
  }

  // ---- helpers

  private static void assumeGetShows(ContractFixture f, String id) {
    if (f.client().capabilities().supports(Operation.GET_RUN)) {
      RunStatus now = f.client().getRun(id).status();
      assertTrue(now == RunStatus.CANCELLED || !now.isTerminal(), id + " after stop: " + now);
    }
  }

  private static Executable call(ContractFixture f, Operation op, String id) {
    FlowRunsClient c = f.client();
    RunQuery q = f.base().build();
    switch (op) {
      case LIST_RUNS: return () -> c.listRuns(q).iterator().hasNext();
      case GET_RUN: return () -> c.getRun(id);
      case RETRY_RUN: return () -> c.retryRun(id, io.github.flowruns.RetryMode.DEFAULT);
      case STOP_RUN: return () -> c.stopRun(id);
      case TRIGGER_RUN: return () -> c.triggerRun(f.flowIds().get(0), Map.of());
      case COUNT_BY_STATUS: return () -> c.countByStatus(q);
      case RETRY_RUNS: return () -> c.retryRuns(q, io.github.flowruns.RetryMode.DEFAULT);
      case STOP_RUNS: return () -> c.stopRuns(q);
      case WATCH_RUNS: return () -> c.watchRuns(q, io.github.flowruns.WatchOptions.defaults()).poll();
      case LIST_LOGS: return () -> c.listLogs(id).iterator().hasNext();
      case AWAIT_RUN: return () -> c.awaitRun(id, java.time.Duration.ofSeconds(1));
      default: throw new AssertionError("the suite does not know " + op + ": add it here");
    }
  }

  /** A run every vendor can stop: queued or paused first (Activepieces cancels no running run). */
  private static Run stoppable(List<Run> runs) {
    for (RunStatus s : List.of(RunStatus.QUEUED, RunStatus.PAUSED, RunStatus.RUNNING)) {
      for (Run r : runs) {
        if (r.status() == s) return r;
      }
    }
    throw new AssertionError("the seeded history has no run to stop");
  }

  private static Run first(List<Run> runs, java.util.function.Predicate<Run> p) {
    return runs.stream().filter(p).findFirst()
        .orElseThrow(() -> new AssertionError("the seeded history has no suitable run"));
  }

  /** The millisecond halfway between the start of run {@code i} and the next newer one, or null. */
  private static Instant between(List<Run> newestFirst, int i) {
    Instant older = newestFirst.get(i).startedAt();
    Instant newer = newestFirst.get(i - 1).startedAt();
    if (older == null || newer == null || newer.toEpochMilli() - older.toEpochMilli() < 2) return null;
    return Instant.ofEpochMilli((older.toEpochMilli() + newer.toEpochMilli()) / 2);
  }

  private static List<String> ids(List<Run> runs) {
    return runs.stream().map(Run::id).collect(Collectors.toList());
  }

  /** An id of the vendor's form that no run has: the last character of a real one changed. */
  static String unknownId(String real) {
    char last = real.charAt(real.length() - 1);
    char other = Character.isDigit(last) ? (last == '9' ? '8' : (char) (last + 1)) : (last == 'z' ? 'y' : 'z');
    String id = real.substring(0, real.length() - 1) + other;
    return id.equals(real) ? real + "0" : id;
  }

  /** A key of the same shape as the right one (so redaction by shape applies), but not it. */
  static String wrongKey(String right) {
    char last = right.charAt(right.length() - 1);
    return right.substring(0, right.length() - 1) + (last == 'x' ? 'y' : 'x');
  }
}
