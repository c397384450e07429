package io.github.flowruns.testsupport;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.stream.Stream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.params.provider.Arguments;

/**
 * A hostile server for the secret tests of every vendor module: it takes whatever credential the
 * client sent ({@link Source}), encodes it ({@link Encoding}) and sends it back in one place of an
 * error response ({@link Place}), in the vendor's own error shape ({@link ErrorShape}). A login
 * request (a path ending in {@code /login}) is answered with {@link #loginToken} unless the source
 * is the login's password, which is then echoed by the login answer itself.
 *
 * <pre>{@code
 * CredentialEcho echo = new CredentialEcho(422, LARAVEL, Source.KEY, Place.FIELD_ERROR, Encoding.JSON_UNICODE_ALL);
 * server.setDispatcher(echo);
 * FlowRunsException e = assertThrows(FlowRunsException.class, () -> client.getRun("r-1"));
 * SecretAssert.assertNoneOf(e, List.of(API_KEY, echo.lastEcho()));
 * }</pre>
 */
public final class CredentialEcho extends Dispatcher {
  /** What is echoed. */
  public enum Source {
    /**
     * The whole {@code Authorization} header value, e.g. {@code Bearer <key>}, or a vendor's own
     * API-key header's ({@code X-N8N-API-KEY}).
     */
    AUTHORIZATION,
    /** The key or token alone (the header value without its scheme word). */
    KEY,
    /** The login's password, from the login request's JSON body. */
    PASSWORD,
    /** HTTP Basic: the Base64 of {@code username:password} of the login request. */
    BASIC
  }

  /** Where in the answer the credential is put. */
  public enum Place {
    /** The {@code X-Request-Id} header. */
    REQUEST_ID,
    /** The {@code Request-Id} header (read when there is no {@code X-Request-Id}). */
    REQUEST_ID_ALT,
    /** The vendor's error code. */
    ERROR_CODE,
    /** The vendor's message. */
    MESSAGE,
    /** A field error: as the field name and in its message. */
    FIELD_ERROR,
    /** A non-JSON error body (only the body excerpt can carry it). */
    BODY,
    /** A 200 whose body is not JSON: the parse error's excerpt. */
    SUCCESS_BODY
  }

  /** How the credential is encoded. */
  public enum Encoding {
    /** As it is (inside JSON, only {@code "} and {@code \} escaped). */
    RAW,
    /** JSON with {@code /} as {@code \/}. */
    JSON_SOLIDUS,
    /** JSON with {@code = / +} as {@code \u003d \/ \u002B}. */
    JSON_SOME,
    /** JSON with every character as {@code \}{@code uXXXX}. */
    JSON_UNICODE_ALL,
    /** Percent-encoded, every byte but the unreserved ones, upper-case hex. */
    PERCENT,
    /** Percent-encoded, every byte, lower-case hex. */
    PERCENT_ALL,
    /** Form encoding ({@link URLEncoder}: space as {@code +}). */
    FORM,
    /** Standard Base64, padded. */
    BASE64,
    /** URL-safe Base64, unpadded. */
    BASE64_URL
  }

  /** Renders a vendor's error body; every argument is already a JSON string's content. */
  @FunctionalInterface
  public interface ErrorShape {
    /**
     * @param code the error code
     * @param message the message
     * @param field a field name
     * @param fieldMessage that field's message
     * @return the JSON body
     */
    String body(String code, String message, String field, String fieldMessage);
  }

  private static final Pattern JSON_MEMBER =
      Pattern.compile("\"(username|email|password)\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

  private final int status;
  private final ErrorShape shape;
  private final Source source;
  private final Place place;
  private final Encoding encoding;
  private final String loginToken;
  private volatile String lastEcho;

  /**
   * @param status the error status (a 4xx the client does not retry or re-authenticate on)
   * @param shape the vendor's error shape
   * @param source what to echo
   * @param place where
   * @param encoding how
   * @param loginToken the token a login request gets (when the source is not the password)
   */
  public CredentialEcho(int status, ErrorShape shape, Source source, Place place,
      Encoding encoding, String loginToken) {
    this.status = status;
    this.shape = shape;
    this.source = source;
    this.place = place;
    this.encoding = encoding;
    this.loginToken = loginToken;
  }

  /**
   * Every place and encoding for each source, for a {@code @MethodSource} (but Base64 for
   * {@link Source#BASIC}, already Base64).
   *
   * @param sources the credentials to echo
   * @return (source, place, encoding) arguments
   */
  public static Stream<Arguments> matrix(Source... sources) {
    return Stream.of(sources).flatMap(s -> Stream.of(Place.values())
        .flatMap(p -> Stream.of(Encoding.values())
            // BASIC is Base64 already; the Base64 of a Base64 is not a form anyone sends.
            .filter(e -> s != Source.BASIC || (e != Encoding.BASE64 && e != Encoding.BASE64_URL))
            .map(e -> Arguments.of(s, p, e))));
  }

  /** @return the text last sent back (the encoded credential), or null */
  public String lastEcho() {
    return lastEcho;
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    boolean login = request.getUrl().encodedPath().endsWith("/login");
    boolean loginSource = source == Source.PASSWORD || source == Source.BASIC;
    if (login && !loginSource) {
      // The token where either Patchworks login route puts it: top level and under data.
      return json(200, "{\"token\":\"" + loginToken + "\",\"expires_in\":3600,"
          + "\"data\":{\"token\":\"" + loginToken + "\"}}");
    }
    String credential = credential(request);
    if (credential == null) {
      return json(500, "{\"message\":\"no credential to echo\"}");
    }
    String encoded = encode(credential, encoding);
    String inJson = isJson(encoding) ? encoded : jsonContent(encoded);
    lastEcho = encoded;
    MockResponse.Builder b = new MockResponse.Builder().code(status)
        .addHeader("Content-Type", "application/json");
    switch (place) {
      case REQUEST_ID:
        return b.addHeaderLenient("X-Request-Id", encoded)
            .body(shape.body("invalid", "Invalid request", "name", "is invalid")).build();
      case REQUEST_ID_ALT:
        return b.addHeaderLenient("Request-Id", encoded)
            .body(shape.body("invalid", "Invalid request", "name", "is invalid")).build();
      case ERROR_CODE:
        return b.body(shape.body(inJson, "Invalid request", "name", "is invalid")).build();
      case MESSAGE:
        return b.body(shape.body("invalid", "Invalid credential " + inJson, "name", "is invalid"))
            .build();
      case FIELD_ERROR:
        return b.body(shape.body("invalid", "Invalid request", inJson, "rejected " + inJson))
            .build();
      case BODY:
        return new MockResponse.Builder().code(status).addHeader("Content-Type", "text/plain")
            .body("upstream rejected " + encoded + " at the gate").build();
      case SUCCESS_BODY:
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "text/plain")
            .body("welcome " + encoded).build();
      default:
        throw new IllegalStateException(String.valueOf(place));
    }
  }

