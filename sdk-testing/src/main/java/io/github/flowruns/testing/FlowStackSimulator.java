package io.github.flowruns.testing;

import io.github.flowruns.testing.internal.FlowStackApi;
import io.github.flowruns.testing.internal.Hashing;
import io.github.flowruns.testing.internal.SimulatorEngine;
import java.time.Duration;
import java.util.Optional;

/**
 * A simulated FlowStack API: list ({@code limit}/{@code cursor}, answering
 * {@code {data, cursor, hasMore}}, with a non-null cursor and {@code hasMore: false} on the last
 * page; {@code status} only SUCCEEDED, FAILED or RUNNING, anything else 400), get with steps,
 * trigger (201) and stats under {@code /api/v1/flows/{flowId}/runs}, and the account's flows with
 * their {@code engine} ({@code activepieces} or {@code n8n}) at {@code GET /api/v1/flows}, with {@code Authorization: Bearer fs_test_...}, errors as
 * {@code {error: {code, message, statusCode}}}, and {@code X-RateLimit-Limit},
 * {@code X-RateLimit-Remaining}, {@code X-RateLimit-Reset} on every response (a plan of 100,000
 * requests an hour unless {@link #rateLimit} sets another).
 *
 * <pre>{@code
 * try (FlowStackSimulator sim = FlowStackSimulator.builder().build().start()) {
 *   FlowStackClient client = FlowStackClient.builder().apiKey(sim.apiKey()).baseUrl(sim.baseUrl()).build();
 *   ...
 * }
 * }</pre>
 */
public final class FlowStackSimulator extends VendorSimulator {
  private FlowStackSimulator(SimulatorEngine engine) {
    super(engine);
  }

  /**
   * The run with this id, as it is now: FlowStack's own run id ({@code run_...}), or the
   * {@code "<flowId>/<runId>"} form the FlowStack client hands out, which must name the run's flow.
   *
   * <pre>{@code sim.findRun(run.id()).orElseThrow(); // run from FlowStackClient.listRuns}</pre>
   */
  @Override
  public Optional<SimulatedRun> findRun(String id) {
    int slash = id == null ? -1 : id.indexOf('/');
    if (slash < 0) {
      return super.findRun(id);
    }
    String flow = id.substring(0, slash);
    return super.findRun(id.substring(slash + 1)).filter(r -> r.flowId().equals(flow));
  }

  /**
   * Starts a builder.
   *
   * <pre>{@code FlowStackSimulator sim = FlowStackSimulator.builder().runs(500).build().start();}</pre>
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public FlowStackSimulator start() {
    super.start();
    return this;
  }

  /**
   * Builds a {@link FlowStackSimulator}; the settings every simulator shares are on
   * {@link SimulatorBuilder}.
   *
   * <pre>{@code FlowStackSimulator sim = FlowStackSimulator.builder().readScopeKey("fs_test_readonly").seed(7).build().start();}</pre>
   */
  public static final class Builder extends SimulatorBuilder<Builder, FlowStackSimulator> {
    private String readScopeKey;

    Builder() {}

    /**
     * A second key the simulator accepts, with Read scope only: reads answer as with
     * {@link VendorSimulator#apiKey()} (Admin scope), a trigger answers 403 {@code FORBIDDEN}.
     *
     * <pre>{@code FlowStackSimulator.builder().readScopeKey("fs_test_readonly").build().start()}</pre>
      *
      * @param key the read-only key, not blank
      * @return this builder
      * @throws IllegalArgumentException when {@code key} is null or blank
     */
    public Builder readScopeKey(String key) {
      if (key == null || key.isBlank()) throw new IllegalArgumentException("readScopeKey is blank");
      this.readScopeKey = key;
      return this;
    }

    @Override
    public FlowStackSimulator build() {
      FlowStackApi api = new FlowStackApi(store(new FlowStackApi.Profile()),
          settings("fs_test_" + Hashing.alnum(Hashing.hash(seed, -7, 4), 32), Duration.ofDays(30)), readScopeKey);
      return new FlowStackSimulator(engine(api, false));
    }
  }
}
