package io.github.flowruns.activepieces;

import io.github.flowruns.FlowRunsClient;
import io.github.flowruns.FlowRunsClients;
import io.github.flowruns.Vendor;
import io.github.flowruns.internal.ProviderSettings;
import io.github.flowruns.spi.FlowRunsClientProvider;
import io.github.flowruns.spi.VendorDescriptor;
import io.github.flowruns.spi.VendorDescriptor.Setting;
import java.util.Map;

/**
 * Creates {@link ActivepiecesClient}s for {@link FlowRunsClients#create(Vendor, Map)}, found by
 * {@link java.util.ServiceLoader}. Settings: {@code apiKey} (required), {@code projectId},
 * {@code baseUrl}.
 *
 * <pre>{@code
 * FlowRunsClient client = FlowRunsClients.create(Vendor.ACTIVEPIECES,
 *     Map.of("apiKey", key, "projectId", projectId));
 * }</pre>
 */
public final class ActivepiecesClientProvider implements FlowRunsClientProvider {

  /** What code outside this module needs to know of Activepieces. */
  static final VendorDescriptor DESCRIPTOR = VendorDescriptor.builder(Vendor.ACTIVEPIECES)
      .defaultBaseUrl(ActivepiecesClient.DEFAULT_BASE_URL)
      .settings(Setting.API_KEY, Setting.BASE_URL,
          Setting.required(FlowRunsClients.PROJECT_ID, "Activepieces project id."))
      .capabilities(ActivepiecesClient.CAPABILITIES)
      .build();

  /** Used by {@link java.util.ServiceLoader}. */
  public ActivepiecesClientProvider() {}

  /**
   * What code outside this module needs to know of the vendor.
   *
   * <pre>{@code new ActivepiecesClientProvider().descriptor().vendor(); // Vendor.ACTIVEPIECES}</pre>
   *
   * @return the descriptor of {@link Vendor#ACTIVEPIECES}
   */
  @Override
  public VendorDescriptor descriptor() {
    return DESCRIPTOR;
  }

  /**
   * Creates a client from settings.
   *
   * @param settings {@code apiKey} (required), {@code projectId}, {@code baseUrl}
   * @return a new client; close it when done
   * @throws IllegalArgumentException if {@code apiKey} is missing or {@code baseUrl} unusable
   */
  @Override
  public FlowRunsClient create(Map<String, String> settings) {
    return ActivepiecesClient.builder()
        .apiKey(settings.get(FlowRunsClients.API_KEY))
        .projectId(settings.get(FlowRunsClients.PROJECT_ID))
        .baseUrl(settings.get(FlowRunsClients.BASE_URL))
        .allowInsecureHttp(ProviderSettings.allowInsecureHttp(settings))
        .build();
  }
}
