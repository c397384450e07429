package io.github.flowruns.internal;

import io.github.flowruns.FlowRunsClients;
import io.github.flowruns.spi.VendorDescriptor;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.Headers;
import okhttp3.HttpUrl;

/**
 * Removes secrets from header maps, URLs and free text (JSON bodies, messages) before they reach
 * an exception, a log line or a listener. Not API.
 *
 * <pre>{@code
 * String safe = Redaction.redactText(body);            // "password": "[redacted]"
 * String url = Redaction.redactUrl(request.url());     // ?api_key=[redacted]
 * }</pre>
 */
public final class Redaction {
  /** What a removed secret is replaced with. */
  public static final String MASK = "[redacted]";

  private static final Pattern JSON_STRING_MEMBER =
      Pattern.compile("\"([A-Za-z0-9_.\\-]{1,64})\"(\\s*+:\\s*+)\"((?:[^\"\\\\]++|\\\\.)*+)\"");
  // A sensitive member cut off by truncation: its value runs to the end of the text.
  private static final Pattern DANGLING_JSON_MEMBER =
      Pattern.compile("\"([A-Za-z0-9_.\\-]{1,64})\"\\s*+:\\s*+\"([^\"]*+)$");
  /** Only this much of a text is examined; excerpts are far shorter. */
  private static final int MAX_TEXT = 64 * 1024;
  private static final Pattern FORM_PARAM = Pattern.compile(
      "(?i)([?&;\\s,]|^)((?:[a-z0-9_\\-]*token|api[_-]?key|apikey|key|password|passwd|secret|client_secret|signature|sig)=)([^&\\s\"',;]+)");
  private static final Pattern AUTH_SCHEME =
      Pattern.compile("(?i)\\b(bearer|basic)(\\s+)[A-Za-z0-9._~+/=\\-]{4,}");
  private static final Pattern HEADER_LINE = Pattern.compile(
      "(?i)\\b((?:proxy-)?authorization|x-api-key|api-key|cookie|set-cookie)(\\s*+:\\s*+)([^\\r\\n]+)");
  private static final Pattern JWT =
      Pattern.compile("\\beyJ[A-Za-z0-9_\\-]{5,}\\.[A-Za-z0-9_\\-]{5,}\\.[A-Za-z0-9_\\-]*");
  /** Loaded on first use: the vendors' credential shapes come from their descriptors. */
  private static final class KeyShapes {
    static final Pattern PATTERN = compile();

    private static Pattern compile() {
      Set<String> shapes = new LinkedHashSet<>();
      try {
        for (VendorDescriptor d : FlowRunsClients.descriptors()) {
          shapes.addAll(d.credentialShapes());
        }
      } catch (RuntimeException | ServiceConfigurationError e) {
        // A broken registration fails FlowRunsClients.create with its own message; redaction
        // keeps its generic patterns rather than failing the error path that called it.
      }
      if (shapes.isEmpty()) {
        return null;
      }
      return Pattern.compile("\\b(?:" + String.join("|", shapes) + ")");
    }
  }

  private Redaction() {}

  /**
   * Whether a header (or JSON field, or query parameter) name holds a secret.
   *
   * <pre>{@code Redaction.isSensitiveName("Authorization"); // true}</pre>
   *
   * @param name the name, any case
   * @return true for Authorization, Cookie, api keys, tokens, passwords and secrets
   */
  public static boolean isSensitiveName(String name) {
    if (name == null) {
      return false;
    }
    String n = name.toLowerCase(Locale.ROOT);
    return n.equals("authorization")
        || n.equals("proxy-authorization")
        || n.equals("cookie")
        || n.equals("set-cookie")
        || n.equals("key")
        || n.equals("signature")
        || n.endsWith("token")
        || n.endsWith("-token")
        || n.contains("password")
        || n.contains("passwd")
        || n.contains("secret")
        || n.contains("apikey")
        || n.contains("api_key")
        || n.contains("api-key")
        || n.contains("credential")
        || n.contains("session");
  }

  /**
   * Headers as an ordered name to value map with sensitive values masked (repeated names joined
   * with {@code ", "}).
   *
   * <pre>{@code Redaction.redactHeaders(request.headers())}</pre>
   *
   * @param headers headers
   * @return a new map, safe to log
   */
  public static Map<String, String> redactHeaders(Headers headers) {
    Map<String, String> out = new LinkedHashMap<>();
    if (headers == null) {
      return out;
    }
    for (int i = 0; i < headers.size(); i++) {
      String name = headers.name(i);
      String value = isSensitiveName(name) ? MASK : headers.value(i);
      out.merge(name, value, (a, b) -> a + ", " + b);
    }
    return out;
  }

