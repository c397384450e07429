package io.github.flowruns.cli;

import static io.github.flowruns.cli.UsageTest.assertUsageError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.flowruns.FlowRunsClient;
import io.github.flowruns.FlowRunsClients;
import io.github.flowruns.Vendor;
import io.github.flowruns.testing.VendorSimulator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Where a connection comes from: the simulator only with neither a key nor a base URL at all;
 * an empty key is a usage error naming where it was empty; plain http needs
 * --allow-insecure-http; failures say what to do next in the command line's words.
 */
class ConnectionSourcesTest {

  @Test
  void anEmptyApiKeyOptionIsAUsageErrorNotTheSimulator() {
    assertUsageError(Cli.run("runs", "list", "--vendor", "flowstack", "--api-key", ""),
        "--api-key is empty");
    assertUsageError(Cli.run("runs", "list", "--vendor", "flowstack", "--api-key", "  "),
        "--api-key is empty");
  }

  @Test
  void anEmptyApiKeyVariableIsAUsageErrorNamingIt() {
    assertUsageError(Cli.run(Map.of("FLOWRUNS_API_KEY", ""), false, "runs", "list",
        "--vendor", "flowstack"), "FLOWRUNS_API_KEY is set but empty");
  }

  @Test
  void anEmptyPasswordVariableOrOptionValueIsAUsageErrorNamingIt() {
    assertUsageError(Cli.run(Map.of("PW", ""), false, "runs", "list", "--vendor", "patchworks",
        "--username", "me", "--password-env", "PW"), "PW named by --password-env is empty");
    assertUsageError(Cli.run("runs", "list", "--vendor", "activepieces", "--api-key", "k-123456",
        "--project-id", ""), "--project-id is empty");
    assertUsageError(Cli.run("runs", "list", "--vendor", "flowstack", "--base-url", ""),
        "--base-url is empty");
  }

  @Test
  void withNeitherKeyNorBaseUrlTheSimulatorServes() {
    Cli.Result r = Cli.run("runs", "list", "--vendor", "activepieces", "--limit", "2",
        "--format", "jsonl");
    assertEquals(0, r.status, r.toString());
    assertTrue(r.err.contains("using the embedded activepieces simulator"), r.err);
  }

  @Test
  void aKeyWithoutBaseUrlGoesToTheVendorsPublicUrl() {
    AtomicReference<Map<String, String>> seen = new AtomicReference<>();
    Cli.Result r = run(seen, Map.of("FLOWRUNS_API_KEY", "fs_live_abcdef123"),
        "runs", "list", "--vendor", "flowstack", "--flow-id", "f1");
    assertEquals("fs_live_abcdef123", seen.get().get(FlowRunsClients.API_KEY), r.toString());
    assertNull(seen.get().get(FlowRunsClients.BASE_URL), "the vendor's default base URL");
    assertFalse(r.err.contains("simulator"), r.err);
  }

  @Test
  void aKeyButNoBaseUrlWithoutAKeyNamesTheOptionsNotTheJavaBuilder() {
    Cli.Result r = Cli.run("runs", "list", "--vendor", "patchworks", "--base-url",
        "https://pw.example.com");
    assertUsageError(r, "--vendor patchworks needs an API key: give --api-key KEY, set "
        + "FLOWRUNS_API_KEY, or use a --profile");
    assertTrue(r.err.contains("--username U --password-env NAME"), r.err);
    assertFalse(r.err.contains("login(username"), r.err);
  }

  @Test
  void plainHttpToAnotherHostIsRefusedNamingTheOption() {
    Cli.Result r = Cli.run("runs", "list", "--vendor", "flowstack", "--api-key", "fs_live_abcdef123",
        "--base-url", "http://flows.invalid", "--flow-id", "f1");
    assertUsageError(r, "--allow-insecure-http");
    assertFalse(r.err.contains("allowInsecureHttp"), r.err);
  }

  @Test
  void allowInsecureHttpReachesTheClientOfEveryVendor() {
    for (String vendor : Sims.VENDORS) {
      AtomicReference<Map<String, String>> seen = new AtomicReference<>();
      run(seen, Map.of("FLOWRUNS_API_KEY", "k-123456", "PW", "pw"), "runs", "stats",
          "--vendor", vendor, "--base-url", "http://flows.invalid", "--allow-insecure-http");
      if (seen.get() != null) {
        assertEquals("true", seen.get().get(FlowRunsClients.ALLOW_INSECURE_HTTP), vendor);
      }
    }
  }

