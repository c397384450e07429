package io.github.flowruns.testing;

import io.github.flowruns.testing.internal.History;
import io.github.flowruns.testing.internal.RunStore;
import io.github.flowruns.testing.internal.SimulatorEngine;
import io.github.flowruns.testing.internal.VendorApi;
import io.github.flowruns.testing.internal.VendorProfile;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Configures a simulator before it starts. Every setting has a default, so
 * {@code PatchworksSimulator.builder().build().start()} is a complete simulator.
 *
 * <pre>{@code
 * try (ActivepiecesSimulator sim = ActivepiecesSimulator.builder().runs(500).flows(3).seed(7).build().start()) {
 *   ...
 * }
 * }</pre>
 *
 * @param <B> the concrete builder
 * @param <S> the simulator it builds
 */
public abstract class SimulatorBuilder<B extends SimulatorBuilder<B, S>, S extends VendorSimulator> {
  int runs = 250;
  int flows = 5;
  long seed = 42;
  String apiKey;
  Instant newestAt;
  Duration history = Duration.ofDays(30);
  Duration retention;
  int port;
  int recordedRequests = 10_000;
  Duration arrivals = Duration.ofMinutes(1);
  boolean wallClock;
  Duration clockOffset = Duration.ZERO;

  SimulatorBuilder() {}

  @SuppressWarnings("unchecked")
  private B self() {
    return (B) this;
  }

  /**
   * Number of seeded runs, default 250. A million costs a few MB: runs are computed on demand.
   *
   * @param count zero or more
   * @return this builder
   * @throws IllegalArgumentException when {@code count} is negative
   */
  public B runs(int count) {
    if (count < 0) throw new IllegalArgumentException("runs < 0: " + count);
    this.runs = count;
    return self();
  }

  /**
   * Number of flows the runs belong to, default 5.
   *
   * @param count 1 to 10,000
   * @return this builder
   * @throws IllegalArgumentException outside that range
   */
  public B flows(int count) {
    if (count < 1 || count > 10_000) throw new IllegalArgumentException("flows must be 1..10000: " + count);
    this.flows = count;
    return self();
  }

  /**
   * The seed of the history, default 42: the same seed (and {@link #newestAt}) gives the same runs and ids.
   *
   * @param seed any value
   * @return this builder
   */
  public B seed(long seed) {
    this.seed = seed;
    return self();
  }

  /**
   * The API key the simulator accepts; by default one in the vendor's format, derived from the seed.
   *
   * @param apiKey not blank
   * @return this builder
   * @throws IllegalArgumentException when {@code apiKey} is null or blank
   */
  public B apiKey(String apiKey) {
    if (apiKey == null || apiKey.isBlank()) throw new IllegalArgumentException("apiKey is blank");
    this.apiKey = apiKey;
    return self();
  }

  /**
   * When the newest seeded run was created; default the start of the current hour (of the
   * simulator's clock, see {@link #clockOffset}). The clock never starts before a second after it.
    *
    * @param newestAt the creation time of run 0, or null for the default
    * @return this builder
   */
  public B newestAt(Instant newestAt) {
    this.newestAt = newestAt;
    return self();
  }

  /**
   * How far back the seeded runs reach from {@link #newestAt}, default 30 days.
   *
   * @param span positive
   * @return this builder
   * @throws IllegalArgumentException when {@code span} is zero or negative
   */
  public B history(Duration span) {
    if (span.isNegative() || span.isZero()) throw new IllegalArgumentException("history must be positive");
    this.history = span;
    return self();
  }

  /**
   * How long the vendor keeps execution data, counted back from {@link #newestAt}: older Activepieces runs lose their steps and answer
   * 410 to a retry (default 30 days); older Patchworks runs have no logs (default 7 days).
    *
    * @param retention the vendor's retention, or null for the vendor's default
    * @return this builder
   */
  public B retention(Duration retention) {
    this.retention = retention;
    return self();
  }

