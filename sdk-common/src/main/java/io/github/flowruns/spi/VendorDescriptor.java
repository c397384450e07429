package io.github.flowruns.spi;

import io.github.flowruns.Capabilities;
import io.github.flowruns.Vendor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Everything vendor-specific that code outside a vendor module needs to know about the vendor: its
 * names, artifact, default server, settings, credential shapes, how its runs are addressed, the
 * default client's capabilities and which simulator of {@code sdk-testing} speaks its wire API. The
 * vendor module serves it from {@link FlowRunsClientProvider#descriptor()}; the facade, the command
 * line, the simulators and the benchmarks derive everything else from it, so adding a vendor takes
 * its module and no change elsewhere.
 *
 * <pre>{@code
 * static final VendorDescriptor DESCRIPTOR = VendorDescriptor.builder(Vendor.ACTIVEPIECES)
 *     .defaultBaseUrl("https://cloud.activepieces.com/api")
 *     .settings(Setting.API_KEY, Setting.BASE_URL,
 *         Setting.optional("projectId", "Activepieces project id."))
 *     .credentialShapes("sk-[A-Za-z0-9_\\-]{16,}")
 *     .capabilities(ActivepiecesClient.CAPABILITIES)
 *     .build();
 * }</pre>
 */
public final class VendorDescriptor {
  private final Vendor vendor;
  private final String name;
  private final List<String> aliases;
  private final String displayName;
  private final String artifactId;
  private final String defaultBaseUrl;
  private final List<Setting> settings;
  private final List<String> credentialShapes;
  private final boolean listsPerFlow;
  private final String runIdForm;
  private final Capabilities capabilities;
  private final String simulator;

  private VendorDescriptor(Builder b) {
    this.vendor = b.vendor;
    this.name = b.name != null ? b.name : b.vendor.name().toLowerCase(Locale.ROOT);
    this.aliases = List.copyOf(b.aliases);
    this.displayName = b.displayName != null ? b.displayName : b.vendor.displayName();
    this.artifactId = b.artifactId != null ? b.artifactId : b.vendor.moduleArtifactId();
    this.defaultBaseUrl = b.defaultBaseUrl;
    this.settings = List.copyOf(b.settings);
    this.credentialShapes = List.copyOf(b.credentialShapes);
    this.listsPerFlow = b.listsPerFlow;
    this.runIdForm = b.runIdForm;
    this.capabilities = Objects.requireNonNull(b.capabilities, "capabilities");
    this.simulator = b.simulator != null ? b.simulator : this.name;
  }

  /**
   * Starts a descriptor of a vendor; names, display name and artifact default to the vendor's.
   *
   * <pre>{@code VendorDescriptor.builder(Vendor.of("acme", "Acme", "sdk-acme")).capabilities(c).build()}</pre>
   *
   * @param vendor the vendor, a constant or one made with {@link Vendor#of}
   * @return a new builder
   */
  public static Builder builder(Vendor vendor) {
    return new Builder(Objects.requireNonNull(vendor, "vendor"));
  }

  /**
   * The vendor described.
   *
   * <pre>{@code descriptor.vendor() == Vendor.FLOWSTACK}</pre>
   *
   * @return the vendor
   */
  public Vendor vendor() {
    return vendor;
  }

  /**
   * The canonical lower-case name, as the command line's {@code --vendor} takes it.
   *
   * <pre>{@code descriptor.name(); // "stackai"}</pre>
   *
   * @return e.g. {@code "activepieces"}
   */
  public String name() {
    return name;
  }

  /**
   * Other names the vendor is known by, lower case, e.g. {@code "analytics"} for StackAI.
   *
   * @return the aliases, possibly empty
   */
  public List<String> aliases() {
    return aliases;
  }

  /**
   * Whether a name (any case) is this vendor's name or one of its aliases.
   *
   * <pre>{@code descriptor.answersTo("Analytics"); // true for StackAI}</pre>
   *
   * @param candidate a name
   * @return true if it names this vendor
   */
  public boolean answersTo(String candidate) {
    if (candidate == null) {
      return false;
    }
    String n = candidate.trim().toLowerCase(Locale.ROOT);
    return name.equals(n) || aliases.contains(n);
  }

  /**
   * The vendor's name as people write it.
   *
   * @return e.g. {@code "FlowStack"}
   */
  public String displayName() {
    return displayName;
  }

  /**
   * The Maven artifact of the vendor module, under groupId {@code io.github.flowruns}.
   *
   * @return e.g. {@code "sdk-analytics"}
   */
  public String artifactId() {
    return artifactId;
  }

  /**
   * The server the client talks to when no {@code baseUrl} is set; null if there is none (a
   * self-hosted product).
   *
   * @return the URL, or null
   */
  public String defaultBaseUrl() {
    return defaultBaseUrl;
  }

  /**
   * The keys {@link FlowRunsClientProvider#create} reads, in the order a user would give them.
   *
   * <pre>{@code descriptor.settings().stream().filter(Setting::required).map(Setting::name)}</pre>
   *
   * @return the settings
   */
  public List<Setting> settings() {
    return settings;
  }

  /**
   * The setting of the given key, if the vendor takes it.
   *
   * @param settingName e.g. {@code "projectId"}
   * @return the setting, or null
   */
  public Setting setting(String settingName) {
    for (Setting s : settings) {
      if (s.name().equals(settingName)) {
        return s;
      }
    }
    return null;
  }

  /**
   * Regular expressions matching the vendor's credential formats, so that such a value is
   * redacted wherever it appears in free text.
   *
   * <pre>{@code descriptor.credentialShapes(); // ["fs_(?:live|test)_[A-Za-z0-9]{6,}"]}</pre>
   *
   * @return the expressions, possibly empty
   */
  public List<String> credentialShapes() {
    return credentialShapes;
  }

  /**
   * Whether the vendor lists runs one flow at a time (a listing without flow filter then walks
   * every flow).
   *
   * @return true for a per-flow listing
   */
  public boolean listsPerFlow() {
    return listsPerFlow;
  }

  /**
   * How a run id is written on the command line, for help text.
   *
   * @return {@code "RUN"} or, where runs are addressed within a flow, {@code "FLOW/RUN"}
   */
  public String runIdForm() {
    return runIdForm;
  }

  /**
   * What the vendor's default client can do.
   *
   * @return the capabilities
   */
  public Capabilities capabilities() {
    return capabilities;
  }

  /**
   * The name of the {@code sdk-testing} simulator that speaks this vendor's wire API; the
   * vendor's own name unless it reuses another vendor's API.
   *
   * <pre>{@code VendorSimulator.forVendor(descriptor.simulator())}</pre>
   *
   * @return e.g. {@code "flowstack"}
   */
  public String simulator() {
    return simulator;
  }

  @Override
  public String toString() {
    return "VendorDescriptor{" + name + ", " + artifactId + "}";
  }

  /** Builds a {@link VendorDescriptor}; see {@link VendorDescriptor#builder(Vendor)}. */
  public static final class Builder {
    private final Vendor vendor;
    private String name;
    private final List<String> aliases = new ArrayList<>();
    private String displayName;
    private String artifactId;
    private String defaultBaseUrl;
    private final List<Setting> settings = new ArrayList<>();
    private final List<String> credentialShapes = new ArrayList<>();
    private boolean listsPerFlow;
    private String runIdForm = "RUN";
    private Capabilities capabilities;
    private String simulator;

    private Builder(Vendor vendor) {
      this.vendor = vendor;
    }

    /**
     * The canonical name; default: the vendor's name in lower case.
     *
     * @param name e.g. {@code "stackai"}
     * @return this builder
     */
    public Builder name(String name) {
      this.name = lowerName(name);
      return this;
    }

    /**
     * Other names the vendor answers to.
     *
     * @param names e.g. {@code "analytics"}
     * @return this builder
     */
    public Builder aliases(String... names) {
      for (String a : names) {
        aliases.add(lowerName(a));
      }
      return this;
    }

    /**
     * The display name; default: the vendor's.
     *
     * @param displayName e.g. {@code "StackAI"}
     * @return this builder
     */
    public Builder displayName(String displayName) {
      this.displayName = Objects.requireNonNull(displayName, "displayName");
      return this;
    }

    /**
     * The module's artifact id; default: the vendor's.
     *
     * @param artifactId e.g. {@code "sdk-analytics"}
     * @return this builder
     */
    public Builder artifactId(String artifactId) {
      this.artifactId = Objects.requireNonNull(artifactId, "artifactId");
      return this;
    }

    /**
     * The server used when no {@code baseUrl} is set.
     *
     * @param url e.g. {@code "https://api.flowstack.dev/v1"}
     * @return this builder
     */
    public Builder defaultBaseUrl(String url) {
      this.defaultBaseUrl = url;
      return this;
    }

    /**
     * The settings the provider reads, e.g. {@link Setting#API_KEY}, {@link Setting#BASE_URL}
     * and the vendor's own.
     *
     * @param settings the settings, in order
     * @return this builder
     */
    public Builder settings(Setting... settings) {
      for (Setting s : settings) {
        this.settings.add(Objects.requireNonNull(s, "setting"));
      }
      return this;
    }

    /**
     * Regular expressions of the vendor's credential formats; each must compile.
     *
     * @param regexes e.g. {@code "sk-[A-Za-z0-9_\\-]{16,}"}
     * @return this builder
     * @throws java.util.regex.PatternSyntaxException if one does not compile
     */
    public Builder credentialShapes(String... regexes) {
      for (String r : regexes) {
        Pattern.compile(r);
        credentialShapes.add(r);
      }
      return this;
    }

    /**
     * Whether runs are listed one flow at a time; default false.
     *
     * @param perFlow true for a per-flow listing
     * @return this builder
     */
    public Builder listsPerFlow(boolean perFlow) {
      this.listsPerFlow = perFlow;
      return this;
    }

    /**
     * How a run id is written, for help text; default {@code "RUN"}.
     *
     * @param form e.g. {@code "FLOW/RUN"}
     * @return this builder
     */
    public Builder runIdForm(String form) {
      this.runIdForm = Objects.requireNonNull(form, "runIdForm");
      return this;
    }

    /**
     * The default client's capabilities; required.
     *
     * @param capabilities the capabilities
     * @return this builder
     */
    public Builder capabilities(Capabilities capabilities) {
      this.capabilities = Objects.requireNonNull(capabilities, "capabilities");
      return this;
    }

    /**
     * The {@code sdk-testing} simulator that speaks the vendor's API; default: the name.
     *
     * @param simulatorName e.g. {@code "flowstack"} for a white-label FlowStack
     * @return this builder
     */
    public Builder simulator(String simulatorName) {
      this.simulator = lowerName(simulatorName);
      return this;
    }

    /**
     * Builds the descriptor.
     *
     * @return the descriptor
     * @throws NullPointerException if capabilities were not given
     */
    public VendorDescriptor build() {
      return new VendorDescriptor(this);
    }

    private static String lowerName(String n) {
      return Objects.requireNonNull(n, "name").trim().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * One key of the settings map {@link FlowRunsClientProvider#create} reads. The command line
   * offers it as an option: {@code projectId} becomes {@code --project-id VALUE}, and a secret
   * one {@code --password-env NAME} (read from that environment variable, never from the command
   * line).
   *
   * <pre>{@code
   * Setting.required("orgId", "StackAI organisation id.")
   * Setting.optional("password", "Patchworks login password.").asSecret()
   * }</pre>
   */
  public static final class Setting {
    /** The API key, {@code apiKey}; the command line takes {@code --api-key} or env FLOWRUNS_API_KEY. */
    public static final Setting API_KEY =
        new Setting("apiKey", true, true, "The API key.", "--api-key");
    /** The server URL, {@code baseUrl}, replacing the vendor's (self-hosted, proxy, simulator). */
    public static final Setting BASE_URL =
        new Setting("baseUrl", false, false, "The vendor's API root.", "--base-url");

    private final String name;
    private final boolean required;
    private final boolean secret;
    private final String help;
    private final String option;

    private Setting(String name, boolean required, boolean secret, String help, String option) {
      this.name = Objects.requireNonNull(name, "name");
      this.required = required;
      this.secret = secret;
      this.help = Objects.requireNonNull(help, "help");
      this.option = option;
    }

    /**
     * A setting the provider needs.
     *
     * @param name the settings key, e.g. {@code "orgId"}
     * @param help one sentence for help text
     * @return the setting
     */
    public static Setting required(String name, String help) {
      return new Setting(name, true, false, help, defaultOption(name, false));
    }

    /**
     * A setting the provider can do without.
     *
     * @param name the settings key, e.g. {@code "projectId"}
     * @param help one sentence for help text
     * @return the setting
     */
    public static Setting optional(String name, String help) {
      return new Setting(name, false, false, help, defaultOption(name, false));
    }

    /**
     * This setting, marked secret: never shown, and taken on the command line only through an
     * environment variable ({@code --<name>-env NAME}).
     *
     * @return a new setting
     */
    public Setting asSecret() {
      return new Setting(name, required, true, help,
          option == null ? null : defaultOption(name, true));
    }

    /**
     * This setting under another command-line option, or none ({@code null}: settable only in
     * the settings map).
     *
     * <pre>{@code Setting.optional("loginBaseUrl", "...").option("--login-url")}</pre>
     *
     * @param longOption e.g. {@code "--login-url"}, or null
     * @return a new setting
     */
    public Setting option(String longOption) {
      if (longOption != null && !longOption.startsWith("--")) {
        throw new IllegalArgumentException("An option starts with --, not " + longOption);
      }
      return new Setting(name, required, secret, help, longOption);
    }

    /**
     * The settings key.
     *
     * @return e.g. {@code "projectId"}
     */
    public String name() {
      return name;
    }

    /**
     * Whether the provider fails without it.
     *
     * @return true if required
     */
    public boolean required() {
      return required;
    }

    /**
     * Whether the value is a credential.
     *
     * @return true if secret
     */
    public boolean secret() {
      return secret;
    }

    /**
     * Help text.
     *
     * @return one sentence
     */
    public String help() {
      return help;
    }

    /**
     * The command-line option, e.g. {@code "--project-id"} or {@code "--password-env"}.
     *
     * @return the long option, or null if the command line does not offer it
     */
    public String option() {
      return option;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Setting s && s.name.equals(name) && s.required == required
          && s.secret == secret && s.help.equals(help) && Objects.equals(s.option, option);
    }

    @Override
    public int hashCode() {
      return Objects.hash(name, required, secret, help, option);
    }

    @Override
    public String toString() {
      return name + (required ? " (required)" : "") + (secret ? " (secret)" : "");
    }

    // projectId -> --project-id; a secret one -> --password-env
    private static String defaultOption(String name, boolean secret) {
      StringBuilder sb = new StringBuilder("--");
      for (char c : name.toCharArray()) {
        if (Character.isUpperCase(c)) {
          sb.append('-').append(Character.toLowerCase(c));
        } else {
          sb.append(c);
        }
      }
      return secret ? sb + "-env" : sb.toString();
    }
  }
}
