package io.github.flowruns.testsupport;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scans log lines for secrets: any string of the {@link SecretCatalog}, and anything shaped like a
 * credential that was not masked (an {@code Authorization} value, a {@code Bearer} token, a JSON
 * {@code "password"}/{@code "token"}/{@code "api_key"} member, a {@code token=} query parameter).
 *
 * <p>Each module's suite ends with a test class extending {@link LogLeakAuditTestBase}.
 */
public final class LogLeakAudit {
  private static final String MASKED = "(?:\\[redacted\\]|%5Bredacted%5D|\\*{3,}|<redacted>|REDACTED)";
  private static final List<Pattern> SHAPES = List.of(
      Pattern.compile("(?i)authorization\"?\\s*[:=]\\s*\"?(?!" + MASKED + ")(?!null\\b)[^\\s\",}]{4,}"),
      Pattern.compile("(?i)\\bbearer\\s+(?!" + MASKED + ")[A-Za-z0-9._~+/=-]{8,}"),
      Pattern.compile("(?i)\"(?:password|passwd|token|access_token|api_?key|secret)\"\\s*:\\s*\"(?!" + MASKED + ")[^\"]+\""),
      Pattern.compile("(?i)[?&](?:token|access_token|api_?key|password|secret)=(?!" + MASKED + ")[^&\\s]+"));

  private LogLeakAudit() {}

  /**
   * The leaks in some lines.
   *
   * @param lines what was logged
   * @param secrets the exact secrets to look for
   * @return one description per leak, empty if none
   */
  public static List<String> leaks(Collection<String> lines, Collection<String> secrets) {
    List<String> found = new ArrayList<>();
    for (String line : lines) {
      for (String secret : secrets) {
        if (line.contains(secret)) {
          found.add("secret " + mask(secret) + " in: " + excerpt(line.replace(secret, mask(secret))));
        }
      }
      for (Pattern shape : SHAPES) {
        Matcher m = shape.matcher(line);
        if (m.find()) {
          found.add("unmasked credential " + mask(m.group()) + " in: "
              + excerpt(line.replace(m.group(), mask(m.group()))));
        }
      }
    }
    return found;
  }

  private static String mask(String secret) {
    return secret.length() <= 4 ? "****" : secret.substring(0, 3) + "…(" + secret.length() + " chars)";
  }

  private static String excerpt(String line) {
    String oneLine = line.replace('\n', ' ');
    return oneLine.length() > 300 ? oneLine.substring(0, 300) + "…" : oneLine;
  }
}
