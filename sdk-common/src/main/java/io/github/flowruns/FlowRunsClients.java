package io.github.flowruns;

import io.github.flowruns.spi.FlowRunsClientProvider;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Creates a {@link FlowRunsClient} by vendor name and string settings, finding the vendor module on
 * the class path through {@link ServiceLoader}. Use the vendor's own builder (e.g.
 * {@code ActivepiecesClient.builder()}) for typed configuration; use this for configuration files
 * and command lines.
 *
 * <pre>{@code
 * FlowRunsClient client = FlowRunsClients.create(Vendor.fromName(args[0]), Map.of(
 *     FlowRunsClients.API_KEY, System.getenv("FLOWRUNS_API_KEY"),
 *     FlowRunsClients.PROJECT_ID, "p1"));
 * }</pre>
 *
 * <p>Settings keys: {@value #API_KEY}, {@value #BASE_URL}, {@value #ORG_ID} (StackAI),
 * {@value #PROJECT_ID} (Activepieces), {@value #USERNAME} and {@value #PASSWORD} (Patchworks login
 * instead of an API key). Unknown keys are ignored.
 */
public final class FlowRunsClients {
  /** The API key. */
  public static final String API_KEY = "apiKey";
  /** Replaces the vendor's server URL, e.g. a self-hosted Activepieces or a simulator. */
  public static final String BASE_URL = "baseUrl";
  /** StackAI organisation id. */
  public static final String ORG_ID = "orgId";
  /** Activepieces project id. */
  public static final String PROJECT_ID = "projectId";
  /** Patchworks login user name. */
  public static final String USERNAME = "username";
  /** Patchworks login password. */
  public static final String PASSWORD = "password";

  private FlowRunsClients() {}

  /**
   * Creates a client for a vendor.
   *
   * @param vendor the vendor
   * @param settings the settings (see the class comment); copied
   * @return a new client; close it when done
   * @throws IllegalStateException if no module for the vendor is on the class path; the message
   *     names the artifact to add
   * @throws IllegalArgumentException if a required setting is missing or invalid
   */
  public static FlowRunsClient create(Vendor vendor, Map<String, String> settings) {
    Objects.requireNonNull(vendor, "vendor");
    Map<String, String> copy = new LinkedHashMap<>();
    if (settings != null) {
      settings.forEach((k, v) -> {
        if (k != null && v != null) {
          copy.put(k, v);
        }
      });
    }
    FlowRunsClientProvider provider = find(vendor, Thread.currentThread().getContextClassLoader());
    if (provider == null) {
      provider = find(vendor, FlowRunsClients.class.getClassLoader());
    }
    if (provider == null) {
      throw new IllegalStateException("No " + vendor.displayName()
          + " client on the class path: add io.github.flowruns:" + vendor.moduleArtifactId());
    }
    return provider.create(Collections.unmodifiableMap(copy));
  }

  private static FlowRunsClientProvider find(Vendor vendor, ClassLoader loader) {
    try {
      for (FlowRunsClientProvider p : ServiceLoader.load(FlowRunsClientProvider.class, loader)) {
        if (p.vendor() == vendor) {
          return p;
        }
      }
    } catch (ServiceConfigurationError e) {
      throw new IllegalStateException("Broken flowruns provider registration for "
          + vendor.displayName() + ": " + e.getMessage(), e);
    }
    return null;
  }
}
