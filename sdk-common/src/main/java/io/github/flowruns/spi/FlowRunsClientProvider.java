package io.github.flowruns.spi;

import io.github.flowruns.FlowRunsClient;
import io.github.flowruns.Vendor;
import java.util.Map;

/**
 * Creates a vendor's client from string settings, for {@link io.github.flowruns.FlowRunsClients}.
 * Each vendor module registers one in
 * {@code META-INF/services/io.github.flowruns.spi.FlowRunsClientProvider}.
 *
 * <pre>{@code
 * public final class ActivepiecesClientProvider implements FlowRunsClientProvider {
 *   public VendorDescriptor descriptor() { return DESCRIPTOR; }
 *   public FlowRunsClient create(Map<String, String> s) {
 *     return ActivepiecesClient.builder().apiKey(s.get("apiKey")).projectId(s.get("projectId")).build();
 *   }
 * }
 * }</pre>
 */
public interface FlowRunsClientProvider {

  /**
   * Everything vendor-specific that code outside the vendor module needs: names, settings,
   * credential shapes, capabilities, simulator. Called often; return a constant.
   *
   * <pre>{@code new ActivepiecesClientProvider().descriptor().name(); // "activepieces"}</pre>
   *
   * @return the descriptor, the same each time
   */
  VendorDescriptor descriptor();

  /**
   * The vendor this provider creates clients for.
   *
   * <pre>{@code provider.vendor() == Vendor.ACTIVEPIECES}</pre>
   *
   * @return {@code descriptor().vendor()}
   */
  default Vendor vendor() {
    return descriptor().vendor();
  }

  /**
   * Creates a client. Keys are those of {@link VendorDescriptor#settings()}; unknown keys are
   * ignored.
   *
   * @param settings the settings, never null
   * @return a new client
   * @throws IllegalArgumentException if a required setting is missing or invalid; the message
   *     names the setting
   */
  FlowRunsClient create(Map<String, String> settings);
}
