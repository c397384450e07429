package io.github.flowruns.testing.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * What makes a simulator's runs live: the plan of every run that is still moving (when it starts,
 * when it ends and in which status), the steady arrival of new runs, and the queue of outcomes
 * given by {@code planNext}. Everything is drawn from the seed and a counter of plans, so the same
 * seed and the same calls give the same history.
 *
 * <p>Not thread-safe on its own: every method is called with the store's lock held (the store owns
 * the one instance), so a run's plan and its state change together.
 */
final class Lifecycle {
  private static final int START = 0;
  private static final int END = 1;
  private static final int ARRIVAL = 2;

  /** A run's plan: its outcome and how long it runs once started; {@code gen} voids stale events. */
  private record Plan(long gen, Status outcome, long runForMs) {}

  private record Event(long atMs, long seq, int kind, long serial, long gen) {}

  /** An outcome given by {@code planNext}, waiting for the next run created or re-queued. */
  private record Planned(Status outcome, long runForMs) {}

  private final RunStore store;
  private final VendorProfile profile;
  private final long seed;
  private final long arrivalEveryMs;
  private final List<Status> outcomes = new ArrayList<>();
  private final int[] outcomeWeights;
  private final Status running;
  private final Map<Long, Plan> plans = new HashMap<>();
  private final ArrayDeque<Planned> planned = new ArrayDeque<>();
  private final PriorityQueue<Event> events = new PriorityQueue<>(
      (a, b) -> a.atMs != b.atMs ? Long.compare(a.atMs, b.atMs) : Long.compare(a.seq, b.seq));
  private long seq;
  private long gen;
  private long planCount;
  private long arrivalCount;

