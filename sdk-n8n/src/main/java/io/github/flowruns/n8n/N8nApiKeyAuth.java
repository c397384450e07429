package io.github.flowruns.n8n;

import io.github.flowruns.internal.CallContext;
import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Sends the API key as n8n's {@code X-N8N-API-KEY} header (vendors.md, n8n: "Auth: header
 * X-N8N-API-KEY"), not as {@code Authorization}, and records it on the call so that no error or
 * log shows it. The key was checked by the builder. {@link #toString()} never shows it.
 */
final class N8nApiKeyAuth implements Interceptor {
  static final String HEADER = "X-N8N-API-KEY";

  private final String key;

  N8nApiKeyAuth(String key) {
    this.key = key.trim();
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    CallContext.addSecret(chain.request(), key);
    return chain.proceed(chain.request().newBuilder().header(HEADER, key).build());
  }

  @Override
  public String toString() {
    return "N8nApiKeyAuth{key=[redacted]}";
  }
}
