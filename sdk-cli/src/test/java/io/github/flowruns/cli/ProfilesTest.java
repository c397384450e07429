package io.github.flowruns.cli;

import static io.github.flowruns.cli.UsageTest.assertUsageError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.flowruns.testing.VendorSimulator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --profile NAME} and {@code flowruns profiles}: named connections from config.toml. */
class ProfilesTest {
  @TempDir
  Path dir;

  Path config(String toml) throws Exception {
    Path file = dir.resolve("config.toml");
    Files.writeString(file, toml);
    if (Files.getFileAttributeView(file, java.nio.file.attribute.PosixFileAttributeView.class)
        != null) {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }
    return file;
  }

  Map<String, String> env(Path file, String... more) {
    Map<String, String> env = new HashMap<>();
    env.put("FLOWRUNS_CONFIG", file.toString());
    for (int i = 0; i < more.length; i += 2) {
      env.put(more[i], more[i + 1]);
    }
    return env;
  }

  static String profile(String name, VendorSimulator sim, String keyLine) {
    StringBuilder sb = new StringBuilder("[profiles." + name + "]\n");
    sb.append("vendor = \"").append(Sims.vendorOf(sim)).append("\"\n");
    sb.append("base-url = \"").append(sim.baseUrl()).append("\"\n");
    sb.append(keyLine).append('\n');
    for (Map.Entry<String, String> e : EmbeddedSimulator.of(sim).clientSettings().entrySet()) {
      if (e.getKey().equals("projectId")) {
        sb.append("project-id = \"").append(e.getValue()).append("\"\n");
      }
    }
    return sb.toString();
  }

  @Test
  void aProfileConnectsWithTheKeyFromTheVariableItNames() throws Exception {
    try (VendorSimulator sim = Sims.start("activepieces", 12)) {
      Path file = config(profile("shop", sim, "api-key-env = \"SHOP_KEY\""));
      Cli.Result r = Cli.run(env(file, "SHOP_KEY", sim.apiKey()), false,
          "runs", "list", "--profile", "shop", "--format", "jsonl");
      assertEquals(0, r.status, r.toString());
      assertEquals(12, r.outLines().size());
      assertFalse(r.err.contains("simulator at"), "not the embedded simulator: " + r.err);
    }
  }

