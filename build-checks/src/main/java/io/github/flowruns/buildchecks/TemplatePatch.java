package io.github.flowruns.buildchecks;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A template override recorded as a patch: {@code X.mustache.patch} beside the override, a unified
 * diff (as {@code diff -u} writes it) from the generator's own template to ours, headed by
 * {@code # upstream: <path in the generator jar>} and {@code # sha256: <of that upstream text>}.
 * Written by {@code templates/record-patches.sh}; read by {@link MaterializeTemplates} and by
 * {@code TemplateDriftTest}.
 *
 * <pre>{@code
 * TemplatePatch patch = TemplatePatch.parse(Files.readString(patchFile));
 * String ours = patch.applyTo(TemplatePatch.upstream(patch.upstreamPath()));
 * }</pre>
 */
public final class TemplatePatch {
  private final String upstreamPath;
  private final String upstreamSha256;
  private final List<String> lines;

  private TemplatePatch(String upstreamPath, String upstreamSha256, List<String> lines) {
    this.upstreamPath = upstreamPath;
    this.upstreamSha256 = upstreamSha256;
    this.lines = lines;
  }

  /**
   * Reads a recorded patch.
   *
   * @param text the patch file's content
   * @return the patch
   * @throws IllegalArgumentException if the header lacks the upstream path or its SHA-256
   */
  public static TemplatePatch parse(String text) {
    List<String> lines = text.lines().collect(Collectors.toList());
    return new TemplatePatch(header(lines, "# upstream: "), header(lines, "# sha256: "), lines);
  }

  /**
   * The upstream template's path in the generator jar, e.g. {@code Java/libraries/okhttp-gson/ApiClient.mustache}.
   *
   * @return the path
   */
  public String upstreamPath() {
    return upstreamPath;
  }

  /**
   * The SHA-256 (hex) of the upstream text the override was derived from.
   *
   * @return the recorded hash
   */
  public String upstreamSha256() {
    return upstreamSha256;
  }

  /**
   * The generator's built-in template, read from the openapi-generator jar on the class path.
   *
   * @param path its path in the jar
   * @return its text, or null if the generator has no such template
   * @throws IOException if it cannot be read
   */
  public static String upstream(String path) throws IOException {
    try (InputStream in = TemplatePatch.class.getClassLoader().getResourceAsStream(path)) {
      return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /**
   * The SHA-256 of a text's UTF-8 bytes, in lower-case hex.
   *
   * @param text the text
   * @return its hash
   */
  public static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Applies the hunks exactly, with no fuzz and no offset: on another base any mismatch is drift.
   *
   * @param base the upstream text
   * @return our template
   * @throws IllegalStateException if a hunk does not match the base
   */
  public String applyTo(String base) {
    List<String> in = splitKeepingNewlines(base);
    List<String> out = new ArrayList<>();
    int next = 0;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (!line.startsWith("@@ ")) {
        continue;
      }
      String oldRange = line.split(" ")[1];
      int oldStart = Integer.parseInt(oldRange.substring(1).split(",")[0]);
      // An empty old range ("-12,0") names the line after which the hunk inserts.
      int start = oldRange.endsWith(",0") ? oldStart : Math.max(oldStart - 1, 0);
      while (next < start) {
        out.add(in.get(next++));
      }
      for (i = i + 1; i < lines.size() && !lines.get(i).startsWith("@@ "); i++) {
        String hunkLine = lines.get(i);
        if (hunkLine.startsWith("\\")) {
          continue; // "\ No newline at end of file", handled with the line before it
        }
        boolean noNewline = i + 1 < lines.size() && lines.get(i + 1).startsWith("\\");
        char op = hunkLine.isEmpty() ? ' ' : hunkLine.charAt(0);
        String content = (hunkLine.isEmpty() ? "" : hunkLine.substring(1)) + (noNewline ? "" : "\n");
        if (op == '+') {
          out.add(content);
        } else if (op == ' ' || op == '-') {
          if (next >= in.size() || !in.get(next).equals(content)) {
            throw new IllegalStateException("the patch of " + upstreamPath + " does not apply at upstream line "
                + (next + 1) + ": expected '" + content.strip() + "', found '"
                + (next < in.size() ? in.get(next).strip() : "end of file") + "'");
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

  private static String header(List<String> lines, String prefix) {
    return lines.stream().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length()).trim())
        .findFirst().orElseThrow(() -> new IllegalArgumentException("patch header has no '" + prefix + "'"));
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
