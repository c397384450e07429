package io.github.flowruns.internal;

import io.github.flowruns.http.AttemptEvent;
import io.github.flowruns.http.RequestListener;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Calls a client's {@link RequestListener} so that what it throws neither breaks the call nor goes
 * unnoticed: the first failure is logged at WARNING on the {@code io.github.flowruns.http}
 * {@link System.Logger}, later ones at DEBUG (a listener failing on every attempt must not flood
 * the log), the text redacted. One guard per client. Thread-safe. Not API.
 *
 * <pre>{@code new ListenerGuard(listener).onAttempt(event, ctx);}</pre>
 */
final class ListenerGuard {
  private static final System.Logger LOG = System.getLogger("io.github.flowruns.http");

  private final RequestListener listener;
  private final AtomicBoolean warned = new AtomicBoolean();

  /** @param listener the listener, or null */
  ListenerGuard(RequestListener listener) {
    this.listener = listener;
  }

  /** @return whether a listener is set, so that an attempt's event is worth building */
  boolean hasListener() {
    return listener != null;
  }

  /**
   * Tells the listener of an attempt.
   *
   * @param event the attempt
   * @param ctx the call's context (for redaction), or null
   */
  void onAttempt(AttemptEvent event, CallContext ctx) {
    if (listener == null) {
      return;
    }
    try {
      listener.onAttempt(event);
    } catch (Exception e) { // RuntimeExceptions, and checked ones thrown sneakily
      System.Logger.Level level = warned.compareAndSet(false, true)
          ? System.Logger.Level.WARNING : System.Logger.Level.DEBUG;
      if (LOG.isLoggable(level)) {
        LOG.log(level, describe(e, event, ctx));
      }
    }
  }

  private static String describe(Exception e, AttemptEvent event, CallContext ctx) {
    String message = e.getMessage() == null ? "" : ": " + (ctx == null
        ? Redaction.redactText(e.getMessage()) : ctx.redact(e.getMessage()));
    StackTraceElement[] trace = e.getStackTrace();
    // The throwable itself is not logged: its message would print unredacted.
    return "RequestListener threw " + e.getClass().getName() + message
        + (trace.length > 0 ? " at " + trace[0] : "")
        + " (ignored, the call goes on; further failures of this client's listener are logged at"
        + " DEBUG); attempt: " + event;
  }

  @Override
  public String toString() {
    return "ListenerGuard{" + listener + "}";
  }
}
