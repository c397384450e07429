package io.github.flowruns.internal;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Stands in for a cause whose message held a secret (an OkHttp {@code ProtocolException} quoting
 * a status line a server made up, a Gson {@code NumberFormatException} quoting a value): it keeps
 * the original class name, the redacted message and the stack trace, so a printed stack trace
 * reads as before without the secret. Not API.
 *
 * <pre>{@code Throwable safe = RedactedThrowable.scrub(cause, secrets::redact);}</pre>
 */
public final class RedactedThrowable extends RuntimeException {
  private static final long serialVersionUID = 1L;
  /** Bounds a pathological cause chain. */
  private static final int MAX_CHAIN = 32;

  private final String originalClass;

  private RedactedThrowable(String originalClass, String message) {
    super(message, null, true, true);
    this.originalClass = originalClass;
  }

  /**
   * The cause as it is when no message in its chain (causes and suppressed) changes under the
   * redactor, else a copy of the whole chain made of {@code RedactedThrowable}s with redacted
   * messages, so the type of an innocent cause is kept.
   *
   * @param cause the cause, may be null
   * @param redactor removes secrets from a text
   * @return the cause or its redacted copy
   */
  public static Throwable scrub(Throwable cause, UnaryOperator<String> redactor) {
    if (cause == null || !holdsSecret(cause, redactor, new IdentityHashMap<>())) {
      return cause;
    }
    return copy(cause, redactor, new IdentityHashMap<>());
  }

  /** The class of the exception this one stands in for, e.g. {@code java.net.ProtocolException}. */
  public String originalClass() {
    return originalClass;
  }

  @Override
  public String toString() {
    String m = getLocalizedMessage();
    return m == null ? originalClass : originalClass + ": " + m;
  }

  private static boolean holdsSecret(Throwable t, UnaryOperator<String> r, Map<Throwable, Boolean> seen) {
    if (t == null || seen.size() > MAX_CHAIN || seen.put(t, Boolean.TRUE) != null) {
      return false;
    }
    if (changes(t.getMessage(), r) || changes(safeToString(t), r)) {
      return true;
    }
    for (Throwable s : t.getSuppressed()) {
      if (holdsSecret(s, r, seen)) {
        return true;
      }
    }
    return holdsSecret(t.getCause(), r, seen);
  }

  private static Throwable copy(Throwable t, UnaryOperator<String> r, Map<Throwable, Throwable> done) {
    if (t == null || done.size() > MAX_CHAIN) {
      return null;
    }
    Throwable already = done.get(t);
    if (already != null) {
      return already;
    }
    String message = t.getMessage() == null ? null : r.apply(t.getMessage());
    RedactedThrowable c = new RedactedThrowable(t.getClass().getName(), message);
    done.put(t, c);
    c.setStackTrace(t.getStackTrace());
    Throwable cause = copy(t.getCause(), r, done);
    if (cause != null && cause != c) {
      c.initCause(cause);
    }
    for (Throwable s : t.getSuppressed()) {
      Throwable sc = copy(s, r, done);
      if (sc != null && sc != c) {
        c.addSuppressed(sc);
      }
    }
    return c;
  }

  private static boolean changes(String text, UnaryOperator<String> r) {
    return text != null && !text.equals(r.apply(text));
  }

  private static String safeToString(Throwable t) {
    try {
      return t.toString();
    } catch (RuntimeException e) {
      return null;
    }
  }
}
