package io.github.flowruns.internal;

import io.github.flowruns.FlowRunsClients;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the settings every vendor's provider takes the same way from the string map of
 * {@link FlowRunsClients#create}, so that each provider reads them alike. Not API.
 *
 * <pre>{@code
 * builder.allowInsecureHttp(ProviderSettings.allowInsecureHttp(settings));
 * }</pre>
 */
public final class ProviderSettings {
  private ProviderSettings() {}

  /**
   * The {@value FlowRunsClients#ALLOW_INSECURE_HTTP} setting: {@code true} or {@code false} (any
   * case), false when absent or blank.
   *
   * @param settings the provider's settings
   * @return whether plain http to a host that is not loopback is allowed
   * @throws IllegalArgumentException if the value is neither true nor false (it is never read as
   *     false silently)
   */
  public static boolean allowInsecureHttp(Map<String, String> settings) {
    String value = settings.get(FlowRunsClients.ALLOW_INSECURE_HTTP);
    if (value == null || value.isBlank()) {
      return false;
    }
    switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "true":
        return true;
      case "false":
        return false;
      default:
        throw new IllegalArgumentException(FlowRunsClients.ALLOW_INSECURE_HTTP
            + " must be true or false, not '" + value + "'");
    }
  }
}
