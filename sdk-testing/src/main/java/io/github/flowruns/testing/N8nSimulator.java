package io.github.flowruns.testing;

import io.github.flowruns.testing.internal.Hashing;
import io.github.flowruns.testing.internal.N8nApi;
import io.github.flowruns.testing.internal.SimulatorEngine;
import java.time.Duration;

/**
 * A simulated n8n public API of the current 2.x line, as vendors.md (n8n) records real servers and,
 * where a real n8n 2.41.1 answered otherwise, as it did (its recorded answers are in
 * {@code specs/n8n/observed/}): {@code GET /api/v1/executions} ({@code status} one of canceled,
 * crashed, error, running, success, waiting, with error also matching crashed and running
 * executions listed only with {@code status=running}; {@code workflowId}; {@code limit}; a cursor
 * of base64 {@code {"lastId", "limit"}} that does not carry the filters; {@code {data,
 * nextCursor}} newest first by id, ids as strings), {@code GET /api/v1/executions/{id}}
 * ({@code includeData=true}: the error message and the last node executed), {@code POST
 * .../{id}/retry} (409 for a successful execution; otherwise the new execution, mode retry,
 * answered once it has ended, unless {@link #planNext} planned it, when it runs for its planned
 * time), {@code POST .../{id}/stop} and {@code POST .../executions/stop}, {@code DELETE .../{id}}
 * and {@code GET /api/v1/workflows}, with {@code X-N8N-API-KEY} and errors as
 * {@code {"message"}} (401 {@code Unauthorized}, 404 {@code Not Found}).
 *
 * <pre>{@code
 * try (N8nSimulator sim = N8nSimulator.builder().build().start()) {
 *   N8nClient client = N8nClient.builder().apiKey(sim.apiKey()).baseUrl(sim.baseUrl()).build();
 *   ...
 * }
 * }</pre>
 */
public final class N8nSimulator extends VendorSimulator {
  private N8nSimulator(SimulatorEngine engine) {
    super(engine);
  }

  /**
   * Starts a builder.
   *
   * <pre>{@code N8nSimulator sim = N8nSimulator.builder().runs(500).build().start();}</pre>
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public N8nSimulator start() {
    super.start();
    return this;
  }

  /**
   * Builds an {@link N8nSimulator}; the settings every simulator shares are on
   * {@link SimulatorBuilder}.
   *
   * <pre>{@code N8nSimulator sim = N8nSimulator.builder().runs(1000).seed(7).build().start();}</pre>
   */
  public static final class Builder extends SimulatorBuilder<Builder, N8nSimulator> {
    Builder() {}

    @Override
    public N8nSimulator build() {
      // n8n's keys are JWTs: three base64url parts.
      String key = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOi" + Hashing.alnum(Hashing.hash(seed, -7, 5), 24)
          + "." + Hashing.alnum(Hashing.hash(seed, -7, 6), 32);
      N8nApi api = new N8nApi(store(new N8nApi.Profile()), settings(key, Duration.ofDays(30)));
      return new N8nSimulator(engine(api, false));
    }
  }
}
