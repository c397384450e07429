package io.github.flowruns.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The pinned public API of a published module. The surface is every public type (and public or
 * protected nested type) of the module's API packages, with its modifiers, type parameters and
 * their bounds, supertypes, and every public or protected constructor, method and field with
 * generic signatures. API packages are all packages of the module except {@code *.internal*}
 * (implementation shared between our modules, public only for that; never in an API signature) and
 * the generated {@code <vendor>.api}, {@code .model} and {@code .invoker} (generated from the
 * specs; handed out only through {@code api()}).
 *
 * <p>{@link #assertMatchesSignatureFile} compares the surface with the committed file
 * {@code <module>/api/<module>.api} and fails, with the difference and the command that rewrites
 * the file, on any change; it also fails if an API signature names an internal or generated type.
 *
 * <pre>{@code
 * @Test
 * void publicApiIsPinned() {
 *   PublicApiSurface.assertMatchesSignatureFile(FlowStackClient.class, "api");
 * }
 * }</pre>
 */
public final class PublicApiSurface {
  /** The system property that rewrites the signature file instead of comparing. */
  public static final String UPDATE_PROPERTY = "flowruns.api.update";

  private static final Set<String> GENERATED_PACKAGES = Set.of("api", "model", "invoker");

  private PublicApiSurface() {}

  /**
   * Checks the module of {@code anchor}: its API signatures name no internal or generated type
   * (except in the methods {@code allowedMethodNames}, which exist to hand generated types out),
   * and its surface equals the committed signature file. With {@code -Dflowruns.api.update=true}
   * the file is rewritten instead (and the internal-type rule still holds).
   *
   * @param anchor any class of the module's main classes, e.g. its client
   * @param allowedMethodNames methods allowed to name a generated type, e.g. {@code api}
   * @throws AssertionError describing what differs or what leaks
   */
  public static void assertMatchesSignatureFile(Class<?> anchor, String... allowedMethodNames) {
    Path classes = classesRoot(anchor);
    Path module = classes.getParent().getParent(); // <module>/target/classes
    Path file = module.resolve("api").resolve(module.getFileName() + ".api");
    List<Class<?>> types = apiTypes(anchor.getClassLoader(), classes);
    if (types.isEmpty()) {
      throw new AssertionError("no public API type found under " + classes);
    }
    List<String> leaks = leaks(types, Set.of(allowedMethodNames));
    if (!leaks.isEmpty()) {
      throw new AssertionError("API signatures of " + module.getFileName()
          + " name internal or generated types (compose or wrap them instead):\n  "
          + String.join("\n  ", leaks));
    }
    String live = render(types);
    String update = "./mvnw -B -o test -pl " + module.getFileName()
        + " -am -Dtest=PublicApiSurfaceTest -Dsurefire.failIfNoSpecifiedTests=false -D"
        + UPDATE_PROPERTY + "=true";
    try {
      if (Boolean.getBoolean(UPDATE_PROPERTY)) {
        Files.createDirectories(file.getParent());
        Files.writeString(file, live, StandardCharsets.UTF_8);
        return;
      }
      if (!Files.exists(file)) {
        throw new AssertionError("no signature file " + file + "; write it with\n  " + update);
      }
      String pinned = Files.readString(file, StandardCharsets.UTF_8);
      if (!pinned.equals(live)) {
        throw new AssertionError("the public API of " + module.getFileName()
            + " differs from " + module.relativize(file) + " (- pinned, + now):\n"
            + diff(pinned, live) + "If the change is intended, rewrite the file and commit it:\n  "
            + update);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The surface as the signature file holds it: per type (sorted by name) a declaration line, then
   * its members indented, sorted.
   *
   * @param types the API types
   * @return the text
   */
  static String render(List<Class<?>> types) {
    StringBuilder out = new StringBuilder();
    for (Map.Entry<String, Set<String>> type : surface(types).entrySet()) {
      out.append(type.getKey()).append('\n');
      type.getValue().forEach(m -> out.append("  ").append(m).append('\n'));
    }
    return out.toString();
  }

  private static Map<String, Set<String>> surface(List<Class<?>> types) {
    Map<String, Set<String>> surface = new TreeMap<>();
    for (Class<?> type : types) {
      Set<String> members = new TreeSet<>();
      for (Constructor<?> c : type.getDeclaredConstructors()) {
        if (visible(c)) {
          members.add(strip(c.toGenericString(), type.getTypeName() + "(",
              type.getSimpleName() + "("));
        }
      }
      for (Method m : type.getDeclaredMethods()) {
        if (visible(m) && !m.isBridge()) {
          members.add(strip(m.toGenericString(), type.getTypeName() + "." + m.getName() + "(",
              m.getName() + "("));
        }
      }
      for (Field f : type.getDeclaredFields()) {
        if (visible(f)) {
          members.add(strip(f.toGenericString(), type.getTypeName() + "." + f.getName(),
              f.getName()));
        }
      }
      surface.put(declaration(type), members);
    }
    return surface;
  }

  private static String strip(String signature, String qualified, String simple) {
    int at = signature.indexOf(qualified);
    return at < 0 ? signature
        : signature.substring(0, at) + simple + signature.substring(at + qualified.length());
  }

  private static boolean visible(Member m) {
    return !m.isSynthetic() && (Modifier.isPublic(m.getModifiers())
        || Modifier.isProtected(m.getModifiers()));
  }

  private static String declaration(Class<?> type) {
    int modifiers = type.getModifiers() & (type.isInterface()
        ? Modifier.interfaceModifiers() : Modifier.classModifiers());
    if (type.isInterface()) {
      modifiers &= ~Modifier.ABSTRACT;
    }
    String kind = type.isAnnotation() ? "@interface" : type.isInterface() ? "interface"
        : type.isEnum() ? "enum" : type.isRecord() ? "record" : "class";
    if (type.isEnum() || type.isRecord()) {
      modifiers &= ~Modifier.FINAL;
    }
    StringBuilder d = new StringBuilder();
    String mods = Modifier.toString(modifiers);
    d.append(type.getTypeName()).append(": ").append(mods).append(mods.isEmpty() ? "" : " ")
        .append(kind);
    TypeVariable<?>[] params = type.getTypeParameters();
    if (params.length > 0) {
      d.append(Arrays.stream(params).map(PublicApiSurface::withBounds)
          .collect(Collectors.joining(", ", "<", ">")));
    }
    Type superclass = type.getGenericSuperclass();
    if (superclass != null && superclass != Object.class && !type.isEnum() && !type.isRecord()) {
      d.append(" extends ").append(superclass.getTypeName());
    }
    Type[] interfaces = type.getGenericInterfaces();
    if (interfaces.length > 0) {
      d.append(type.isInterface() ? " extends " : " implements ").append(Arrays.stream(interfaces)
          .map(Type::getTypeName).collect(Collectors.joining(", ")));
    }
    return d.toString();
  }

  private static String withBounds(TypeVariable<?> v) {
    List<String> bounds = Arrays.stream(v.getBounds()).filter(b -> b != Object.class)
        .map(Type::getTypeName).collect(Collectors.toList());
    return bounds.isEmpty() ? v.getName() : v.getName() + " extends " + String.join(" & ", bounds);
  }

  /** Every member (and type) of the surface whose signature names an internal or generated type. */
  static List<String> leaks(List<Class<?>> types, Set<String> allowedMethodNames) {
    List<String> leaks = new ArrayList<>();
    for (Class<?> type : types) {
      List<Type> header = new ArrayList<>(Arrays.asList(type.getGenericInterfaces()));
      if (type.getGenericSuperclass() != null) {
        header.add(type.getGenericSuperclass());
      }
      Arrays.stream(type.getTypeParameters()).forEach(v -> header.addAll(List.of(v.getBounds())));
      report(leaks, type.getTypeName(), header);
      for (Constructor<?> c : type.getDeclaredConstructors()) {
        if (visible(c)) {
          report(leaks, c.toGenericString(), typesOf(c));
        }
      }
      for (Method m : type.getDeclaredMethods()) {
        if (visible(m) && !m.isBridge() && !allowedMethodNames.contains(m.getName())) {
          List<Type> used = typesOf(m);
          used.add(m.getGenericReturnType());
          report(leaks, m.toGenericString(), used);
        }
      }
      for (Field f : type.getDeclaredFields()) {
        if (visible(f)) {
          report(leaks, f.toGenericString(), List.of(f.getGenericType()));
        }
      }
    }
    return leaks;
  }

  private static List<Type> typesOf(Executable e) {
    List<Type> used = new ArrayList<>(Arrays.asList(e.getGenericParameterTypes()));
    used.addAll(Arrays.asList(e.getGenericExceptionTypes()));
    Arrays.stream(e.getTypeParameters()).forEach(v -> used.addAll(List.of(v.getBounds())));
    return used;
  }

  private static void report(List<String> leaks, String where, List<Type> used) {
    Set<String> named = new LinkedHashSet<>();
    used.forEach(t -> collect(t, named, new LinkedHashSet<>()));
    List<String> bad = named.stream().filter(n -> !isApiPackage(packageOf(n))).toList();
    if (!bad.isEmpty()) {
      leaks.add(where + "  names " + String.join(", ", bad));
    }
  }

  private static void collect(Type type, Set<String> names, Set<TypeVariable<?>> seen) {
    if (type instanceof Class<?> c) {
      while (c.isArray()) {
        c = c.getComponentType();
      }
      if (!c.isPrimitive()) {
        names.add(c.getName());
      }
    } else if (type instanceof ParameterizedType p) {
      collect(p.getRawType(), names, seen);
      if (p.getOwnerType() != null) {
        collect(p.getOwnerType(), names, seen);
      }
      for (Type a : p.getActualTypeArguments()) {
        collect(a, names, seen);
      }
    } else if (type instanceof GenericArrayType g) {
      collect(g.getGenericComponentType(), names, seen);
    } else if (type instanceof WildcardType w) {
      Stream.concat(Stream.of(w.getUpperBounds()), Stream.of(w.getLowerBounds()))
          .forEach(b -> collect(b, names, seen));
    } else if (type instanceof TypeVariable<?> v && seen.add(v)) {
      // <T> T unwrap(Class<T>): the variable is fine, its bounds must be API types.
      for (Type b : v.getBounds()) {
        collect(b, names, seen);
      }
    }
  }

  private static String packageOf(String className) {
    int dot = className.lastIndexOf('.');
    return dot < 0 ? "" : className.substring(0, dot);
  }

  /**
   * Whether a package's public types may appear in an API signature: not {@code internal} (of any
   * library, e.g. {@code okhttp3.internal}) and not one of our generated packages or theirs.
   */
  static boolean isApiPackage(String pkg) {
    List<String> segments = List.of(pkg.split("\\."));
    if (segments.contains("internal")) {
      return false;
    }
    // <vendor>.api, .model, .invoker and their subpackages (invoker.auth)
    return !(pkg.startsWith("io.github.flowruns.")
        && segments.subList(3, segments.size()).stream().anyMatch(GENERATED_PACKAGES::contains));
  }

  /** The public types (and public or protected nested types) of the API packages, by name. */
  static List<Class<?>> apiTypes(ClassLoader loader, Path classes) {
    List<Class<?>> types = new ArrayList<>();
    try (Stream<Path> files = Files.walk(classes)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
        String name = classes.relativize(file).toString().replace(file.getFileSystem()
            .getSeparator(), ".").replaceAll("\\.class$", "");
        if (name.endsWith("module-info") || name.endsWith("package-info")
            || !isApiPackage(packageOf(name))) {
          continue;
        }
        Class<?> c = Class.forName(name, false, loader);
        if (exported(c)) {
          types.add(c);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("cannot load a class of " + classes, e);
    }
    return types;
  }

  private static boolean exported(Class<?> c) {
    if (c.isAnonymousClass() || c.isLocalClass() || c.isSynthetic()) {
      return false;
    }
    int m = c.getModifiers();
    if (c.getDeclaringClass() == null) {
      return Modifier.isPublic(m);
    }
    return (Modifier.isPublic(m) || Modifier.isProtected(m)) && exported(c.getDeclaringClass());
  }

  private static Path classesRoot(Class<?> anchor) {
    try {
      return Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Per type, the members pinned but gone (-) and the members new (+); whole types likewise. */
  static String diff(String pinned, String live) {
    Map<String, List<String>> before = parse(pinned);
    Map<String, List<String>> after = parse(live);
    Set<String> typeNames = new TreeSet<>(before.keySet());
    typeNames.addAll(after.keySet());
    StringBuilder out = new StringBuilder();
    for (String typeName : typeNames) {
      List<String> was = before.get(typeName);
      List<String> now = after.get(typeName);
      if (was == null || now == null) {
        List<String> all = was == null ? now : was;
        String sign = was == null ? "+ " : "- ";
        out.append(sign).append(all.get(0)).append('\n');
        all.subList(1, all.size()).forEach(l -> out.append(sign).append(l).append('\n'));
        continue;
      }
      List<String> gone = was.stream().filter(l -> !now.contains(l)).toList();
      List<String> added = now.stream().filter(l -> !was.contains(l)).toList();
      if (gone.isEmpty() && added.isEmpty()) {
        continue;
      }
      out.append("  ").append(now.get(0)).append('\n');
      gone.forEach(l -> out.append("- ").append(l).append('\n'));
      added.forEach(l -> out.append("+ ").append(l).append('\n'));
    }
    return out.toString();
  }

  /** Type name to its lines: the declaration, then the indented members. */
  private static Map<String, List<String>> parse(String text) {
    Map<String, List<String>> types = new LinkedHashMap<>();
    List<String> current = null;
    for (String line : text.split("\n")) {
      if (line.isEmpty()) {
        continue;
      }
      if (!line.startsWith(" ")) {
        current = new ArrayList<>();
        types.put(line.substring(0, Math.max(0, line.indexOf(':'))), current);
      }
      if (current != null) {
        current.add(line);
      }
    }
    return types;
  }
}
