package io.github.flowruns.analytics;

import io.github.flowruns.FlowRunsClient;
import io.github.flowruns.FlowRunsClients;
import io.github.flowruns.Vendor;
import io.github.flowruns.internal.ProviderSettings;
import io.github.flowruns.spi.FlowRunsClientProvider;
import io.github.flowruns.spi.VendorDescriptor;
import io.github.flowruns.spi.VendorDescriptor.Setting;
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

  /** What code outside this module needs to know of StackAI; its module is named analytics. */
  static final VendorDescriptor DESCRIPTOR = VendorDescriptor.builder(Vendor.STACKAI)
      .aliases("analytics")
      .listsPerFlow(true)
      .defaultBaseUrl(AnalyticsClient.DEFAULT_BASE_URL)
      .settings(Setting.API_KEY, Setting.BASE_URL,
          Setting.required(FlowRunsClients.ORG_ID, "StackAI organisation id."))
      .credentialShapes("sk-[A-Za-z0-9_\\-]{16,}")
      .capabilities(AnalyticsClient.CAPABILITIES)
      .build();

  /** For {@link java.util.ServiceLoader}. */
  public AnalyticsClientProvider() {}

  /**
   * What code outside this module needs to know of the vendor.
   *
   * <pre>{@code new AnalyticsClientProvider().descriptor().vendor(); // Vendor.STACKAI}</pre>
   *
   * @return the descriptor of {@link Vendor#STACKAI}
   */
  @Override
  public VendorDescriptor descriptor() {
    return DESCRIPTOR;
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
        .orgId(settings.get(FlowRunsClients.ORG_ID))
        .allowInsecureHttp(ProviderSettings.allowInsecureHttp(settings));
    String baseUrl = settings.get(FlowRunsClients.BASE_URL);
    if (baseUrl != null && !baseUrl.isBlank()) {
      builder.baseUrl(baseUrl);
    }
    return builder.build();
  }
}
