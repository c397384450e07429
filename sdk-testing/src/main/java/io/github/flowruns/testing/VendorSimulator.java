package io.github.flowruns.testing;

import io.github.flowruns.testing.internal.Change;
import io.github.flowruns.testing.internal.RunData;
import io.github.flowruns.testing.internal.RunStore;
import io.github.flowruns.testing.internal.SimulatorEngine;
import io.github.flowruns.testing.internal.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.AbstractList;
import io.github.flowruns.testing.spi.SimulatorProvider;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import mockwebserver3.RecordedRequest;

/**
 * An embedded, stateful fake of one vendor's flow-run API, listening on loopback. It speaks the
 * vendor's wire format as its OpenAPI document in {@code specs/} says: auth header, paging,
 * filters, error bodies and rate-limit headers. Its history of runs is seeded and deterministic;
 * retries, stops, cancels, triggers and archives change what later requests see; faults
 * (rate limits, 5xx bursts, latency, dropped connections) can be switched on at any time, from any
 * thread.
 *
 * <p>Start one per test (they start in milliseconds, even with a million runs) and close it after:
 *
 * <pre>{@code
 * @Test void listsFailedRuns() throws Exception {
 *   try (FlowStackSimulator sim = FlowStackSimulator.builder().runs(100).build().start()) {
 *     FlowStackClient client = FlowStackClient.builder()
 *         .apiKey(sim.apiKey()).baseUrl(sim.baseUrl()).build();
 *     ...
 *     sim.failNext(1, 503);               // the next request fails once
 *     assertEquals(2, sim.requestCount());
 *   }
 * }
 * }</pre>
 *
 * <p>Its runs live on a clock of its own, {@link #now()}, which stands still until {@link
 * #advance(Duration)} moves it (or the builder's {@link SimulatorBuilder#wallClock wall clock} is
 * on): queued runs start, running runs end in a planned outcome ({@link #planNext}), new runs
 * arrive, and {@link #statusChanges()} records every move. Every answer's {@code Date} header reads
 * that clock.
 *
 * <p>Runs are listed newest first; {@link #run(int) run(0)} is the newest. A run is a pure function
 * of the seed and its position, computed when asked for, plus a small overlay of the runs that
 * requests changed or created: a simulator of 1,000,000 runs uses a few MB of heap.
 */
public abstract class VendorSimulator implements AutoCloseable {
  private static final long UNKNOWN_SERIAL = 987_654_321L;

  final SimulatorEngine engine;
  final RunStore store;

  VendorSimulator(SimulatorEngine engine) {
    this.engine = engine;
    this.store = engine.api().store();
  }

  /**
   * A builder for the simulator of {@code vendor}, in any case: a name or alias of a {@link
   * SimulatorProvider} on the class path (this module registers {@code patchworks}, {@code
   * stackai} a.k.a. {@code analytics}, {@code activepieces} and {@code flowstack}). A vendor
   * module's descriptor names its simulator: {@code forVendor(descriptor.simulator())}.
   *
   * <pre>{@code VendorSimulator sim = VendorSimulator.forVendor("activepieces").runs(1000).build().start();}</pre>
   *
   * @throws IllegalArgumentException for any other name; the message lists the known names
    * @param vendor a simulator name or alias, in any case
    * @return a new builder of that simulator
   */
  public static SimulatorBuilder<?, ? extends VendorSimulator> forVendor(String vendor) {
    String n = vendor.trim().toLowerCase(Locale.ROOT);
    for (SimulatorProvider p : providers()) {
      if (p.name().equals(n) || p.aliases().contains(n)) {
        return p.builder();
      }
    }
    throw new IllegalArgumentException(
        "no simulator for vendor \"" + vendor + "\"; known: " + String.join(", ", vendors()));
  }

  /**
   * The simulator names {@link #forVendor} knows (not their aliases), in class path order.
   *
   * <pre>{@code VendorSimulator.vendors(); // [patchworks, stackai, activepieces, flowstack]}</pre>
    *
    * @return the names, unmodifiable
   */
  public static List<String> vendors() {
    List<String> names = new ArrayList<>();
    for (SimulatorProvider p : providers()) {
      names.add(p.name());
    }
    return List.copyOf(names);
  }