  @Test
  void allowInsecureHttpReachesAServerOverPlainHttpByName() throws Exception {
    // A host name that is not "localhost" but resolves to this machine: what the SDK refuses
    // without the option, as it would a remote host.
    String host = InetAddress.getLocalHost().getHostName();
    assumeTrue(!host.equalsIgnoreCase("localhost") && !host.matches("[0-9.:]+")
        && InetAddress.getByName(host).isLoopbackAddress(), "a loopback host name: " + host);
    try (VendorSimulator sim = Sims.start("activepieces", 20)) {
      List<String> args = new ArrayList<>(List.of(Sims.runs("list", sim, "--format", "jsonl")));
      int i = args.indexOf("--base-url");
      args.set(i + 1, sim.baseUrl().replace("127.0.0.1", host).replace("localhost", host));
      Cli.Result refused = Cli.run(args.toArray(new String[0]));
      assertUsageError(refused, "--allow-insecure-http");
      args.add("--allow-insecure-http");
      Cli.Result r = Cli.run(args.toArray(new String[0]));
      assertEquals(0, r.status, r.toString());
      assertEquals(20, r.outLines().size());
    }
  }

  @Test
  void a401SuggestsCheckingTheKeyAndSaysWhereItCameFrom() {
    try (VendorSimulator sim = Sims.start("activepieces", 5)) {
      List<String> args = new ArrayList<>(List.of(Sims.runs("list", sim)));
      int i = args.indexOf("--api-key");
      args.remove(i + 1);
      args.remove(i);
      Cli.Result r = Cli.run(Map.of("FLOWRUNS_API_KEY", "wrong-key-1234"), false,
          args.toArray(new String[0]));
      assertEquals(1, r.status, r.toString());
      assertEquals(1, r.errLines().size(), "one line: " + r.err);
      assertTrue(r.err.contains("401"), r.err);
      assertTrue(r.err.contains("(from the environment variable FLOWRUNS_API_KEY) was refused: "
          + "check --api-key, FLOWRUNS_API_KEY or the profile's api-key-env"), r.err);
      assertFalse(r.err.contains("wrong-key-1234"), "never the key");
    }
  }

  @Test
  void aRefusedConnectionSaysRefusedAndWhere() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Cli.Result r = Cli.run("runs", "list", "--vendor", "flowstack", "--api-key",
        "fs_live_abcdef123", "--base-url", "http://127.0.0.1:" + port, "--flow-id", "f1");
    assertEquals(1, r.status, r.toString());
    assertTrue(r.err.contains("connection refused by 127.0.0.1:" + port), r.err);
    assertTrue(r.err.contains("--base-url"), r.err);
  }

  @Test
  void badDataJsonSaysWhereWithoutLibraryLinks() {
    Cli.Result r = Cli.run("runs", "trigger", "--vendor", "flowstack", "--data",
        "{\"order\": {\"id\": 42,}");
    assertUsageError(r, "--data is not valid JSON");
    assertTrue(r.err.contains("line 1 column"), r.err);
    assertTrue(r.err.contains("$.order"), r.err);
    assertFalse(r.err.contains("http"), "no troubleshooting link: " + r.err);
    assertFalse(r.err.contains("JsonReader"), r.err);
  }

  @Test
  void aRetryModeTheVendorLacksNamesTheModesItHas() {
    Cli.Result r = Cli.run("runs", "retry", "--vendor", "patchworks", "42", "--mode",
        "from-failed-step");
    assertUsageError(r, "Patchworks cannot retry --mode from-failed-step; the modes it has: "
        + "default (leave out --mode)");
    assertFalse(r.err.contains("RetryMode"), r.err);
    Cli.Result w = Cli.run("runs", "watch", "--vendor", "patchworks", "--once", "--retry",
        "latest-version");
    assertUsageError(w, "Patchworks cannot retry --retry latest-version; the modes it has: "
        + "default");
  }

  /** Runs with a connector that records the client settings and opens no connection. */
  static Cli.Result run(AtomicReference<Map<String, String>> seen, Map<String, String> env,
      String... args) {
    StringWriter out = new StringWriter();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
    Connector recording = new Connector() {
      @Override
      FlowRunsClient createClient(Vendor vendor, Map<String, String> settings) {
        seen.set(Map.copyOf(settings));
        throw new IllegalStateException("recorded");
      }
    };
    CliContext ctx = new CliContext(new PrintWriter(out), errStream, env::get, () -> false,
        () -> false, () -> -1, recording);
    int status = FlowRunsCli.execute(ctx, args);
    return new Cli.Result(status, out.toString(), err.toString(StandardCharsets.UTF_8));
  }
}
