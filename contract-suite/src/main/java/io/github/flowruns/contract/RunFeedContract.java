package io.github.flowruns.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.flowruns.Capabilities;
import io.github.flowruns.Capabilities.Filter;
import io.github.flowruns.Capabilities.Operation;
import io.github.flowruns.FlowRunsClient;
import io.github.flowruns.FlowRunsClients;
import io.github.flowruns.FlowRunsException;
import io.github.flowruns.RetryMode;
import io.github.flowruns.Run;
import io.github.flowruns.RunEvent;
import io.github.flowruns.RunFeed;
import io.github.flowruns.RunQuery;
import io.github.flowruns.RunStatus;
import io.github.flowruns.WatchOptions;
import io.github.flowruns.spi.VendorDescriptor;
import io.github.flowruns.testing.SimulatedRun;
import io.github.flowruns.testing.StatusChange;
import io.github.flowruns.testing.VendorSimulator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The promise of {@link FlowRunsClient#watchRuns}, checked as a property against each vendor's
 * living simulator: runs arrive, start, finish and are retried while the simulator's clock moves
 * in random steps; a feed is polled at random moments, some polls fail (429s and cut connections
 * injected at random), and the consumer restarts from its stored checkpoint at random moments,
 * sometimes without having stored the last batch. After every successful poll the consumer's view
 * (the last status each run was reported in) must equal what the vendor shows, for every run
 * created since the feed started; each run's events start with {@code NEW} and go on with
 * {@code STATUS_CHANGED} from the status reported before; a repeat happens only after a restart
 * from a checkpoint stored before it, and then with the same event id.
 *
 * <pre>{@code class FlowStackRunFeedContractTest extends RunFeedContract {}}</pre>
 *
 * <p>Many seeds a variant ({@code -Dflowruns.feed.seeds=N}, default {@value #DEFAULT_SEEDS}); a
 * failure names its seed, and {@code -Dflowruns.feed.seed=S} runs that one alone.
 * {@code -Dflowruns.feed.arrivalMs=M} makes runs arrive every M ms instead of every 30 to 120 s:
 * a busy account whose sweeps cross page boundaries. Below about one run a second, Activepieces
 * shows the limit {@link FlowRunsClient#watchRuns} documents (a run created in a boundary's second
 * but started a second or more after the boundary's run may wait for a later sweep).
 */
public abstract class RunFeedContract {
  static final int DEFAULT_SEEDS = 10;
  static final int STEPS = 20;
  static final Duration LOOKBACK = Duration.ofMinutes(10);

  static Stream<Named<VendorDescriptor>> vendors() {
    return FlowRunsContract.vendors();
  }

  /** The variants of the property. */
  enum Variant {
    /** Every status, the vendor's clock as ours. */
    ALL(Duration.ZERO, false),
    /** The vendor's clock an hour ahead of ours. */
    CLOCK_AHEAD(Duration.ofHours(1), false),
    /** The vendor's clock an hour behind ours. */
    CLOCK_BEHIND(Duration.ofHours(-1), false),
    /** Failed runs only: a run is reported when it fails, however long it ran before. */
    FAILED_ONLY(Duration.ZERO, true);

    final Duration offset;
    final boolean failedOnly;

    Variant(Duration offset, boolean failedOnly) {
      this.offset = offset;
      this.failedOnly = failedOnly;
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vendors")
  void everyRunIsReportedOncePerStatusAcrossPollsFaultsAndRestarts(VendorDescriptor v) {
    forEachSeed(v, Variant.ALL);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vendors")
  void aVendorClockAnHourAheadOrBehindChangesNothing(VendorDescriptor v) {
    forEachSeed(v, Variant.CLOCK_AHEAD);
    forEachSeed(v, Variant.CLOCK_BEHIND);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vendors")
  void aFailedOnlyFeedReportsEveryFailureOnce(VendorDescriptor v) {
    forEachSeed(v, Variant.FAILED_ONLY);
  }

  /**
   * Issue 14 will benchmark it; this holds the shape: with nothing new, a poll costs the same few
   * requests whether the account holds a hundred runs or two thousand (each vendor's listing
   * stops once runs are older than the window: server-side where the vendor filters by time,
   * else at the first older run of a newest-first listing).
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("vendors")
  void aSteadyPollCostsTheSameFewRequestsWhateverTheHistory(VendorDescriptor v) {
    int small = steadyPollRequests(v, 100);
    int large = steadyPollRequests(v, 2_000);
    assertEquals(small, large, "requests of a poll with nothing new, 100 vs 2000 runs of history");
    assertTrue(large <= 1 + 2 * 2, "a page a flow (and the flows), not the history: " + large);
    if (Boolean.getBoolean("flowruns.feed.verbose")) {
      System.err.printf("%s steady poll: %d requests%n", v.name(), large);
    }
  }

  /**
   * A feed down for 90 minutes on a busy account (a run every 500 ms, some 10,800 runs, over
   * twice the 5,000-run cap of a poll) catches up: over several polls, each reporting about the
   * cap at most, every run created meanwhile is reported as new exactly once, then polls are
   * quiet again. Where the vendor cannot bound a listing by start time on both ends server-side
   * (vendors.md: FlowStack's list has no time filter), the poll fails instead, saying what to do.
   *
   * <p>No run is missed. (Activepieces' own cursor skips the runs created in a page's last second
   * past that page, vendors.md: its client pages by creation time instead, and the feed's slices
   * and relists rest on that listing. Before it did, 0 to 7 of these runs were missed, depending
   * on where pages ended.)
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("vendors")
  void aFeedDownForAnHourAndAHalfOnABusyAccountCatchesUp(VendorDescriptor v) {
    try (VendorSimulator sim = VendorSimulator.forVendor(v.simulator()).runs(8).flows(2).seed(5)
        .arrivals(Duration.ofMillis(500)).build().start();
        FlowRunsClient client = connect(v, sim)) {
      Instant since = sim.now();
      RunFeed feed = client.watchRuns(account(v, sim).build(), WatchOptions.builder().since(since)
          .lookback(LOOKBACK).build());
      List<RunEvent> batch = feed.poll();
      sim.advance(Duration.ofMinutes(90));
      Capabilities caps = client.capabilities();
      if (!caps.serverSide(Filter.STARTED_AFTER) || !caps.serverSide(Filter.STARTED_BEFORE)) {
        FlowRunsException e = assertThrows(FlowRunsException.class, feed::poll);
        assertTrue(e.getMessage().contains("cannot catch up")
            && e.getMessage().contains("fewer flows"), e.getMessage());
        return;
      }
      Map<String, Integer> news = new HashMap<>();
      int polls = 0;
      int requests = sim.requestCount();
      do {
        // The slice's listing holds at most the cap; relists at page boundaries add what the
        // boundaries hid.
        assertTrue(batch.size() <= 5_000 + 2_500, "a poll reports about the cap at most: "
            + batch.size());
        for (RunEvent e : batch) {
          if (e.type() == RunEvent.Type.NEW) {
            String id = e.run().id();
            news.merge(v.runIdForm().contains("/") ? id.substring(id.lastIndexOf('/') + 1) : id,
                1, Integer::sum);
          }
        }
        batch = feed.poll();
        assertTrue(++polls < 40, "catching up takes too many polls");
      } while (!batch.isEmpty());
      requests = sim.requestCount() - requests;
      assertTrue(polls >= 3, "a backlog of over two caps takes several polls: " + polls);
      int created = 0;
      List<String> missed = new ArrayList<>();
      for (StatusChange c : sim.statusChanges()) {
        if (c.from() == null && !c.at().isBefore(since)) {
          created++;
          int times = news.getOrDefault(c.runId(), 0);
          assertTrue(times <= 1, "run " + c.runId() + " reported new " + times + " times");
          if (times == 0) {
            SimulatedRun run = sim.findRun(c.runId()).orElseThrow();
            missed.add(c.runId() + " (created " + run.createdAt() + ", started " + run.startedAt()
                + ")");
          }
        }
      }
      assertTrue(created > 9_000, created + " runs");
      assertEquals(List.of(), missed, "missed " + missed.size() + " of " + created);
      if (Boolean.getBoolean("flowruns.feed.verbose")) {
        System.err.printf("%s catch-up of %d runs: %d polls, %d requests, %d missed%n", v.name(),
            created, polls, requests, missed.size());
      }
    }
  }

  private static int steadyPollRequests(VendorDescriptor v, int history) {
    try (VendorSimulator sim = VendorSimulator.forVendor(v.simulator()).runs(history).flows(2)
        .seed(7).newestAt(Instant.now().minus(Duration.ofHours(2))).history(Duration.ofDays(2))
        .arrivals(Duration.ZERO).build().start()) {
      try (FlowRunsClient client = connect(v, sim)) {
        RunQuery query = account(v, sim).build();
        RunFeed feed = client.watchRuns(query, WatchOptions.builder()
            .since(sim.now().minus(Duration.ofMinutes(30))).build());
        feed.poll();
        sim.advance(Duration.ofMinutes(1));
        feed.poll();
        sim.advance(Duration.ofMinutes(1));
        int before = sim.requestCount();
        assertEquals(List.of(), feed.poll());
        return sim.requestCount() - before;
      }
    }
  }

  /** A client of the simulator, made as a user makes one. */
  private static FlowRunsClient connect(VendorDescriptor v, VendorSimulator sim) {
    Map<String, String> settings = new LinkedHashMap<>(sim.clientSettings());
    settings.put(FlowRunsClients.API_KEY, sim.apiKey());
    return FlowRunsClients.create(v.vendor(), settings);
  }

  /** Every run of the account: its flows where the vendor lists flow by flow. */
  private static RunQuery.Builder account(VendorDescriptor v, VendorSimulator sim) {
    return v.listsPerFlow() ? RunQuery.builder().flowIds(sim.flowIds()) : RunQuery.builder();
  }

  private static void forEachSeed(VendorDescriptor v, Variant variant) {
    String one = System.getProperty("flowruns.feed.seed");
    int seeds = Integer.getInteger("flowruns.feed.seeds", DEFAULT_SEEDS);
    long first = one == null ? 1 : Long.parseLong(one);
    long last = one == null ? seeds : first;
    for (long seed = first; seed <= last; seed++) {
      try {
        new Run1(v, variant, seed).run();
      } catch (AssertionError | RuntimeException e) {
        throw new AssertionError(v.name() + " " + variant + " seed " + seed
            + " (rerun alone with -Dflowruns.feed.seed=" + seed + "): " + e.getMessage(), e);
      }
    }
  }

  /** One seed's history. */
  private static final class Run1 {
    final VendorDescriptor vendor;
    final Variant variant;
    final Random rnd;
    final long seed;

    VendorSimulator sim;
    FlowRunsClient client;
    RunQuery query;
    WatchOptions watch;
    Instant since;

    /** What the consumer believes: the last status each run was reported in. */
    Map<String, RunStatus> view = new HashMap<>();
    /** The same with the vendor's own status text, and the runs' ids by the simulator's. */
    Map<String, String> viewRaw = new HashMap<>();
    final Map<String, String> byWire = new HashMap<>();
    /** Every event id delivered, and those delivered since the last stored checkpoint. */
    final Set<String> delivered = new HashSet<>();
    Set<String> sinceStore = new HashSet<>();
    /** The stored checkpoint, and the view and deliveries when it was stored. */
    String stored;
    Map<String, RunStatus> viewAtStore = new HashMap<>();
    Map<String, String> viewRawAtStore = new HashMap<>();
    /** Events that may come again: delivered after the checkpoint the feed restarted from. */
    Set<String> replayable = new HashSet<>();
    final Set<String> retried = new HashSet<>();
    final Set<String> requeued = new HashSet<>();
    int polls;
    int failedPolls;
    int restarts;
    int events;
    long pollNanos;
    long checkNanos;

    Run1(VendorDescriptor vendor, Variant variant, long seed) {
      this.vendor = vendor;
      this.variant = variant;
      this.seed = seed;
      this.rnd = new Random(seed * 31 + variant.ordinal());
    }

    void run() {
      sim = VendorSimulator.forVendor(vendor.simulator()).runs(8).flows(2).seed(seed)
          .arrivals(Integer.getInteger("flowruns.feed.arrivalMs", 0) > 0
              ? Duration.ofMillis(Integer.getInteger("flowruns.feed.arrivalMs"))
              : Duration.ofSeconds(30 + rnd.nextInt(90))).clockOffset(variant.offset)
          .build().start();
      try {
        client = connect(vendor, sim);
        RunQuery.Builder q = account(vendor, sim);
        if (variant.failedOnly) {
          q.statuses(RunStatus.FAILED);
        }
        query = q.build();
        since = sim.now();
        watch = WatchOptions.builder().since(since).lookback(LOOKBACK).build();
        RunFeed feed = client.watchRuns(query, watch);
        for (int step = 0; step < STEPS; step++) {
          sim.advance(Duration.ofSeconds(1 + rnd.nextInt(rnd.nextInt(4) == 0 ? 900 : 150)));
          if (rnd.nextInt(6) == 0) {
            feed = restart();
          }
          feed = pollOnce(feed, true);
        }
        // Drain: no fault, runs end (a retried run too), a last poll reports every final status.
        for (int i = 0; i < 3; i++) {
          sim.advance(Duration.ofMinutes(5));
          feed = pollOnce(feed, false);
        }
        assertTrue(polls > STEPS / 2, "most polls succeed: " + polls);
        if (Boolean.getBoolean("flowruns.feed.verbose")) {
          System.err.printf("%s %s seed %d: %d polls, %d failed, %d restarts, %d events, %d runs, %d requests, %d ms polling, %d ms checking%n",
              vendor.name(), variant, seed, polls, failedPolls, restarts, events, view.size(), sim.requestCount(), pollNanos / 1_000_000, checkNanos / 1_000_000);
        }
      } finally {
        try {
          if (client != null) {
            client.close();
          }
        } finally {
          sim.close();
        }
      }
    }

    RunFeed restart() {
      restarts++;
      replayable = new HashSet<>(sinceStore);
      view = new HashMap<>(viewAtStore);
      viewRaw = new HashMap<>(viewRawAtStore);
      return client.watchRuns(query, stored == null ? watch
          : watch.toBuilder().checkpoint(stored).build());
    }

    RunFeed pollOnce(RunFeed feed, boolean faults) {
      boolean injected = false;
      if (faults && rnd.nextInt(5) == 0) {
        injected = true;
        if (rnd.nextInt(4) != 0) {
          // 429s with Retry-After 0: the client's retries absorb up to three, more fail the poll
          sim.rateLimitNext(1 + rnd.nextInt(6), Duration.ZERO);
        } else {
          sim.dropConnectionAfter(rnd.nextInt(3));   // a body cut short, at the sweep's 1st to 3rd request
        }
      }
      List<RunEvent> batch;
      long t0 = System.nanoTime();
      try {
        batch = feed.poll();
        pollNanos += System.nanoTime() - t0;
      } catch (FlowRunsException e) {
        assertTrue(injected, "a poll fails only when a fault was injected: " + e);
        failedPolls++;
        pollNanos += System.nanoTime() - t0;
        sim.clearFaults();
        return feed;
      }
      sim.clearFaults();
      polls++;
      for (RunEvent e : batch) {
        accept(e);
      }
      if (rnd.nextInt(5) != 0) {
        stored = feed.checkpoint();
        viewAtStore = new HashMap<>(view);
        viewRawAtStore = new HashMap<>(viewRaw);
        sinceStore = new HashSet<>();
        assertTrue(stored.length() < 64 * 1024, "a bounded checkpoint: " + stored.length());
      }
      long t1 = System.nanoTime();
      checkViewAgainstTheVendor();
      checkNanos += System.nanoTime() - t1;
      retrySomeFailures(batch);   // after the check: a retry may create a run the feed sees next time
      return feed;
    }

    void accept(RunEvent e) {
      events++;
      Run run = e.run();
      String id = e.id();
      // A run re-queued in place runs through the same statuses again, and RunEvent.id() tells
      // two passes apart only by the finish time of a terminal status.
      if (!delivered.add(id) && !requeued.contains(wireId(run.id()))) {
        assertTrue(replayable.contains(id), "a repeat only after a restart from a checkpoint "
            + "stored before it: " + e);
      }
      sinceStore.add(id);
      RunStatus before = view.get(run.id());
      if (variant.failedOnly) {
        assertEquals(RunStatus.FAILED, run.status(), "only wanted statuses: " + e);
      }
      if (e.type() == RunEvent.Type.NEW) {
        assertNull(before, "NEW is the first event of a run: " + e);
        assertNull(e.previousStatus());
      } else {
        assertNotNull(before, "a STATUS_CHANGED follows a NEW: " + e);
        assertEquals(before, e.previousStatus(), "previousStatus is the status reported before: " + e);
        assertTrue(before != run.status() || run.status().isTerminal(),
            "each next status differs (or a re-run ended again): " + e);
      }
      assertFalse(run.startedAt() != null && run.startedAt().isBefore(since),
          "nothing that started before since: " + e);
      view.put(run.id(), run.status());
      viewRaw.put(run.id(), run.rawStatus());
      byWire.put(wireId(run.id()), run.id());
    }

    /** As a consumer that retries each failure once would (only where the vendor retries). */
    void retrySomeFailures(List<RunEvent> batch) {
      if (!client.capabilities().supports(Operation.RETRY_RUN)) {
        return;
      }
      for (RunEvent e : batch) {
        if (e.run().status() == RunStatus.FAILED && rnd.nextInt(3) == 0 && retried.add(e.run().id())) {
          Run retry = client.retryRun(e.run().id(), RetryMode.DEFAULT);
          if (retry.id().equals(e.run().id())) {
            // Re-queued in place (vendors.md, Activepieces: FROM_FAILED_STEP answers the same id):
            // a feed follows a run until it is terminal, so a terminal run that starts again is
            // reported only while it is inside the feed's window; its later statuses are not
            // promised.
            requeued.add(wireId(retry.id()));
          }
        }
      }
    }

    /**
     * The consumer's view against the simulator's truth, now: every run's raw status as the
     * simulator holds it (not a listing, which may skip runs at a page boundary: vendors.md,
     * Activepieces). The failed-only variant needs the SDK's mapping, so it reads the listing.
     */
    void checkViewAgainstTheVendor() {
      if (variant.failedOnly) {
        checkFailuresAgainstTheListing();
        return;
      }
      for (StatusChange c : sim.statusChanges()) {
        if (c.from() != null || c.at().isBefore(since) || requeued.contains(c.runId())) {
          continue;
        }
        String ours = byWire.get(c.runId());
        String now = sim.findRun(c.runId()).orElseThrow().status();
        assertNotNull(ours == null ? null : viewRaw.get(ours), "run " + c.runId() + " created at "
            + c.at() + " (" + now + ") was reported; since " + since + ", vendor now " + sim.now());
        assertEquals(now, viewRaw.get(ours), "run " + ours + ": the last status reported is the vendor's");
      }
      for (Map.Entry<String, String> e : viewRaw.entrySet()) {
        if (!requeued.contains(wireId(e.getKey()))) {
          assertEquals(sim.findRun(wireId(e.getKey())).orElseThrow().status(), e.getValue(),
              "run " + e.getKey() + ": every run reported is up to date");
        }
      }
    }

    void checkFailuresAgainstTheListing() {
      Map<String, RunStatus> truth = new HashMap<>();
      for (Run r : client.listRuns(account(vendor, sim).build())) {
        truth.put(wireId(r.id()), r.status());
      }
      for (StatusChange c : sim.statusChanges()) {
        if (c.from() != null || c.at().isBefore(since) || requeued.contains(c.runId())) {
          continue;
        }
        RunStatus now = truth.get(c.runId());
        assertNotNull(now, "the vendor lists run " + c.runId());
        String ours = byWire.get(c.runId());
        if (now == RunStatus.FAILED) {
          assertEquals(RunStatus.FAILED, ours == null ? null : view.get(ours),
              "failed run " + c.runId() + " was reported");
        }
      }
    }

    /** The id the simulator knows a run by: where runs are addressed within a flow, the last part. */
    String wireId(String id) {
      return vendor.runIdForm().contains("/") ? id.substring(id.lastIndexOf('/') + 1) : id;
    }
  }
}
