package io.github.flowruns.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.TypeAdapter;
import com.google.gson.TypeAdapterFactory;
import com.google.gson.reflect.TypeToken;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonWriter;
import io.github.flowruns.benchmarks.Fixtures.Vendor;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The generated models read each object in one streaming pass (pojo.mustache). This checks that
 * they read exactly what the former two-pass adapter read (JsonElement tree, validateJsonElement,
 * reflective binding, unknown fields copied into additional properties), on every vendor's list
 * page and on hundreds of variants of it: each field of each object, at every depth, removed, set to
 * null, or set to a value of each JSON kind, and an unknown field of each kind added. Same model
 * (equals, additional properties included) or the same exception; for the IllegalArgumentException
 * of a wrong JSON kind, the same message.
 */
class StreamingReadEquivalenceTest {
  private static final JsonElement[] KINDS = {
    JsonNull.INSTANCE, new JsonObject(), new JsonArray(), new JsonPrimitive("text"), new JsonPrimitive("12"),
    new JsonPrimitive("2.5"), new JsonPrimitive("1e3"), new JsonPrimitive("NaN"), new JsonPrimitive(7), new JsonPrimitive(2.5),
    new JsonPrimitive(new com.google.gson.internal.LazilyParsedNumber("1e3")), new JsonPrimitive(-0.0), new JsonPrimitive(true), object("nested", new JsonPrimitive(1)),
    array(new JsonPrimitive("a"), new JsonPrimitive(1))};

  @Test
  void patchworksReadsAsTheTwoPassAdapterDid() {
    JsonObject page = page(Vendor.PATCHWORKS);
    // The JSON:API shape too: attributes (a nested FlowRun) and relationships.
    JsonObject item = new JsonObject();
    item.addProperty("id", "48000001");
    item.addProperty("type", "flow-runs");
    item.add("attributes", page.getAsJsonArray("data").get(0).deepCopy());
    item.add("relationships", object("flow", object("data", object("id", new JsonPrimitive("1200")))));
    page.getAsJsonArray("data").add(item);
    assertSameReading(page, io.github.flowruns.patchworks.model.FlowRunList.class,
        io.github.flowruns.patchworks.invoker.JSON.getGson(), legacyGson());
  }

  @Test
  void stackAiReadsAsTheTwoPassAdapterDid() {
    JsonArray runs = JsonParser.parseString(Fixtures.pageJson(Vendor.STACKAI, 2, 0, 2)).getAsJsonArray();
    Type type = new TypeToken<List<io.github.flowruns.analytics.model.FlowRunSummary>>() {}.getType();
    assertSameReading(runs, type, io.github.flowruns.analytics.invoker.JSON.getGson(), legacyGson());
  }

  @Test
  void activepiecesReadsAsTheTwoPassAdapterDid() {
    JsonObject page = page(Vendor.ACTIVEPIECES);
    // A run as getRun answers it: steps (a map of StepOutput) and pause metadata.
    JsonObject run = page.getAsJsonArray("data").get(0).getAsJsonObject();
    JsonObject step = new JsonObject();
    step.addProperty("type", "PIECE");
    step.addProperty("status", "SUCCEEDED");
    step.add("input", object("channel", new JsonPrimitive("#ops")));
    step.add("output", array(new JsonPrimitive(1), new JsonPrimitive("two")));
    step.addProperty("duration", 120.5);
    run.add("steps", object("step_1", step));
    JsonObject pause = new JsonObject();
    pause.addProperty("type", "DELAY");
    pause.addProperty("resumeDateTime", "2026-04-21T10:00:00Z");
    run.add("pauseMetadata", pause);
    run.add("internalError", object("message", new JsonPrimitive("boom")));
    assertSameReading(page, io.github.flowruns.activepieces.model.FlowRunPage.class,
        io.github.flowruns.activepieces.invoker.JSON.getGson(), legacyGson());
  }

  @Test
  void flowStackReadsAsTheTwoPassAdapterDid() {
    JsonObject page = page(Vendor.FLOWSTACK);
    JsonObject step = new JsonObject();
    step.addProperty("name", "Query Database");
    step.addProperty("status", "SUCCEEDED");
    step.addProperty("duration", 450);
    step.add("output", object("rowCount", new JsonPrimitive(24)));
    page.getAsJsonArray("data").get(0).getAsJsonObject().add("steps", array(step));
    assertSameReading(page, io.github.flowruns.flowstack.model.FlowRunPage.class,
        io.github.flowruns.flowstack.invoker.JSON.getGson(), legacyGson());
  }