  /**
   * The loopback port to listen on; 0 (the default) picks a free one.
   *
   * @param port 0 to 65535
   * @return this builder
   * @throws IllegalArgumentException outside that range
   */
  public B port(int port) {
    if (port < 0 || port > 65535) throw new IllegalArgumentException("port: " + port);
    this.port = port;
    return self();
  }

  /**
   * How many of the most recent requests {@link VendorSimulator#takeRequest()} keeps, default 10,000.
   *
   * @param count one or more
   * @return this builder
   * @throws IllegalArgumentException when {@code count} is below 1
   */
  public B recordedRequests(int count) {
    if (count < 1) throw new IllegalArgumentException("recordedRequests < 1: " + count);
    this.recordedRequests = count;
    return self();
  }

  /**
   * A new run arrives every {@code every} of simulator time, of a flow and with an outcome drawn
   * from the seed (default one a minute); {@link Duration#ZERO} for none. Runs arrive only as the
   * clock moves: through {@link VendorSimulator#advance} or {@link #wallClock(boolean)}.
   *
   * <pre>{@code FlowStackSimulator.builder().arrivals(Duration.ofSeconds(10)).build().start().advance(Duration.ofMinutes(1)); // 6 new runs}</pre>
   *
   * @return this builder
    * @param every zero or more; zero for no arrivals
    * @throws IllegalArgumentException when {@code every} is null or negative
   */
  public B arrivals(Duration every) {
    if (every == null || every.isNegative()) throw new IllegalArgumentException("arrivals must be >= 0: " + every);
    this.arrivals = every;
    return self();
  }

  /**
   * With {@code true}, the simulator's clock follows real time once started: a daemon thread
   * advances it by the real time elapsed, a few times a second, until {@link VendorSimulator#close()}.
   * Default false: the clock stands still unless {@link VendorSimulator#advance} moves it.
   *
   * <pre>{@code VendorSimulator sim = VendorSimulator.forVendor("flowstack").wallClock(true).build().start();}</pre>
   *
   * @return this builder
    * @param enabled whether the clock follows real time
   */
  public B wallClock(boolean enabled) {
    this.wallClock = enabled;
    return self();
  }

  /**
   * The simulator's clock starts at this machine's time plus {@code offset}: a vendor whose clock
   * differs from ours (default zero). The seeded history's default {@link #newestAt} moves with it.
   * Every answer's {@code Date} header reads this clock.
   *
   * <pre>{@code ActivepiecesSimulator.builder().clockOffset(Duration.ofMinutes(-5)).build().start();}</pre>
   *
   * @return this builder
    * @param offset the vendor's clock minus ours; negative for a clock behind
    * @throws IllegalArgumentException when {@code offset} is null
   */
  public B clockOffset(Duration offset) {
    if (offset == null) throw new IllegalArgumentException("clockOffset is null");
    this.clockOffset = offset;
    return self();
  }

  /**
   * Creates the simulator, not yet listening: call {@link VendorSimulator#start()}.
   *
   * @return the simulator, not started
   */
  public abstract S build();

  RunStore store(VendorProfile profile) {
    Instant clockStart = Instant.now().plus(clockOffset);
    Instant newest = newestAt != null ? newestAt : clockStart.truncatedTo(ChronoUnit.HOURS);
    return new RunStore(profile, new History(profile, seed, runs, flows, newest.toEpochMilli(), history.toMillis()),
        clockStart.toEpochMilli(), arrivals.toMillis());
  }

  SimulatorEngine engine(VendorApi api, boolean separateLoginHost) {
    return new SimulatorEngine(api, port, recordedRequests, separateLoginHost, wallClock);
  }

  VendorApi.Settings settings(String defaultKey, Duration defaultRetention) {
    return new VendorApi.Settings(apiKey != null ? apiKey : defaultKey, seed, flows,
        (retention != null ? retention : defaultRetention).toMillis());
  }
}
