package io.github.flowruns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every public exception of the SDK, found on the class path (so a new one is covered without
 * being listed here), survives Java serialization with every fact its accessors give.
 */
class FlowRunsExceptionSerializationTest {

  /** Every FlowRunsException subclass in this package's class directory. */
  static List<Class<? extends FlowRunsException>> exceptionClasses() throws IOException, URISyntaxException {
    Path dir = Path.of(FlowRunsException.class.getProtectionDomain().getCodeSource().getLocation().toURI())
        .resolve(FlowRunsException.class.getPackageName().replace('.', '/'));
    List<Class<? extends FlowRunsException>> found = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : (Iterable<Path>) files.sorted()::iterator) {
        String name = f.getFileName().toString();
        if (!name.endsWith(".class")) {
          continue;
        }
        Class<?> c;
        try {
          c = Class.forName(FlowRunsException.class.getPackageName() + "."
              + name.substring(0, name.length() - ".class".length()));
        } catch (ClassNotFoundException | LinkageError e) {
          continue;
        }
        if (FlowRunsException.class.isAssignableFrom(c) && Modifier.isPublic(c.getModifiers())) {
          found.add(c.asSubclass(FlowRunsException.class));
        }
      }
    }
    return found;
  }

  static ErrorDetails facts() {
    return ErrorDetails.builder()
        .vendor(Vendor.ACTIVEPIECES).operation("getRun").httpStatus(429)
        .errorCode("QUOTA").message("Too many requests").requestId("req-42").attempts(3)
        .body("{\"code\":\"QUOTA\"}")
        .fieldErrors(Map.of("name", List.of("is required", "is too short")))
        .retryAfter(Duration.ofMillis(1500))
        .cause(new java.net.SocketTimeoutException("read timed out"))
        .build();
  }

  /** An instance of the class carrying {@link #facts()}: its (ErrorDetails) constructor. */
  static FlowRunsException instance(Class<? extends FlowRunsException> type) throws Exception {
    for (Constructor<?> c : type.getDeclaredConstructors()) {
      Class<?>[] params = c.getParameterTypes();
      if (params.length >= 1 && params[0] == ErrorDetails.class) {
        Object[] args = new Object[params.length];
        args[0] = facts();
        c.setAccessible(true);
        return type.cast(c.newInstance(args));
      }
    }
    throw new AssertionError(type.getName() + " has no constructor taking ErrorDetails first:"
        + " teach this test to make one");
  }

  static byte[] serialize(Object o) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(o);
    }
    return bytes.toByteArray();
  }

  static Object deserialize(byte[] bytes) throws IOException, ClassNotFoundException {
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
      return in.readObject();
    }
  }

  /** Every public no-argument accessor's result, as comparable text, by accessor name. */
  static Map<String, String> accessors(Object o, int depth) throws Exception {
    Set<String> skipped = Set.of("getStackTrace", "fillInStackTrace", "getSuppressed", "hashCode",
        "getClass", "notify", "notifyAll", "wait", "toBuilder");
    Map<String, String> out = new TreeMap<>();
    for (Method m : o.getClass().getMethods()) {
      if (m.getParameterCount() != 0 || Modifier.isStatic(m.getModifiers())
          || m.getReturnType() == void.class || skipped.contains(m.getName())) {
        continue;
      }
      Object v = m.invoke(o);
      if (v instanceof Throwable) {
        out.put(m.getName(), v.getClass().getName() + ": " + ((Throwable) v).getMessage());
      } else if (v instanceof ErrorDetails && depth == 0) {
        accessors(v, 1).forEach((k, x) -> out.put(m.getName() + "." + k, x));
      } else {
        out.put(m.getName(), String.valueOf(v));
      }
    }
    return out;
  }

  @Test
  void theScanFindsEveryKnownException() throws Exception {
    List<Class<? extends FlowRunsException>> found = exceptionClasses();
    assertTrue(found.contains(FlowRunsException.class), found.toString());
    assertTrue(found.contains(RateLimitException.class), found.toString());
    assertTrue(found.contains(InvalidRequestException.class), found.toString());
    assertTrue(found.size() >= 11, found.toString());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("exceptionClasses")
  void survivesJavaSerializationWithEveryFactIntact(Class<? extends FlowRunsException> type)
      throws Exception {
    FlowRunsException original = instance(type);
    Object copy = deserialize(serialize(original));

    assertEquals(type, copy.getClass());
    FlowRunsException e = (FlowRunsException) copy;
    assertNotNull(e.details());
    assertEquals(accessors(original, 0), accessors(e, 0));
    assertEquals(Vendor.ACTIVEPIECES, e.vendor());
    assertEquals(429, e.httpStatus().getAsInt());
    assertEquals("QUOTA", e.errorCode());
    assertEquals("req-42", e.requestId());
    assertEquals(3, e.attempts());
    assertEquals(List.of("is required", "is too short"), e.details().fieldErrors().get("name"));
    assertEquals(Duration.ofMillis(1500), e.details().retryAfter());
    assertEquals(original.getMessage(), e.getMessage());
    assertEquals(e.getCause(), e.details().cause());
    assertFalse(e.details().bodyExcerpt().isEmpty());
  }
}
