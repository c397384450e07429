package io.github.flowruns.testsupport;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reviews a vendor module's public API surface: no public or protected member of a hand-written
 * public class in the vendor's root package may mention a generated type
 * ({@code <vendor>.api}, {@code .model}, {@code .invoker}), except the accessors that exist to hand
 * the generated API out.
 */
public final class PublicApiSurface {
  private PublicApiSurface() {}

  /**
   * Lists the members that expose a generated type.
   *
   * @param anyClassOfThePackage a class in the vendor's root package, e.g. the client
   * @param allowedMethodNames methods allowed to expose generated types, e.g. {@code api}
   * @return one line per offending member, empty if the surface is clean
   */
  public static List<String> generatedTypesExposed(Class<?> anyClassOfThePackage, Set<String> allowedMethodNames) {
    String pkg = anyClassOfThePackage.getPackageName();
    List<String> generatedPrefixes = List.of(pkg + ".api.", pkg + ".model.", pkg + ".invoker.");
    List<String> offenders = new ArrayList<>();
    List<Class<?>> classes = publicClassesOf(anyClassOfThePackage);
    if (classes.isEmpty()) {
      throw new IllegalStateException("no public class found in " + pkg);
    }
    for (Class<?> type : classes) {
      for (Method m : type.getMethods()) {
        if (!allowedMethodNames.contains(m.getName()) && mentions(m, generatedPrefixes)) {
          offenders.add(type.getName() + "." + m.getName() + " " + m.toGenericString());
        }
      }
      for (Constructor<?> c : type.getConstructors()) {
        if (mentions(c, generatedPrefixes)) {
          offenders.add(c.toGenericString());
        }
      }
      for (Field f : type.getFields()) {
        if (refersTo(f.getGenericType(), generatedPrefixes)) {
          offenders.add(type.getName() + "." + f.getName());
        }
      }
      if (type.getGenericSuperclass() != null && refersTo(type.getGenericSuperclass(), generatedPrefixes)) {
        offenders.add(type.getName() + " extends " + type.getGenericSuperclass());
      }
    }
    return offenders;
  }

  private static boolean mentions(Executable e, List<String> prefixes) {
    if (e instanceof Method && refersTo(((Method) e).getGenericReturnType(), prefixes)) {
      return true;
    }
    for (Type p : e.getGenericParameterTypes()) {
      if (refersTo(p, prefixes)) {
        return true;
      }
    }
    for (Type x : e.getGenericExceptionTypes()) {
      if (refersTo(x, prefixes)) {
        return true;
      }
    }
    return false;
  }

  private static boolean refersTo(Type type, List<String> prefixes) {
    if (type instanceof Class<?>) {
      Class<?> c = (Class<?>) type;
      while (c.isArray()) {
        c = c.getComponentType();
      }
      String name = c.getName();
      return prefixes.stream().anyMatch(name::startsWith);
    }
    if (type instanceof ParameterizedType) {
      ParameterizedType p = (ParameterizedType) type;
      if (refersTo(p.getRawType(), prefixes)) {
        return true;
      }
      for (Type a : p.getActualTypeArguments()) {
        if (refersTo(a, prefixes)) {
          return true;
        }
      }
      return false;
    }
    if (type instanceof GenericArrayType) {
      return refersTo(((GenericArrayType) type).getGenericComponentType(), prefixes);
    }
    if (type instanceof WildcardType) {
      WildcardType w = (WildcardType) type;
      return Stream.concat(Stream.of(w.getUpperBounds()), Stream.of(w.getLowerBounds()))
          .anyMatch(b -> refersTo(b, prefixes));
    }
    if (type instanceof TypeVariable<?>) {
      // <T> T unwrap(Class<T>) and the like: a type variable is not a generated type.
      return false;
    }
    return false;
  }

  /** The public classes (and their public nested classes) in the package's class directory. */
  static List<Class<?>> publicClassesOf(Class<?> anchor) {
    List<Class<?>> classes = new ArrayList<>();
    try {
      Path root = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
      Path dir = root.resolve(anchor.getPackageName().replace('.', '/'));
      try (Stream<Path> files = Files.list(dir)) {
        for (Path file : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
          String simple = file.getFileName().toString().replace(".class", "");
          Class<?> c = Class.forName(anchor.getPackageName() + "." + simple, false, anchor.getClassLoader());
          if (Modifier.isPublic(c.getModifiers()) && !c.isAnonymousClass() && !c.isSynthetic()) {
            classes.add(c);
          }
        }
      }
    } catch (IOException | URISyntaxException | ClassNotFoundException e) {
      throw new IllegalStateException("cannot list the classes of " + anchor.getPackageName(), e);
    }
    return classes;
  }
}