  @Test
  void theBenchmarkedPagesReadAsTheTwoPassAdapterDid() {
    Map<Vendor, Object[]> cases = Map.of(
        Vendor.PATCHWORKS, new Object[] {io.github.flowruns.patchworks.model.FlowRunList.class, io.github.flowruns.patchworks.invoker.JSON.getGson()},
        Vendor.STACKAI, new Object[] {new TypeToken<List<io.github.flowruns.analytics.model.FlowRunSummary>>() {}.getType(), io.github.flowruns.analytics.invoker.JSON.getGson()},
        Vendor.ACTIVEPIECES, new Object[] {io.github.flowruns.activepieces.model.FlowRunPage.class, io.github.flowruns.activepieces.invoker.JSON.getGson()},
        Vendor.FLOWSTACK, new Object[] {io.github.flowruns.flowstack.model.FlowRunPage.class, io.github.flowruns.flowstack.invoker.JSON.getGson()});
    for (Map.Entry<Vendor, Object[]> c : cases.entrySet()) {
      String body = new String(Parsers.fixture(c.getKey()), java.nio.charset.StandardCharsets.UTF_8);
      Outcome streaming = Outcome.of(() -> ((Gson) c.getValue()[1]).fromJson(body, (Type) c.getValue()[0]));
      Outcome legacy = Outcome.of(() -> legacyGson().fromJson(body, (Type) c.getValue()[0]));
      assertEquals(legacy, streaming, c.getKey().toString());
      assertTrue(streaming.value != null, c.getKey() + " did not parse: " + streaming);
    }
  }

  // ---------------------------------------------------------------------------------------------

  private static void assertSameReading(JsonElement base, Type type, Gson streaming, Gson legacy) {
    List<JsonElement> variants = variants(base);
    variants.add(JsonNull.INSTANCE);
    variants.add(new JsonPrimitive("not a page"));
    variants.add(base.isJsonArray() ? new JsonObject() : new JsonArray());
    List<String> differences = new ArrayList<>();
    int failures = 0;
    for (JsonElement variant : variants) {
      String text = variant.toString();
      Outcome expected = Outcome.of(() -> legacy.fromJson(text, type));
      Outcome actual = Outcome.of(() -> streaming.fromJson(text, type));
      if (expected.error != null) {
        failures++;
      }
      if (!expected.equals(actual)) {
        differences.add(expected + " but " + actual + " for " + (text.length() > 300 ? text.substring(0, 300) + "..." : text));
      }
    }
    assertTrue(variants.size() > 100, "too few variants: " + variants.size());
    assertTrue(failures > 10, "the variants should include wrong kinds that fail: " + failures);
    assertEquals(List.of(), differences.subList(0, Math.min(5, differences.size())),
        differences.size() + " of " + variants.size() + " variants read differently");
  }

  /** Every single-edit variant of {@code root}: per object at any depth, per key, and one new key. */
  private static List<JsonElement> variants(JsonElement root) {
    List<JsonElement> out = new ArrayList<>();
    List<List<Object>> paths = new ArrayList<>();
    collectObjects(root, new ArrayList<>(), paths);
    for (List<Object> path : paths) {
      JsonObject target = (JsonObject) at(root, path);
      for (String key : target.keySet()) {
        if (key.equals("additionalProperties")) {
          continue;
        }
        out.add(edit(root, path, o -> o.remove(key)));
        for (JsonElement kind : KINDS) {
          out.add(edit(root, path, o -> o.add(key, kind.deepCopy())));
        }
      }
      for (JsonElement kind : KINDS) {
        out.add(edit(root, path, o -> o.add("x_unknown_field", kind.deepCopy())));
      }
    }
    return out;
  }

  private static void collectObjects(JsonElement node, List<Object> path, List<List<Object>> out) {
    if (node.isJsonObject()) {
      out.add(new ArrayList<>(path));
      for (Map.Entry<String, JsonElement> e : node.getAsJsonObject().entrySet()) {
        path.add(e.getKey());
        collectObjects(e.getValue(), path, out);
        path.remove(path.size() - 1);
      }
    } else if (node.isJsonArray()) {
      JsonArray array = node.getAsJsonArray();
      // The first two items of a list are enough: the rest are read by the same adapter.
      for (int i = 0; i < Math.min(2, array.size()); i++) {
        path.add(i);
        collectObjects(array.get(i), path, out);
        path.remove(path.size() - 1);
      }
    }
  }

  private static JsonElement at(JsonElement root, List<Object> path) {
    JsonElement node = root;
    for (Object step : path) {
      node = step instanceof Integer i ? node.getAsJsonArray().get(i) : node.getAsJsonObject().get((String) step);
    }
    return node;
  }

