package io.github.flowruns.cli;

import io.github.flowruns.Vendor;
import picocli.CommandLine.Option;

/** The options that say which vendor to talk to and how: {@code [connection]} in the usage. */
final class ConnectionOptions {
  /** The environment variable read when {@code --api-key} is not given. */
  static final String API_KEY_ENV = "FLOWRUNS_API_KEY";

  @Option(names = "--vendor", required = true, paramLabel = "V",
      converter = Converters.VendorConverter.class,
      description = "patchworks | stackai | activepieces | flowstack")
  Vendor vendor;

  @Option(names = "--base-url", paramLabel = "URL",
      description = "The vendor's API root (self-hosted, proxy or simulator). With neither this "
          + "nor an API key, the embedded simulator of the vendor is used.")
  String baseUrl;

  @Option(names = "--api-key", paramLabel = "KEY",
      description = "The API key; default: the environment variable " + API_KEY_ENV + ".")
  String apiKey;

  @Option(names = "--project-id", paramLabel = "P", description = "Activepieces project id.")
  String projectId;

  @Option(names = "--org-id", paramLabel = "O", description = "StackAI organisation id.")
  String orgId;

  @Option(names = "--username", paramLabel = "U", description = "Patchworks login user name.")
  String username;

  @Option(names = "--password-env", paramLabel = "NAME",
      description = "The environment variable holding the Patchworks login password.")
  String passwordEnv;

  @Option(names = "--login-url", paramLabel = "URL",
      description = "The Patchworks login host, for --username (default: Patchworks' own).")
  String loginUrl;

  @Option(names = "--debug",
      description = "On failure, print the stack trace (secrets are never printed).")
  boolean debug;

  /** The vendor as the command line names it. */
  String vendorName() {
    return RunFields.vendorName(vendor);
  }
}