  /**
   * The simulator providers on the class path, the context class loader's then this module's,
   * one per name.
   *
   * <pre>{@code for (SimulatorProvider p : VendorSimulator.providers()) { p.builder(); }}</pre>
    *
    * @return the providers, unmodifiable
   */
  public static List<SimulatorProvider> providers() {
    Map<String, SimulatorProvider> found = new LinkedHashMap<>();
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    ClassLoader own = VendorSimulator.class.getClassLoader();
    for (ClassLoader loader : context == null || context == own
        ? List.of(own) : List.of(context, own)) {
      for (SimulatorProvider p : ServiceLoader.load(SimulatorProvider.class, loader)) {
        found.putIfAbsent(p.name(), p);
      }
    }
    return List.copyOf(found.values());
  }

  /**
   * Starts listening on loopback; returns this simulator. Calling it again does nothing.
   *
   * @return this simulator
   */
  public VendorSimulator start() {
    engine.start();
    return this;
  }

  /**
   * The vendor's name, as {@link #forVendor} takes it.
   *
   * @return the name, e.g. {@code "flowstack"}
   */
  public String vendor() {
    return store.profile().name();
  }

  /**
   * The URL to give a client builder's {@code baseUrl}; the spec's paths are appended to it unchanged.
   *
   * @return the base URL, e.g. {@code http://127.0.0.1:50123}
   */
  public String baseUrl() {
    return engine.rootUrl();
  }

  /**
   * The loopback port the API listens on.
   *
   * @return the port
   */
  public int port() {
    return engine.port();
  }

  /**
   * The API key this simulator accepts.
   *
   * @return the key
   */
  public String apiKey() {
    return engine.api().settings().apiKey();
  }

  /**
   * What {@code FlowRunsClients.create} needs to reach this simulator: {@code apiKey}, {@code
   * baseUrl}, and the vendor's required ids (e.g. {@code projectId}, {@code orgId}).
   *
   * <pre>{@code FlowRunsClients.create(vendor, sim.clientSettings())}</pre>
   *
   * @return a new, ordered map of settings keys to values
   */
  public Map<String, String> clientSettings() {
    Map<String, String> s = new LinkedHashMap<>();
    s.put("apiKey", apiKey());
    s.put("baseUrl", baseUrl());
    return s;
  }

  /**
   * Ids of the simulated flows, as the API sends them.
   *
   * @return the ids, unmodifiable
   */
  public List<String> flowIds() {
    List<String> ids = new ArrayList<>();
    for (int f = 0; f < store.history().flows(); f++) ids.add(engine.api().flowId(f));
    return List.copyOf(ids);
  }

  /**
   * Requests received so far, faulted ones included.
   *
   * @return the count
   */
  public int requestCount() {
    return engine.requestCount();
  }

  /**
   * The oldest recorded request not taken yet, waiting up to ten seconds for one.
   *
   * @throws IllegalStateException when none arrives in that time
    * @return the request
    * @throws InterruptedException when the thread is interrupted while waiting
   */
  public RecordedRequest takeRequest() throws InterruptedException {
    RecordedRequest r = engine.takeRequest(Duration.ofSeconds(10));
    if (r == null) throw new IllegalStateException("no request arrived within 10 seconds");
    return r;
  }

  /**
   * The oldest recorded request not taken yet, or null when none arrives within {@code timeout}.
   *
   * @param timeout how long to wait
   * @return the request, or null
   * @throws InterruptedException when the thread is interrupted while waiting
   */
  public RecordedRequest takeRequest(Duration timeout) throws InterruptedException {
    return engine.takeRequest(timeout);
  }

  /**
   * How many runs exist now: the seeded ones plus those created by retries and triggers, archived included.
   *
   * @return the count
   */
  public int runCount() {
    return (int) store.total();
  }

  /**
   * The run at {@code index} of the newest-first order, as it is now (index 0 is the newest).
   * Computed on demand: cheap for any index of any size of history.
    *
    * @param index 0 to {@code runCount() - 1}
    * @return the run
    * @throws IndexOutOfBoundsException outside that range
   */
  public SimulatedRun run(int index) {
    long total = store.total();
    if (index < 0 || index >= total) throw new IndexOutOfBoundsException("index " + index + ", runs " + total);
    return view(store.get(total - 1 - index));
  }

