package io.github.flowruns.buildchecks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Writes the template directory the generator reads: each full override
 * ({@code templates/java/**}/{@code X.mustache}) as it is, and each patch-only override (an
 * {@code X.mustache.patch} with no {@code X.mustache}: a big upstream template of which we change
 * a few lines, such as {@code ApiClient.mustache}) as the pinned generator's own template plus the
 * patch. Fails the build if that upstream template is not the recorded base (a generator upgrade)
 * or the patch does not apply. Run by sdk-vendor-parent (exec:java, phase initialize).
 *
 * <pre>{@code java io.github.flowruns.buildchecks.MaterializeTemplates ../templates/java target/templates/java}</pre>
 */
public final class MaterializeTemplates {
  private MaterializeTemplates() {}

  /**
   * Materializes the templates.
   *
   * @param args the overrides directory ({@code templates/java}) and the output directory
   * @throws IOException if a file cannot be read or written
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      throw new IllegalArgumentException("usage: MaterializeTemplates <templates/java> <output dir>");
    }
    Path source = Path.of(args[0]);
    Path target = Path.of(args[1]);
    // Start empty: an override deleted from templates/ must not linger in the generator's input.
    if (Files.exists(target)) {
      try (Stream<Path> old = Files.walk(target)) {
        for (Path p : old.sorted(java.util.Comparator.reverseOrder()).collect(Collectors.toList())) {
          Files.delete(p);
        }
      }
    }
    for (Path file : files(source)) {
      String name = file.getFileName().toString();
      Path out = target.resolve(source.relativize(file).toString());
      if (name.endsWith(".mustache")) {
        write(out, Files.readString(file, StandardCharsets.UTF_8));
      } else if (name.endsWith(".mustache.patch") && !Files.exists(withoutPatchSuffix(file))) {
        write(withoutPatchSuffix(out), apply(file));
      }
    }
  }

  /**
   * The template a patch-only override stands for: the pinned upstream plus the patch.
   *
   * @param patchFile the {@code X.mustache.patch}
   * @return the template text
   * @throws IOException if the patch cannot be read
   * @throws IllegalStateException if the upstream moved or the patch does not apply
   */
  public static String apply(Path patchFile) throws IOException {
    TemplatePatch patch = TemplatePatch.parse(Files.readString(patchFile, StandardCharsets.UTF_8));
    String upstream = TemplatePatch.upstream(patch.upstreamPath());
    if (upstream == null) {
      throw new IllegalStateException("the pinned openapi-generator has no " + patch.upstreamPath()
          + ", which " + patchFile + " patches");
    }
    if (!TemplatePatch.sha256(upstream).equals(patch.upstreamSha256())) {
      throw new IllegalStateException("the pinned openapi-generator's " + patch.upstreamPath()
          + " is not the upstream " + patchFile.getFileName() + " was recorded against: re-derive it"
          + " (templates/record-patches.sh, CONTRIBUTING.md)");
    }
    return patch.applyTo(upstream);
  }

  static Path withoutPatchSuffix(Path patchFile) {
    String name = patchFile.getFileName().toString();
    return patchFile.resolveSibling(name.substring(0, name.length() - ".patch".length()));
  }

  private static List<Path> files(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
    }
  }

  private static void write(Path out, String text) throws IOException {
    Files.createDirectories(out.getParent());
    Files.writeString(out, text, StandardCharsets.UTF_8);
  }
}
