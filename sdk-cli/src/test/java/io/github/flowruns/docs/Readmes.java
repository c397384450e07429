package io.github.flowruns.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the repository's README files: their tables and their Java snippets. */
final class Readmes {
  private static final Pattern MARKER = Pattern.compile("^<!--\\s*compile:(.*?)-->\\s*$");

  private Readmes() {}

  /** The repository root: the nearest directory above the working directory with sdk-testing/README.md. */
  static Path root() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("README.md")) && Files.isRegularFile(p.resolve("sdk-testing/README.md"))) {
        return p;
      }
    }
    throw new IllegalStateException("no repository root above " + Path.of("").toAbsolutePath());
  }

  static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The rows of the first Markdown table whose header row starts with {@code headerStart}, header
   * included, each split into trimmed cells; the separator row is left out.
   */
  static List<List<String>> table(List<String> lines, String headerStart) {
    List<List<String>> rows = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (!lines.get(i).startsWith(headerStart)) {
        continue;
      }
      rows.add(cells(lines.get(i)));
      for (int j = i + 2; j < lines.size() && lines.get(j).startsWith("|"); j++) {
        rows.add(cells(lines.get(j)));
      }
      return rows;
    }
    throw new AssertionError("no table whose header starts with \"" + headerStart + "\"");
  }

  private static List<String> cells(String row) {
    String inner = row.strip();
    inner = inner.substring(1, inner.endsWith("|") ? inner.length() - 1 : inner.length());
    List<String> out = new ArrayList<>();
    for (String c : inner.split("\\|", -1)) {
      out.add(c.strip());
    }
    return out;
  }

  /**
   * A {@code java} code block of a README: its text, the line its code starts on, and what the
   * HTML comment on the line before it says ({@code <!-- compile: class; given: ... -->}).
   */
  record Snippet(Path file, int line, String code, boolean wholeClass, String given) {
    String where() {
      return root().relativize(file) + ":" + line;
    }
  }

  /** Every {@code java} code block of the file, in order. */
  static List<Snippet> javaSnippets(Path file) {
    List<String> lines = lines(file);
    List<Snippet> out = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (!lines.get(i).strip().equals("```java")) {
        continue;
      }
      boolean wholeClass = false;
      String given = "";
      Matcher m = i > 0 ? MARKER.matcher(lines.get(i - 1).strip()) : null;
      if (m != null && m.matches()) {
        String spec = m.group(1).strip();
        if (spec.startsWith("class")) {
          wholeClass = true;
          spec = spec.substring("class".length()).replaceFirst("^\\s*;\\s*", "");
        }
        if (spec.startsWith("given:")) {
          given = spec.substring("given:".length()).strip();
        }
      }
      StringBuilder code = new StringBuilder();
      int j = i + 1;
      for (; j < lines.size() && !lines.get(j).strip().equals("```"); j++) {
        code.append(lines.get(j)).append('\n');
      }
      out.add(new Snippet(file, i + 2, code.toString(), wholeClass, given));
      i = j;
    }
    return out;
  }
}
