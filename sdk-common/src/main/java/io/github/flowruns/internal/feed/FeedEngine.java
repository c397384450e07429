package io.github.flowruns.internal.feed;

import io.github.flowruns.Capabilities;
import io.github.flowruns.ErrorDetails;
import io.github.flowruns.FlowRunsClient;
import io.github.flowruns.FlowRunsException;
import io.github.flowruns.NotFoundException;
import io.github.flowruns.Page;
import io.github.flowruns.Run;
import io.github.flowruns.RunEvent;
import io.github.flowruns.RunFeed;
import io.github.flowruns.RunQuery;
import io.github.flowruns.RunStatus;
import io.github.flowruns.WatchOptions;
import io.github.flowruns.http.RequestOptions;
import io.github.flowruns.internal.ServerClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The engine of {@link FlowRunsClient#watchRuns}: sweeps the vendor's listing through the client's
 * public operations only, and remembers what it reported in a {@link FeedState}. Knows no vendor:
 * what it asks the server for depends on {@link FlowRunsClient#capabilities()} alone. Not API.
 *
 * <p>One sweep, on the vendor's clock ({@link ServerClock}):
 * <ol>
 *   <li>lower bound {@code L = max(since, W - lookback)}, {@code W} the watermark of the last
 *       sweep;</li>
 *   <li>list the query's flows newest first, 81 to {@value #PAGE_SIZE} a page (the size moves
 *       from sweep to sweep, and page boundaries with it), with {@code startedAfter(L)}
 *       where the server filters by time (else stopping at the first run older than {@code L}),
 *       without the status filter, so runs that are not yet in a wanted status are followed too;
 *       after each page boundary, the first page below the boundary's second is listed again
 *       (a cursor compared at one-second precision skips the runs of that second: vendors.md,
 *       Activepieces);</li>
 *   <li>follow the runs not terminal that are older than the window: by {@code getRun} each when
 *       the vendor has it and they are few ({@value #GET_RUN_BUDGET}), else by lowering the listing's
 *       bound to the oldest of them; runs the listing should have shown and did not are read by
 *       {@code getRun} too (at most {@value #MAX_GETS_PER_SWEEP} a sweep, oldest checked first);</li>
 *   <li>compare each run with what was reported; emit, sort, and only then keep the new state and
 *       {@code W} = the vendor's time at the sweep's first answer (less its round trip and the
 *       {@code Date} header's one-second precision), or, when the window held more than the cap
 *       and the sweep listed only its oldest slice, that slice's top.</li>
 * </ol>
 */
public final class FeedEngine implements RunFeed {
  /** The page size of every listing: the most that {@link RunQuery} and every vendor accept. */
  public static final int PAGE_SIZE = 100;
  /**
   * Runs one sweep may list: a window holding more is caught up in slices where the vendor bounds
   * start times server-side, else fails the poll (nothing changes).
   */
  public static final int MAX_RUNS_PER_SWEEP = 5_000;
  /** Runs older than the window that are followed until terminal; past it the oldest stops. */
  public static final int MAX_TRACKED = 1_000;
  /** Tracked runs read one by one with getRun; more are followed by widening the listing. */
  public static final int GET_RUN_BUDGET = 16;
  /** getRun calls a sweep makes at most for runs the listing should have shown. */
  public static final int MAX_GETS_PER_SWEEP = 64;
  /** The Date header's precision. */
  private static final long CLOCK_MARGIN_MS = 1_000;

  private final FlowRunsClient client;
  private final RequestOptions options;
  private final ServerClock clock;
  private final Capabilities caps;
  private final Set<RunStatus> statuses;
  /** The user's query without statuses and startedAfter: what a run must match to be reported. */
  private final RunQuery reportFilter;
  /**
   * The same without startedBefore, for a run not started yet (no start time, which matches no
   * time filter): it is reported, since it did not start before {@code since}.
   */
  private final RunQuery reportUntimed;
  /** What every listing of a sweep asks, before its time bounds. */
  private final RunQuery listing;
  private final Instant queryAfter;
  private final Instant queryBefore;
  private final long lookbackMs;
  private final long trackForMs;
  private final Instant startAt;
  private final String vendor;
  private final byte[] fingerprint;
  /** Runs of the window one sweep lists at most: {@link #MAX_RUNS_PER_SWEEP} but in tests. */
  private final int cap;
  /** Pages one listing may take: the cap in the window and as many followed below it, at 81 a page. */
  private final int maxPages;
  private FeedState state;

  /**
   * Opens a feed; no request is made.
   *
   * @param client the client
   * @param query the runs to watch
   * @param watch where to start and how far to look
   * @param options per-call options for every request
   * @throws IllegalArgumentException for a checkpoint this SDK cannot read, or one of another
   *     vendor or query
   */
  public FeedEngine(FlowRunsClient client, RunQuery query, WatchOptions watch,
      RequestOptions options) {
    this(client, query, watch, options, MAX_RUNS_PER_SWEEP);
  }

  /**
   * The same with another cap, so that tests exercise catching up over hundreds of runs rather
   * than tens of thousands.
   */
  FeedEngine(FlowRunsClient client, RunQuery query, WatchOptions watch, RequestOptions options,
      int cap) {
    if (cap < 1) {
      throw new IllegalArgumentException("cap must be positive: " + cap);
    }
    this.cap = cap;
    this.maxPages = 2 * cap / 81 + 2;
    this.client = Objects.requireNonNull(client, "client");
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(watch, "watch");
    this.options = Objects.requireNonNull(options, "options");
    this.clock = ServerClock.of(client);
    this.caps = client.capabilities();
    this.statuses = query.statuses();
    this.queryAfter = query.startedAfter();
    this.queryBefore = query.startedBefore();
    this.reportFilter = query.toBuilder().statuses(List.of()).startedAfter(null).build();
    this.reportUntimed = reportFilter.toBuilder().startedBefore(null).build();
    this.listing = listingOf(query, caps);
    this.lookbackMs = watch.lookback().toMillis();
    this.trackForMs = watch.trackFor().toMillis();
    this.startAt = watch.since();
    this.vendor = client.vendor().name();
    this.fingerprint = FeedState.fingerprint(canonical(query));
    this.state = watch.checkpoint() == null ? new FeedState()
        : FeedState.decode(watch.checkpoint(), vendor, fingerprint);
    if (watch.checkpoint() == null && startAt != null) {
      state.sinceMs = startAt.toEpochMilli();
    }
  }

  /**
   * Sends server-side only the filters the vendor applies itself, so that a listing without a
   * server-side time bound can stop at the first run older than the window (a client-side filter
   * would hide those runs and page through the whole history); the feed checks the rest.
   */
  private static RunQuery listingOf(RunQuery q, Capabilities caps) {
    RunQuery.Builder b = RunQuery.builder().flowIds(q.flowIds()).pageSize(PAGE_SIZE);
    q.vendorParams().forEach(b::vendorParam);
    if (q.trigger() != null && caps.serverSide(Capabilities.Filter.TRIGGER)) {
      b.trigger(q.trigger());
    }
    if (!q.tags().isEmpty() && caps.serverSide(Capabilities.Filter.TAGS)) {
      b.tags(q.tags());
    }
    if (q.search() != null && caps.serverSide(Capabilities.Filter.SEARCH)) {
      b.search(q.search());
    }
    if (q.startedBefore() != null && caps.serverSide(Capabilities.Filter.STARTED_BEFORE)) {
      b.startedBefore(q.startedBefore());
    }
    return b.build();
  }

  /** The query's filters in one order-free text: what a checkpoint is bound to. */
  static String canonical(RunQuery q) {
    StringBuilder b = new StringBuilder("q1");
    b.append("\nflows=").append(new TreeSet<>(q.flowIds()));
    b.append("\nstatuses=").append(new TreeSet<>(q.statuses()));
    b.append("\nafter=").append(q.startedAfter());
    b.append("\nbefore=").append(q.startedBefore());
    b.append("\ntrigger=").append(q.trigger());
    b.append("\ntags=").append(new TreeSet<>(q.tags()));
    b.append("\nsearch=").append(q.search());
    b.append("\nparams=").append(new TreeMap<>(q.vendorParams()));
    return b.toString();
  }

  @Override
  public List<RunEvent> poll() {
    FeedState next = state.copy();
    List<RunEvent> events = new Sweep(next).run();
    state = next;   // only a sweep that succeeded moves the feed
    return events;
  }

  @Override
  public String checkpoint() {
    return state.encode(vendor, fingerprint);
  }

  @Override
  public String toString() {
    return "RunFeed{vendor=" + vendor + ", since=" + (state.sinceMs == FeedState.NONE ? "first poll"
        : Instant.ofEpochMilli(state.sinceMs)) + ", runs remembered=" + state.entries.size() + "}";
  }

  /** One poll's work on a copy of the state. */
  private final class Sweep {
    final FeedState s;
    final List<Pending> events = new ArrayList<>();
    final Set<String> listed = new HashSet<>();
    /** The top of the slice this sweep listed while catching up; NONE when it listed up to now. */
    long sliceUpper = FeedState.NONE;
    long now = FeedState.NONE;
    /** The vendor's time when the sweep's first answer came: each event's observedAt. */
    Instant seenAt;
    long since;
    long lower;

    Sweep(FeedState s) {
      this.s = s;
    }

    List<RunEvent> run() {
      if (s.sinceMs == FeedState.NONE) {
        if (!clock.known()) {
          learnClock();
        }
        s.sinceMs = clock.now().toEpochMilli() / 1000 * 1000;
        // Where the feed starts is a fact once learned, not progress: a first poll that fails
        // keeps it, so runs that start before the next attempt are not skipped.
        state.sinceMs = s.sinceMs;
      }
      since = queryAfter == null ? s.sinceMs : Math.max(s.sinceMs, queryAfter.toEpochMilli());
      lower = s.watermarkMs == FeedState.NONE ? since
          : Math.max(since, s.watermarkMs - lookbackMs);
      long estimate = clock.now().toEpochMilli();

      List<FeedState.Entry> tracked = new ArrayList<>();
      for (FeedState.Entry e : s.entries.values()) {
        if (e.timeMs < lower && !e.observed.isTerminal()) {
          tracked.add(e);
        }
      }
      boolean byGet = caps.supports(Capabilities.Operation.GET_RUN)
          && tracked.size() <= GET_RUN_BUDGET;
      long listLower = lower;
      if (!byGet) {
        for (FeedState.Entry e : tracked) {
          listLower = Math.min(listLower, e.timeMs);
        }
      }
      list(listLower);
      if (now == FeedState.NONE) {
        seenAt = Instant.ofEpochMilli(estimate);
        now = estimate - CLOCK_MARGIN_MS;
      }
      followMissing(listLower);
      long watermark = s.watermarkMs == FeedState.NONE ? now : Math.max(s.watermarkMs, now);
      if (sliceUpper != FeedState.NONE) {
        // Caught up to the slice's top only: the next poll goes on from there. Runs at or past
        // it were not listed, so the forget step below (below W - lookback) drops none of them.
        watermark = Math.min(watermark, sliceUpper);
      }
      s.watermarkMs = watermark;
      forget(Math.max(since, watermark - lookbackMs));
      return sorted();
    }

    /** A new feed without {@code since} starts at the vendor's now: one small request tells it. */
    private void learnClock() {
      RunQuery one = listing.toBuilder().pageSize(1).limit(1).build();
      Iterator<Page<Run>> pages = client.listRuns(one, options).pages().iterator();
      if (pages.hasNext()) {
        pages.next();
      }
    }

    private void list(long windowLower) {
      long listLower = windowLower;
      boolean serverAfter = caps.serverSide(Capabilities.Filter.STARTED_AFTER);
      boolean sliceable = serverAfter && caps.serverSide(Capabilities.Filter.STARTED_BEFORE);
      // The page size moves from sweep to sweep (81 to 100), so that page boundaries do too: a
      // run a boundary made the server skip in one sweep is on a page in a later one.
      long sweep = s.watermarkMs == FeedState.NONE ? 0 : s.watermarkMs / 1000;
      int pageSize = PAGE_SIZE - (int) Math.floorMod(sweep, 20L);
      Listing got = listing(listLower, FeedState.NONE, pageSize, serverAfter, sliceable);
      if (got.overflowAt != FeedState.NONE && !sliceable) {
        throw tooMany("; " + client.vendor() + " cannot bound a listing by start time on both"
            + " ends, so the feed cannot catch up in slices: watch fewer flows per feed, poll"
            + " more often, or start a new feed later (since), which skips the runs before it");
      }
      // Slices start at W's second: what is behind it is the lookback, re-read so that runs
      // that show up late (or, on a vendor that bounds by creation time, that waited in its
      // queue across the last slice's top) are still seen.
      long base = s.watermarkMs == FeedState.NONE ? lower
          : Math.max(lower, floorSecond(s.watermarkMs));
      // The smallest slice that still moves W: one whole second past it.
      long least = floorSecond(base) + 1000;
      while (got.overflowAt != FeedState.NONE) {
        if (lower < base && got.overflowAt < base) {
          // The runs since W fit in the cap, so the lookback is what overflows: this poll
          // re-reads only the newest part of it that fits beside them (the cap's worth reached
          // down to overflowAt). Runs behind that were listed by the last sweep; those not
          // terminal are still read by getRun.
          lower = Math.min(base, floorSecond(got.overflowAt) + 1000);
          listLower = Math.max(listLower, lower);
          got = listing(listLower, got.upper, pageSize, serverAfter, sliceable);
          continue;
        }
        // Newest first: the cap's worth of runs spans newest..overflowAt. At that density half
        // the cap sits in half that span above W: cut there (room for the lookback and uneven
        // arrivals). Arrivals that began well after W (a burst) put that cut below the first
        // run: cut just below the cap's oldest second instead. A cut that still overflows is
        // at least halved.
        long span = Math.max(0, got.newest - got.overflowAt);
        long cut = floorSecond(base + span / 2);
        if (cut < least) {
          cut = floorSecond(got.overflowAt);
        }
        if (got.upper != FeedState.NONE) {
          if (got.overflowAt >= got.upper) {
            throw tooMany("; the server lists runs past the bound it was sent (startedBefore)");
          }
          cut = Math.min(cut, floorSecond(base + (got.upper - base) / 2));
        }
        if (cut < least) {
          if (got.upper == least) {
            // The cap's worth all started in W's second (else the lookback was cut above).
            throw tooMany(" that started within one second; narrow the query (flows) or start"
                + " later (since)");
          }
          cut = least;
        }
        got = listing(listLower, cut, pageSize, serverAfter, sliceable);
      }
      for (Run run : got.runs) {
        observe(run, true);
      }
      sliceUpper = got.upper;
      for (long upper : got.boundaries) {
        long bound = queryBefore == null ? upper : Math.min(upper, queryBefore.toEpochMilli());
        if (got.upper != FeedState.NONE) {
          bound = Math.min(bound, got.upper);
        }
        if (bound <= listLower) {
          continue;
        }
        RunQuery below = listing.toBuilder().startedAfter(Instant.ofEpochMilli(listLower))
            .startedBefore(Instant.ofEpochMilli(bound)).build();
        Iterator<Page<Run>> again = client.listRuns(below, options).pages().iterator();
        if (again.hasNext()) {
          for (Run run : again.next().items()) {
            observe(run, true);
          }
        }
      }
    }

    /**
     * Lists {@code [listLower, upper)} newest first ({@code upper} NONE: up to the query's own
     * bound) into memory, stopping at the first run of the window past the cap.
     */
    private Listing listing(long listLower, long upper, int pageSize, boolean serverAfter,
        boolean relist) {
      Listing got = new Listing(upper);
      RunQuery.Builder q = listing.toBuilder().pageSize(pageSize);
      if (serverAfter) {
        q.startedAfter(Instant.ofEpochMilli(listLower));
      }
      if (upper != FeedState.NONE) {
        q.startedBefore(Instant.ofEpochMilli(queryBefore == null ? upper
            : Math.min(upper, queryBefore.toEpochMilli())));
      }
      long inWindow = 0;
      long t0 = clock.local().millis();
      Iterator<Page<Run>> pages = client.listRuns(q.build(), options).pages().iterator();
      int pageCount = 0;
      while (pages.hasNext()) {
        Page<Run> page = pages.next();
        if (++pageCount > maxPages) {
          // A server that pages forever, or past the bound it was sent (filtered out here).
          throw tooMany("; the listing ran past " + maxPages + " pages");
        }
        if (now == FeedState.NONE) {
          // The answer was written before it crossed the network, and its Date is one second
          // coarse: W is put that much earlier, so a run the server had not yet shown is re-read.
          long rtt = clock.local().millis() - t0;
          seenAt = clock.now();
          now = seenAt.toEpochMilli() - rtt - CLOCK_MARGIN_MS;
        }
        boolean older = false;
        for (Run run : page.items()) {
          long started = run.startedAt() == null ? FeedState.NONE : run.startedAt().toEpochMilli();
          if (!serverAfter && started != FeedState.NONE && started < listLower) {
            older = true;   // newest first: everything after it is older still
            break;
          }
          if (started != FeedState.NONE && started < lower) {
            if (inWindow >= cap) {
              // Widened to reach old followed runs, and past the cap: follow them only as far
              // as the cap reaches (they stop being followed after trackFor) rather than fail.
              older = true;
              break;
            }
          } else if (++inWindow == 1) {
            got.newest = started == FeedState.NONE ? now : started;
          } else if (inWindow > cap) {
            got.overflowAt = started == FeedState.NONE ? now : started;
            return got;
          }
          got.runs.add(run);
        }
        if (older) {
          break;
        }
        List<Run> items = page.items();
        if (relist && page.nextToken() != null && !items.isEmpty()
            && items.get(items.size() - 1).startedAt() != null) {
          long last = items.get(items.size() - 1).startedAt().toEpochMilli();
          if (upper != FeedState.NONE) {
            // A slice is not listed again by a later sweep once deeper than the lookback, so its
            // relist reaches higher: where the vendor pages by creation time (Activepieces), a
            // run created in the boundary's second may have started later than the boundary's
            // run did, as late as its neighbours in creation order did.
            for (int i = items.size() - 1; i >= items.size() * 3 / 4; i--) {
              Instant t = items.get(i).startedAt();
              last = t == null ? last : Math.max(last, t.toEpochMilli());
            }
          }
          got.boundaries.add(floorSecond(last) + 1000);
        }
      }
      return got;
    }

    private FlowRunsException tooMany(String advice) {
      return FlowRunsException.forStatus(ErrorDetails.builder().vendor(client.vendor())
          .operation("watchRuns").kind(ErrorDetails.Kind.OTHER)
          .message("the sweep's window holds more than " + cap + " runs" + advice)
          .build());
    }

    /**
     * Reads by id the runs not terminal that the listing did not show: those older than the
     * window, and those in it that a listing should have shown (a run first seen after it
     * started, on a vendor that bounds by creation time; a run skipped at a page boundary).
     */
    private void followMissing(long listLower) {
      if (!caps.supports(Capabilities.Operation.GET_RUN)) {
        return;
      }
      List<String> keys = new ArrayList<>();
      for (Map.Entry<String, FeedState.Entry> m : s.entries.entrySet()) {
        FeedState.Entry e = m.getValue();
        if (!e.observed.isTerminal() && e.id != null && !listed.contains(m.getKey())) {
          keys.add(m.getKey());
        }
      }
      int gets = 0;
      for (String key : keys) {
        if (gets++ >= MAX_GETS_PER_SWEEP) {
          break;
        }
        FeedState.Entry e = s.entries.get(key);
        Run run;
        try {
          run = client.getRun(e.id, options);
        } catch (NotFoundException gone) {
          s.entries.remove(key);   // deleted or past the vendor's retention: nothing to follow
          continue;
        }
        // Read ones go last, so that a sweep that hits the cap reads the others next time.
        s.entries.remove(key);
        s.entries.put(key, e);
        observe(run, false);
      }
    }

    private void observe(Run run, boolean fromListing) {
      if (run == null || run.id() == null || run.status() == null) {
        return;
      }
      String key = FeedState.keyOf(run.id());
      listed.add(key);
      FeedState.Entry e = s.entries.get(key);
      Instant started = run.startedAt();
      if (e == null) {
        boolean wanted = started == null ? reportUntimed.matches(run) : reportFilter.matches(run);
        if (!wanted || started != null && started.toEpochMilli() < lower) {
          return;   // not this query's, or before the window (reported before, or before since)
        }
        e = new FeedState.Entry();
        e.id = key.equals(run.id()) ? run.id() : null;
        e.timeMs = started != null ? started.toEpochMilli() : now;
        e.firstSeenMs = now;
        s.entries.put(key, e);
      } else if (started != null) {
        e.timeMs = Math.min(e.timeMs, started.toEpochMilli());
      }
      RunStatus status = run.status();
      int finish = status.isTerminal() ? FeedState.finishHash(run.finishedAt()) : 0;
      boolean changed = e.observed != status
          || status.isTerminal() && finish != 0 && e.finishHash != 0 && finish != e.finishHash;
      if (!changed) {
        if (finish != 0) {
          e.finishHash = finish;
        }
        return;
      }
      e.observed = status;
      e.finishHash = finish;
      if (statuses.isEmpty() || statuses.contains(status)) {
        RunEvent.Type type = e.reported == null ? RunEvent.Type.NEW : RunEvent.Type.STATUS_CHANGED;
        events.add(new Pending(RunEvent.of(type, run, e.reported, seenAt),
            events.size()));
        e.reported = status;
      }
    }

    /**
     * Forgets what the next sweep cannot list again: terminal runs older than its window, runs
     * followed for longer than trackFor, and past {@link #MAX_TRACKED} the oldest followed.
     */
    private void forget(long nextLower) {
      List<Map.Entry<String, FeedState.Entry>> followed = new ArrayList<>();
      for (Iterator<Map.Entry<String, FeedState.Entry>> it = s.entries.entrySet().iterator();
          it.hasNext(); ) {
        Map.Entry<String, FeedState.Entry> m = it.next();
        FeedState.Entry e = m.getValue();
        if (e.timeMs >= nextLower) {
          continue;
        }
        if (e.observed.isTerminal() || now - e.firstSeenMs >= trackForMs) {
          it.remove();
        } else {
          followed.add(m);
        }
      }
      if (followed.size() > MAX_TRACKED) {
        followed.sort(Comparator.comparingLong(m -> m.getValue().firstSeenMs));
        for (int i = 0; i < followed.size() - MAX_TRACKED; i++) {
          s.entries.remove(followed.get(i).getKey());
        }
      }
      int most = cap + MAX_TRACKED;
      if (s.entries.size() > most) {
        List<Map.Entry<String, FeedState.Entry>> all = new ArrayList<>(s.entries.entrySet());
        all.sort(Comparator.comparingLong(m -> m.getValue().timeMs));
        for (int i = 0; i < all.size() - most; i++) {
          s.entries.remove(all.get(i).getKey());
        }
      }
    }

    /**
     * Oldest first by when each status took effect (finish time once terminal, else start time),
     * ties by run id; a run's later event never sorts before its earlier one.
     */
    private List<RunEvent> sorted() {
      Map<String, Long> floor = new HashMap<>();
      for (Pending p : events) {
        Run r = p.event.run();
        Instant at = r.status().isTerminal() && r.finishedAt() != null ? r.finishedAt()
            : r.startedAt() != null ? r.startedAt() : p.event.observedAt();
        long t = at.toEpochMilli();
        Long before = floor.get(r.id());
        p.at = before == null ? t : Math.max(t, before);
        floor.put(r.id(), p.at);
      }
      events.sort(Comparator.<Pending>comparingLong(p -> p.at)
          .thenComparing(p -> p.event.run().id())
          .thenComparingInt(p -> p.seq));
      List<RunEvent> out = new ArrayList<>(events.size());
      for (Pending p : events) {
        out.add(p.event);
      }
      return out;
    }
  }

  private static long floorSecond(long ms) {
    return Math.floorDiv(ms, 1000L) * 1000L;
  }

  /** One listing held in memory until it is known to fit the cap. */
  private static final class Listing {
    /** The slice's top, exclusive; NONE for a listing up to now. */
    final long upper;
    final List<Run> runs = new ArrayList<>();
    /** Where the next relist of each page boundary stops (exclusive). */
    final List<Long> boundaries = new ArrayList<>();
    /** Start time of the newest run of the window listed (a run not started: now). */
    long newest = FeedState.NONE;
    /** Start time of the first run of the window past the cap; NONE if the listing fits. */
    long overflowAt = FeedState.NONE;

    Listing(long upper) {
      this.upper = upper;
    }
  }

  private static final class Pending {
    final RunEvent event;
    final int seq;
    long at;

    Pending(RunEvent event, int seq) {
      this.event = event;
      this.seq = seq;
    }
  }
}
