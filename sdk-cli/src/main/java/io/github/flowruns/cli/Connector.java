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
    Map<String, Setting> given = takenOptions(o, vendor);
    // A login (user name and a password from the environment) replaces the API key.
    Setting user = vendor.setting(FlowRunsClients.USERNAME);
    Setting password = vendor.setting(FlowRunsClients.PASSWORD);
    boolean login = user != null && given.containsKey(user.option());
    if (o.apiKey != null && login) {
      throw new UsageException("give --api-key or " + user.option() + ", not both");
    }
    String apiKey = blankToNull(o.apiKey);
    if (apiKey == null && !login) {
      apiKey = blankToNull(ctx.env(ConnectionOptions.API_KEY_ENV));
    }
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
    if (o.baseUrl == null && apiKey == null && !login) {
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
      putIfSet(settings, Setting.BASE_URL.name(), o.baseUrl);
      putIfSet(settings, Setting.API_KEY.name(), apiKey);
    }
    values.forEach((k, v) -> putIfSet(settings, k, v));
    try {
      FlowRunsClient client = createClient(o.vendor, settings);
      return new Connection(client, simulator);
    } catch (RuntimeException e) {
      if (simulator != null) {
        simulator.close();
      }
      if (e instanceof IllegalArgumentException) {
        // A missing or invalid setting, e.g. no --project-id for Activepieces.
        throw new UsageException(e.getMessage());
      }
      throw e;
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
    if (value == null || value.isEmpty()) {
      throw new UsageException("the environment variable " + variable + " named by " + option
          + " is not set");
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
