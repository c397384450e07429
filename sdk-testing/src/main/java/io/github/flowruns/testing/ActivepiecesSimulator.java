package io.github.flowruns.testing;

import io.github.flowruns.testing.internal.ActivepiecesApi;
import io.github.flowruns.testing.internal.Hashing;
import io.github.flowruns.testing.internal.SimulatorEngine;
import java.time.Duration;
import java.util.Map;

/**
 * A simulated Activepieces server: the flow-run routes under {@code /api/v1/flow-runs} (list with
 * {@code limit}/{@code cursor} and {@code {data, next, previous}}, count by status, get with steps,
 * retry, bulk retry, bulk cancel, bulk archive, resume at a waitpoint), with
 * {@code Authorization: Bearer <key>}, the {@code projectId} every call needs, and errors as
 * {@code {code, params}}. It follows the open-source server as {@code vendors.md} records it:
 * cursors {@code base64("next_" + base64("created:<epoch ms>"))} compared at one-second precision
 * (so runs created in the boundary run's second are skipped), FROM_FAILED_STEP re-queuing the same
 * run, ON_LATEST_VERSION starting a new one, 410 {@code FLOW_RUN_RETRY_OUTSIDE_RETENTION} as the
 * only retry refusal, bulk retry items carrying {@code error} for the runs it could not retry,
 * cancel answering nothing, ignoring runs that are not PAUSED or QUEUED and cascading to child runs
 * (queued through {@code POST /api/v1/webhooks/{flowId}} with {@code ap-parent-run-id}), listings
 * and counts of production runs only (a run queued through {@code .../webhooks/{flowId}/draft} is
 * a TESTING run, found by id but not listed), and 400
 * for a status value the server version does not know or an id that is not 21 characters of
 * {@code [0-9a-zA-Z]}. By default it is a current server (STOPPED unknown);
 * {@link Builder#olderServer()} makes it an older one.
 *
 * <pre>{@code
 * try (ActivepiecesSimulator sim = ActivepiecesSimulator.builder().build().start()) {
 *   ActivepiecesClient client = ActivepiecesClient.builder()
 *       .apiKey(sim.apiKey()).projectId(sim.projectId()).baseUrl(sim.baseUrl()).build();
 *   ...
 * }
 * }</pre>
 */
public final class ActivepiecesSimulator extends VendorSimulator {
  private final ActivepiecesApi api;

  private ActivepiecesSimulator(SimulatorEngine engine, ActivepiecesApi api) {
    super(engine);
    this.api = api;
  }

  /**
   * Starts a builder.
   *
   * <pre>{@code ActivepiecesSimulator sim = ActivepiecesSimulator.builder().runs(500).build().start();}</pre>
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public ActivepiecesSimulator start() {
    super.start();
    return this;
  }

  /** {@return the server root plus {@code /api}, as Activepieces' base URL is} */
  @Override
  public String baseUrl() {
    return engine.rootUrl() + "/api";
  }

  /** {@return the project the API key may read} */
  public String projectId() {
    return api.projectId();
  }

  /** The API key, base URL and {@code projectId} a client needs to reach this simulator. */
  @Override
  public Map<String, String> clientSettings() {
    Map<String, String> s = super.clientSettings();
    s.put("projectId", projectId());
    return s;
  }

  /**
   * Builds an {@link ActivepiecesSimulator}; the settings every simulator shares are on
   * {@link SimulatorBuilder}.
   *
   * <pre>{@code ActivepiecesSimulator sim = ActivepiecesSimulator.builder().olderServer().seed(7).build().start();}</pre>
   */
  public static final class Builder extends SimulatorBuilder<Builder, ActivepiecesSimulator> {
    private boolean olderServer;

    Builder() {}

    /**
     * Behaves as an older server: it knows STOPPED but not yet LOG_SIZE_EXCEEDED (so a query or
     * body naming LOG_SIZE_EXCEEDED is a 400, and its runs end STOPPED rather than
     * LOG_SIZE_EXCEEDED), and a missing run is 400 {@code FLOW_RUN_NOT_FOUND} rather than 404.
     *
     * <pre>{@code ActivepiecesSimulator old = ActivepiecesSimulator.builder().olderServer().build().start();}</pre>
     *
     * @return this builder
     */
    public Builder olderServer() {
      this.olderServer = true;
      return this;
    }

    @Override
    public ActivepiecesSimulator build() {
      ActivepiecesApi api = new ActivepiecesApi(store(new ActivepiecesApi.Profile(olderServer)),
          settings("sk-" + Hashing.alnum(Hashing.hash(seed, -7, 3), 40), Duration.ofDays(30)), olderServer);
      return new ActivepiecesSimulator(engine(api, false), api);
    }
  }
}