  Lifecycle(RunStore store, long arrivalEveryMs, long clockStartMs) {
    this.store = store;
    this.profile = store.profile();
    this.seed = store.history().seed();
    this.arrivalEveryMs = arrivalEveryMs;
    // A run that ends by itself ends in one of the vendor's outcomes, never stopped or cancelled:
    // those only come from a request (vendors.md: stop, cancel are calls).
    List<Status> all = profile.terminalStatuses();
    int[] w = profile.terminalWeights();
    List<Integer> kept = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      if (profile.naturalOutcome(all.get(i))) {
        outcomes.add(all.get(i));
        kept.add(w[i]);
      }
    }
    outcomeWeights = kept.stream().mapToInt(Integer::intValue).toArray();
    this.running = profile.runningStatus();
    if (arrivalEveryMs > 0) schedule(clockStartMs + arrivalEveryMs, ARRIVAL, -1, 0);
    planSeeded(clockStartMs);
  }

  /**
   * The forced QUEUED / RUNNING runs near the newest end of the seeded history move too, on a plan
   * drawn from (seed, serial) so that they do not use up the counter of created runs. PAUSED runs
   * stay paused: they wait for a resume, as a run at a waitpoint does.
   */
  private void planSeeded(long clockStartMs) {
    History h = store.history();
    for (long serial : h.forcedSerials()) {
      Status s = h.statusOf(serial);
      if (s.terminal() || isPaused(s)) continue;
      long queueMs = queueDelay(Hashing.hash(seed, serial, 601));
      long runFor = runTime(Hashing.hash(seed, serial, 602));
      Status outcome = drawOutcome(Hashing.hash(seed, serial, 603));
      long g = ++gen;
      plans.put(serial, new Plan(g, outcome, runFor));
      if (s.queued()) schedule(clockStartMs + queueMs, START, serial, g);
      else schedule(clockStartMs + runFor, END, serial, g);
    }
  }

  private static boolean isPaused(Status s) {
    return "PAUSED".equals(s.raw());
  }

  /** Queue delay of vendors that queue: half a second to five seconds. */
  private static long queueDelay(long h) {
    return 500 + Hashing.below(h, 4500);
  }

  /**
   * Run time: two seconds to a minute, most runs well under half a minute (log-uniform), so that
   * waiting for a run on a wall-clock simulator ends within about a minute.
   */
  private static long runTime(long h) {
    return (long) (2000 * Math.exp(Hashing.unit(h) * Math.log(30)));
  }

  private Status drawOutcome(long h) {
    return outcomes.get(Hashing.weighted(h, outcomeWeights));
  }

  private void schedule(long atMs, int kind, long serial, long g) {
    events.add(new Event(atMs, seq++, kind, serial, g));
  }

  /** Queues an outcome for the next run created or re-queued. */
  void planNext(Status outcome, long runForMs) {
    planned.addLast(new Planned(outcome, runForMs));
  }

  /**
   * A run was created (trigger, retry, webhook, arrival) or re-queued in place: plan its life.
   *
   * @return whether its outcome came from {@code planNext} rather than being drawn
   */
  boolean started(RunData r, long nowMs) {
    long n = planCount++;
    Planned p = planned.pollFirst();
    Status outcome = p != null ? p.outcome : drawOutcome(Hashing.hash(seed, n, 611));
    long runFor = p != null ? p.runForMs : runTime(Hashing.hash(seed, n, 612));
    long g = ++gen;
    plans.put(r.serial(), new Plan(g, outcome, runFor));
    if (r.status().queued()) {
      // A run planned to stay queued never starts.
      if (!outcome.queued()) schedule(nowMs + queueDelay(Hashing.hash(seed, n, 613)), START, r.serial(), g);
    } else {
      schedule(nowMs + runFor, END, r.serial(), g);
    }
    return p != null;
  }

  /**
   * Ends a running run now, in its planned outcome, without moving the clock (its END event, if
   * any, finds no plan and does nothing): for a vendor that answers the request that started a
   * run only once the run has ended.
   */
  RunData endNow(long serial, long nowMs) {
    Plan p = plans.remove(serial);
    RunData r = store.getQuiet(serial);
    if (p == null || r == null) return r;
    RunData out = ended(r, p.outcome, nowMs, Hashing.hash(seed, serial, 630 + (int) (p.gen & 0xff)));
    store.putByClock(out);
    return out;
  }

  /** A request changed a run: a terminal run has no plan any more; a resumed run runs to an end. */
  void changedByRequest(RunData before, RunData after, long nowMs) {
    if (after.status().terminal()) {
      plans.remove(after.serial());
    } else if (before != null && isPaused(before.status()) && !isPaused(after.status()) && !after.status().queued()) {
      long n = planCount++;
      long g = ++gen;
      long runFor = runTime(Hashing.hash(seed, n, 622));
      plans.put(after.serial(), new Plan(g, drawOutcome(Hashing.hash(seed, n, 621)), runFor));
      schedule(nowMs + runFor, END, after.serial(), g);
    }
  }

  /** The instant of the next thing due, or {@link Long#MAX_VALUE}. */
  long nextDueMs() {
    Event e = events.peek();
    return e == null ? Long.MAX_VALUE : e.atMs;
  }

  /** Applies the earliest event; the clock already stands at its instant. */
  void applyNext(long nowMs) {
    Event e = events.poll();
    if (e == null) return;
    if (e.kind == ARRIVAL) {
      arrive(nowMs);
      schedule(e.atMs + arrivalEveryMs, ARRIVAL, -1, 0);
      return;
    }
    Plan p = plans.get(e.serial);
    if (p == null || p.gen != e.gen) return; // stopped, cancelled, or re-planned since
    RunData r = store.getQuiet(e.serial);
    if (r == null) return;
    if (e.kind == START) {
      store.putByClock(r.withStatus(running, nowMs, Math.max(1, r.stepsRun())));
      schedule(nowMs + p.runForMs, END, e.serial, p.gen);
    } else {
      plans.remove(e.serial);
      store.putByClock(ended(r, p.outcome, nowMs, Hashing.hash(seed, e.serial, 630 + (int) (p.gen & 0xff))));
    }
  }

  /** A new run of a flow drawn from the seed, created as the vendor creates a triggered run. */
  private void arrive(long nowMs) {
    long a = arrivalCount++;
    int flow = Hashing.below(Hashing.hash(seed, a, 701), store.history().flows());
    String trigger = profile.triggers().get(Hashing.weighted(Hashing.hash(seed, a, 702), profile.triggerWeights()));
    List<String> steps = Catalogue.steps(flow);
    List<String> tags = profile.hasTags() ? List.of(Catalogue.TAGS.get(flow % Catalogue.TAGS.size())) : List.of();
    Status start = profile.startStatus();
    store.create((serial, id, now) -> new RunData(serial, id, flow, start, now, start.queued() ? null : now, null,
        now, trigger, steps.size(), 0, -1, null, null, tags, null, History.latestVersion(flow), null, null, false));
  }

  /** The run as it is once it reached {@code outcome}: steps, failed step and message as a seeded run has them. */
  private static RunData ended(RunData r, Status outcome, long atMs, long h) {
    int total = r.totalSteps();
    boolean withFailedStep = outcome.failed() || "5".equals(outcome.raw());
    int failedStep = withFailedStep ? Hashing.below(Hashing.hash(h, 1, 1), total) : -1;
    String message = withFailedStep
        ? Catalogue.MESSAGES.get(Hashing.below(Hashing.hash(h, 2, 2), Catalogue.MESSAGES.size())) : null;
    int stepsRun;
    if (failedStep >= 0) stepsRun = failedStep + 1;
    else if (outcome.success()) stepsRun = total;
    else if (outcome.queued()) stepsRun = r.stepsRun();
    else stepsRun = Math.max(r.stepsRun(), 1 + Hashing.below(Hashing.hash(h, 3, 3), Math.max(1, total - 1)));
    Long started = r.startedMs() != null ? r.startedMs() : outcome.queued() ? null : atMs;
    Long finished = outcome.terminal() ? Long.valueOf(atMs) : null;
    String pause = isPaused(outcome) ? Hashing.alnum(Hashing.hash(h, 4, 4), 21) : null;
    return new RunData(r.serial(), r.id(), r.flow(), outcome, r.createdMs(), started, finished, atMs, r.trigger(),
        total, stepsRun, failedStep, message, r.parentId(), r.tags(), r.archivedMs(), r.flowVersion(), pause,
        r.userId(), r.hasWarnings() || "5".equals(outcome.raw()));
  }
}