  @Test
  void aProfileConnectsWithTheKeyACommandPrints() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/bin/echo")), "/bin/echo");
    try (VendorSimulator sim = Sims.start("activepieces", 7)) {
      Path file = config(profile("shop", sim,
          "api-key-command = \"/bin/echo '" + sim.apiKey() + "'\""));
      Cli.Result r = Cli.run(env(file), false, "runs", "list", "--profile", "shop",
          "--format", "jsonl");
      assertEquals(0, r.status, r.toString());
      assertEquals(7, r.outLines().size());
      assertFalse(r.err.contains(sim.apiKey()), "the command's output is never printed");
    }
  }

  @Test
  void commandLineOptionsOverrideTheProfile() throws Exception {
    try (VendorSimulator sim = Sims.start("activepieces", 3)) {
      Path file = config(profile("shop", sim, "api-key-env = \"SHOP_KEY\"")
          .replace(sim.baseUrl(), "https://nowhere.invalid"));
      Cli.Result r = Cli.run(env(file, "SHOP_KEY", "not-the-key"), false,
          "runs", "list", "--profile", "shop", "--format", "jsonl",
          "--base-url", sim.baseUrl(), "--api-key", sim.apiKey());
      assertEquals(0, r.status, r.toString());
      assertEquals(3, r.outLines().size());
    }
  }

  @Test
  void profilesListsNameVendorBaseUrlAndWhereTheKeyComesFromNeverTheKey() throws Exception {
    Path file = config("""
        # two accounts
        [profiles.shop]
        vendor = "activepieces"
        project-id = "p1"
        api-key-env = "SHOP_KEY"

        [profiles.pw]
        vendor = "patchworks"
        base-url = "https://pw.example.com"
        username = "me@example.com"
        password-env = "PW_PASSWORD"

        [profiles.ops]
        vendor = "flowstack"
        api-key-command = "pass show flowruns/ops"
        """);
    Cli.Result r = Cli.run(env(file, "SHOP_KEY", "secret-value-1"), false, "profiles");
    assertEquals(0, r.status, r.toString());
    List<String> lines = r.outLines();
    assertEquals(4, lines.size(), r.out);
    assertTrue(lines.get(0).matches("NAME +VENDOR +BASE URL +KEY"), lines.get(0));
    assertTrue(lines.get(1).matches("shop +activepieces +https://cloud.activepieces.com/api +env "
        + "SHOP_KEY"), lines.get(1));
    assertTrue(lines.get(2).matches("pw +patchworks +https://pw.example.com +login "
        + "me@example.com, password env PW_PASSWORD"), lines.get(2));
    assertTrue(lines.get(3).matches("ops +flowstack +\\S+ +command: pass show flowruns/ops"),
        lines.get(3));
    assertFalse(r.out.contains("secret-value-1"));
  }

  @Test
  void anUnknownKeyIsAnErrorNamingTheKeyAndItsLine() throws Exception {
    Path file = config("""
        [profiles.shop]
        vendor = "activepieces"
        projet-id = "p1"
        """);
    assertUsageError(Cli.run(env(file), false, "profiles"),
        file + ":3: unknown key 'projet-id' in profile 'shop'");
    Path other = config("""
        [profiles.shop]
        vendor = "activepieces"
        org-id = "o1"
        """);
    assertUsageError(Cli.run(env(other), false, "runs", "list", "--profile", "shop"),
        ":3: org-id is for stackai, not activepieces");
    Path top = config("""
        colour = "always"
        [profiles.shop]
        vendor = "activepieces"
        """);
    assertUsageError(Cli.run(env(top), false, "profiles"), ":1: unknown key 'colour'");
  }

  @Test
  void aKeyInClearIsRefused() throws Exception {
    Path file = config("""
        [profiles.shop]
        vendor = "flowstack"
        api-key = "fs_live_abcdef123456"
        """);
    Cli.Result r = Cli.run(env(file), false, "runs", "list", "--profile", "shop");
    assertUsageError(r, ":3: profile 'shop' holds api-key in clear");
    assertTrue(r.err.contains("api-key-env") && r.err.contains("api-key-command"), r.err);
    assertFalse(r.err.contains("fs_live_abcdef123456"), "the key is not repeated");
  }

  @Test
  void aFileOthersCanChangeMustNotRunCommands() throws Exception {
    Path file = config("""
        [profiles.ops]
        vendor = "flowstack"
        api-key-command = "pass show ops"
        """);
    assumeTrue(Files.getFileAttributeView(file,
        java.nio.file.attribute.PosixFileAttributeView.class) != null, "POSIX modes");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-r--"));
    assertUsageError(Cli.run(env(file), false, "profiles"), "chmod go-w");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    assertEquals(0, Cli.run(env(file), false, "profiles").status, "readable is fine: no secret");
  }

  @Test
  void anUnsetOrEmptyKeyVariableOfAProfileIsAUsageErrorNamingIt() throws Exception {
    Path file = config("""
        [profiles.ops]
        vendor = "flowstack"
        api-key-env = "OPS_KEY"
        """);
    assertUsageError(Cli.run(env(file), false, "runs", "list", "--profile", "ops"),
        "OPS_KEY (api-key-env of profile 'ops') is not set");
    assertUsageError(Cli.run(env(file, "OPS_KEY", ""), false, "runs", "list", "--profile",
        "ops"), "OPS_KEY (api-key-env of profile 'ops') is empty");
  }

  @Test
  void unknownProfilesMismatchedVendorsAndMissingFilesAreUsageErrors() throws Exception {
    Path file = config("[profiles.ops]\nvendor = \"flowstack\"\n");
    assertUsageError(Cli.run(env(file), false, "runs", "list", "--profile", "nope"),
        "no profile 'nope' in " + file + "; it has ops");
    assertUsageError(Cli.run(env(file), false, "runs", "list", "--profile", "ops", "--vendor",
        "activepieces"), "does not match profile 'ops'");
    assertUsageError(Cli.run(env(dir.resolve("missing.toml")), false, "profiles"),
        "no config file");
    assertUsageError(Cli.run(env(config("[profiles.x\nvendor=1")), false, "profiles"),
        "not valid TOML");
  }

  @Test
  void theFileIsFoundUnderXdgConfigHome() throws Exception {
    Path xdg = dir.resolve("xdg");
    Files.createDirectories(xdg.resolve("flowruns"));
    Files.writeString(xdg.resolve("flowruns/config.toml"), "[profiles.demo]\nvendor = \"n8n\"\n");
    StringWriter out = new StringWriter();
    CliContext ctx = CliContext.of(new PrintWriter(out),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        Map.of("XDG_CONFIG_HOME", xdg.toString()), false);
    assertEquals(xdg.resolve("flowruns/config.toml"), Profiles.path(ctx));
    assertEquals(List.of("demo"), List.copyOf(Profiles.load(ctx).all().keySet()));
  }

  @Test
  void keyCommandsSplitIntoWordsWithoutAShell() {
    assertEquals(List.of("pass", "show", "flow runs/x", "a\"b", "$HOME"),
        KeyCommand.words("pass show 'flow runs/x' \"a\\\"b\" $HOME", "test"));
  }
}
