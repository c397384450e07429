package io.github.flowruns.flowstack;

import io.github.flowruns.FlowRunsClient;
import io.github.flowruns.FlowRunsClients;
import io.github.flowruns.Vendor;
import io.github.flowruns.internal.ProviderSettings;
import io.github.flowruns.spi.FlowRunsClientProvider;
import io.github.flowruns.spi.VendorDescriptor;
import io.github.flowruns.spi.VendorDescriptor.Setting;
import java.util.Map;
import java.util.Objects;

/**
 * Creates {@link FlowStackClient}s for {@link FlowRunsClients#create(Vendor, Map)}; registered in
 * {@code META-INF/services/io.github.flowruns.spi.FlowRunsClientProvider}. Applications do not use
 * it directly.
 *
 * <pre>{@code
 * FlowRunsClient client = FlowRunsClients.create(Vendor.FLOWSTACK, Map.of(
 *     FlowRunsClients.API_KEY, key,
 *     FlowStackClientProvider.FLOW_ID, "flow_abc123"));   // optional default flow
 * }</pre>
 *
 * <p>Settings: {@value FlowRunsClients#API_KEY} (required), {@value FlowRunsClients#BASE_URL}
 * and {@value #FLOW_ID} (optional). Other keys are ignored.
 */
public final class FlowStackClientProvider implements FlowRunsClientProvider {
  /** The settings key of the default flow id, see {@link FlowStackClient.Builder#flowId(String)}. */
  public static final String FLOW_ID = "flowId";

  /** What code outside this module needs to know of FlowStack: runs live within flows. */
  static final VendorDescriptor DESCRIPTOR = VendorDescriptor.builder(Vendor.FLOWSTACK)
      .defaultBaseUrl(FlowStackClient.DEFAULT_BASE_URL)
      .settings(Setting.API_KEY, Setting.BASE_URL,
          // Not a connection option: the command line's --flow-id is a filter and a run's flow.
          Setting.optional(FLOW_ID, "The default flow id.").option(null))
      .credentialShapes("fs_(?:live|test)_[A-Za-z0-9]{6,}")
      .listsPerFlow(true)
      .runIdForm("FLOW/RUN")
      .capabilities(FlowStackClient.CAPABILITIES)
      .build();

  /** Creates the provider; called by {@link java.util.ServiceLoader}. */
  public FlowStackClientProvider() {}

  /**
   * What code outside this module needs to know of the vendor.
   *
   * <pre>{@code new FlowStackClientProvider().descriptor().vendor(); // Vendor.FLOWSTACK}</pre>
   *
   * @return the descriptor of {@link Vendor#FLOWSTACK}
   */
  @Override
  public VendorDescriptor descriptor() {
    return DESCRIPTOR;
  }

  /**
   * Creates a client from string settings.
   *
   * <pre>{@code FlowRunsClient c = new FlowStackClientProvider().create(Map.of("apiKey", key));}</pre>
   *
   * @param settings {@code apiKey}, and optionally {@code baseUrl} and {@code flowId}
   * @return a new {@link FlowStackClient}
   * @throws IllegalArgumentException if {@code apiKey} is missing or a setting is invalid; the
   *     message names the setting
   */
  @Override
  public FlowRunsClient create(Map<String, String> settings) {
    Objects.requireNonNull(settings, "settings");
    FlowStackClient.Builder b = FlowStackClient.builder()
        .apiKey(settings.get(FlowRunsClients.API_KEY))
        .flowId(settings.get(FLOW_ID))
        .allowInsecureHttp(ProviderSettings.allowInsecureHttp(settings));
    String baseUrl = settings.get(FlowRunsClients.BASE_URL);
    if (baseUrl != null) {
      b.baseUrl(baseUrl);
    }
    return b.build();
  }
}
