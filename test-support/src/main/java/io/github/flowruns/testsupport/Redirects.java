package io.github.flowruns.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import okhttp3.OkHttpClient;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The redirect answers every vendor's tests send (301, 302, 303, 307, 308, each to another origin,
 * absolute and scheme-relative, and to the same origin, relative, each with a query holding a
 * secret), and the check that the SDK reported one without following it.
 *
 * <pre>{@code
 * @ParameterizedTest @MethodSource("io.github.flowruns.testsupport.Redirects#cases")
 * void aRedirectedGetRunIsNotFollowed(int status, String kind) { ... Redirects.location(kind, here, there) ... }
 * }</pre>
 */
public final class Redirects {
  /** The query a Location carries: it must appear nowhere. */
  public static final String QUERY_SECRET = "redirect-query-secret";

  private Redirects() {}

  /**
   * An OkHttp client as a careless caller would configure it: it follows every redirect (also
   * https to http) and retries a failed connection on its own. The SDK must do neither with it.
   *
   * <pre>{@code XClient.builder().okHttpClient(Redirects.permissiveOkHttpClient()).build()}</pre>
   *
   * @return a new client
   */
  public static OkHttpClient permissiveOkHttpClient() {
    return new OkHttpClient.Builder().followRedirects(true).followSslRedirects(true)
        .retryOnConnectionFailure(true).build();
  }

  /** @return (status, kind) for every redirect status and location kind */
  public static Stream<Arguments> cases() {
    return Stream.of(301, 302, 303, 307, 308).flatMap(s -> Stream.of(
        Arguments.of(s, "absolute"), Arguments.of(s, "schemeRelative"),
        Arguments.of(s, "relative")));
  }

  /**
   * @param kind absolute, schemeRelative (both to {@code elsewhere}) or relative (same origin)
   * @param elsewhere the other origin's URL with a path, e.g. {@code http://127.0.0.1:4711/collect}
   * @return the Location header
   */
  public static String location(String kind, String elsewhere) {
    String query = "?token=" + QUERY_SECRET + "#fragment-" + QUERY_SECRET;
    switch (kind) {
      case "absolute":
        return elsewhere + query;
      case "schemeRelative":
        return elsewhere.substring(elsewhere.indexOf("//")) + query;
      default:
        return "/moved/here" + query;
    }
  }

  /**
   * @param kind as for {@link #location(String, String)}
   * @param origin the redirecting server's origin, e.g. {@code http://127.0.0.1:4710}
   * @param elsewhere as for {@link #location(String, String)}
   * @return the target the exception must name
   */
  public static String target(String kind, String origin, String elsewhere) {
    return kind.equals("relative") ? stripSlash(origin) + "/moved/here" : elsewhere;
  }

  /**
   * Checks what the SDK reported: the status and the target, without the query.
   *
   * @param status the redirect status sent
   * @param target the expected target
   * @param message the exception's message
   * @param location the exception's {@code location()}
   */
  public static void assertReported(int status, String target, String message, String location) {
    assertEquals(target, location);
    assertTrue(message.contains("HTTP " + status), message);
    assertTrue(message.contains(target), message);
    assertFalse(message.contains(QUERY_SECRET), message);
  }

  private static String stripSlash(String s) {
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }
}
