package io.github.flowruns.patchworks;

import io.github.flowruns.FlowRunsClient;
import io.github.flowruns.FlowRunsClients;
import io.github.flowruns.Vendor;
import io.github.flowruns.internal.ProviderSettings;
import io.github.flowruns.spi.FlowRunsClientProvider;
import io.github.flowruns.spi.VendorDescriptor;
import io.github.flowruns.spi.VendorDescriptor.Setting;
import java.util.Map;

/**
 * Creates a {@link PatchworksClient} for {@link FlowRunsClients#create(Vendor, Map)}, found by
 * {@link java.util.ServiceLoader}. Settings: {@value FlowRunsClients#API_KEY}, or
 * {@value FlowRunsClients#USERNAME} and {@value FlowRunsClients#PASSWORD} to log in;
 * {@value FlowRunsClients#BASE_URL}; {@value #LOGIN_BASE_URL}, {@value #LOGIN_ROUTE}
 * ({@code current} or {@code legacy}), {@value #LOGIN_PATH}, {@value #LOGIN_USERNAME_FIELD},
 * {@value #LOGIN_TOKEN_PATH} (see {@link PatchworksClient.Builder#legacyLoginRoute()}).
 *
 * <pre>{@code
 * FlowRunsClient client = FlowRunsClients.create(Vendor.PATCHWORKS,
 *     Map.of(FlowRunsClients.API_KEY, System.getenv("FLOWRUNS_API_KEY")));
 * }</pre>
 */
public final class PatchworksClientProvider implements FlowRunsClientProvider {
  /** The settings key that replaces the login server, {@code loginBaseUrl}. */
  public static final String LOGIN_BASE_URL = "loginBaseUrl";
  /** The settings key choosing the login route, {@code loginRoute}: {@code current} (default) or {@code legacy}. */
  public static final String LOGIN_ROUTE = "loginRoute";
  /** The settings key that replaces the login path, {@code loginPath}. */
  public static final String LOGIN_PATH = "loginPath";
  /** The settings key that replaces the login body's user field name, {@code loginUsernameField}. */
  public static final String LOGIN_USERNAME_FIELD = "loginUsernameField";
  /** The settings key that replaces where the login answer's token is read, {@code loginTokenPath}. */
  public static final String LOGIN_TOKEN_PATH = "loginTokenPath";

  /** What code outside this module needs to know of Patchworks: an API key or a login. */
  static final VendorDescriptor DESCRIPTOR = VendorDescriptor.builder(Vendor.PATCHWORKS)
      .defaultBaseUrl(PatchworksClient.DEFAULT_BASE_URL)
      .settings(Setting.API_KEY, Setting.BASE_URL,
          Setting.optional(FlowRunsClients.USERNAME, "Patchworks login user name."),
          Setting.optional(FlowRunsClients.PASSWORD, "Patchworks login password.").asSecret(),
          Setting.optional(LOGIN_BASE_URL,
              "The Patchworks login host, for --username (default: Patchworks' own).")
              .option("--login-url"),
          Setting.optional(LOGIN_ROUTE, "current (default) or legacy.").option(null),
          Setting.optional(LOGIN_PATH, "The login path.").option(null),
          Setting.optional(LOGIN_USERNAME_FIELD, "The login body's user field.").option(null),
          Setting.optional(LOGIN_TOKEN_PATH, "Where the login answer's token is.").option(null))
      .capabilities(PatchworksClient.CAPABILITIES)
      .build();

  /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
  public PatchworksClientProvider() {}

  /**
   * What code outside this module needs to know of the vendor.
   *
   * <pre>{@code new PatchworksClientProvider().descriptor().vendor(); // Vendor.PATCHWORKS}</pre>
   *
   * @return the descriptor of {@link Vendor#PATCHWORKS}
   */
  @Override
  public VendorDescriptor descriptor() {
    return DESCRIPTOR;
  }

  /**
   * Creates a client from string settings.
   *
   * <pre>{@code new PatchworksClientProvider().create(Map.of("username", u, "password", p));}</pre>
   *
   * @param settings the settings
   * @return a new client
   * @throws IllegalArgumentException if neither or both of an API key and a login are given, or a
   *     value is unusable; the message names the setting
   */
  @Override
  public FlowRunsClient create(Map<String, String> settings) {
    String apiKey = settings.get(FlowRunsClients.API_KEY);
    String username = settings.get(FlowRunsClients.USERNAME);
    String password = settings.get(FlowRunsClients.PASSWORD);
    boolean login = username != null || password != null;
    if (apiKey != null && login) {
      throw new IllegalArgumentException("Patchworks takes " + FlowRunsClients.API_KEY + " or "
          + FlowRunsClients.USERNAME + "/" + FlowRunsClients.PASSWORD + ", not both");
    }
    PatchworksClient.Builder builder = PatchworksClient.builder()
        .baseUrl(settings.get(FlowRunsClients.BASE_URL))
        .loginBaseUrl(settings.get(LOGIN_BASE_URL))
        .loginPath(settings.get(LOGIN_PATH))
        .loginUsernameField(settings.get(LOGIN_USERNAME_FIELD))
        .loginTokenPath(settings.get(LOGIN_TOKEN_PATH))
        .allowInsecureHttp(ProviderSettings.allowInsecureHttp(settings));
    String route = settings.get(LOGIN_ROUTE);
    if ("legacy".equalsIgnoreCase(route)) {
      builder.legacyLoginRoute();
    } else if (route != null && !"current".equalsIgnoreCase(route)) {
      throw new IllegalArgumentException(LOGIN_ROUTE + " must be current or legacy, not " + route);
    }
    if (login) {
      builder.login(username, password);
    } else {
      builder.apiKey(apiKey);
    }
    return builder.build();
  }
}
