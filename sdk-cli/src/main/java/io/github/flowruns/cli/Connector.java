package io.github.flowruns.cli;

import io.github.flowruns.FlowRunsClient;
import io.github.flowruns.FlowRunsClients;
import io.github.flowruns.Vendor;
import io.github.flowruns.spi.VendorDescriptor;
import io.github.flowruns.spi.VendorDescriptor.Setting;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Opens a {@link Connection} from the connection options: to the vendor (or {@code --base-url})
 * with the API key of {@code --api-key}, else of {@value ConnectionOptions#API_KEY_ENV}, or with a
 * login where the vendor takes one; or, given neither a base URL nor a key nor a login, to the embedded simulator
 * of the vendor, started on loopback and stopped when the connection closes.
 */
class Connector {
  /** Runs the embedded simulator holds when started by a command other than {@code simulator}. */
  static final int EMBEDDED_RUNS = 250;

  Connection open(ConnectionOptions o, CliContext ctx) {
    VendorDescriptor vendor = CliVendors.of(o.vendor);
    Profiles.Profile profile = o.profile;
    if (profile != null) {
      // The command line overrides the profile, option by option.
      profile.options().forEach(o.vendorOptions::putIfAbsent);
    }
    Map<String, Setting> given = takenOptions(o, vendor);
    for (String option : given.keySet()) {
      requireNotEmpty(option, o.vendorOptions.get(option));
    }
    String baseUrl = o.baseUrl;
    if (baseUrl != null) {
      requireNotEmpty("--base-url", baseUrl);
    } else if (profile != null) {
      baseUrl = profile.baseUrl();
    }
    // A login (user name and a password from the environment) replaces the API key.
    Setting user = vendor.setting(FlowRunsClients.USERNAME);
    Setting password = vendor.setting(FlowRunsClients.PASSWORD);
    boolean login = user != null && given.containsKey(user.option());
    if (o.apiKey != null && login) {
      throw new UsageException("give --api-key or " + user.option() + ", not both");
    }
    String apiKey = apiKey(o, ctx, profile, login);
    if (password != null && given.containsKey(password.option()) && !login) {
      throw new UsageException(password.option() + " needs " + (user == null ? "a user name"
          : user.option()));
    }
    if (login && (password == null || !given.containsKey(password.option()))) {
      throw new UsageException(user.option() + " needs " + (password == null ? "a password"
          : password.option() + " NAME, the environment variable holding the password"));
    }
    Map<String, String> values = new LinkedHashMap<>();
    given.forEach((option, setting) -> values.put(setting.name(),
        setting.secret() ? fromEnvironment(ctx, option, o.vendorOptions.get(option))
            : o.vendorOptions.get(option)));

    Map<String, String> settings = new LinkedHashMap<>();
    Simulator simulator = null;
    if (baseUrl == null && apiKey == null && !login) {
      simulator = startSimulator(o.vendor, 0, EMBEDDED_RUNS, EmbeddedSimulator.ARRIVALS);
      ctx.err().println("flowruns: no --base-url or API key given; using the embedded "
          + o.vendorName() + " simulator at " + simulator.baseUrl());
      ctx.err().flush();
      settings.putAll(simulator.clientSettings());
    } else {
      for (Setting s : vendor.settings()) {
        if (s.required() && s.option() != null && !CliVendors.isCommon(s)
            && !given.containsKey(s.option())) {
          throw new UsageException("--vendor " + vendor.name() + " needs " + s.option() + " "
              + new CliVendors.VendorOption(s).paramLabel());
        }
      }
      Setting keySetting = vendor.setting(Setting.API_KEY.name());
      if (apiKey == null && !login && keySetting != null && keySetting.required()) {
        throw new UsageException("--vendor " + vendor.name() + " needs an API key: give --api-key "
            + "KEY, set " + ConnectionOptions.API_KEY_ENV + ", or use a --profile with "
            + Profiles.KEY_ENV + " or " + Profiles.KEY_COMMAND
            + (user == null || password == null ? "" : "; or log in with " + user.option()
                + " U " + password.option() + " NAME"));
      }
      putIfSet(settings, Setting.BASE_URL.name(), baseUrl);
      putIfSet(settings, Setting.API_KEY.name(), apiKey);
      if (o.allowInsecureHttp || profile != null && profile.allowInsecureHttp()) {
        settings.put(FlowRunsClients.ALLOW_INSECURE_HTTP, "true");
      }
    }
    values.forEach((k, v) -> putIfSet(settings, k, v));
    o.target = hostPort(settings.getOrDefault(Setting.BASE_URL.name(), vendor.defaultBaseUrl()));
    try {
      FlowRunsClient client = createClient(o.vendor, settings);
      return new Connection(client, simulator, () -> createClient(o.vendor, settings));
    } catch (RuntimeException e) {
      if (simulator != null) {
        simulator.close();
      }
      if (e instanceof IllegalArgumentException) {
        // A missing or invalid setting, e.g. no --project-id for Activepieces: said in the
        // builder's Java words, which the command line's options replace.
        throw new UsageException(optionWords(e.getMessage()));
      }
      throw e;
    }
  }

  /** {@link ConnectionOptions#keySource} when a login replaces the key. */
  static final String LOGIN = "login";

  /**
   * The API key, and where it came from in {@code o.keySource}: {@code --api-key}, else the
   * profile's key, else {@value ConnectionOptions#API_KEY_ENV}; null for none. A key given but
   * empty is a usage error naming where: an empty secret must never mean "use the simulator".
   */
  private static String apiKey(ConnectionOptions o, CliContext ctx, Profiles.Profile profile,
      boolean login) {
    if (o.apiKey != null) {
      if (o.apiKey.isBlank()) {
        throw new UsageException("--api-key is empty: give the key, or leave the option out (to "
            + "use " + ConnectionOptions.API_KEY_ENV + ", a --profile or, with no key and no "
            + "--base-url, the embedded simulator)");
      }
      o.keySource = "--api-key";
      return o.apiKey;
    }
    if (login) {
      o.keySource = LOGIN;
      return null;
    }
    if (profile != null && profile.apiKeyEnv() != null) {
      String what = "the environment variable " + profile.apiKeyEnv() + " (" + Profiles.KEY_ENV
          + " of profile '" + profile.name() + "')";
      String key = ctx.env(profile.apiKeyEnv());
      if (key == null) {
        throw new UsageException(what + " is not set");
      }
      if (key.isBlank()) {
        throw new UsageException(what + " is empty");
      }
      o.keySource = what;
      return key;
    }
    if (profile != null && profile.apiKeyCommand() != null) {
      String what = Profiles.KEY_COMMAND + " of profile '" + profile.name() + "'";
      o.keySource = "the " + what;
      return KeyCommand.run(profile.apiKeyCommand(), what);
    }
    String key = ctx.env(ConnectionOptions.API_KEY_ENV);
    if (key == null) {
      return null;
    }
    if (key.isBlank()) {
      throw new UsageException("the environment variable " + ConnectionOptions.API_KEY_ENV
          + " is set but empty: put the key in it, or unset it (with no key and no --base-url "
          + "the embedded simulator is used)");
    }
    o.keySource = "the environment variable " + ConnectionOptions.API_KEY_ENV;
    return key;
  }

  private static void requireNotEmpty(String option, String value) {
    if (value != null && value.isBlank()) {
      throw new UsageException(option + " is empty: give a value, or leave the option out");
    }
  }

  /** A builder's message in the command line's words: option names for Java method names. */
  static String optionWords(String message) {
    if (message == null) {
      return null;
    }
    return message.replace("allowInsecureHttp(true)", "--allow-insecure-http")
        .replace(" baseUrl ", " --base-url ")
        .replace(" loginBaseUrl ", " --login-url ");
  }

  /** {@code host:port} of a URL, for messages; the text itself if it is not a URL. */
  static String hostPort(String url) {
    if (url == null) {
      return null;
    }
    try {
      java.net.URI u = new java.net.URI(url.trim());
      if (u.getHost() == null) {
        return url;
      }
      int port = u.getPort() >= 0 ? u.getPort() : "http".equalsIgnoreCase(u.getScheme()) ? 80 : 443;
      return u.getHost() + ":" + port;
    } catch (java.net.URISyntaxException e) {
      return url;
    }
  }

  /**
   * The vendor-specific options given, by option, with the setting each sets; an option of
   * another vendor is a usage error naming the vendors that take it.
   */
  private static Map<String, Setting> takenOptions(ConnectionOptions o, VendorDescriptor vendor) {
    Map<String, Setting> taken = new LinkedHashMap<>();
    Map<String, CliVendors.VendorOption> all = CliVendors.options();
    for (String option : o.vendorOptions.keySet()) {
      Setting setting = null;
      for (Setting s : vendor.settings()) {
        if (option.equals(s.option())) {
          setting = s;
        }
      }
      if (setting == null) {
        CliVendors.VendorOption other = all.get(option);
        throw new UsageException(option + " is for --vendor "
            + (other == null ? "other vendors" : String.join(", ", other.vendors))
            + ", not " + vendor.name());
      }
      taken.put(option, setting);
    }
    return taken;
  }

  private static String fromEnvironment(CliContext ctx, String option, String variable) {
    String value = ctx.env(variable);
    if (value == null) {
      throw new UsageException("the environment variable " + variable + " named by " + option
          + " is not set");
    }
    if (value.isEmpty()) {
      throw new UsageException("the environment variable " + variable + " named by " + option
          + " is empty");
    }
    return value;
  }

  /** Creates the client through the facade's ServiceLoader lookup; tests may override. */
  FlowRunsClient createClient(Vendor vendor, Map<String, String> settings) {
    return FlowRunsClients.create(vendor, settings);
  }

  /** Starts the embedded simulator of a vendor on loopback, on wall-clock time. */
  Simulator startSimulator(Vendor vendor, int port, int runs, Duration arrivals) {
    return EmbeddedSimulator.start(vendor, port, runs, arrivals);
  }

  private static void putIfSet(Map<String, String> settings, String key, String value) {
    if (value != null && !value.isBlank()) {
      settings.put(key, value);
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
