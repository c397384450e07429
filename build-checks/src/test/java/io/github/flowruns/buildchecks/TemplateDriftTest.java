package io.github.flowruns.buildchecks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Fails when a template override in {@code templates/java} has drifted from the upstream template
 * it replaces. Beside each override {@code X.mustache} lies {@code X.mustache.patch}: a unified
 * diff from the pinned generator's own template to ours, headed by that template's path in the
 * generator jar and its SHA-256. For each override this test reads the generator's template from
 * the openapi-generator jar on the class path (the version the build generates with) and checks
 * that (1) it is still the recorded upstream base, and (2) the base plus the patch gives the
 * override byte for byte. A generator upgrade therefore fails here until every override is
 * re-derived ({@code templates/record-patches.sh}, see CONTRIBUTING.md).
 *
 * <pre>{@code ./mvnw -B -o test -pl build-checks -Dtest=TemplateDriftTest}</pre>
 */
class TemplateDriftTest {
  private static final Path TEMPLATES = Path.of(System.getProperty("flowruns.templates.dir", "../templates"));
  private static final Path OVERRIDES = TEMPLATES.resolve("java");

  @Test
  void everyOverrideHasItsRecordedPatchAndEveryPatchItsOverride() throws IOException {
    List<Path> overrides = files(".mustache");
    assertFalse(overrides.isEmpty(), "no override found under " + OVERRIDES.toAbsolutePath());
    for (Path override : overrides) {
      assertTrue(Files.exists(patchOf(override)),
          override + " has no " + patchOf(override).getFileName() + ": record the upstream it derives from");
    }
    for (Path patch : files(".mustache.patch")) {
      Path override = Path.of(patch.toString().substring(0, patch.toString().length() - ".patch".length()));
      assertTrue(Files.exists(override), patch + " records an override that no longer exists: delete it");
    }
  }

  @TestFactory
  Stream<DynamicTest> eachOverrideStillDerivesFromThePinnedGeneratorTemplate() throws IOException {
    return files(".mustache").stream().map(override -> DynamicTest.dynamicTest(
        OVERRIDES.relativize(override).toString(), () -> checkOverride(override)));
  }

  private static void checkOverride(Path override) throws IOException {
    Patch patch = Patch.parse(Files.readString(patchOf(override), StandardCharsets.UTF_8));
    String upstream = upstreamTemplate(patch.upstreamPath);
    assertEquals(patch.upstreamSha256, sha256(upstream),
        "The generator's " + patch.upstreamPath + " (openapi-generator "
            + System.getProperty("flowruns.generator.version", "?")
            + ") is not the upstream text " + override.getFileName()
            + " was derived from: re-derive the override from the new upstream template and record it"
            + " again with templates/record-patches.sh");
    assertEquals(Files.readString(override, StandardCharsets.UTF_8), patch.applyTo(upstream),
        override + " differs from its upstream plus " + patchOf(override).getFileName()
            + ": record the change with templates/record-patches.sh");
  }

  /** The generator's built-in template, read from the openapi-generator jar on the class path. */
  private static String upstreamTemplate(String path) throws IOException {
    try (InputStream in = TemplateDriftTest.class.getClassLoader().getResourceAsStream(path)) {
      assertNotNull(in, "the pinned generator has no template " + path + ": the override replaces nothing");
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static List<Path> files(String suffix) throws IOException {
    try (Stream<Path> walk = Files.walk(OVERRIDES)) {
      return walk.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().collect(Collectors.toList());
    }
  }

  private static Path patchOf(Path override) {
    return override.resolveSibling(override.getFileName() + ".patch");
  }

  private static void assertTrue(boolean condition, String message) {
    org.junit.jupiter.api.Assertions.assertTrue(condition, message);
  }

  static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A unified diff (as {@code diff -u} writes it) with a two-line header naming its base. */
  static final class Patch {
    final String upstreamPath;
    final String upstreamSha256;
    private final List<String> lines;

    private Patch(String upstreamPath, String upstreamSha256, List<String> lines) {
      this.upstreamPath = upstreamPath;
      this.upstreamSha256 = upstreamSha256;
      this.lines = lines;
    }

    static Patch parse(String text) {
      List<String> lines = text.lines().collect(Collectors.toList());
      String path = header(lines, "# upstream: ");
      String sha = header(lines, "# sha256: ");
      return new Patch(path, sha, lines);
    }

    private static String header(List<String> lines, String prefix) {
      return lines.stream().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length()).trim())
          .findFirst().orElseThrow(() -> new IllegalArgumentException("patch header has no '" + prefix + "'"));
    }

    /** Applies the hunks exactly (no fuzz, no offset): any mismatch means drift. */
    String applyTo(String base) {
      List<String> in = splitKeepingNewlines(base);
      List<String> out = new ArrayList<>();
      int next = 0;
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i);
        if (!line.startsWith("@@ ")) {
          continue;
        }
        String[] ranges = line.split(" ");
        int oldStart = Integer.parseInt(ranges[1].substring(1).split(",")[0]);
        int start = Math.max(oldStart - 1, 0);
        if (ranges[1].endsWith(",0")) {
          start = oldStart; // an empty old range names the line after which to insert
        }
        while (next < start) {
          out.add(in.get(next++));
        }
        for (i = i + 1; i < lines.size() && !lines.get(i).startsWith("@@ "); i++) {
          String hunkLine = lines.get(i);
          if (hunkLine.startsWith("\\")) {
            continue;
          }
          boolean noNewline = i + 1 < lines.size() && lines.get(i + 1).startsWith("\\");
          char op = hunkLine.isEmpty() ? ' ' : hunkLine.charAt(0);
          String content = (hunkLine.isEmpty() ? "" : hunkLine.substring(1)) + (noNewline ? "" : "\n");
          if (op == '+') {
            out.add(content);
          } else if (op == ' ' || op == '-') {
            if (next >= in.size() || !in.get(next).equals(content)) {
              throw new AssertionError("patch does not apply at upstream line " + (next + 1) + ": expected "
                  + content.strip() + " but found " + (next < in.size() ? in.get(next).strip() : "end of file"));
            }
            next++;
            if (op == ' ') {
              out.add(content);
            }
          } else {
            throw new IllegalArgumentException("not a hunk line: " + hunkLine);
          }
        }
        i--;
      }
      while (next < in.size()) {
        out.add(in.get(next++));
      }
      return String.join("", out);
    }

    private static List<String> splitKeepingNewlines(String text) {
      List<String> result = new ArrayList<>();
      int from = 0;
      while (from < text.length()) {
        int nl = text.indexOf('\n', from);
        int end = nl < 0 ? text.length() : nl + 1;
        result.add(text.substring(from, end));
        from = end;
      }
      return result;
    }
  }
}
