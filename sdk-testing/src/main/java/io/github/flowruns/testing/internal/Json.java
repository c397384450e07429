package io.github.flowruns.testing.internal;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.Map;
import mockwebserver3.MockResponse;

/** Small JSON helpers: explicit nulls on the wire, as the vendors send them. */
public final class Json {
  public static final Gson GSON = new GsonBuilder().serializeNulls().disableHtmlEscaping().create();
  private static final DateTimeFormatter MILLIS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter MICROS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

  private Json() {}

  /** An object from alternating names and values (String, Number, Boolean, JsonElement, List, Map or null). */
  public static JsonObject obj(Object... namesAndValues) {
    JsonObject o = new JsonObject();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      o.add((String) namesAndValues[i], of(namesAndValues[i + 1]));
    }
    return o;
  }

  public static JsonElement of(Object v) {
    if (v == null) return JsonNull.INSTANCE;
    if (v instanceof JsonElement e) return e;
    if (v instanceof String s) return new JsonPrimitive(s);
    if (v instanceof Number n) return new JsonPrimitive(n);
    if (v instanceof Boolean b) return new JsonPrimitive(b);
    if (v instanceof Collection<?> c) {
      JsonArray a = new JsonArray();
      for (Object x : c) a.add(of(x));
      return a;
    }
    if (v instanceof Map<?, ?> m) {
      JsonObject o = new JsonObject();
      m.forEach((k, x) -> o.add(String.valueOf(k), of(x)));
      return o;
    }
    throw new IllegalArgumentException("not a JSON value: " + v.getClass());
  }

  public static MockResponse.Builder response(int code, JsonElement body) {
    return new MockResponse.Builder()
        .code(code)
        .setHeader("Content-Type", "application/json")
        .body(GSON.toJson(body));
  }

  /** ISO-8601 UTC with milliseconds, or JSON null. */
  public static Object iso(Long ms) {
    return ms == null ? null : MILLIS.format(Instant.ofEpochMilli(ms));
  }

  /** Laravel's default date-time serialisation: microseconds and Z. */
  public static Object laravel(Long ms) {
    return ms == null ? null : MICROS.format(Instant.ofEpochMilli(ms));
  }

  /** Parses a request body; null when it is empty; throws {@link IllegalArgumentException} when malformed. */
  public static JsonObject parseObject(String body) {
    if (body == null || body.isBlank()) return null;
    try {
      JsonElement e = JsonParser.parseString(body);
      if (!e.isJsonObject()) throw new IllegalArgumentException("body must be a JSON object");
      return e.getAsJsonObject();
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("body is not valid JSON", e);
    }
  }
}
