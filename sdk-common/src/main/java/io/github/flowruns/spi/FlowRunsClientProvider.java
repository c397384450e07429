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
 *   public Vendor vendor() { return Vendor.ACTIVEPIECES; }
 *   public FlowRunsClient create(Map<String, String> s) {
 *     return ActivepiecesClient.builder().apiKey(s.get("apiKey")).projectId(s.get("projectId")).build();
 *   }
 * }
 * }</pre>
 */
public interface FlowRunsClientProvider {

  /**
   * The vendor this provider creates clients for.
   *
   * @return the vendor
   */
  Vendor vendor();

  /**
   * Creates a client. Keys are those documented on
   * {@link io.github.flowruns.FlowRunsClients#create(Vendor, Map)}; unknown keys are ignored.
   *
   * @param settings the settings, never null
   * @return a new client
   * @throws IllegalArgumentException if a required setting is missing or invalid; the message
   *     names the setting
   */
  FlowRunsClient create(Map<String, String> settings);
}
