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

  @Option(names = "--vendor", required = true, paramLabel = "V",
      converter = Converters.VendorConverter.class,
      completionCandidates = CliVendors.Names.class,
      description = "${COMPLETION-CANDIDATES}")
  Vendor vendor;

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
