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
  private final Duration budgetWait;

  private AttemptEvent(Vendor vendor, String operation, String method, String url, int attempt,
      Integer status, String failure, Duration delayBeforeNext, Duration duration,
      Duration budgetWait) {
    this.vendor = vendor;
    this.operation = operation;
    this.method = method;
    this.url = url;
    this.attempt = attempt;
    this.status = status;
    this.failure = failure;
    this.delayBeforeNext = delayBeforeNext;
    this.duration = duration;
    this.budgetWait = budgetWait == null ? Duration.ZERO : budgetWait;
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
    return of(vendor, operation, method, url, attempt, status, failure, delayBeforeNext, duration,
        Duration.ZERO);
  }

  /**
   * Creates an event for an attempt that waited for the client's {@link RequestBudget} before it
   * was sent; used by the SDK's transport.
   *
   * <pre>{@code AttemptEvent.of(vendor, "listRuns", "GET", url, 1, 200, null, null, took, waited)}</pre>
   *
   * @param vendor the vendor
   * @param operation the operation
   * @param method the HTTP method
   * @param url the URL, already redacted
   * @param attempt the attempt number, from 1
   * @param status the HTTP status, or null if no response
   * @param failure the failure (exception class and redacted message), or null
   * @param delayBeforeNext the wait before the next attempt, or null if none follows
   * @param duration how long the attempt took, from sending (the budget's wait not included)
   * @param budgetWait how long it waited for budget before it was sent; null for none
   * @return the event
   */
  public static AttemptEvent of(Vendor vendor, String operation, String method, String url,
      int attempt, Integer status, String failure, Duration delayBeforeNext, Duration duration,
      Duration budgetWait) {
    return new AttemptEvent(vendor, operation, method, url, attempt, status, failure,
        delayBeforeNext, duration, budgetWait);
  }

  /** {@return the vendor, or null for a request made outside a vendor client} */
  public Vendor vendor() {
    return vendor;
  }

  /** {@return the operation, e.g. {@code "listRuns"}, or null} */
  public String operation() {
    return operation;
  }

  /** {@return the HTTP method} */
  public String method() {
    return method;
  }

  /** {@return the URL with secrets removed} */
  public String url() {
    return url;
  }

  /** {@return the attempt number, 1 for the first} */
  public int attempt() {
    return attempt;
  }

  /** {@return the HTTP status, or null when no response was received} */
  public Integer status() {
    return status;
  }

  /** {@return the failure description, or null when a response was received} */
  public String failure() {
    return failure;
  }

  /** {@return the wait before the next attempt, or null when no retry follows} */
  public Duration delayBeforeNext() {
    return delayBeforeNext;
  }

  /** {@return how long this attempt took} */
  public Duration duration() {
    return duration;
  }

  /**
   * How long this attempt waited for the client's {@link RequestBudget} before it was sent.
   *
   * <pre>{@code if (e.budgetWait().toMillis() > 1000) log.info("paced under the rate limit: {}", e);}</pre>
   *
   * @return the wait, {@link Duration#ZERO} if none
   */
  public Duration budgetWait() {
    return budgetWait;
  }

  /** {@return whether another attempt follows} */
  public boolean willRetry() {
    return delayBeforeNext != null;
  }

  @Override
  public String toString() {
    return "AttemptEvent{" + (vendor == null ? "" : vendor.displayName() + " ")
        + (operation == null ? "" : operation + " ") + method + " " + url + " #" + attempt
        + " -> " + (status != null ? status : failure) + " in " + duration.toMillis() + " ms"
        + (budgetWait.isZero() ? "" : ", after " + budgetWait.toMillis() + " ms of budget wait")
        + (delayBeforeNext == null ? "" : ", retry in " + delayBeforeNext.toMillis() + " ms") + "}";
  }
}
