package io.github.flowruns.http;

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
 * little before it expires and once when a request is answered 401 (then the request is replayed
 * once), with a single login in flight however many threads need a token.
 *
 * <pre>{@code
 * TokenAuth auth = TokenAuth.create(loginCall);            // e.g. Patchworks username/password
 * OkHttpClient http = new OkHttpClient.Builder().addInterceptor(auth).build();
 * }</pre>
 */
public final class TokenAuth implements Interceptor {
  /** Renew this long before expiry, so a token does not expire in flight. */
  static final Duration RENEW_BEFORE = Duration.ofSeconds(60);

  private final TokenProvider provider;
  private final Clock clock;
  private final Object lock = new Object();
  private volatile AccessToken current;

  private TokenAuth(TokenProvider provider, Clock clock) {
    this.provider = Objects.requireNonNull(provider, "provider");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * @param provider obtains tokens
   * @return the auth interceptor
   */
  public static TokenAuth create(TokenProvider provider) {
    return new TokenAuth(provider, Clock.systemUTC());
  }

  /**
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
    AccessToken t = current;
    if (t != null && !expiring(t)) {
      return t;
    }
    synchronized (lock) {
      t = current;
      if (t == null || expiring(t)) {
        t = fetch();
      }
      return t;
    }
  }

  private AccessToken renewAfterRejection(AccessToken rejected) {
    synchronized (lock) {
      AccessToken t = current;
      if (t != null && t != rejected && !expiring(t)) {
        return t; // another thread already renewed it
      }
      return fetch();
    }
  }

  private AccessToken fetch() {
    AccessToken t = provider.fetchToken();
    if (t == null) {
      throw new IllegalStateException("the token provider returned no token");
    }
    current = t;
    return t;
  }

  private boolean expiring(AccessToken t) {
    Instant exp = t.expiresAt();
    return exp != null && !clock.instant().plus(RENEW_BEFORE).isBefore(exp);
  }

  private static Request authorize(Request request, AccessToken token) {
    return request.newBuilder().header("Authorization", "Bearer " + token.value()).build();
  }

  @Override
  public String toString() {
    return "TokenAuth{token=" + (current == null ? "none" : "[redacted]") + "}";
  }
}