  /**
   * The header that carries the key: {@code Authorization}, or else a vendor's own API-key header
   * (a name ending in {@code api-key}, e.g. n8n's {@code X-N8N-API-KEY}).
   */
  private static String authorization(RecordedRequest request) {
    String h = request.getHeaders().get("Authorization");
    if (h != null) return h;
    for (String name : request.getHeaders().names()) {
      if (name.toLowerCase(java.util.Locale.ROOT).endsWith("api-key")) return request.getHeaders().get(name);
    }
    return null;
  }

  private String credential(RecordedRequest request) {
    switch (source) {
      case AUTHORIZATION:
        return authorization(request);
      case KEY: {
        String h = authorization(request);
        return h != null && h.startsWith("Bearer ") ? h.substring(7) : h;
      }
      case PASSWORD:
        return member(request, "password");
      case BASIC: {
        // The current Patchworks login route names the user "email", the older one "username".
        String user = member(request, "username");
        if (user == null) {
          user = member(request, "email");
        }
        String password = member(request, "password");
        return user == null || password == null ? null : Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
      }
      default:
        return null;
    }
  }

  private static String member(RecordedRequest request, String name) {
    String body = request.getBody() == null ? "" : request.getBody().utf8();
    Matcher m = JSON_MEMBER.matcher(body);
    while (m.find()) {
      if (m.group(1).equals(name)) {
        return unescapeJson(m.group(2));
      }
    }
    return null;
  }

  /**
   * Encodes a credential the way a server might echo it.
   *
   * @param value the credential
   * @param encoding how
   * @return the encoded text
   */
  public static String encode(String value, Encoding encoding) {
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    StringBuilder sb = new StringBuilder();
    switch (encoding) {
      case RAW:
        return value;
      case JSON_SOLIDUS:
        return jsonContent(value).replace("/", "\\/");
      case JSON_SOME:
        return jsonContent(value).replace("/", "\\/").replace("=", "\\u003d").replace("+", "\\u002B");
      case JSON_UNICODE_ALL:
        for (char c : value.toCharArray()) {
          sb.append(String.format("\\u%04x", (int) c));
        }
        return sb.toString();
      case PERCENT:
        for (byte b : utf8) {
          char c = (char) (b & 0xff);
          if (c < 0x80 && (Character.isLetterOrDigit(c) || "-._~".indexOf(c) >= 0)) {
            sb.append(c);
          } else {
            sb.append(String.format("%%%02X", b & 0xff));
          }
        }
        return sb.toString();
      case PERCENT_ALL:
        for (byte b : utf8) {
          sb.append(String.format("%%%02x", b & 0xff));
        }
        return sb.toString();
      case FORM:
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
      case BASE64:
        return Base64.getEncoder().encodeToString(utf8);
      case BASE64_URL:
        return Base64.getUrlEncoder().withoutPadding().encodeToString(utf8);
      default:
        throw new IllegalArgumentException(String.valueOf(encoding));
    }
  }

  private static boolean isJson(Encoding e) {
    return e == Encoding.JSON_SOLIDUS || e == Encoding.JSON_SOME || e == Encoding.JSON_UNICODE_ALL;
  }

  /**
   * A text as the content of a JSON string: {@code "} and {@code \} and control characters
   * escaped, nothing else.
   *
   * @param s the text
   * @return the content
   */
  public static String jsonContent(String s) {
    StringBuilder sb = new StringBuilder();
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c < 0x20) {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  private static String unescapeJson(String s) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '\\' || i + 1 >= s.length()) {
        sb.append(c);
        continue;
      }
      char x = s.charAt(++i);
      if (x == 'u' && i + 4 < s.length()) {
        sb.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
        i += 4;
      } else {
        int k = "/\"\\bfnrt".indexOf(x);
        sb.append(k >= 0 ? "/\"\\\b\f\n\r\t".charAt(k) : x);
      }
    }
    return sb.toString();
  }

  private static MockResponse json(int code, String body) {
    return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json")
        .body(body).build();
  }

  @Override
  public String toString() {
    return "CredentialEcho{" + source + " in " + place + " as " + encoding + "}";
  }
}
