package io.github.flowruns.testsupport;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Asserts that no secret can be read out of an exception by any means an application has: its
 * message, {@code toString()}, printed stack trace (causes and suppressed included), and the
 * result of every public accessor of the exception and of the SDK objects they return (e.g. the
 * details, field errors, request id, error code, body excerpt); and that nothing logged since a mark
 * holds one.
 *
 * <pre>{@code
 * int mark = SecretAssert.logMark();
 * FlowRunsException e = assertThrows(FlowRunsException.class, () -> client.getRun("r-1"));
 * SecretAssert.assertNoneOf(e, List.of(API_KEY, echo.lastEcho()));
 * SecretAssert.assertNoneLoggedSince(mark, List.of(API_KEY));
 * }</pre>
 */
public final class SecretAssert {
  private static final Set<String> SKIPPED = Set.of("getStackTrace", "fillInStackTrace",
      "getCause", "getSuppressed", "printStackTrace", "hashCode", "getClass", "notify",
      "notifyAll", "wait", "initCause", "setStackTrace", "addSuppressed");
  private static final int MAX_DEPTH = 3;

  private SecretAssert() {}

  /**
   * Every text an application can read from an exception, by where it came from.
   *
   * @param e the exception
   * @return "where" to text
   */
  public static Map<String, String> texts(Throwable e) {
    Map<String, String> out = new LinkedHashMap<>();
    out.put("getMessage()", e.getMessage());
    out.put("getLocalizedMessage()", e.getLocalizedMessage());
    out.put("toString()", e.toString());
    StringWriter trace = new StringWriter();
    e.printStackTrace(new PrintWriter(trace));
    out.put("printStackTrace()", trace.toString());
    accessors("e", e, out, 0, new IdentityHashMap<>());
    return out;
  }

  /**
   * Fails naming the place and the secret's length (never the secret) if any text of the
   * exception holds any of the secrets.
   *
   * @param e the exception
   * @param secrets the secrets, and the exact texts a server echoed; nulls are ignored
   */
  public static void assertNoneOf(Throwable e, Collection<String> secrets) {
    List<String> leaks = new ArrayList<>();
    for (Map.Entry<String, String> t : texts(e).entrySet()) {
      for (String secret : secrets) {
        if (secret != null && !secret.isEmpty() && t.getValue() != null
            && t.getValue().contains(secret)) {
          leaks.add(t.getKey() + " holds a secret of " + secret.length() + " chars ("
              + secret.substring(0, Math.min(3, secret.length())) + "…)");
        }
      }
    }
    if (!leaks.isEmpty()) {
      throw new AssertionError(String.join("\n", leaks));
    }
  }

  /**
   * Runs a call that must fail against a {@link CredentialEcho} server, and asserts that neither
   * the secrets nor what the server echoed can be read from the exception or the log.
   *
   * <pre>{@code SecretAssert.assertCallLeaksNothing(() -> client.getRun(id), echo, List.of(API_KEY));}</pre>
   *
   * @param call the call
   * @param echo the server, which must have echoed something
   * @param secrets the client's credentials
   * @return the exception the call threw
   */
  public static RuntimeException assertCallLeaksNothing(Runnable call, CredentialEcho echo,
      Collection<String> secrets) {
    int mark = logMark();
    RuntimeException thrown = null;
    try {
      call.run();
    } catch (RuntimeException e) {
      thrown = e;
    }
    if (thrown == null) {
      throw new AssertionError("the call did not fail against " + echo);
    }
    if (echo.lastEcho() == null) {
      throw new AssertionError("the server echoed nothing: " + echo + "; the call threw "
          + thrown.getClass().getName());
    }
    List<String> all = new ArrayList<>(secrets);
    all.add(echo.lastEcho());
    assertNoneOf(thrown, all);
    assertNoneLoggedSince(mark, all);
    return thrown;
  }

  /**
   * Where the log capture is now, for {@link #assertNoneLoggedSince(int, Collection)}.
   *
   * @return the number of lines logged so far
   */
  public static int logMark() {
    return LogCapture.lines().size();
  }

  /**
   * Fails if a line logged since the mark holds a secret.
   *
   * @param mark from {@link #logMark()}
   * @param secrets the secrets
   */
  public static void assertNoneLoggedSince(int mark, Collection<String> secrets) {
    List<String> lines = LogCapture.lines();
    List<String> since = lines.subList(Math.min(mark, lines.size()), lines.size());
    List<String> leaks = LogLeakAudit.leaks(since, secrets.stream()
        .filter(s -> s != null && !s.isEmpty()).toList());
    if (!leaks.isEmpty()) {
      throw new AssertionError(String.join("\n", leaks));
    }
  }

  private static void accessors(String path, Object target, Map<String, String> out, int depth,
      Map<Object, Boolean> seen) {
    if (target == null || depth > MAX_DEPTH || seen.put(target, Boolean.TRUE) != null) {
      return;
    }
    for (Method m : target.getClass().getMethods()) {
      if (m.getParameterCount() != 0 || Modifier.isStatic(m.getModifiers())
          || SKIPPED.contains(m.getName()) || m.getReturnType() == void.class) {
        continue;
      }
      Object value;
      try {
        value = m.invoke(target);
      } catch (ReflectiveOperationException | RuntimeException e) {
        out.put(path + "." + m.getName() + "() threw", String.valueOf(e));
        continue;
      }
      String where = path + "." + m.getName() + "()";
      if (value instanceof Throwable) {
        StringWriter trace = new StringWriter();
        ((Throwable) value).printStackTrace(new PrintWriter(trace));
        out.put(where, trace.toString());
        continue;
      }
      out.put(where, String.valueOf(value));
      if (value != null && value.getClass().getName().startsWith("io.github.flowruns.")) {
        accessors(where, value, out, depth + 1, seen);
      }
    }
  }
}
