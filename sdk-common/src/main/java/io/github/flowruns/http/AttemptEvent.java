package io.github.flowruns.http;

import io.github.flowruns.Vendor;
import java.time.Duration;

/**
 * One HTTP attempt, as told to a {@link RequestListener}.
 *
 * <pre>{@code
 * RequestListener l = e -> System.err.printf("%s %s #%d -> %s in %s%n",
 *     e.method(), e.url(), e.attempt(), e.status(), e.duration());
 * }</pre>
 */
public final class AttemptEvent {
  private final Vendor vendor;
  private final String operation;
  private final String method;
  private final String url;
  private final int attempt;
  private final Integer status;
  private final String failure;
  private final Duration delayBeforeNext;
  private final Duration duration;

  private AttemptEvent(Vendor vendor, String operation, String method, String url, int attempt,
      Integer status, String failure, Duration delayBeforeNext, Duration duration) {
    this.vendor = vendor;
    this.operation = operation;
    this.method = method;
    this.url = url;
    this.attempt = attempt;
    this.status = status;
    this.failure = failure;
    this.delayBeforeNext = delayBeforeNext;
    this.duration = duration;
  }

  /**
   * Creates an event; used by the SDK's transport.
   *
   * @param vendor the vendor
   * @param operation the operation
   * @param method the HTTP method
   * @param url the URL, already redacted
   * @param attempt the attempt number, from 1
   * @param status the HTTP status, or null if no response
   * @param failure the failure (exception class and redacted message), or null
   * @param delayBeforeNext the wait before the next attempt, or null if none follows
   * @param duration how long the attempt took
   * @return the event
   */
  public static AttemptEvent of(Vendor vendor, String operation, String method, String url,
      int attempt, Integer status, String failure, Duration delayBeforeNext, Duration duration) {
    return new AttemptEvent(vendor, operation, method, url, attempt, status, failure,
        delayBeforeNext, duration);
  }

  /** @return the vendor, or null for a request made outside a vendor client */
  public Vendor vendor() {
    return vendor;
  }

  /** @return the operation, e.g. {@code "listRuns"}, or null */
  public String operation() {
    return operation;
  }

  /** @return the HTTP method */
  public String method() {
    return method;
  }

  /** @return the URL with secrets removed */
  public String url() {
    return url;
  }

  /** @return the attempt number, 1 for the first */
  public int attempt() {
    return attempt;
  }

  /** @return the HTTP status, or null when no response was received */
  public Integer status() {
    return status;
  }

  /** @return the failure description, or null when a response was received */
  public String failure() {
    return failure;
  }

  /** @return the wait before the next attempt, or null when no retry follows */
  public Duration delayBeforeNext() {
    return delayBeforeNext;
  }

  /** @return how long this attempt took */
  public Duration duration() {
    return duration;
  }

  /** @return whether another attempt follows */
  public boolean willRetry() {
    return delayBeforeNext != null;
  }

  @Override
  public String toString() {
    return "AttemptEvent{" + (vendor == null ? "" : vendor.displayName() + " ")
        + (operation == null ? "" : operation + " ") + method + " " + url + " #" + attempt
        + " -> " + (status != null ? status : failure) + " in " + duration.toMillis() + " ms"
        + (delayBeforeNext == null ? "" : ", retry in " + delayBeforeNext.toMillis() + " ms") + "}";
  }
}
