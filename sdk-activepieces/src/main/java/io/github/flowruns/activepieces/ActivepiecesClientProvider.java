package io.github.flowruns.activepieces;

import io.github.flowruns.FlowRunsClient;
import io.github.flowruns.FlowRunsClients;
import io.github.flowruns.Vendor;
import io.github.flowruns.spi.FlowRunsClientProvider;
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

  /** Used by {@link java.util.ServiceLoader}. */
  public ActivepiecesClientProvider() {}

  /**
   * The vendor this provider creates clients for.
   *
   * @return {@link Vendor#ACTIVEPIECES}
   */
  @Override
  public Vendor vendor() {
    return Vendor.ACTIVEPIECES;
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
        .build();
  }
}