  /**
   * The runs, newest first, as a read-only list that computes each element when it is read: the
   * list's size is fixed when this is called, its elements show each run's current state.
   * Iterating a list of a million runs is fine; copying it is not advised.
    *
    * @return a read-only view, newest first
   */
  public List<SimulatedRun> runs() {
    long total = store.total();
    return new AbstractList<>() {
      @Override
      public SimulatedRun get(int index) {
        if (index < 0 || index >= total) throw new IndexOutOfBoundsException(index);
        return view(store.get(total - 1 - index));
      }

      @Override
      public int size() {
        return (int) total;
      }
    };
  }

  /**
   * An id in this vendor's own format that names no run of this simulator: for tests of the
   * not-found path that must get past the vendor's check of the id's shape (Activepieces refuses
   * an id that is not 21 characters of {@code [0-9a-zA-Z]} with 400, n8n one that is not a positive
   * integer) and reach its 404.
   *
   * <pre>{@code assertThrows(NotFoundException.class, () -> client.getRun(sim.unknownRunId()));}</pre>
   *
   * @return the id; the same for the same seed
   */
  public String unknownRunId() {
    // A serial no history reaches: simulators hold thousands of runs, arrivals add a few a minute.
    return store.profile().runId(engine.api().settings().seed(), UNKNOWN_SERIAL);
  }

  /**
   * The run with this id, as it is now.
   *
   * @param id the run's id, as the API sends it
   * @return the run, or empty when no run has this id
   */
  public Optional<SimulatedRun> findRun(String id) {
    RunData r = store.find(id);
    return r == null ? Optional.empty() : Optional.of(view(r));
  }

  private SimulatedRun view(RunData r) {
    return new SimulatedRun(r, store.profile(), engine.api().flowId(r.flow()));
  }

  // ---- time

  /**
   * Moves the simulator's clock by {@code d}, applying in time order everything due on the way,
   * each at its own instant: queued runs start, running runs end with their planned outcome, new
   * runs arrive at the builder's {@link SimulatorBuilder#arrivals rate}, retried or re-queued runs
   * progress. Safe while requests are served: an answer sees the clock before or after, never a
   * mix. Stopped and cancelled runs never move again.
   *
   * <pre>{@code sim.planNext("FAILED", Duration.ofSeconds(30)); ...trigger...; sim.advance(Duration.ofMinutes(1));}</pre>
   *
   * @param d how far, zero or more
   * @return this simulator
   * @throws IllegalArgumentException when {@code d} is negative
   */
  public VendorSimulator advance(Duration d) {
    if (d == null || d.isNegative()) throw new IllegalArgumentException("cannot advance by " + d);
    store.advance(d.toMillis());
    return this;
  }

  /**
   * The simulator's clock: the vendor's time, as every answer's {@code Date} header says it. It
   * stands still unless {@link #advance} moves it or the builder's {@link SimulatorBuilder#wallClock
   * wall clock} is on.
   *
   * <pre>{@code Instant before = sim.now(); sim.advance(Duration.ofSeconds(5)); // sim.now() is before + 5 s}</pre>
    *
    * @return the simulator's current time
   */
  public Instant now() {
    return Instant.ofEpochMilli(store.nowMs());
  }

  /**
   * Every status change since the simulator was built, in time order: each run created (by
   * arrival, trigger or retry; {@link StatusChange#from()} null) and every later change of its
   * status (start, end, stop, cancel, resume, a retry that re-queues it in place). Seeded runs'
   * statuses are not changes; their later moves are. A request that leaves a status as it was
   * (re-queuing a run that is still queued, archiving) is no change either: the API shows none.
   *
   * <pre>{@code List<StatusChange> oracle = sim.statusChanges();}</pre>
   *
   * @return a new, unmodifiable list
   */
  public List<StatusChange> statusChanges() {
    List<StatusChange> out = new ArrayList<>();
    for (Change c : store.changes()) out.add(new StatusChange(c));
    return List.copyOf(out);
  }

