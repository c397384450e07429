package io.github.flowruns.buildchecks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Fails when a template override in {@code templates/java} has drifted from the upstream template
 * it replaces. Beside each override is {@code X.mustache.patch} (see {@link TemplatePatch}): the
 * upstream template's path and SHA-256, and our change. For each one this test reads the
 * generator's own template from the openapi-generator jar on the class path (the version the
 * build generates with, {@code openapi-generator.version}) and checks that it is still the
 * recorded base and that the patch applies to it; for a full override ({@code X.mustache} kept in
 * the tree) also that base + patch is that file byte for byte. A generator upgrade therefore fails
 * here until every override is re-derived and recorded again ({@code templates/record-patches.sh}).
 *
 * <pre>{@code ./mvnw -B -o test -pl build-checks -Dtest=TemplateDriftTest}</pre>
 */
class TemplateDriftTest {
  private static final Path OVERRIDES =
      Path.of(System.getProperty("flowruns.templates.dir", "../templates")).resolve("java");

  @Test
  void everyOverrideHasItsRecordedPatch() throws IOException {
    List<Path> overrides = files(".mustache");
    assertFalse(files(".mustache.patch").isEmpty(), "no override found under " + OVERRIDES.toAbsolutePath());
    for (Path override : overrides) {
      assertTrue(Files.exists(patchOf(override)),
          override + " has no " + patchOf(override).getFileName() + ": record the upstream it derives from");
    }
  }

  @TestFactory
  Stream<DynamicTest> eachOverrideStillDerivesFromThePinnedGeneratorTemplate() throws IOException {
    return files(".mustache.patch").stream().map(patchFile -> DynamicTest.dynamicTest(
        OVERRIDES.relativize(patchFile).toString(), () -> checkPatch(patchFile)));
  }

  private static void checkPatch(Path patchFile) throws IOException {
    TemplatePatch patch = TemplatePatch.parse(Files.readString(patchFile, StandardCharsets.UTF_8));
    String upstream = TemplatePatch.upstream(patch.upstreamPath());
    assertNotNull(upstream, "the pinned generator has no template " + patch.upstreamPath()
        + ": the override replaces nothing");
    assertEquals(patch.upstreamSha256(), TemplatePatch.sha256(upstream),
        "The generator's " + patch.upstreamPath() + " (openapi-generator "
            + System.getProperty("flowruns.generator.version", "?")
            + ") is not the upstream text " + patchFile.getFileName() + " was derived from:"
            + " re-derive the override from the new upstream template and record it again with"
            + " templates/record-patches.sh");
    String ours = patch.applyTo(upstream);
    Path override = MaterializeTemplates.withoutPatchSuffix(patchFile);
    if (Files.exists(override)) {
      assertEquals(Files.readString(override, StandardCharsets.UTF_8), ours,
          override + " differs from its upstream plus " + patchFile.getFileName()
              + ": record the change with templates/record-patches.sh");
    }
  }

  @Test
  void aPatchThatNoLongerAppliesIsReported() {
    TemplatePatch patch = TemplatePatch.parse("# upstream: X.mustache\n# sha256: 0\n"
        + "--- a\n+++ b\n@@ -1,2 +1,2 @@\n a\n-b\n+c\n");
    assertEquals("a\nc\n", patch.applyTo("a\nb\n"));
    IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
        () -> patch.applyTo("a\nB\n"));
    assertTrue(e.getMessage().contains("does not apply at upstream line 2"), e.getMessage());
  }

  private static List<Path> files(String suffix) throws IOException {
    try (Stream<Path> walk = Files.walk(OVERRIDES)) {
      return walk.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().collect(Collectors.toList());
    }
  }

  private static Path patchOf(Path override) {
    return override.resolveSibling(override.getFileName() + ".patch");
  }
}
