package io.github.flowruns.testing;

import io.github.flowruns.testing.internal.AnalyticsApi;
import io.github.flowruns.testing.internal.Hashing;
import io.github.flowruns.testing.internal.SimulatorEngine;
import java.time.Duration;
import java.util.Map;

/**
 * A simulated StackAI Analytics API: {@code GET /analytics/org/{org_id}/flows/{flow_id}} with
 * {@code Authorization: Bearer <key>}, 0-based {@code page} and {@code page_size}, answering a bare
 * JSON array (the last page is the first short one), filters {@code state} (comma list),
 * {@code start_date}, {@code end_date} and {@code user_id}, and FastAPI errors ({@code {detail}});
 * and the organisation's {@code GET /organizations/analytics/projects-run-summary} (same paging and
 * window), one summary per project with runs in the window.
 *
 * <pre>{@code
 * try (AnalyticsSimulator sim = AnalyticsSimulator.builder().build().start()) {
 *   AnalyticsClient client = AnalyticsClient.builder()
 *       .apiKey(sim.apiKey()).orgId(sim.orgId()).baseUrl(sim.baseUrl()).build();
 *   ...
 * }
 * }</pre>
 */
public final class AnalyticsSimulator extends VendorSimulator {
  private final AnalyticsApi api;

  private AnalyticsSimulator(SimulatorEngine engine, AnalyticsApi api) {
    super(engine);
    this.api = api;
  }

  /**
   * Starts a builder.
   *
   * <pre>{@code AnalyticsSimulator sim = AnalyticsSimulator.builder().runs(500).build().start();}</pre>
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public AnalyticsSimulator start() {
    super.start();
    return this;
  }

  /** {@return the organisation id that goes in the path} */
  public String orgId() {
    return api.orgId();
  }

  /** The API key, base URL and {@code orgId} a client needs to reach this simulator. */
  @Override
  public Map<String, String> clientSettings() {
    Map<String, String> s = super.clientSettings();
    s.put("orgId", orgId());
    return s;
  }

  /**
   * Builds an {@link AnalyticsSimulator}; the settings every simulator shares are on
   * {@link SimulatorBuilder}.
   *
   * <pre>{@code AnalyticsSimulator sim = AnalyticsSimulator.builder().flows(3).seed(7).build().start();}</pre>
   */
  public static final class Builder extends SimulatorBuilder<Builder, AnalyticsSimulator> {
    Builder() {}

    @Override
    public AnalyticsSimulator build() {
      AnalyticsApi api = new AnalyticsApi(store(new AnalyticsApi.Profile()),
          settings(Hashing.hex(Hashing.hash(seed, -7, 2), 32), Duration.ofDays(30)));
      return new AnalyticsSimulator(engine(api, false), api);
    }
  }
}
