package io.github.flowruns.benchmarks.baseline;

import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The value readers a careful person writes once when hand-coding Gson streaming: each reads one
 * nullable value of one type, nothing more.
 */
final class Read {
  private Read() {}

  static String string(JsonReader in) throws IOException {
    if (in.peek() == JsonToken.NULL) {
      in.nextNull();
      return null;
    }
    return in.nextString();
  }

  static Long longValue(JsonReader in) throws IOException {
    if (in.peek() == JsonToken.NULL) {
      in.nextNull();
      return null;
    }
    return in.nextLong();
  }

  static Integer intValue(JsonReader in) throws IOException {
    if (in.peek() == JsonToken.NULL) {
      in.nextNull();
      return null;
    }
    return in.nextInt();
  }

  static Double doubleValue(JsonReader in) throws IOException {
    if (in.peek() == JsonToken.NULL) {
      in.nextNull();
      return null;
    }
    return in.nextDouble();
  }

  static Boolean bool(JsonReader in) throws IOException {
    if (in.peek() == JsonToken.NULL) {
      in.nextNull();
      return null;
    }
    return in.nextBoolean();
  }

  static OffsetDateTime dateTime(JsonReader in) throws IOException {
    if (in.peek() == JsonToken.NULL) {
      in.nextNull();
      return null;
    }
    return OffsetDateTime.parse(in.nextString());
  }

  /** Reads the value of one named field of an object into its target. */
  interface Field<T> {
    void read(T target, String name) throws IOException;
  }

  /**
   * An object read field by field into a fresh {@code T}, or null for JSON null: the loop every
   * hand-written reader has, written once; {@code field} skips the names it does not know.
   */
  static <T> T fields(JsonReader in, Supplier<T> create, Field<T> field) throws IOException {
    if (nextIsNull(in)) {
      return null;
    }
    T target = create.get();
    in.beginObject();
    while (in.hasNext()) {
      field.read(target, in.nextName());
    }
    in.endObject();
    return target;
  }

  /** Reads one element of an array. */
  interface Element<T> {
    T read(JsonReader in) throws IOException;
  }

  /** An array read element by element, or null for JSON null. */
  static <T> List<T> array(JsonReader in, Element<T> element) throws IOException {
    if (nextIsNull(in)) {
      return null;
    }
    List<T> values = new ArrayList<>();
    in.beginArray();
    while (in.hasNext()) {
      values.add(element.read(in));
    }
    in.endArray();
    return values;
  }

  static List<String> strings(JsonReader in) throws IOException {
    return array(in, Read::string);
  }

  /** Any JSON value as plain Java: Map, List, String, Double, Boolean or null. */
  static Object any(JsonReader in) throws IOException {
    switch (in.peek()) {
      case BEGIN_OBJECT:
        return object(in);
      case BEGIN_ARRAY:
        List<Object> list = new ArrayList<>();
        in.beginArray();
        while (in.hasNext()) {
          list.add(any(in));
        }
        in.endArray();
        return list;
      case STRING:
        return in.nextString();
      case NUMBER:
        return in.nextDouble();
      case BOOLEAN:
        return in.nextBoolean();
      case NULL:
        in.nextNull();
        return null;
      default:
        throw new IllegalStateException("Unexpected " + in.peek() + " at " + in.getPath());
    }
  }

  static Map<String, Object> object(JsonReader in) throws IOException {
    if (in.peek() == JsonToken.NULL) {
      in.nextNull();
      return null;
    }
    Map<String, Object> map = new LinkedHashMap<>();
    in.beginObject();
    while (in.hasNext()) {
      map.put(in.nextName(), any(in));
    }
    in.endObject();
    return map;
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(JsonReader in) throws IOException {
    return (List<Object>) any(in);
  }

  /** True, and the null consumed, when the next value is JSON null. */
  static boolean nextIsNull(JsonReader in) throws IOException {
    if (in.peek() == JsonToken.NULL) {
      in.nextNull();
      return true;
    }
    return false;
  }
}
