package io.github.flowruns.cli;

import static io.github.flowruns.cli.UsageTest.assertUsageError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code flowruns completion bash|zsh}: picocli's script for the whole command tree. */
class CompletionTest {

  @ParameterizedTest
  @ValueSource(strings = {"bash", "zsh"})
  void theScriptCompletesEveryCommandAndTheVendorsOptions(String shell) {
    Cli.Result r = Cli.run("completion", shell);
    assertEquals(0, r.status, r.toString());
    for (String word : new String[] {"runs", "simulator", "profiles", "completion", "list",
        "export", "watch", "--vendor", "--profile", "--allow-insecure-http", "--project-id",
        "--org-id", "--color"}) {
      assertTrue(r.out.contains(word), word);
    }
    for (String vendor : Sims.VENDORS) {
      assertTrue(r.out.contains(vendor), vendor);
    }
    assertTrue(r.out.contains("bashcompinit"), "zsh loads bashcompinit from the same script");
  }

  @Test
  void anotherShellIsAUsageError() {
    assertUsageError(Cli.run("completion", "fish"), "expected bash or zsh");
  }

  @Test
  void bashSourcesTheScriptAndRegistersFlowruns(@TempDir Path dir) throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/bin/bash")) || Files.isExecutable(Path.of("/usr/bin/bash")),
        "bash");
    Path script = dir.resolve("flowruns.bash");
    Files.writeString(script, Cli.run("completion", "bash").out);
    Process p = new ProcessBuilder("bash", "--norc", "--noprofile", "-c",
        "source \"$1\" && complete -p flowruns", "bash", script.toString())
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), out);
    assertTrue(out.contains("complete") && out.trim().endsWith("flowruns"), out);
  }
}
