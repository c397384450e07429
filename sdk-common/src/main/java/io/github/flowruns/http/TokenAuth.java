package io.github.flowruns.http;

import io.github.flowruns.internal.CallContext;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Bearer authentication with a token from a {@link TokenProvider}: the token is cached, renewed a
 * little before it expires (a minute, or a tenth of its lifetime if shorter) and once when a request
 * is answered 401 (the request is then replayed once), with a single login in flight however many
 * threads need a token. {@link #toString()} never shows the token.
 *
 * <pre>{@code
 * TokenAuth auth = TokenAuth.create(loginCall);            // e.g. Patchworks username/password
 * OkHttpClient http = new OkHttpClient.Builder().addInterceptor(auth).build();
 * }</pre>
 */
public final class TokenAuth implements Interceptor {
  private static final System.Logger LOG = System.getLogger("io.github.flowruns.http");
  private static final Duration MAX_MARGIN = Duration.ofSeconds(60);

  private final TokenProvider provider;
  private final Clock clock;
  private final Object lock = new Object();
  private volatile Cached current;

  private static final class Cached {
    final AccessToken token;
    final Instant renewAt;

    Cached(AccessToken token, Instant fetchedAt) {
      this.token = token;
      Instant exp = token.expiresAt();
      if (exp == null) {
        this.renewAt = null;
      } else {
        Duration life = Duration.between(fetchedAt, exp);
        Duration margin = life.isNegative() ? Duration.ZERO : life.dividedBy(10);
        if (margin.compareTo(MAX_MARGIN) > 0) {
          margin = MAX_MARGIN;
        }
        this.renewAt = exp.minus(margin);
      }
    }
  }

  private TokenAuth(TokenProvider provider, Clock clock) {
    this.provider = Objects.requireNonNull(provider, "provider");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Creates the auth; no token is fetched until the first request.
   *
   * @param provider obtains tokens
   * @return the auth interceptor
   */
  public static TokenAuth create(TokenProvider provider) {
    return new TokenAuth(provider, Clock.systemUTC());
  }

  /**
   * Creates the auth with a time source.
   *
   * @param provider obtains tokens
   * @param clock the time source for expiry (tests pass a virtual clock)
   * @return the auth interceptor
   */
  public static TokenAuth create(TokenProvider provider, Clock clock) {
    return new TokenAuth(provider, clock);
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    AccessToken token = validToken();
    Response response = chain.proceed(authorize(chain.request(), token));
    if (response.code() != 401) {
      return response;
    }
    response.close();
    AccessToken renewed = renewAfterRejection(token);
    return chain.proceed(authorize(chain.request(), renewed));
  }

  /**
   * The cached token, fetched or renewed first if missing or about to expire.
   *
   * @return a token
   */
  AccessToken validToken() {
    Cached c = current;
    if (c != null && fresh(c)) {
      return c.token;
    }
    synchronized (lock) {
      c = current;
      if (c != null && fresh(c)) {
        return c.token; // another thread renewed it while this one waited
      }
      return fetch();
    }
  }

  private AccessToken renewAfterRejection(AccessToken rejected) {
    synchronized (lock) {
      Cached c = current;
      if (c != null && c.token != rejected && fresh(c)) {
        return c.token; // another thread already renewed it
      }
      return fetch();
    }
  }

  private AccessToken fetch() {
    Instant now = clock.instant();
    AccessToken t = provider.fetchToken();
    if (t == null) {
      throw new IllegalStateException("the token provider returned no token");
    }
    current = new Cached(t, now);
    LOG.log(System.Logger.Level.DEBUG, "obtained a new bearer token, expires at {0}",
        String.valueOf(t.expiresAt()));
    return t;
  }

  private boolean fresh(Cached c) {
    return c.renewAt == null || clock.instant().isBefore(c.renewAt);
  }

  private static Request authorize(Request request, AccessToken token) {
    CallContext.addSecret(request, token.value());
    return request.newBuilder().header("Authorization", "Bearer " + token.value()).build();
  }

  @Override
  public String toString() {
    return "TokenAuth{token=" + (current == null ? "none" : "[redacted]") + "}";
  }
}
