package io.github.flowruns.internal;

import io.github.flowruns.ErrorDetails;
import io.github.flowruns.RedirectException;
import io.github.flowruns.Vendor;
import java.io.IOException;
import java.util.Locale;
import okhttp3.Authenticator;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Keeps OkHttp's own follow-up logic (RetryAndFollowUpInterceptor) from resending anything, so that
 * the {@link RetryInterceptor}'s policy is the one place that decides every resend, and turns the
 * redirects the SDK does not follow into {@link RedirectException}. Not API.
 *
 * <p>What OkHttp 5 would otherwise resend on its own, and what stops it:
 * <ul>
 *   <li>redirects (3xx): {@code followRedirects(false)} and {@code followSslRedirects(false)};
 *   <li>connection failures: {@code retryOnConnectionFailure(false)};
 *   <li>503 with {@code Retry-After: 0} (any method), 408, and 421 on a coalesced HTTP/2
 *       connection: these statuses are masked from OkHttp by {@link #MASK} (a network interceptor,
 *       outermost of the network ones, so a caller's network interceptors see the real answer) and
 *       restored by {@link #UNMASK} (the innermost application interceptor, so every application
 *       interceptor sees the real answer). A masked 503 also keeps OkHttp from parsing a
 *       {@code Retry-After} too large for an int, which threw {@code NumberFormatException};
 *   <li>401 and 407 answered by a caller's {@link Authenticator}: {@link #guard(Authenticator)}
 *       lets it answer only idempotent requests (and proxy {@code CONNECT}s, sent before the
 *       request), and only towards the same origin.
 * </ul>
 *
 * <pre>{@code
 * OkHttpClient.Builder b = FollowUps.install(root.newBuilder(), root);
 * b.addInterceptor(retries).addInterceptor(auth);
 * b.addInterceptor(FollowUps.UNMASK);  // the innermost application interceptor
 * }</pre>
 */
public final class FollowUps {
  /** Carries the real status of a masked response between {@link #MASK} and {@link #UNMASK}. */
  static final String MASKED_STATUS = "X-FlowRuns-Masked-Status";
  /** A status OkHttp has no follow-up for. */
  private static final int NEUTRAL_STATUS = 400;

  /** Network interceptor: hides the statuses OkHttp would resend on its own. */
  static final Interceptor MASK = new Interceptor() {
    @Override
    public Response intercept(Chain chain) throws IOException {
      Response response = chain.proceed(chain.request());
      int code = response.code();
      Response.Builder b = response.newBuilder().removeHeader(MASKED_STATUS); // never the server's
      if (code == 408 || code == 421 || code == 503) {
        b.code(NEUTRAL_STATUS).header(MASKED_STATUS, Integer.toString(code));
      } else if (response.header(MASKED_STATUS) == null) {
        return response;
      }
      return b.build();
    }

    @Override
    public String toString() {
      return "FollowUps.MASK";
    }
  };

  /** Application interceptor, innermost: restores what {@link #MASK} hid. */
  static final Interceptor UNMASK = new Interceptor() {
    @Override
    public Response intercept(Chain chain) throws IOException {
      Response response = chain.proceed(chain.request());
      String masked = response.header(MASKED_STATUS);
      if (masked == null) {
        return response;
      }
      return response.newBuilder().code(Integer.parseInt(masked)).removeHeader(MASKED_STATUS).build();
    }

    @Override
    public String toString() {
      return "FollowUps.UNMASK";
    }
  };

  private FollowUps() {}

  /**
   * Switches off OkHttp's own redirects, connection-failure retries and status follow-ups on a
   * builder (a caller's settings included) and guards its authenticators.
   *
   * @param b the builder of the client the SDK uses
   * @param from the client {@code b} was derived from
   * @return the builder
   */
  static OkHttpClient.Builder install(OkHttpClient.Builder b, OkHttpClient from) {
    b.followRedirects(false)
        .followSslRedirects(false)
        .retryOnConnectionFailure(false)
        .authenticator(guard(from.authenticator()))
        .proxyAuthenticator(guard(from.proxyAuthenticator()));
    b.networkInterceptors().add(0, MASK);
    return b;
  }

  /**
   * An authenticator that answers only what is safe to send again: an idempotent request or a
   * proxy {@code CONNECT}, to the origin that asked.
   *
   * @param delegate the caller's authenticator
   * @return the guarded authenticator ({@link Authenticator#NONE} stays as it is)
   */
  static Authenticator guard(Authenticator delegate) {
    if (delegate == Authenticator.NONE) {
      return delegate;
    }
    return (route, response) -> {
      Request sent = response.request();
      String method = sent.method().toUpperCase(Locale.ROOT);
      if (!method.equals("CONNECT") && !RetryInterceptor.isIdempotent(method)) {
        return null; // a POST is sent once; the 401/407 becomes the typed exception
      }
      Request next = delegate.authenticate(route, response);
      if (next == null || !sameOrigin(next.url(), sent.url())) {
        return null;
      }
      return next;
    };
  }

  static boolean sameOrigin(HttpUrl a, HttpUrl b) {
    return a.scheme().equals(b.scheme()) && a.host().equals(b.host()) && a.port() == b.port();
  }

  /**
   * The exception for a redirect answer (3xx), which the SDK never follows.
   *
   * @param vendor the vendor
   * @param operation the operation
   * @param response the 3xx response
   * @param ctx the call's context, for redaction and attempts
   * @return the exception, to throw
   */
  static RedirectException redirect(Vendor vendor, String operation, Response response,
      CallContext ctx) {
    String location = target(response.request().url(), response.header("Location"));
    if (location != null) {
      location = ctx.redact(location);
    }
    String message = location == null
        ? "redirect without a Location not followed"
        : "redirect to " + location + " not followed";
    message += ": the SDK follows no redirect, so that credentials stay with their origin;"
        + " check the base URL";
    return RedirectException.of(ErrorDetails.builder().vendor(vendor).operation(operation)
        .httpStatus(response.code()).requestId(ErrorMapper.requestId(response.headers()))
        .kind(ErrorDetails.Kind.OTHER).attempts(Math.max(1, ctx.attempts()))
        .message(message).build(), location);
  }

  /**
   * A Location resolved against the request's URL, without query, fragment and user info.
   *
   * @param base the request's URL
   * @param location the header, may be null
   * @return the target, or null without a Location
   */
  static String target(HttpUrl base, String location) {
    if (location == null || location.isBlank()) {
      return null;
    }
    HttpUrl url = base.resolve(location.trim());
    if (url != null) {
      return url.newBuilder().username("").password("").query(null).fragment(null).build()
          .toString();
    }
    // Not an http(s) URL (e.g. ftp:, or garbage): keep its text without what may hold secrets.
    String s = location.trim();
    int cut = indexOfAny(s, '?', '#');
    if (cut >= 0) {
      s = s.substring(0, cut);
    }
    s = s.replaceFirst("^([A-Za-z][A-Za-z0-9+.-]*:)?//[^/@]*@", "$1//")
        .replaceAll("\\p{Cntrl}", "");
    return s.length() <= 300 ? s : s.substring(0, 300) + "…";
  }

  private static int indexOfAny(String s, char a, char b) {
    int i = s.indexOf(a);
    int j = s.indexOf(b);
    return i < 0 ? j : j < 0 ? i : Math.min(i, j);
  }
}
