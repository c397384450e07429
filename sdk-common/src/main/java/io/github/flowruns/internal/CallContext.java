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
  private final Secrets secrets;

  /**
   * A context whose secrets are this call's alone.
   *
   * @param vendor the vendor
   * @param operation the operation
   * @param options the call's options
   */
  public CallContext(Vendor vendor, String operation, RequestOptions options) {
    this(vendor, operation, options, new Secrets());
  }

  /**
   * A context sharing its client's secrets: what the call's authentication adds (a token just
   * obtained) is then masked in every later error of the client too.
   *
   * @param vendor the vendor
   * @param operation the operation
   * @param options the call's options
   * @param secrets the client's secrets
   */
  public CallContext(Vendor vendor, String operation, RequestOptions options, Secrets secrets) {
    this.vendor = vendor;
    this.operation = operation;
    this.options = options == null ? RequestOptions.defaults() : options;
    this.secrets = Objects.requireNonNull(secrets, "secrets");
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

  /**
   * Records a secret this call sends (an API key, a token), so that an echo of it in a response
   * is removed from exceptions and logs, in this call and every later call of the client.
   * Authentication interceptors call it.
   *
   * @param secret the secret; values shorter than {@link Secrets#MIN_LENGTH} are ignored
   */
  public void addSecret(String secret) {
    secrets.addObtained(secret);
  }

  /**
   * Removes every secret of the client (in any encoding {@link Secrets} decodes), then applies
   * {@link Redaction#redactText(String)}'s patterns.
   *
   * @param text the text, may be null
   * @return the redacted text
   */
  public String redact(String text) {
    return secrets.redact(text);
  }

  /**
   * Records a secret on the request's context, if it has one.
   *
   * @param request the request
   * @param secret the secret
   */
  public static void addSecret(Request request, String secret) {
    CallContext ctx = request.tag(CallContext.class);
    if (ctx != null) {
      ctx.addSecret(secret);
    }
  }

  /** @return attempts started so far */
  public int attempts() {
    return attempts.get();
  }
}
