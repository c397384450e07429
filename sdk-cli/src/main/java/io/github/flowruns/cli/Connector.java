package io.github.flowruns.cli;

import io.github.flowruns.FlowRunsClient;
import io.github.flowruns.FlowRunsClients;
import io.github.flowruns.Vendor;
import io.github.flowruns.patchworks.PatchworksClientProvider;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Opens a {@link Connection} from the connection options: to the vendor (or {@code --base-url})
 * with the API key of {@code --api-key}, else of {@value ConnectionOptions#API_KEY_ENV}, or with a
 * Patchworks login; or, given neither a base URL nor a key nor a login, to the embedded simulator
 * of the vendor, started on loopback and stopped when the connection closes.
 */
class Connector {
  /** Runs the embedded simulator holds when started by a command other than {@code simulator}. */
  static final int EMBEDDED_RUNS = 250;

  Connection open(ConnectionOptions o, CliContext ctx) {
    if (o.apiKey != null && o.username != null) {
      throw new UsageException("give --api-key or --username, not both");
    }
    String apiKey = blankToNull(o.apiKey);
    if (apiKey == null && o.username == null) {
      apiKey = blankToNull(ctx.env(ConnectionOptions.API_KEY_ENV));
    }
    String password = null;
    if (o.passwordEnv != null) {
      if (o.username == null) {
        throw new UsageException("--password-env needs --username");
      }
      password = ctx.env(o.passwordEnv);
      if (password == null || password.isEmpty()) {
        throw new UsageException("the environment variable " + o.passwordEnv
            + " named by --password-env is not set");
      }
    } else if (o.username != null) {
      throw new UsageException("--username needs --password-env NAME, the environment variable "
          + "holding the password");
    }
    if ((o.username != null || o.loginUrl != null) && o.vendor != Vendor.PATCHWORKS) {
      throw new UsageException("--username, --password-env and --login-url are for "
          + "--vendor patchworks only");
    }

    Map<String, String> settings = new LinkedHashMap<>();
    Simulator simulator = null;
    if (o.baseUrl == null && apiKey == null && o.username == null) {
      simulator = startSimulator(o.vendor, 0, EMBEDDED_RUNS);
      ctx.err().println("flowruns: no --base-url or API key given; using the embedded "
          + o.vendorName() + " simulator at " + simulator.baseUrl());
      ctx.err().flush();
      settings.putAll(simulator.clientSettings());
    } else {
      if (o.vendor == Vendor.ACTIVEPIECES && o.projectId == null) {
        throw new UsageException("--vendor activepieces needs --project-id P");
      }
      if (o.vendor == Vendor.STACKAI && o.orgId == null) {
        throw new UsageException("--vendor stackai needs --org-id O");
      }
      putIfSet(settings, FlowRunsClients.BASE_URL, o.baseUrl);
      putIfSet(settings, FlowRunsClients.API_KEY, apiKey);
      putIfSet(settings, FlowRunsClients.USERNAME, o.username);
      putIfSet(settings, FlowRunsClients.PASSWORD, password);
      putIfSet(settings, PatchworksClientProvider.LOGIN_BASE_URL, o.loginUrl);
    }
    putIfSet(settings, FlowRunsClients.PROJECT_ID, o.projectId);
    putIfSet(settings, FlowRunsClients.ORG_ID, o.orgId);
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

  /** Creates the client through the facade's ServiceLoader lookup; tests may override. */
  FlowRunsClient createClient(Vendor vendor, Map<String, String> settings) {
    return FlowRunsClients.create(vendor, settings);
  }

  /** Starts the embedded simulator of a vendor on loopback. */
  Simulator startSimulator(Vendor vendor, int port, int runs) {
    return EmbeddedSimulator.start(vendor, port, runs);
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
