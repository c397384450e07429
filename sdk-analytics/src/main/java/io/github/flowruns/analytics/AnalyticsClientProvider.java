package io.github.flowruns.analytics;

import io.github.flowruns.FlowRunsClient;
import io.github.flowruns.FlowRunsClients;
import io.github.flowruns.Vendor;
import io.github.flowruns.spi.FlowRunsClientProvider;
import java.util.Map;

/**
 * Creates {@link AnalyticsClient}s for {@link FlowRunsClients#create(Vendor, Map)}; registered in
 * {@code META-INF/services/io.github.flowruns.spi.FlowRunsClientProvider}. Reads the settings
 * {@value FlowRunsClients#API_KEY} and {@value FlowRunsClients#ORG_ID} (both required) and
 * {@value FlowRunsClients#BASE_URL} (optional).
 *
 * <pre>{@code
 * FlowRunsClient stackai = FlowRunsClients.create(Vendor.STACKAI,
 *     Map.of(FlowRunsClients.API_KEY, key, FlowRunsClients.ORG_ID, "org-42"));
 * }</pre>
 */
public final class AnalyticsClientProvider implements FlowRunsClientProvider {

  /** For {@link java.util.ServiceLoader}. */
  public AnalyticsClientProvider() {}

  /**
   * {@inheritDoc}
   *
   * @return {@link Vendor#STACKAI}
   */
  @Override
  public Vendor vendor() {
    return Vendor.STACKAI;
  }

  /**
   * Creates a client from the settings.
   *
   * @param settings {@code apiKey}, {@code orgId}, optionally {@code baseUrl}
   * @return the client
   * @throws IllegalArgumentException if {@code apiKey} or {@code orgId} is missing; the message
   *     names it
   */
  @Override
  public FlowRunsClient create(Map<String, String> settings) {
    AnalyticsClient.Builder builder = AnalyticsClient.builder()
        .apiKey(settings.get(FlowRunsClients.API_KEY))
        .orgId(settings.get(FlowRunsClients.ORG_ID));
    String baseUrl = settings.get(FlowRunsClients.BASE_URL);
    if (baseUrl != null && !baseUrl.isBlank()) {
      builder.baseUrl(baseUrl);
    }
    return builder.build();
  }
}
