package io.github.flowruns.testsupport;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.regex.Pattern;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Collects the secrets a test suite uses: every {@code static final String} constant of a test
 * class (and its nested classes) whose name says it is a key, token, password or secret. The suite
 * writes its secrets as such constants by convention ({@code API_KEY}, {@code TOKEN},
 * {@code PASSWORD}), so the audit knows exactly which strings must never be logged.
 */
public final class SecretCatalog implements TestExecutionListener {
  private static final Pattern SECRET_NAME =
      Pattern.compile("(?i).*(KEY|TOKEN|PASSWORD|PASSWD|SECRET|CREDENTIAL).*");
  /** A header name or a plain word is not a secret; a secret has six characters or more. */
  private static final Pattern SECRET_VALUE = Pattern.compile(".{6,}");
  private static final Pattern PLAIN_WORD = Pattern.compile("[A-Za-z]+");
  private static final Set<String> SECRETS = new ConcurrentSkipListSet<>();

  @Override
  public void testPlanExecutionStarted(TestPlan plan) {
    for (TestIdentifier root : plan.getRoots()) {
      for (TestIdentifier id : plan.getDescendants(root)) {
        id.getSource().ifPresent(SecretCatalog::collect);
      }
    }
  }

  private static void collect(TestSource source) {
    String className = source instanceof ClassSource
        ? ((ClassSource) source).getClassName()
        : source instanceof MethodSource ? ((MethodSource) source).getClassName() : null;
    if (className == null) {
      return;
    }
    try {
      Class<?> type = Class.forName(className, false, Thread.currentThread().getContextClassLoader());
      addConstants(type);
      for (Class<?> nested : type.getDeclaredClasses()) {
        addConstants(nested);
      }
    } catch (ClassNotFoundException | LinkageError unloadable) {
      // Not a class we can read; nothing to collect.
    }
  }

  static void addConstants(Class<?> type) {
    for (Field field : type.getDeclaredFields()) {
      int m = field.getModifiers();
      if (!Modifier.isStatic(m) || !Modifier.isFinal(m) || field.getType() != String.class
          || !SECRET_NAME.matcher(field.getName()).matches()) {
        continue;
      }
      try {
        field.setAccessible(true);
        add((String) field.get(null));
      } catch (ReflectiveOperationException | RuntimeException inaccessible) {
        // skip
      }
    }
  }

  /**
   * Adds a secret to look for (ignored if it is a plain word or shorter than six characters).
   *
   * @param value the secret
   */
  public static void add(String value) {
    if (value != null && SECRET_VALUE.matcher(value).matches() && !PLAIN_WORD.matcher(value).matches()) {
      SECRETS.add(value);
    }
  }

  /**
   * The secrets collected so far.
   *
   * @return a sorted copy
   */
  public static Set<String> secrets() {
    return new TreeSet<>(SECRETS);
  }
}
