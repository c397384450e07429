package io.github.flowruns.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.flowruns.testing.PatchworksSimulator;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code --username} with {@code --password-env}: a Patchworks login, the password never shown. */
class PatchworksLoginTest {

  @Test
  void logsInWithThePasswordFromTheNamedVariable() {
    try (PatchworksSimulator sim = PatchworksSimulator.builder().runs(30).build().start()) {
      Cli.Result r = Cli.run(Map.of("PW", sim.password(), "FLOWRUNS_API_KEY", "ignored-for-login"),
          false, "runs", "list", "--vendor", "patchworks", "--base-url", sim.baseUrl(),
          "--login-url", sim.loginBaseUrl(), "--username", sim.username(), "--password-env", "PW",
          "--limit", "4", "--format", "jsonl");
      assertEquals(0, r.status, r.toString());
      assertEquals(4, r.outLines().size());
      assertEquals("", r.err);
    }
  }

  @Test
  void aWrongPasswordExitsOneWithoutShowingIt() {
    try (PatchworksSimulator sim = PatchworksSimulator.builder().runs(10).build().start()) {
      Cli.Result r = Cli.run(Map.of("PW", "wrong-password-xyz"), false, "runs", "list",
          "--vendor", "patchworks", "--base-url", sim.baseUrl(), "--login-url", sim.loginBaseUrl(),
          "--username", sim.username(), "--password-env", "PW", "--debug");
      assertEquals(1, r.status, r.toString());
      assertTrue(r.err.startsWith("flowruns: Patchworks "), r.err);
      assertTrue(r.err.contains("HTTP 401") || r.err.contains("HTTP 422"), r.err);
      assertFalse(r.err.contains("wrong-password-xyz"), "not even with --debug");
      assertFalse(r.err.contains("--api-key"), "a refused login is not about a key: " + r.err);
      if (r.err.contains("HTTP 401")) {
        assertTrue(r.err.contains("the login was refused"), r.err);
      }
    }
  }

  @Test
  void anApiKeyAndALoginTogetherAreAUsageError() {
    Cli.Result r = Cli.run(Map.of("PW", "x"), false, "runs", "list", "--vendor", "patchworks",
        "--api-key", "k-123456", "--username", "me", "--password-env", "PW");
    UsageTest.assertUsageError(r, "give --api-key or --username, not both");
  }
}
