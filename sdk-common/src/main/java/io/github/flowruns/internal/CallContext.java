package io.github.flowruns.internal;

import io.github.flowruns.Vendor;
import io.github.flowruns.http.RequestOptions;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Request;

/**
 * The facts of one facade call, attached to its OkHttp request as a tag so that interceptors
 * (retries, logging, listeners) can read them, and where they record the attempt count. Not API.
 *
 * <pre>{@code CallContext ctx = CallContext.of(chain.request()); // null outside Transport}</pre>
 */
public final class CallContext {
  private final Vendor vendor;
  private final String operation;
  private final RequestOptions options;
  private final AtomicInteger attempts = new AtomicInteger();

  /**
   * @param vendor the vendor
   * @param operation the operation
   * @param options the call's options
   */
  public CallContext(Vendor vendor, String operation, RequestOptions options) {
    this.vendor = vendor;
    this.operation = operation;
    this.options = options == null ? RequestOptions.defaults() : options;
  }

  /**
   * The context of a request.
   *
   * @param request the request
   * @return the context, or null if the request was not made through {@link Transport}
   */
  public static CallContext of(Request request) {
    return Objects.requireNonNull(request, "request").tag(CallContext.class);
  }

  /** @return the vendor */
  public Vendor vendor() {
    return vendor;
  }

  /** @return the operation */
  public String operation() {
    return operation;
  }

  /** @return the call's options, never null */
  public RequestOptions options() {
    return options;
  }

  /** Records that an attempt is starting. @return the attempt number, from 1 */
  public int startAttempt() {
    return attempts.incrementAndGet();
  }

  /** @return attempts started so far */
  public int attempts() {
    return attempts.get();
  }
}