  /**
   * A header map with sensitive values masked; the order is kept.
   *
   * @param headers name to value
   * @return a new map, safe to log
   */
  public static Map<String, String> redactHeaders(Map<String, String> headers) {
    Map<String, String> out = new LinkedHashMap<>();
    if (headers != null) {
      headers.forEach((k, v) -> out.put(k, isSensitiveName(k) ? MASK : v));
    }
    return out;
  }

  /**
   * A URL with user info removed and sensitive query parameter values masked.
   *
   * <pre>{@code Redaction.redactUrl(HttpUrl.get("https://h/x?api_key=s")) // https://h/x?api_key=[redacted]}</pre>
   *
   * @param url the URL
   * @return the URL as text, safe to log
   */
  public static String redactUrl(HttpUrl url) {
    if (url == null) {
      return null;
    }
    HttpUrl.Builder b = url.newBuilder().username("").password("");
    for (String name : url.queryParameterNames()) {
      if (isSensitiveName(name)) {
        b.setQueryParameter(name, MASK);
      }
    }
    return b.build().toString();
  }

  /**
   * A URL given as text with secrets masked; falls back to {@link #redactText(String)} when the
   * text is not an http(s) URL.
   *
   * @param url the URL text
   * @return the redacted text
   */
  public static String redactUrl(String url) {
    if (url == null) {
      return null;
    }
    HttpUrl parsed = HttpUrl.parse(url);
    return parsed == null ? redactText(url) : redactUrl(parsed);
  }

  /**
   * Free text (a JSON or form body, an error message) with secrets masked: JSON string members
   * and form/query parameters whose name is sensitive, {@code Bearer}/{@code Basic} credentials,
   * {@code Authorization:} header lines, JWTs and known API key shapes.
   *
   * <pre>{@code Redaction.redactText("{\"token\":\"eyJ..\"}") // {"token":"[redacted]"}}</pre>
   *
   * @param text the text, may be null; only its first 64 KiB characters are kept
   * @return the redacted text, or null
   */
  public static String redactText(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String s = text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text;
    s = replaceJsonMembers(s);
    Matcher dangling = DANGLING_JSON_MEMBER.matcher(s);
    if (dangling.find() && isSensitiveName(dangling.group(1))) {
      s = s.substring(0, dangling.start(2)) + MASK;
    }
    s = HEADER_LINE.matcher(s).replaceAll("$1$2" + Matcher.quoteReplacement(MASK));
    s = FORM_PARAM.matcher(s).replaceAll("$1$2" + Matcher.quoteReplacement(MASK));
    s = AUTH_SCHEME.matcher(s).replaceAll("$1$2" + Matcher.quoteReplacement(MASK));
    s = JWT.matcher(s).replaceAll(Matcher.quoteReplacement(MASK));
    Pattern keyShapes = KeyShapes.PATTERN;
    if (keyShapes != null) {
      s = keyShapes.matcher(s).replaceAll(Matcher.quoteReplacement(MASK));
    }
    return s;
  }

  private static String replaceJsonMembers(String text) {
    Matcher m = JSON_STRING_MEMBER.matcher(text);
    StringBuilder sb = null;
    int last = 0;
    while (m.find()) {
      if (!isSensitiveName(m.group(1))) {
        continue;
      }
      if (sb == null) {
        sb = new StringBuilder(text.length());
      }
      sb.append(text, last, m.start(3)).append(MASK);
      last = m.end(3);
    }
    if (sb == null) {
      return text;
    }
    return sb.append(text, last, text.length()).toString();
  }

  /**
   * Redacts a body and cuts it to at most {@code maxBytes} UTF-8 bytes (ending with {@code "…"}
   * when cut), for exception excerpts.
   *
   * <pre>{@code Redaction.excerpt(body, 2048)}</pre>
   *
   * @param body the body, may be null
   * @param maxBytes the byte budget, at least 4
   * @return the excerpt, or null for a null body
   */
  public static String excerpt(String body, int maxBytes) {
    if (body == null) {
      return null;
    }
    String s = redactText(body);
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    if (bytes.length <= maxBytes) {
      return s;
    }
    String ellipsis = "…";
    int budget = maxBytes - ellipsis.getBytes(StandardCharsets.UTF_8).length;
    int end = 0;
    int used = 0;
    while (end < s.length()) {
      int cp = s.codePointAt(end);
      int len = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
      if (used + len > budget) {
        break;
      }
      used += len;
      end += Character.charCount(cp);
    }
    return s.substring(0, end) + ellipsis;
  }
}