  /**
   * The next run this simulator creates or re-queues (a trigger, a retry, an arrival) ends in
   * {@code rawStatus} after {@code runFor} of simulator time from its start. Calls queue up, first
   * in first out. A non-terminal status is where the run stays: {@code "RUNNING"} never ends, a
   * queued status never starts.
   *
   * <pre>{@code sim.planNext("FAILED", Duration.ofSeconds(20)).planNext("SUCCEEDED", Duration.ofSeconds(5));}</pre>
   *
   * @param rawStatus a value of the vendor's wire enum, e.g. {@code "FAILED"}, Patchworks {@code "3"}
   * @param runFor how long the run runs, zero or more
   * @return this simulator
   * @throws IllegalArgumentException for a value the vendor does not have; the message lists them
   */
  public VendorSimulator planNext(String rawStatus, Duration runFor) {
    if (runFor == null || runFor.isNegative()) throw new IllegalArgumentException("runFor must be >= 0: " + runFor);
    Status s = null;
    for (Status x : store.profile().forcedStatuses()) {
      // StackAI's COMPLETED exists twice; the plan means the successful one.
      if (x.raw() != null && x.raw().equals(rawStatus) && (s == null || Boolean.FALSE.equals(s.successful()))) s = x;
    }
    if (s == null) {
      List<String> known = new ArrayList<>();
      for (Status x : store.profile().forcedStatuses()) {
        if (x.raw() != null && !known.contains(x.raw())) known.add(x.raw());
      }
      throw new IllegalArgumentException("unknown " + vendor() + " status \"" + rawStatus + "\"; known: "
          + String.join(", ", known));
    }
    store.planNext(s, runFor.toMillis());
    return this;
  }

  // ---- faults

  /**
   * Enforces a fixed window of {@code requests} per {@code window}: requests past the limit get a
   * 429 in the vendor's shape with {@code Retry-After} (seconds until the window ends), and the
   * vendor's rate-limit headers (FlowStack, Patchworks) report the window. Replaces FlowStack's default plan
   * of 100,000 an hour.
    *
    * @param requests requests allowed in each window
    * @param window the length of a window
    * @return this simulator
   */
  public VendorSimulator rateLimit(int requests, Duration window) {
    engine.faults().rateLimit(requests, window);
    return this;
  }

  /**
   * The next {@code n} requests get a 429 in the vendor's shape with {@code Retry-After: retryAfter} (in whole seconds, rounded up).
   *
   * @param n how many requests
   * @param retryAfter what {@code Retry-After} says
   * @return this simulator
   */
  public VendorSimulator rateLimitNext(int n, Duration retryAfter) {
    engine.faults().rateLimitNext(n, retryAfter);
    return this;
  }

  /**
   * The next {@code n} requests fail with {@code status} (a 5xx) in the vendor's error shape, changing nothing.
   *
   * @param n how many requests
   * @param status the HTTP status, e.g. 503
   * @return this simulator
   */
  public VendorSimulator failNext(int n, int status) {
    engine.faults().failNext(n, status);
    return this;
  }

  /**
   * Every response waits {@code perResponse} before its headers are sent; {@link Duration#ZERO} to stop.
   *
   * @param perResponse the delay before each response
   * @return this simulator
   */
  public VendorSimulator latency(Duration perResponse) {
    engine.faults().latency(perResponse);
    return this;
  }

  /**
   * After {@code requests} more requests are answered normally, the connection of the next one is
   * closed halfway through its response body (once). The request itself takes effect.
    *
    * @param requests how many requests are answered normally first
    * @return this simulator
   */
  public VendorSimulator dropConnectionAfter(int requests) {
    engine.faults().dropConnectionAfter(requests);
    return this;
  }

  /**
   * The next response is cut halfway through its body: {@code dropConnectionAfter(0)}.
   *
   * @return this simulator
   */
  public VendorSimulator dropNextMidBody() {
    return dropConnectionAfter(0);
  }

  /**
   * Removes every injected fault; the vendor's own default rate-limit plan applies again.
   *
   * @return this simulator
   */
  public VendorSimulator clearFaults() {
    engine.faults().clear();
    return this;
  }

  /** Stops listening. Idempotent. */
  @Override
  public void close() {
    engine.close();
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "{runs=" + store.total() + ", flows=" + store.history().flows() + "}";
  }
}
