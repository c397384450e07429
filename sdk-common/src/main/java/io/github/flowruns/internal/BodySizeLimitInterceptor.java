package io.github.flowruns.internal;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;
import okio.ForwardingSource;
import okio.Okio;

/**
 * Caps the size of response bodies without buffering them: a body declaring a larger
 * Content-Length fails at once, and any body fails as soon as more than the limit has been read.
 * The failure is a {@link ResponseTooLargeException}. Not API.
 *
 * <pre>{@code new OkHttpClient.Builder().addInterceptor(new BodySizeLimitInterceptor(32L << 20))}</pre>
 */
public final class BodySizeLimitInterceptor implements Interceptor {
  /** The default limit, 32 MiB. */
  public static final long DEFAULT_LIMIT = 32L * 1024 * 1024;

  private final long limit;

  /** @param limit the most bytes a body may have, positive */
  public BodySizeLimitInterceptor(long limit) {
    if (limit <= 0) {
      throw new IllegalArgumentException("response size limit must be positive, was " + limit);
    }
    this.limit = limit;
  }

  /** @return the limit in bytes */
  public long limit() {
    return limit;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Response response = chain.proceed(chain.request());
    ResponseBody body = response.body();
    long declared = body.contentLength();
    if (declared > limit) {
      response.close();
      throw new ResponseTooLargeException(limit, declared);
    }
    BufferedSource limited = Okio.buffer(new ForwardingSource(body.source()) {
      private long total;

      @Override
      public long read(Buffer sink, long byteCount) throws IOException {
        long n = super.read(sink, byteCount);
        if (n > 0) {
          total += n;
          if (total > limit) {
            throw new ResponseTooLargeException(limit, -1);
          }
        }
        return n;
      }
    });
    ResponseBody wrapped = ResponseBody.create(limited, body.contentType(), declared);
    return response.newBuilder().body(wrapped).build();
  }
}
