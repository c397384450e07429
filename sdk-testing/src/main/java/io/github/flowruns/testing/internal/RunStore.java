package io.github.flowruns.testing.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The runs of one simulator: the seeded {@link History} plus a small overlay of runs that requests
 * changed or created. Thread-safe: one lock guards the overlay; the history is immutable.
 *
 * <p>Listing order is newest first, which is descending serial. Cursors carry a serial, so a
 * sequential walk never rescans; page-number listings with a filter cache the matching serials.
 */
public final class RunStore {
  private final VendorProfile profile;
  private final History history;
  private final Object lock = new Object();
  private final HashMap<Long, RunData> changed = new HashMap<>();
  private final ArrayList<RunData> created = new ArrayList<>();
  private long version;
  /** The simulator's clock: it stands still unless {@link #advance} moves it. */
  private long clockMs;
  private final ArrayList<Change> changes = new ArrayList<>();
  private final Lifecycle lifecycle;
  /**
   * Requests hold the read side while they are answered, {@link #advance} the write side: the
   * clock never moves in the middle of an answer, so its {@code Date} header and its body agree.
   */
  private final ReentrantReadWriteLock gate = new ReentrantReadWriteLock();
  private final Map<String, CachedMatch> cache = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, CachedMatch> eldest) {
      return size() > 8;
    }
  };

  private record CachedMatch(long version, int[] serials) {}

  /** Runs found by a scan, and the serial of the next match beyond them (-1 when none). */
  public record Scan(List<RunData> runs, long next) {}

  /** A store whose clock starts now (or a second after the newest run) and where no run arrives by itself. */
  public RunStore(VendorProfile profile, History history) {
    this(profile, history, System.currentTimeMillis(), 0);
  }

  /**
   * @param clockStartMs where the clock starts; never before a second after the newest seeded run
   * @param arrivalEveryMs a new run every this many ms of the clock; 0 for none
   */
  public RunStore(VendorProfile profile, History history, long clockStartMs, long arrivalEveryMs) {
    this.profile = profile;
    this.history = history;
    this.clockMs = Math.max(clockStartMs, history.newestMs() + 1000);
    this.lifecycle = new Lifecycle(this, arrivalEveryMs, clockMs);
  }

  public History history() {
    return history;
  }

  public VendorProfile profile() {
    return profile;
  }

  public long total() {
    synchronized (lock) {
      return history.count() + (long) created.size();
    }
  }

  /** Bumped on every change, so callers can cache what they compute from the runs. */
  public long version() {
    synchronized (lock) {
      return version;
    }
  }

  public RunData get(long serial) {
    synchronized (lock) {
      return getLocked(serial);
    }
  }

  private RunData getLocked(long serial) {
    if (serial < 0) return null;
    if (serial >= history.count()) {
      long i = serial - history.count();
      return i < created.size() ? created.get((int) i) : null;
    }
    RunData c = changed.get(serial);
    return c != null ? c : history.generate(serial);
  }

  /** The run with this vendor id, or null. */
  public RunData find(String id) {
    long serial = profile.serialOf(history.seed(), id);
    return serial < 0 ? null : get(serial);
  }

  /**
   * Replaces a run with a changed copy of itself, as a request changes it (a stop, a cancel, a
   * resume, an archive): a run that ends loses its plan, a resumed one is planned to an end.
   */
  public void put(RunData run) {
    synchronized (lock) {
      RunData before = replaceLocked(run);
      lifecycle.changedByRequest(before, run, clockMs);
    }
  }

  /** Replaces a run with a re-queued copy of itself (same id): it is planned afresh, as a new run is. */
  public void requeue(RunData run) {
    synchronized (lock) {
      replaceLocked(run);
      lifecycle.started(run, clockMs);
    }
  }

  /** Replaces a run as its plan moves it; the caller holds the lock. */
  void putByClock(RunData run) {
    replaceLocked(run);
  }

  RunData getQuiet(long serial) {
    return getLocked(serial);
  }

  private RunData replaceLocked(RunData run) {
    RunData before = getLocked(run.serial());
    if (run.serial() >= history.count()) created.set((int) (run.serial() - history.count()), run);
    else changed.put(run.serial(), run);
    version++;
    if (before == null || !before.status().equals(run.status())) {
      changes.add(new Change(run.id(), before == null ? null : before.status(), run.status(), clockMs));
    }
    return before;
  }

  /**
   * Adds a run, newer than every other; {@code factory} receives its serial, the vendor's id for
   * that serial (the one id rule, shared with the seeded history) and its creation time, the
   * clock's now. The run is planned: it will start and end as the clock moves.
   */
  public RunData create(CreateFactory factory) {
    synchronized (lock) {
      return add(factory, false);
    }
  }

  /**
   * Adds a run as {@link #create} does and, unless {@code planNext} planned it, ends it at once in
   * its drawn outcome: for a vendor whose request answers only when the run it started has ended
   * (n8n's retry). A planned run keeps its planned time, so a test can still make it long.
   */
  public RunData createEndedUnlessPlanned(CreateFactory factory) {
    synchronized (lock) {
      return add(factory, true);
    }
  }

  private RunData add(CreateFactory factory, boolean endUnlessPlanned) {
    long serial = history.count() + (long) created.size();
    RunData run = factory.create(serial, profile.runId(history.seed(), serial), clockMs);
    created.add(run);
    version++;
    changes.add(new Change(run.id(), null, run.status(), clockMs));
    boolean planned = lifecycle.started(run, clockMs);
    return endUnlessPlanned && !planned ? lifecycle.endNow(serial, clockMs) : run;
  }

  /** Queues the outcome and run time of the next run created or re-queued. */
  public void planNext(Status outcome, long runForMs) {
    synchronized (lock) {
      lifecycle.planNext(outcome, runForMs);
    }
  }

  /**
   * Moves the clock by {@code ms}, applying in time order every start, end and arrival due on the
   * way, each at its own instant. Requests wait while it runs, and see the clock before or after.
   */
  public void advance(long ms) {
    if (ms < 0) throw new IllegalArgumentException("cannot advance by a negative duration: " + ms + " ms");
    gate.writeLock().lock();
    try {
      long target;
      synchronized (lock) {
        target = clockMs + ms < clockMs ? Long.MAX_VALUE : clockMs + ms;
      }
      while (true) {
        synchronized (lock) {
          long due = lifecycle.nextDueMs();
          if (due > target) {
            clockMs = target;
            return;
          }
          clockMs = Math.max(clockMs, due);
          lifecycle.applyNext(clockMs);
        }
      }
    } finally {
      gate.writeLock().unlock();
    }
  }

  /** The lock a request holds while it is answered, so the clock stands still meanwhile. */
  public java.util.concurrent.locks.Lock answering() {
    return gate.readLock();
  }

  /** Every status change since the store was made, in the order they happened. */
  public List<Change> changes() {
    synchronized (lock) {
      return List.copyOf(changes);
    }
  }

  /** Builds a created run from its serial, id and creation time. */
  @FunctionalInterface
  public interface CreateFactory {
    RunData create(long serial, String id, long createdMs);
  }

  /** The simulator's clock, in epoch ms: a second or more after the newest seeded run. */
  public long nowMs() {
    synchronized (lock) {
      return clockMs;
    }
  }

  private boolean matches(long serial, RunFilter f) {
    RunData run;
    if (serial >= history.count() || changed.containsKey(serial)) {
      run = getLocked(serial);
      return run != null && f.fullMatch(run);
    }
    if (!f.cheapMatch(serial, history.flowOf(serial), history.statusOf(serial), history.createdMs(serial))) {
      return false;
    }
    return !f.needsFullRun() || f.fullMatch(history.generate(serial));
  }

  /** Seeded serials outside [lo, hi] cannot match the filter's time window. */
  private long[] seededBounds(RunFilter f) {
    long lo = f.createdFrom == null ? 0 : history.firstSerialCreatedAtOrAfter(f.createdFrom);
    long hi = f.createdTo == null ? history.count() - 1 : history.lastSerialCreatedAtOrBefore(f.createdTo);
    return new long[] {lo, hi};
  }

  /**
   * Up to {@code limit} matching runs, newest first, starting at serial {@code from} (inclusive, or
   * the newest run when negative), and the serial of the next match after them.
   */
  public Scan scanDown(long from, int limit, RunFilter f) {
    synchronized (lock) {
      long total = history.count() + (long) created.size();
      long s = from < 0 || from >= total ? total - 1 : from;
      long[] bounds = seededBounds(f);
      List<RunData> out = new ArrayList<>(Math.min(limit, 128));
      for (s = matchAtOrBelow(s, bounds, f); s >= 0; s = matchAtOrBelow(s - 1, bounds, f)) {
        if (out.size() == limit) return new Scan(out, s);
        out.add(getLocked(s));
      }
      return new Scan(out, -1);
    }
  }

  /**
   * Up to {@code limit} matching runs older-to-newer starting at serial {@code from} (inclusive),
   * returned newest first, and the serial of the next newer match beyond them (-1 when none).
   */
  public Scan scanUp(long from, int limit, RunFilter f) {
    synchronized (lock) {
      long total = history.count() + (long) created.size();
      long[] bounds = seededBounds(f);
      long s = Math.max(from, 0);
      List<RunData> out = new ArrayList<>();
      while (s < total) {
        if (s < history.count()) {
          if (s < bounds[0]) s = bounds[0];
          if (s > bounds[1]) s = history.count();
          if (s >= total) break;
          if (s >= history.count()) continue;
        }
        if (matches(s, f)) {
          if (out.size() == limit) {
            java.util.Collections.reverse(out);
            return new Scan(out, s);
          }
          out.add(getLocked(s));
        }
        s++;
      }
      java.util.Collections.reverse(out);
      return new Scan(out, -1);
    }
  }

  /** A page of a page-number listing. */
  public record Slice(List<RunData> runs, long total) {}

  /**
   * Runs at positions [offset, offset + size) of the filtered listing, newest first (or oldest
   * first when {@code ascending}), with the number of matches. Unfiltered listings are computed by
   * arithmetic; filtered ones from a cached array of matching serials.
   */
  public Slice slice(RunFilter f, long offset, int size, boolean ascending) {
    synchronized (lock) {
      List<RunData> out = new ArrayList<>();
      if (f.matchesEverything()) {
        long total = history.count() + (long) created.size();
        for (long p = offset; p < Math.min(total, offset + size); p++) {
          out.add(getLocked(ascending ? p : total - 1 - p));
        }
        return new Slice(out, total);
      }
      int[] serials = matching(f);
      for (long p = offset; p < Math.min(serials.length, offset + size); p++) {
        out.add(getLocked(serials[(int) (ascending ? serials.length - 1 - p : p)]));
      }
      return new Slice(out, serials.length);
    }
  }

  /**
   * The newest matching serial at or below {@code s}, or -1 when none: seeded runs outside the
   * filter's creation bounds are jumped over, not tested one by one. The caller holds the lock.
   */
  private long matchAtOrBelow(long s, long[] bounds, RunFilter f) {
    for (; s >= 0; s--) {
      if (s < history.count()) {
        if (s > bounds[1]) s = bounds[1];
        if (s < bounds[0] || s < 0) return -1;
      }
      if (matches(s, f)) return s;
    }
    return -1;
  }

  private int[] matching(RunFilter f) {
    CachedMatch hit = cache.get(f.key());
    if (hit != null && hit.version == version) return hit.serials;
    int[] buf = new int[1024];
    int n = 0;
    long[] bounds = seededBounds(f);
    long total = history.count() + (long) created.size();
    for (long s = matchAtOrBelow(total - 1, bounds, f); s >= 0; s = matchAtOrBelow(s - 1, bounds, f)) {
      if (n == buf.length) buf = Arrays.copyOf(buf, n * 2);
      buf[n++] = (int) s;
    }
    int[] result = Arrays.copyOf(buf, n);
    cache.put(f.key(), new CachedMatch(version, result));
    return result;
  }

  /** Applies {@code visitor} to every matching run, newest first, without building a list. */
  public void forEach(RunFilter f, java.util.function.Consumer<RunData> visitor) {
    long s = -1;
    while (true) {
      Scan scan = scanDown(s, 4096, f);
      scan.runs().forEach(visitor);
      if (scan.next() < 0) return;
      s = scan.next();
    }
  }
}