  private static JsonElement edit(JsonElement root, List<Object> path, java.util.function.Consumer<JsonObject> change) {
    JsonElement copy = root.deepCopy();
    change.accept((JsonObject) at(copy, path));
    return copy;
  }

  private static JsonObject page(Vendor vendor) {
    return JsonParser.parseString(Fixtures.pageJson(vendor, 2, 0, 4)).getAsJsonObject();
  }

  private static JsonObject object(String key, JsonElement value) {
    JsonObject o = new JsonObject();
    o.add(key, value);
    return o;
  }

  private static JsonArray array(JsonElement... values) {
    JsonArray a = new JsonArray();
    for (JsonElement v : values) {
      a.add(v);
    }
    return a;
  }

  /**
   * A Gson that reads generated models as the okhttp-gson templates did before the streaming
   * change: the generic form of the former CustomTypeAdapterFactory.read, with the same date
   * adapters the generated JSON class registers.
   */
  private static Gson legacyGson() {
    // Issue 9, property 5: a number or date a field cannot hold exactly reads as null, its value
    // kept as an additional property; untyped numbers keep their JSON text. The tree reading
    // states those rules on its own (these adapters and TwoPassFactory's raw copy), so the
    // streaming reader is still checked against an independent reading.
    return new GsonBuilder()
        .setObjectToNumberStrategy(com.google.gson.ToNumberPolicy.LAZILY_PARSED_NUMBER)
        .registerTypeAdapter(OffsetDateTime.class, new Exact<OffsetDateTime>((number, text) -> number
            ? OffsetDateTime.ofInstant(java.time.Instant.ofEpochMilli(Long.parseLong(text)), java.time.ZoneOffset.UTC)
            : io.github.flowruns.flowstack.invoker.JSON.parseOffsetDateTime(text, java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME),
            com.google.gson.internal.bind.TypeAdapters.STRING))
        .registerTypeAdapter(Long.class, new Exact<Long>((number, text) -> {
          Long v = Long.parseLong(text);
          return v.toString().equals(text) ? v : null;
        }, com.google.gson.internal.bind.TypeAdapters.LONG))
        .registerTypeAdapter(Integer.class, new Exact<Integer>((number, text) -> {
          Integer v = Integer.parseInt(text);
          return v.toString().equals(text) ? v : null;
        }, com.google.gson.internal.bind.TypeAdapters.INTEGER))
        .registerTypeAdapter(Double.class, new Exact<Double>((number, text) -> {
          if (!text.matches("-?(?:0|[1-9][0-9]*)(?:\\.[0-9]+)?(?:[eE][+-]?[0-9]+)?")) {
            return null;
          }
          java.math.BigDecimal exact = new java.math.BigDecimal(text);
          double v = Double.parseDouble(text);   // BigDecimal has no -0.0
          return Double.isInfinite(v) || (v == 0 && exact.signum() != 0) ? null : v;
        }, com.google.gson.internal.bind.TypeAdapters.DOUBLE))
        .registerTypeAdapter(LocalDate.class, new io.github.flowruns.flowstack.invoker.JSON.LocalDateTypeAdapter())
        .registerTypeAdapterFactory(new TwoPassFactory())
        .create();
  }

  /** A number or string parsed exactly (told which it was), or null: TwoPassFactory keeps it raw. */
  private static final class Exact<T> extends TypeAdapter<T> {
    private final java.util.function.BiFunction<Boolean, String, T> parse;
    private final TypeAdapter<?> other;

    Exact(java.util.function.BiFunction<Boolean, String, T> parse, TypeAdapter<?> other) {
      this.parse = parse;
      this.other = other;
    }

    @Override
    public void write(JsonWriter out, T value) throws IOException {
      JsonElement tree = value == null ? JsonNull.INSTANCE
          : value instanceof Number n ? new JsonPrimitive(n) : new JsonPrimitive(value.toString());
      com.google.gson.internal.Streams.write(tree, out);
    }

    @Override
    @SuppressWarnings("unchecked")
    public T read(JsonReader in) throws IOException {
      switch (in.peek()) {
        case NUMBER:
        case STRING:
          boolean number = in.peek() == com.google.gson.stream.JsonToken.NUMBER;
          String text = in.nextString();
          try {
            return parse.apply(number, text);
          } catch (RuntimeException e) {
            return null;
          }
        case BOOLEAN:
          in.nextBoolean();
          return null;
        default:
          return (T) other.read(in);
      }
    }
  }

