package io.github.flowruns.http;

import io.github.flowruns.internal.CallContext;
import java.io.IOException;
import java.util.Objects;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Sends a fixed API key in the {@code Authorization} header of every request: raw (Patchworks) or
 * as {@code Bearer <key>} (StackAI, Activepieces, FlowStack). The key is checked when the auth is
 * created: a blank key or one with CR, LF or other control characters is refused. {@link
 * #toString()} never shows the key.
 *
 * <pre>{@code
 * OkHttpClient http = new OkHttpClient.Builder().addInterceptor(ApiKeyAuth.bearer(key)).build();
 * }</pre>
 */
public final class ApiKeyAuth implements Interceptor {
  private final String key;
  private final String headerValue;
  private final boolean bearer;

  private ApiKeyAuth(String key, boolean bearer) {
    checkSecret(key, "API key");
    this.bearer = bearer;
    this.key = key.trim();
    this.headerValue = bearer ? "Bearer " + key.trim() : key.trim();
  }

  /**
   * The key itself as the header value ({@code Authorization: <key>}).
   *
   * <pre>{@code ApiKeyAuth.raw(patchworksKey)}</pre>
   *
   * @param key the API key
   * @return the auth interceptor
   * @throws IllegalArgumentException if the key is blank or contains control characters
   */
  public static ApiKeyAuth raw(String key) {
    return new ApiKeyAuth(key, false);
  }

  /**
   * {@code Authorization: Bearer <key>}.
   *
   * <pre>{@code ApiKeyAuth.bearer(flowstackKey)}</pre>
   *
   * @param key the API key
   * @return the auth interceptor
   * @throws IllegalArgumentException if the key is blank or contains control characters
   */
  public static ApiKeyAuth bearer(String key) {
    return new ApiKeyAuth(key, true);
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    CallContext.addSecret(chain.request(), key);
    return chain.proceed(chain.request().newBuilder().header("Authorization", headerValue).build());
  }

  @Override
  public String toString() {
    return "ApiKeyAuth{" + (bearer ? "bearer" : "raw") + ", key=[redacted]}";
  }

  /**
   * Refuses a secret that is null, blank, or contains CR, LF or another control character (which
   * could inject headers).
   *
   * @param secret the secret
   * @param what what it is, for the message (never the value)
   */
  static void checkSecret(String secret, String what) {
    Objects.requireNonNull(secret, what);
    if (secret.isBlank()) {
      throw new IllegalArgumentException(what + " must not be blank");
    }
    for (int i = 0; i < secret.length(); i++) {
      char c = secret.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        throw new IllegalArgumentException(what + " must not contain CR, LF or control characters");
      }
    }
  }
}
