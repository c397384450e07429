package io.github.flowruns.cli;

import io.github.flowruns.Vendor;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

/**
 * The options that say which vendor to talk to and how: {@code [connection]} in the usage. The
 * vendor-specific ones ({@code --project-id}, {@code --password-env NAME}, ...) come from the
 * vendors' descriptors, see {@link #addVendorOptions(CommandSpec)}.
 */
final class ConnectionOptions {
  /** The environment variable read when {@code --api-key} is not given. */
  static final String API_KEY_ENV = "FLOWRUNS_API_KEY";

  @Option(names = "--vendor", paramLabel = "V",
      converter = Converters.VendorConverter.class,
      completionCandidates = CliVendors.Names.class,
      description = "${COMPLETION-CANDIDATES} (required unless --profile names one).")
  Vendor vendor;

  @Option(names = "--profile", paramLabel = "NAME",
      description = "A named connection of the config file (see 'flowruns profiles'); the "
          + "options given here override its values.")
  String profileName;

  @Option(names = "--allow-insecure-http",
      description = "Allow plain http:// to a host that is not loopback (the key then travels "
          + "unencrypted).")
  boolean allowInsecureHttp;

  @Option(names = "--base-url", paramLabel = "URL",
      description = "The vendor's API root (self-hosted, proxy or simulator). With neither this "
          + "nor an API key, the embedded simulator of the vendor is used.")
  String baseUrl;

  @Option(names = "--api-key", paramLabel = "KEY",
      description = "The API key; default: the environment variable " + API_KEY_ENV + ".")
  String apiKey;

  @Option(names = "--debug",
      description = "On failure, print the stack trace (secrets are never printed).")
  boolean debug;

  /**
   * Vendor-specific options given, by option name (e.g. {@code --project-id}), as given: for a
   * secret setting, the name of the environment variable.
   */
  final Map<String, String> vendorOptions = new LinkedHashMap<>();

  /** The profile named by {@code --profile}, once {@link #resolveProfile} has read it. */
  Profiles.Profile profile;

  /**
   * Where the API key came from, for messages (e.g. {@code FLOWRUNS_API_KEY}); null with no key.
   * Set when the connection is opened.
   */
  String keySource;

  /** The {@code host:port} the connection talks to, for messages; set when it is opened. */
  String target;

  /**
   * Reads the profile of {@code --profile} and takes its vendor unless {@code --vendor} is given;
   * without either, the usage error picocli gives for a missing required option.
   */
  void resolveProfile(CliContext ctx) {
    if (profileName != null) {
      profile = Profiles.load(ctx).require(profileName);
      if (vendor == null) {
        vendor = profile.vendor().vendor();
      } else if (vendor != profile.vendor().vendor()) {
        throw new UsageException("--vendor " + CliVendors.name(vendor) + " does not match profile '"
            + profileName + "', which is for " + profile.vendor().name());
      }
    }
    if (vendor == null) {
      throw new UsageException("Missing required option: '--vendor=V' (or a --profile)");
    }
  }

  /** The vendor as the command line names it. */
  String vendorName() {
    return CliVendors.name(vendor);
  }

  /**
   * Adds every vendor's own connection options to a command that mixes these options in. A
   * secret setting is taken only as {@code --<setting>-env NAME}, never as a value.
   */
  void addVendorOptions(CommandSpec spec) {
    for (Map.Entry<String, CliVendors.VendorOption> e : CliVendors.options().entrySet()) {
      String option = e.getKey();
      CliVendors.VendorOption vo = e.getValue();
      spec.addOption(OptionSpec.builder(option)
          .paramLabel(vo.paramLabel())
          .type(String.class)
          .description(vo.description())
          .setter(new ISetter() {
            @Override
            public <T> T set(T value) {
              // picocli also sets the initial null before each parse
              Object old = value == null ? vendorOptions.remove(option)
                  : vendorOptions.put(option, (String) value);
              @SuppressWarnings("unchecked")
              T previous = (T) old;
              return previous;
            }
          })
          .build());
    }
  }
}