  private static final class TwoPassFactory implements TypeAdapterFactory {
    @Override
    @SuppressWarnings("unchecked")
    public <T> TypeAdapter<T> create(Gson gson, TypeToken<T> type) {
      Class<?> raw = type.getRawType();
      Method validate;
      Set<String> openapiFields;
      try {
        openapiFields = (Set<String>) raw.getField("openapiFields").get(null);
        validate = raw.getMethod("validateJsonElement", JsonElement.class);
      } catch (ReflectiveOperationException e) {
        return null; // not a generated model
      }
      Method put;
      try {
        put = raw.getMethod("putAdditionalProperty", String.class, Object.class);
      } catch (NoSuchMethodException e) {
        put = null;
      }
      Method putAdditional = put;
      TypeAdapter<JsonElement> elementAdapter = gson.getAdapter(JsonElement.class);
      TypeAdapter<T> thisAdapter = gson.getDelegateAdapter(this, type);
      return new TypeAdapter<T>() {
        @Override
        public void write(JsonWriter out, T value) throws IOException {
          thisAdapter.write(out, value);
        }

        @Override
        public T read(JsonReader in) throws IOException {
          JsonElement jsonElement = elementAdapter.read(in);
          invoke(validate, null, jsonElement);
          if (putAdditional == null) {
            return thisAdapter.fromJsonTree(jsonElement);
          }
          JsonObject jsonObj = jsonElement.getAsJsonObject();
          T instance = thisAdapter.fromJsonTree(jsonObj);
          for (Map.Entry<String, JsonElement> entry : jsonObj.entrySet()) {
            if (openapiFields.contains(entry.getKey())) {
              // A primitive that an exact adapter above could not hold: kept as sent.
              JsonElement v = entry.getValue();
              if (v.isJsonPrimitive() && fieldValue(instance, entry.getKey()) == null) {
                JsonPrimitive p = v.getAsJsonPrimitive();
                invoke(putAdditional, instance, entry.getKey(),
                    p.isNumber() ? p.getAsNumber() : p.isBoolean() ? (Object) p.getAsBoolean() : p.getAsString());
              }
            } else {
              Object value;
              if (entry.getValue().isJsonPrimitive()) {
                if (entry.getValue().getAsJsonPrimitive().isString()) {
                  value = entry.getValue().getAsString();
                } else if (entry.getValue().getAsJsonPrimitive().isNumber()) {
                  value = entry.getValue().getAsNumber();
                } else if (entry.getValue().getAsJsonPrimitive().isBoolean()) {
                  value = entry.getValue().getAsBoolean();
                } else {
                  value = entry.getValue().getAsString();
                }
              } else if (entry.getValue().isJsonArray()) {
                value = gson.fromJson(entry.getValue(), List.class);
              } else {
                value = gson.fromJson(entry.getValue(), HashMap.class);
              }
              invoke(putAdditional, instance, entry.getKey(), value);
            }
          }
          return instance;
        }
      }.nullSafe();
    }

    /** The value of the field serialized under {@code jsonName}. */
    private static Object fieldValue(Object instance, String jsonName) {
      for (java.lang.reflect.Field f : instance.getClass().getDeclaredFields()) {
        com.google.gson.annotations.SerializedName name = f.getAnnotation(com.google.gson.annotations.SerializedName.class);
        if (name != null && name.value().equals(jsonName)) {
          try {
            f.setAccessible(true);
            return f.get(instance);
          } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
          }
        }
      }
      return "";   // not a field: nothing to keep
    }

    private static void invoke(Method method, Object target, Object... args) throws IOException {
      try {
        method.invoke(target, args);
      } catch (InvocationTargetException e) {
        if (e.getCause() instanceof RuntimeException r) {
          throw r;
        }
        throw new IOException(e.getCause());
      } catch (IllegalAccessException e) {
        throw new AssertionError(e);
      }
    }
  }

  /** A value, or an exception's class and (for a wrong JSON kind) its message. */
  private static final class Outcome {
    final Object value;
    final Class<?> error;
    final String message;

    private Outcome(Object value, Class<?> error, String message) {
      this.value = value;
      this.error = error;
      this.message = message;
    }

    static Outcome of(java.util.concurrent.Callable<?> read) {
      try {
        return new Outcome(read.call(), null, null);
      } catch (Exception e) {
        // Gson's own messages name a JSON path, which differs between a tree and a stream reader.
        return new Outcome(null, e.getClass(), e instanceof IllegalArgumentException ? e.getMessage() : null);
      }
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Outcome other && java.util.Objects.equals(value, other.value)
          && java.util.Objects.equals(error, other.error) && java.util.Objects.equals(message, other.message);
    }

    @Override
    public int hashCode() {
      return java.util.Objects.hash(value, error, message);
    }

    @Override
    public String toString() {
      return error == null ? "value" : error.getSimpleName() + (message == null ? "" : "(" + message + ")");
    }
  }
}
