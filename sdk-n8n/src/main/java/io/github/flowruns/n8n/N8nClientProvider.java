package io.github.flowruns.n8n;

import io.github.flowruns.FlowRunsClient;
import io.github.flowruns.FlowRunsClients;
import io.github.flowruns.internal.ProviderSettings;
import io.github.flowruns.spi.FlowRunsClientProvider;
import io.github.flowruns.spi.VendorDescriptor;
import io.github.flowruns.spi.VendorDescriptor.Setting;
import java.util.Map;
import java.util.Objects;

/**
 * Creates {@link N8nClient}s for {@code FlowRunsClients.create}; registered in
 * {@code META-INF/services/io.github.flowruns.spi.FlowRunsClientProvider}. Applications do not use
 * it directly.
 *
 * <pre>{@code
 * FlowRunsClient client = FlowRunsClients.create("n8n", Map.of(
 *     FlowRunsClients.API_KEY, key, FlowRunsClients.BASE_URL, "http://localhost:5678"));
 * }</pre>
 *
 * <p>Settings: {@value FlowRunsClients#API_KEY} (required) and {@value FlowRunsClients#BASE_URL}.
 * Other keys are ignored.
 */
public final class N8nClientProvider implements FlowRunsClientProvider {
  /** What code outside this module needs to know of n8n. */
  static final VendorDescriptor DESCRIPTOR = VendorDescriptor.builder(N8nClient.N8N)
      .name("n8n")
      .defaultBaseUrl(N8nClient.DEFAULT_BASE_URL)
      .settings(Setting.API_KEY, Setting.BASE_URL)
      // n8n's public-API keys are JWTs (header.payload.signature, base64url).
      .credentialShapes("eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}")
      .listsPerFlow(false)
      .runIdForm("RUN")
      .capabilities(N8nClient.CAPABILITIES)
      .simulator("n8n")
      .build();

  /** Creates the provider; called by {@link java.util.ServiceLoader}. */
  public N8nClientProvider() {}

  /**
   * What code outside this module needs to know of the vendor.
   *
   * <pre>{@code new N8nClientProvider().descriptor().name(); // "n8n"}</pre>
   *
   * @return the descriptor of n8n
   */
  @Override
  public VendorDescriptor descriptor() {
    return DESCRIPTOR;
  }

  /**
   * Creates a client from string settings.
   *
   * <pre>{@code FlowRunsClient c = new N8nClientProvider().create(Map.of("apiKey", key));}</pre>
   *
   * @param settings {@code apiKey}, and optionally {@code baseUrl}
   * @return a new {@link N8nClient}
   * @throws IllegalArgumentException if {@code apiKey} is missing or a setting is invalid
   */
  @Override
  public FlowRunsClient create(Map<String, String> settings) {
    Objects.requireNonNull(settings, "settings");
    N8nClient.Builder b = N8nClient.builder().apiKey(settings.get(FlowRunsClients.API_KEY))
        .allowInsecureHttp(ProviderSettings.allowInsecureHttp(settings));
    String baseUrl = settings.get(FlowRunsClients.BASE_URL);
    if (baseUrl != null) {
      b.baseUrl(baseUrl);
    }
    return b.build();
  }
}
