package io.github.flowruns.testing;

import io.github.flowruns.testing.internal.Hashing;
import io.github.flowruns.testing.internal.PatchworksApi;
import io.github.flowruns.testing.internal.SimulatorEngine;
import java.time.Duration;

/**
 * A simulated Patchworks Core API: the seven flow-run routes under {@code /api/v1/flow-runs} and,
 * on a second loopback host as in production, the current login route {@code POST /api/v1/login}
 * ({@code {"email", "password"}}, token at {@code data.token}) and the older
 * {@code POST /fabric/api/login} ({@code {"username", "password"}}, top-level {@code token}).
 *
 * <p>Auth is either the raw API key in {@code Authorization} (no scheme word), or
 * {@code Bearer <token>} with a token from the login host ({@link #username()} and
 * {@link #password()}). Statuses are the integers 1 STARTED, 2 SUCCESS, 3 FAILURE, 4 STOPPED,
 * 5 PARTIAL_SUCCESS, one per {@code filter[status]} (a comma list is refused with 422, as is one in
 * {@code filter[flow_id]}); {@code sort=-started_at} lists newest first, no sort oldest first;
 * dates in filters are Unix milliseconds; pages are Laravel's. Log entries come JSON:API-shaped
 * ({@code data[].attributes.{log_level, log_message, ...}}), flat with {@link Builder#jsonApiLogs}
 * off; a retry's run carries {@code retry_flow_run_id}.
 *
 * <pre>{@code
 * try (PatchworksSimulator sim = PatchworksSimulator.builder().runs(500).build().start()) {
 *   PatchworksClient client = PatchworksClient.builder()
 *       .apiKey(sim.apiKey()).baseUrl(sim.baseUrl()).build();
 *   ...
 * }
 * }</pre>
 */
public final class PatchworksSimulator extends VendorSimulator {
  private final PatchworksApi api;
  private final PatchworksApi.Login login;

  private PatchworksSimulator(SimulatorEngine engine, PatchworksApi api, PatchworksApi.Login login) {
    super(engine);
    this.api = api;
    this.login = login;
  }

  /**
   * Starts a builder.
   *
   * <pre>{@code PatchworksSimulator sim = PatchworksSimulator.builder().runs(500).build().start();}</pre>
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public PatchworksSimulator start() {
    super.start();
    return this;
  }

  /**
   * {@return the root of the login host} It listens on a different port from {@link #baseUrl()}:
   * POST {@code /api/v1/login} or {@code /fabric/api/login} there.
   */
  public String loginBaseUrl() {
    return engine.loginRootUrl();
  }

  /** {@return the user name the login route accepts} */
  public String username() {
    return login.username();
  }

  /** {@return the password the login route accepts} */
  public String password() {
    return login.password();
  }

  /** Every bearer token issued so far answers 401 from now on, as after expiry; log in again for a new one. */
  public void expireTokens() {
    api.expireTokens();
  }

  /**
   * Builds a {@link PatchworksSimulator}; the settings every simulator shares are on
   * {@link SimulatorBuilder}.
   *
   * <pre>{@code PatchworksSimulator sim = PatchworksSimulator.builder().credentials("me@example.com", "secret").seed(7).build().start();}</pre>
   */
  public static final class Builder extends SimulatorBuilder<Builder, PatchworksSimulator> {
    private String username = "integrator@example.com";
    private String password = "simulator-password";
    private boolean jsonApi;
    private boolean jsonApiLogs = true;

    Builder() {}

    /**
     * The credentials the login route accepts.
     *
     * @param username the user name
     * @param password the password
     * @return this builder
     */
    public Builder credentials(String username, String password) {
      this.username = username;
      this.password = password;
      return this;
    }

    /**
     * Serve runs in the JSON:API shape ({@code {id, type: "flow-runs", attributes: {...}, relationships}})
     * instead of the documented flat shape; the vendor's own tools read this shape.
      *
      * @param enabled whether runs are served in the JSON:API shape
      * @return this builder
     */
    public Builder jsonApi(boolean enabled) {
      this.jsonApi = enabled;
      return this;
    }

    /**
     * Serve log entries in the JSON:API shape (the default, as the vendor's own tool reads them)
     * or, with {@code false}, flat as the documents show them.
      *
      * @param enabled whether log entries are served in the JSON:API shape
      * @return this builder
     */
    public Builder jsonApiLogs(boolean enabled) {
      this.jsonApiLogs = enabled;
      return this;
    }

    @Override
    public PatchworksSimulator build() {
      PatchworksApi.Profile profile = new PatchworksApi.Profile();
      PatchworksApi.Login credentials = new PatchworksApi.Login(username, password);
      PatchworksApi api = new PatchworksApi(store(profile),
          settings("pw_" + Hashing.hex(Hashing.hash(seed, -7, 1), 40), Duration.ofDays(7)), credentials, jsonApi,
          jsonApiLogs);
      return new PatchworksSimulator(engine(api, true), api, credentials);
    }
  }
}
