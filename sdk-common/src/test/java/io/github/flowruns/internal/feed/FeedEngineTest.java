package io.github.flowruns.internal.feed;

import static io.github.flowruns.internal.feed.ScriptedVendor.describe;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.flowruns.FlowRunsException;
import io.github.flowruns.RunEvent;
import io.github.flowruns.RunFeed;
import io.github.flowruns.RunQuery;
import io.github.flowruns.RunStatus;
import io.github.flowruns.ServerException;
import io.github.flowruns.Vendor;
import io.github.flowruns.WatchOptions;
import io.github.flowruns.http.RequestOptions;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FeedEngineTest {
  /** Near this machine's clock: ServerClock believes a Date header within a day of it. */
  static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(3600);

  ScriptedVendor vendor;

  ScriptedVendor start(Instant vendorNow, boolean serverSideTime) throws IOException {
    vendor = new ScriptedVendor(Vendor.ACTIVEPIECES, vendorNow, serverSideTime);
    return vendor;
  }

  @AfterEach
  void stop() {
    if (vendor != null) {
      vendor.close();
    }
  }

  static WatchOptions since(Instant since) {
    return WatchOptions.builder().since(since).lookback(Duration.ofMinutes(10)).build();
  }

  @Test
  void reportsNewRunsThenEachStatusChangeOnceOldestFirst() throws IOException {
    ScriptedVendor v = start(T0, true);
    v.add("b", T0.minusSeconds(20), RunStatus.RUNNING);
    v.add("a", T0.minusSeconds(30), RunStatus.FAILED);
    v.add("old", T0.minusSeconds(3000), RunStatus.RUNNING);
    RunFeed feed = v.client.watchRuns(RunQuery.all(), since(T0.minusSeconds(60)));

    // a's status took effect at its finish (T0-29s), b's at its start (T0-20s)
    assertEquals(List.of("NEW a FAILED", "NEW b RUNNING"), describe(feed.poll()));
    assertEquals(List.of(), feed.poll());
    v.advance(Duration.ofSeconds(30));
    v.set("b", RunStatus.SUCCEEDED);
    List<RunEvent> events = feed.poll();
    assertEquals(List.of("STATUS_CHANGED b SUCCEEDED"), describe(events));
    assertEquals(RunStatus.RUNNING, events.get(0).previousStatus());
    assertEquals(List.of(), feed.poll());
  }

  @Test
  void aCheckpointResumesWithoutRepeatsAndAnUnstoredBatchComesAgainWithTheSameIds() throws IOException {
    ScriptedVendor v = start(T0, true);
    v.add("a", T0.minusSeconds(5), RunStatus.RUNNING);
    RunFeed feed = v.client.watchRuns(RunQuery.all(), since(T0.minusSeconds(60)));
    assertEquals(List.of("NEW a RUNNING"), describe(feed.poll()));
    String stored = feed.checkpoint();
    assertTrue(stored.startsWith("rf1."), stored);

    v.advance(Duration.ofSeconds(10));
    v.set("a", RunStatus.FAILED);
    v.add("c", v.vendorNow.minusSeconds(1), RunStatus.QUEUED);
    List<RunEvent> batch = feed.poll();
    assertEquals(List.of("NEW c QUEUED", "STATUS_CHANGED a FAILED"), describe(batch));

    // A restart from the checkpoint stored before that batch: the same events, the same ids.
    RunFeed resumed = v.client.watchRuns(RunQuery.all(), WatchOptions.builder().checkpoint(stored)
        .lookback(Duration.ofMinutes(10)).build());
    List<RunEvent> again = resumed.poll();
    assertEquals(describe(batch), describe(again));
    assertEquals(batch.get(0).id(), again.get(0).id());
    assertEquals(batch.get(1).id(), again.get(1).id());

    // A restart from the checkpoint stored after it: nothing again.
    RunFeed after = v.client.watchRuns(RunQuery.all(), WatchOptions.builder()
        .checkpoint(resumed.checkpoint()).build());
    assertEquals(List.of(), after.poll());
  }

  @Test
  void corruptFutureForeignVendorAndForeignQueryCheckpointsFailWatchRuns() throws IOException {
    ScriptedVendor v = start(T0, true);
    v.add("a", T0.minusSeconds(5), RunStatus.RUNNING);
    RunQuery failed = RunQuery.builder().statuses(RunStatus.FAILED).build();
    RunFeed feed = v.client.watchRuns(failed, since(T0.minusSeconds(60)));
    feed.poll();
    String cp = feed.checkpoint();

    for (String bad : List.of("", "garbage", "rf1.", "rf1.!!!", "rf1." + cp.substring(4, cp.length() - 3),
        "rf1.AAAA", "rf2." + cp.substring(4), "rfx." + cp.substring(4))) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> v.client.watchRuns(failed, WatchOptions.builder().checkpoint(bad).build()), bad);
      assertTrue(e.getMessage().startsWith("Cannot resume a run feed"), e.getMessage());
    }
    IllegalArgumentException newer = assertThrows(IllegalArgumentException.class,
        () -> v.client.watchRuns(failed, WatchOptions.builder().checkpoint("rf2." + cp.substring(4)).build()));
    assertTrue(newer.getMessage().contains("version 2"), newer.getMessage());
    IllegalArgumentException otherQuery = assertThrows(IllegalArgumentException.class,
        () -> v.client.watchRuns(RunQuery.all(), WatchOptions.builder().checkpoint(cp).build()));
    assertTrue(otherQuery.getMessage().contains("another query"), otherQuery.getMessage());
    try (ScriptedVendor other = new ScriptedVendor(Vendor.FLOWSTACK, T0, true)) {
      IllegalArgumentException otherVendor = assertThrows(IllegalArgumentException.class,
          () -> other.client.watchRuns(failed, WatchOptions.builder().checkpoint(cp).build()));
      assertTrue(otherVendor.getMessage().contains("another vendor"), otherVendor.getMessage());
    }
    // The same filters in another order are the same query.
    RunQuery a = RunQuery.builder().flowIds("x", "y").statuses(RunStatus.FAILED, RunStatus.TIMED_OUT).build();
    RunQuery b = RunQuery.builder().flowIds("y", "x").statuses(RunStatus.TIMED_OUT, RunStatus.FAILED).build();
    assertEquals(FeedEngine.canonical(a), FeedEngine.canonical(b));
  }

  @Test
  void runsInTheSecondOfAPageBoundaryAreNotMissed() throws IOException {
    ScriptedVendor v = start(T0, true);
    // 150 runs, 6 or 7 a second: the first page (100) ends inside a second whose other runs the
    // server's next page skips (vendors.md, Activepieces: the cursor is compared to the second).
    for (int i = 0; i < 150; i++) {
      v.add(String.format("r%03d", i), T0.minusSeconds(30).plusMillis(150L * i), RunStatus.SUCCEEDED);
    }
    // The naive listing misses some, as the server does:
    Set<String> naive = new HashSet<>();
    v.client.listRuns(RunQuery.builder().pageSize(100).build()).forEach(r -> naive.add(r.id()));
    assertTrue(naive.size() < 150, "the scripted server skips the boundary's second: " + naive.size());

    RunFeed feed = v.client.watchRuns(RunQuery.all(), since(T0.minusSeconds(60)));
    Set<String> seen = new HashSet<>();
    for (RunEvent e : feed.poll()) {
      assertTrue(seen.add(e.run().id()), "reported once: " + e);
    }
    assertEquals(150, seen.size());
    assertEquals(List.of(), feed.poll());
  }

  @Test
  void aVendorClockAnHourAheadOfOursMissesNothingAndStartsAtTheVendorsNow() throws IOException {
    Instant vendorNow = Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
    ScriptedVendor v = start(vendorNow, true);
    v.add("before", vendorNow.minusSeconds(30), RunStatus.RUNNING);
    RunFeed feed = v.client.watchRuns(RunQuery.all(), WatchOptions.builder().lookback(Duration.ofSeconds(30)).build());
    assertEquals(List.of(), feed.poll(), "since defaults to the vendor's now: older runs are not reported");
    v.advance(Duration.ofSeconds(5));
    v.add("after", v.vendorNow.minusSeconds(2), RunStatus.RUNNING);
    // By our clock that run started an hour from now; by the vendor's, two seconds ago.
    assertEquals(List.of("NEW after RUNNING"), describe(feed.poll()));
    v.advance(Duration.ofMinutes(5));
    v.add("late", v.vendorNow.minusSeconds(20), RunStatus.SUCCEEDED);   // shown 20 s late
    assertEquals(List.of("NEW late SUCCEEDED"), describe(feed.poll()));
  }

  @Test
  void aStatusFilteredFeedReportsARunThatFailsLongAfterItLeftTheWindow() throws IOException {
    ScriptedVendor v = start(T0, true);
    v.add("slow", T0.minusSeconds(5), RunStatus.RUNNING);
    v.add("quick", T0.minusSeconds(4), RunStatus.FAILED);
    RunFeed feed = v.client.watchRuns(RunQuery.builder().statuses(RunStatus.FAILED).build(),
        WatchOptions.builder().since(T0.minusSeconds(60)).lookback(Duration.ofMinutes(1)).build());
    assertEquals(List.of("NEW quick FAILED"), describe(feed.poll()));
    v.advance(Duration.ofHours(3));
    assertEquals(List.of(), feed.poll());
    int gets = v.getCalls.get();
    v.set("slow", RunStatus.FAILED);
    List<RunEvent> events = feed.poll();
    assertEquals(List.of("NEW slow FAILED"), describe(events));
    assertNull(events.get(0).previousStatus(), "the consumer's first event of a run is NEW");
    assertTrue(v.getCalls.get() > gets, "followed by id once out of the listing's window");
    v.advance(Duration.ofMinutes(5));
    assertEquals(List.of(), feed.poll());
  }

  @Test
  void aPollThatThrowsChangesNothing() throws IOException {
    ScriptedVendor v = start(T0, true);
    v.add("a", T0.minusSeconds(5), RunStatus.RUNNING);
    RunFeed feed = v.client.watchRuns(RunQuery.all(), since(T0.minusSeconds(60)));
    feed.poll();
    v.advance(Duration.ofMinutes(30));
    assertEquals(List.of(), feed.poll());   // a has left the window: it is followed by getRun
    v.set("a", RunStatus.FAILED);
    v.add("b", v.vendorNow.minusSeconds(1), RunStatus.RUNNING);
    String before = feed.checkpoint();
    v.faults.add(503);
    assertThrows(ServerException.class, feed::poll);
    assertEquals(before, feed.checkpoint());
    // The listing succeeds and the getRun after it fails: still nothing changes.
    v.failGets = true;
    assertThrows(ServerException.class, feed::poll);
    assertEquals(before, feed.checkpoint());
    v.failGets = false;
    assertEquals(List.of("NEW b RUNNING", "STATUS_CHANGED a FAILED"), describe(feed.poll()));
    assertEquals(List.of(), feed.poll());
  }

  @Test
  void aSteadyFeedMakesOneRequestAPollWhateverItsHistory() throws IOException {
    ScriptedVendor v = start(T0, true);
    for (int i = 0; i < 2000; i++) {
      v.add("h" + i, T0.minus(Duration.ofDays(3)).plusSeconds(60L * i), RunStatus.SUCCEEDED);
    }
    v.add("now", T0.minusSeconds(5), RunStatus.SUCCEEDED);
    RunFeed feed = v.client.watchRuns(RunQuery.all(), since(T0.minusSeconds(60)));
    assertEquals(List.of("NEW now SUCCEEDED"), describe(feed.poll()));
    for (int i = 0; i < 3; i++) {
      v.advance(Duration.ofMinutes(1));
      int list = v.listCalls.get();
      int get = v.getCalls.get();
      assertEquals(List.of(), feed.poll());
      assertEquals(1, v.listCalls.get() - list);
      assertEquals(0, v.getCalls.get() - get);
    }
  }

  @Test
  void withoutAServerSideTimeFilterTheListingStopsAtTheFirstRunOlderThanTheWindow() throws IOException {
    ScriptedVendor v = start(T0, false);
    for (int i = 0; i < 1000; i++) {
      v.add("h" + i, T0.minus(Duration.ofDays(3)).plusSeconds(60L * i), RunStatus.SUCCEEDED);
    }
    RunFeed feed = v.client.watchRuns(RunQuery.all(), since(T0.minusSeconds(60)));
    feed.poll();
    v.add("new", v.vendorNow.minusSeconds(1), RunStatus.RUNNING);
    int list = v.listCalls.get();
    assertEquals(List.of("NEW new RUNNING"), describe(feed.poll()));
    assertEquals(1, v.listCalls.get() - list, "one page, not the whole history");
  }

  @Test
  void manyRunsFollowedPastTheWindowAreReadByOneWiderListing() throws IOException {
    ScriptedVendor v = start(T0, true);
    for (int i = 0; i < 40; i++) {
      v.add("t" + i, T0.minusSeconds(50 - i), RunStatus.RUNNING);
    }
    RunFeed feed = v.client.watchRuns(RunQuery.all(),
        WatchOptions.builder().since(T0.minusSeconds(60)).lookback(Duration.ofMinutes(1)).build());
    assertEquals(40, feed.poll().size());
    v.advance(Duration.ofHours(1));
    v.set("t7", RunStatus.FAILED);
    int gets = v.getCalls.get();
    int lists = v.listCalls.get();
    assertEquals(List.of("STATUS_CHANGED t7 FAILED"), describe(feed.poll()));
    assertEquals(0, v.getCalls.get() - gets, "40 followed runs: no getRun each");
    assertEquals(1, v.listCalls.get() - lists);
  }

  @Test
  void runsFollowedLongerThanTrackForAreDropped() throws IOException {
    ScriptedVendor v = start(T0, true);
    v.add("stuck", T0.minusSeconds(5), RunStatus.RUNNING);
    RunFeed feed = v.client.watchRuns(RunQuery.all(), WatchOptions.builder().since(T0.minusSeconds(60))
        .lookback(Duration.ofMinutes(1)).trackFor(Duration.ofHours(1)).build());
    feed.poll();
    v.advance(Duration.ofHours(2));
    feed.poll();
    v.set("stuck", RunStatus.FAILED);
    int gets = v.getCalls.get();
    assertEquals(List.of(), feed.poll());
    assertEquals(gets, v.getCalls.get());
  }

  @Test
  void anEndlessListingFailsThePollClearlyInsteadOfGrowing() throws IOException {
    ScriptedVendor v = start(T0, true);
    for (int i = 0; i < 100; i++) {
      v.add("e" + i, T0.minusSeconds(30).plusMillis(i), RunStatus.SUCCEEDED);
    }
    v.endless = true;
    RunFeed feed = capped(v, since(T0.minusSeconds(60)));
    String before = feed.checkpoint();
    FlowRunsException e = assertThrows(FlowRunsException.class, feed::poll);
    assertTrue(e.getMessage().contains(String.valueOf(CAP)) || e.getMessage().contains("page"),
        e.getMessage());
    assertEquals(before, feed.checkpoint());
  }

  @Test
  void aHugeIdIsRememberedByItsHashAndTheCheckpointStaysSmall() throws IOException {
    ScriptedVendor v = start(T0, true);
    String huge = "x".repeat(20_000);
    v.add(huge, T0.minusSeconds(5), RunStatus.RUNNING);
    RunFeed feed = v.client.watchRuns(RunQuery.all(), since(T0.minusSeconds(60)));
    assertEquals(1, feed.poll().size());
    assertEquals(List.of(), feed.poll());
    assertTrue(feed.checkpoint().length() < 200, feed.checkpoint());
    RunFeed resumed = v.client.watchRuns(RunQuery.all(), WatchOptions.builder().checkpoint(feed.checkpoint()).build());
    assertEquals(List.of(), resumed.poll());
    assertFalse(resumed.checkpoint().contains("xxxx"));
  }

  @Test
  void theCheckpointOfAThousandRunsIsCompact() throws IOException {
    ScriptedVendor v = start(T0, true);
    for (int i = 0; i < 1000; i++) {
      v.add(String.format("run_%021d", i), T0.minusSeconds(500).plusMillis(400L * i), RunStatus.SUCCEEDED);
    }
    RunFeed feed = v.client.watchRuns(RunQuery.all(), since(T0.minusSeconds(600)));
    assertEquals(1000, feed.poll().size());
    int size = feed.checkpoint().length();
    assertTrue(size < 16_000, "checkpoint of 1000 runs: " + size + " chars");
  }

  /**
   * The cap of the catch-up tests: the engine's 5,000 scaled down 20 times, with the arrivals, so
   * that a backlog of several caps is hundreds of runs and the scripted server answers fast.
   */
  static final int CAP = 250;

  /** A feed whose sweeps list at most {@link #CAP} runs of their window. */
  static RunFeed capped(ScriptedVendor v, WatchOptions watch) {
    return new FeedEngine(v.client, RunQuery.all(), watch, RequestOptions.defaults(), CAP);
  }

  /** Runs arriving from {@code from}, 0 to {@code maxGapMs} apart (so often several a second). */
  static List<String> arrive(ScriptedVendor v, Instant from, int n, int maxGapMs, long seed) {
    Random rnd = new Random(seed);
    List<String> ids = new ArrayList<>();
    Instant t = from;
    for (int i = 0; i < n; i++) {
      t = t.plusMillis(rnd.nextInt(maxGapMs + 1));
      String id = String.format("c%05d", i);
      v.add(id, t, RunStatus.SUCCEEDED);
      ids.add(id);
    }
    v.vendorNow = t.plusSeconds(60);
    return ids;
  }

  /**
   * Polls until a poll reports none of the arrivals, checking that each poll reports at most the
   * cap and only runs newer than every arrival reported before (oldest slices first).
   */
  static List<List<RunEvent>> catchUp(RunFeed feed, List<RunEvent> first) {
    List<List<RunEvent>> batches = new ArrayList<>();
    List<RunEvent> batch = first != null ? first : feed.poll();
    Instant reached = Instant.MIN;
    int quiet = 0;
    while (quiet < 3) {
      if (batch.stream().noneMatch(e -> e.run().id().startsWith("c"))) {
        quiet++;
        batch = feed.poll();
        continue;
      }
      quiet = 0;
      assertTrue(batches.size() < 40, "catching up takes too many polls");
      // The slice's listing holds at most the cap; the relists of its page boundaries add the
      // runs those boundaries hid (vendors.md, Activepieces: one-second cursor), a few a page.
      assertTrue(batch.size() <= CAP + CAP / 2, "poll of " + batch.size());
      Instant oldest = Instant.MAX;
      Instant newest = Instant.MIN;
      for (RunEvent e : batch) {
        if (e.run().id().startsWith("c")) {
          oldest = e.run().startedAt().isBefore(oldest) ? e.run().startedAt() : oldest;
          newest = e.run().startedAt().isAfter(newest) ? e.run().startedAt() : newest;
        }
      }
      assertTrue(oldest.isAfter(reached), "slice from " + oldest + " reaches back before " + reached);
      reached = newest;
      batches.add(batch);
      batch = feed.poll();
    }
    return batches;
  }

  static void assertEachOnce(List<String> ids, List<List<RunEvent>> batches) {
    List<String> reported = new ArrayList<>();
    for (List<RunEvent> b : batches) {
      for (RunEvent e : b) {
        if (e.run().id().startsWith("c")) {
          assertEquals(RunEvent.Type.NEW, e.type());
          reported.add(e.run().id());
        }
      }
    }
    assertEquals(ids.size(), new HashSet<>(reported).size(), "runs missed");
    assertEquals(ids.size(), reported.size(), "runs reported twice");
    assertEquals(new HashSet<>(ids), new HashSet<>(reported));
  }

  static WatchOptions shortLookback() {
    return WatchOptions.builder().since(T0.minusSeconds(600)).lookback(Duration.ofMinutes(1)).build();
  }

  @Test
  void aFeedDownWhileRunsOfSeveralCapsArrivedCatchesUpOverSeveralPollsThenPollsSteadily()
      throws IOException {
    ScriptedVendor v = start(T0, true);
    v.add("r", T0.minusSeconds(300), RunStatus.RUNNING);
    RunFeed feed = capped(v, shortLookback());
    assertEquals(List.of("NEW r RUNNING"), describe(feed.poll()));
    // 2.4 caps of runs, about 15 minutes, while the feed was down; r, older than the window,
    // fails meanwhile.
    List<String> ids = arrive(v, T0, 600, 3000, 12);
    v.set("r", RunStatus.FAILED);
    int lists = v.listCalls.get();
    List<List<RunEvent>> batches = catchUp(feed, null);
    int requests = v.listCalls.get() - lists;
    assertTrue(batches.size() >= 3, batches.size() + " polls");
    assertTrue(describe(batches.get(0)).contains("STATUS_CHANGED r FAILED"),
        "a run followed by id is followed while the feed catches up");
    assertEachOnce(ids, batches);
    // Per catching-up poll: the window, the window from W, the slice, a relist per page boundary.
    int pages = CAP / 81 + 2;
    assertTrue(requests <= batches.size() * 4 * pages,
        requests + " list requests in " + batches.size() + " polls");

    v.advance(Duration.ofSeconds(30));
    v.add("after", v.vendorNow.minusSeconds(1), RunStatus.RUNNING);
    int list = v.listCalls.get();
    assertEquals(List.of("NEW after RUNNING"), describe(feed.poll()));
    assertEquals(1, v.listCalls.get() - list, "back to one request a poll");
  }

  @Test
  void aFeedRestartedFromItsCheckpointMidCatchUpGoesOnWithoutMissesOrRepeats() throws IOException {
    ScriptedVendor v = start(T0, true);
    RunFeed feed = capped(v, shortLookback());
    assertEquals(List.of(), feed.poll());
    List<String> ids = arrive(v, T0, 600, 3000, 34);
    List<RunEvent> first = feed.poll();
    assertTrue(first.size() > 0 && first.size() < ids.size());
    String checkpoint = feed.checkpoint();
    feed.poll();   // a batch the consumer failed to store: it comes again after the restart
    RunFeed resumed = capped(v, WatchOptions.builder().checkpoint(checkpoint)
        .lookback(Duration.ofMinutes(1)).build());
    List<List<RunEvent>> batches = new ArrayList<>();
    batches.add(first);
    batches.addAll(catchUp(resumed, null));
    assertEachOnce(ids, batches);
  }

  @Test
  void runsOfOneSecondAreNeitherLostNorRepeatedAtASliceBoundary() throws IOException {
    ScriptedVendor v = start(T0, true);
    RunFeed feed = capped(v, shortLookback());
    assertEquals(List.of(), feed.poll());
    // 1.8 caps of runs about 40 a second (fewer than a page: a boundary's relist reads one page):
    // every slice edge cuts a crowded second, and page boundaries fall inside seconds (vendors.md,
    // Activepieces: cursor compared at one-second precision).
    List<String> ids = arrive(v, T0.plusSeconds(1), 450, 50, 56);
    assertEachOnce(ids, catchUp(feed, null));
  }

  /**
   * A lookback that alone holds more than the cap: each poll lists from W's second on (nothing
   * behind W is re-read), so the feed still moves on, reports every run once, and follows a run
   * of the lookback that is not terminal by getRun.
   */
  @Test
  void aLookbackHoldingMoreThanTheCapStillMovesOn() throws IOException {
    ScriptedVendor v = start(T0, true);
    RunFeed feed = capped(v, since(T0.minusSeconds(60)));
    assertEquals(List.of(), feed.poll());
    v.add("slow", T0.plusMillis(500), RunStatus.RUNNING);
    // 3 caps of runs, all within the 10 min lookback
    List<String> ids = arrive(v, T0.plusSeconds(1), 3 * CAP, 200, 78);
    List<List<RunEvent>> batches = catchUp(feed, null);
    assertEachOnce(ids, batches);
    assertTrue(describe(batches.get(0)).contains("NEW slow RUNNING"), describe(batches.get(0)).toString());

    v.advance(Duration.ofSeconds(5));
    v.set("slow", RunStatus.FAILED);
    v.add("late", v.vendorNow.minusSeconds(1), RunStatus.RUNNING);
    assertEquals(List.of("NEW late RUNNING", "STATUS_CHANGED slow FAILED"), describe(feed.poll()));
    assertEquals(List.of(), feed.poll());
  }

  @Test
  void aVendorWithoutServerSideStartedBeforeFailsClearlyAndChangesNothing() throws IOException {
    ScriptedVendor v = start(T0, false);
    RunFeed feed = capped(v, shortLookback());
    assertEquals(List.of(), feed.poll());
    arrive(v, T0, CAP + 50, 2000, 90);
    String before = feed.checkpoint();
    FlowRunsException e = assertThrows(FlowRunsException.class, feed::poll);
    assertTrue(e.getMessage().contains(String.valueOf(CAP)) && e.getMessage().contains("cannot catch up")
        && e.getMessage().contains("fewer flows"), e.getMessage());
    assertEquals(before, feed.checkpoint());
  }
}
