package io.github.flowruns.testing;

import io.github.flowruns.testing.internal.ActivepiecesApi;
import io.github.flowruns.testing.internal.Hashing;
import io.github.flowruns.testing.internal.SimulatorEngine;
import java.time.Duration;

/**
 * A simulated Activepieces server: the flow-run routes under {@code /api/v1/flow-runs} (list with
 * {@code limit}/{@code cursor} and {@code {data, next, previous}}, count by status, get with steps,
 * retry, bulk retry, bulk cancel, bulk archive, resume at a waitpoint), with
 * {@code Authorization: Bearer <key>}, the {@code projectId} every call needs, and errors as
 * {@code {code, params}} (409 {@code VALIDATION} for a retry the server refuses).
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

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public ActivepiecesSimulator start() {
    super.start();
    return this;
  }

  /** The server root plus {@code /api}, as Activepieces' base URL is. */
  @Override
  public String baseUrl() {
    return engine.rootUrl() + "/api";
  }

  /** The project the API key may read. */
  public String projectId() {
    return api.projectId();
  }

  /** Builds an {@link ActivepiecesSimulator}. */
  public static final class Builder extends SimulatorBuilder<Builder, ActivepiecesSimulator> {
    Builder() {}

    @Override
    public ActivepiecesSimulator build() {
      ActivepiecesApi api = new ActivepiecesApi(store(new ActivepiecesApi.Profile()),
          settings("sk-" + Hashing.alnum(Hashing.hash(seed, -7, 3), 40), Duration.ofDays(30)));
      return new ActivepiecesSimulator(new SimulatorEngine(api, port, recordedRequests, false), api);
    }
  }
}
