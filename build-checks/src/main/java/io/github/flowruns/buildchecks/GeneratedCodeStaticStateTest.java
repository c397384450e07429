package io.github.flowruns.buildchecks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * No static mutable state in generated code: one client must not be able to change how another
 * client in the same JVM parses (upstream, the generated {@code JSON} had static setters such as
 * {@code setGson} and {@code setDateFormat}, models a public static {@code HashSet} of their
 * fields, {@code Configuration} a replaceable default client).
 *
 * <p>Every vendor module runs this class against its own generated classes (surefire's
 * {@code dependenciesToScan} in sdk-vendor-parent, which also passes
 * {@code flowruns.generated.classes}); a new vendor gets it from the parent with no edit. It checks
 * every class of the generated {@code api}, {@code model} and {@code invoker} packages: each static
 * field is final and holds an immutable value, and no public static method is a setter.
 *
 * <pre>{@code ./mvnw -B -o test -pl sdk-flowstack -am -Dtest=GeneratedCodeStaticStateTest -Dsurefire.failIfNoSpecifiedTests=false}</pre>
 */
public class GeneratedCodeStaticStateTest {
  private static final Pattern GENERATED = Pattern.compile(".*/(api|model|invoker)(/.*)?/[^/$]+(\\$[^/]+)?\\.class");

  /** Values of these types cannot be changed after construction. */
  private static final Set<String> IMMUTABLE = Set.of(
      "java.lang.String", "java.lang.Long", "java.lang.Integer", "java.lang.Boolean", "java.lang.Double",
      "java.util.regex.Pattern", "java.time.format.DateTimeFormatter", "com.google.gson.Gson");

  @Test
  void staticFieldsAreFinalAndHoldImmutableValues() throws Exception {
    List<String> offenders = new ArrayList<>();
    for (Class<?> type : generatedClasses()) {
      for (Field field : type.getDeclaredFields()) {
        if (!Modifier.isStatic(field.getModifiers()) || field.isSynthetic() || field.isEnumConstant()) {
          continue;
        }
        String name = type.getName() + "." + field.getName();
        if (!Modifier.isFinal(field.getModifiers())) {
          offenders.add(name + " is static but not final");
          continue;
        }
        if (field.getType().isPrimitive()) {
          continue;
        }
        field.setAccessible(true);
        Object value = field.get(null);
        if (value != null && !immutable(value)) {
          offenders.add(name + " holds a mutable " + value.getClass().getName());
        }
      }
    }
    assertEquals(List.of(), offenders);
  }

  @Test
  void noPublicStaticSetter() throws Exception {
    List<String> setters = new ArrayList<>();
    for (Class<?> type : generatedClasses()) {
      for (Method method : type.getDeclaredMethods()) {
        if (Modifier.isStatic(method.getModifiers()) && Modifier.isPublic(method.getModifiers())
            && method.getName().startsWith("set")) {
          setters.add(type.getName() + "." + method.getName());
        }
      }
    }
    assertEquals(List.of(), setters);
  }

  /**
   * Immutable: a known immutable type, an enum, an unmodifiable JDK collection of immutable
   * elements, or a generated helper (a type adapter) whose instance fields are all final and
   * immutable in turn.
   */
  private static boolean immutable(Object value) throws IllegalAccessException {
    Class<?> type = value.getClass();
    if (IMMUTABLE.contains(type.getName()) || type.isEnum() || value instanceof Class) {
      return true;
    }
    String name = type.getName();
    if (name.startsWith("java.util.Collections$Unmodifiable") || name.startsWith("java.util.Collections$Empty")
        || name.startsWith("java.util.ImmutableCollections$")) {
      for (Object element : (Iterable<?>) value) {
        if (element != null && !immutable(element)) {
          return false;
        }
      }
      return true;
    }
    if (!name.startsWith("io.github.flowruns.")) {
      return false;
    }
    for (Class<?> c = type; c != null && c.getName().startsWith("io.github.flowruns."); c = c.getSuperclass()) {
      for (Field field : c.getDeclaredFields()) {
        if (Modifier.isStatic(field.getModifiers()) || field.isSynthetic()) {
          continue;
        }
        if (!Modifier.isFinal(field.getModifiers())) {
          return false;
        }
        field.setAccessible(true);
        Object fieldValue = field.get(value);
        if (!field.getType().isPrimitive() && fieldValue != null && !immutable(fieldValue)) {
          return false;
        }
      }
    }
    return true;
  }

  private static List<Class<?>> generatedClasses() throws IOException, ClassNotFoundException {
    String dir = System.getProperty("flowruns.generated.classes");
    Assumptions.assumeTrue(dir != null, "run by a vendor module (flowruns.generated.classes names its classes)");
    Path root = Path.of(dir);
    List<String> names;
    try (Stream<Path> walk = Files.walk(root)) {
      names = walk.map(p -> root.relativize(p).toString().replace('\\', '/'))
          .filter(p -> GENERATED.matcher("/" + p).matches())
          .map(p -> p.substring(0, p.length() - ".class".length()).replace('/', '.'))
          .sorted()
          .collect(Collectors.toList());
    }
    assertFalse(names.isEmpty(), "no generated class under " + root);
    List<Class<?>> classes = new ArrayList<>();
    for (String name : names) {
      classes.add(Class.forName(name, true, GeneratedCodeStaticStateTest.class.getClassLoader()));
    }
    return classes;
  }
}
