package io.github.flowruns.patchworks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The corrected Patchworks spec is exactly "what the vendor documents" plus a reviewed errata patch.
 * If someone edits {@code openapi.json} by hand, or the patch, without the other, this fails.
 */
class SpecErrataTest {
  private static final Path SPECS = Path.of("..", "specs", "patchworks");

  @Test
  void documentedSpecIsTheDeterministicMergeOfTheSevenVendorDocuments() throws IOException {
    List<JsonObject> documents = new ArrayList<>();
    try (Stream<Path> files = Files.list(SPECS.resolve("documented"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
        documents.add(read(file).asJsonObject());
      }
    }
    assertEquals(7, documents.size(), "the vendor page documents seven endpoints");

    assertEquals(read(SPECS.resolve("documented.json")), merge(documents));
  }

  @Test
  void correctedSpecIsTheDocumentedSpecWithTheErrataApplied() throws IOException {
    JsonStructure documented = read(SPECS.resolve("documented.json"));
    JsonArray errata = read(SPECS.resolve("errata.json")).asJsonArray();

    JsonStructure corrected = Json.createPatch(errata).apply(documented);

    assertEquals(read(SPECS.resolve("openapi.json")), corrected,
        "openapi.json must equal documented.json + errata.json; regenerate it instead of editing it");
  }

  @Test
  void everyErratumSaysWhyAndWhereFrom() throws IOException {
    JsonArray errata = read(SPECS.resolve("errata.json")).asJsonArray();
    assertFalse(errata.isEmpty());
    for (JsonValue value : errata) {
      JsonObject op = value.asJsonObject();
      assertFalse(op.getString("reason", "").isBlank(), () -> "no reason on " + op);
      assertFalse(op.getString("source", "").isBlank(), () -> "no source on " + op);
    }
  }

  @Test
  void correctedSpecNamesEveryOperationAndTypesTheRunStatusAsIntegers() throws IOException {
    JsonObject spec = read(SPECS.resolve("openapi.json")).asJsonObject();
    int operations = 0;
    for (Map.Entry<String, JsonValue> path : spec.getJsonObject("paths").entrySet()) {
      for (String method : List.of("get", "post", "put", "patch", "delete")) {
        JsonObject op = path.getValue().asJsonObject().getJsonObject(method);
        if (op != null) {
          operations++;
          assertFalse(op.getString("operationId", "").isBlank(), () -> path.getKey() + " has no operationId");
        }
      }
    }
    assertEquals(9, operations, "seven documented operations plus the current and the older login route");

    JsonObject status = spec.getJsonObject("components").getJsonObject("schemas").getJsonObject("FlowRunStatus");
    assertEquals("integer", status.getString("type"));
    assertEquals(Json.createArrayBuilder().add(1).add(2).add(3).add(4).add(5).build(), status.getJsonArray("enum"));

    JsonObject getOne = spec.getJsonObject("paths").getJsonObject("/api/v1/flow-runs/{flow_run}").getJsonObject("get");
    List<String> names = getOne.getJsonArray("parameters").stream()
        .map(p -> p.asJsonObject().getString("name")).toList();
    assertTrue(names.contains("include"));
    assertTrue(names.stream().noneMatch(n -> n.startsWith("filter[") || n.equals("page") || n.equals("per_page") || n.equals("sort")),
        () -> "list-only parameters left on get-one: " + names);
  }

  /**
   * The merge the documented spec was made with: the first document's header (openapi, info,
   * tags, servers, security), then every path and component of every document in file order.
   * A name defined twice must be defined identically.
   */
  private static JsonObject merge(List<JsonObject> documents) {
    JsonObject first = documents.get(0);
    Map<String, JsonValue> paths = new LinkedHashMap<>();
    Map<String, JsonValue> schemes = new LinkedHashMap<>();
    Map<String, JsonValue> schemas = new LinkedHashMap<>();
    for (JsonObject document : documents) {
      for (String key : List.of("openapi", "info", "tags", "servers", "security")) {
        assertEquals(first.get(key), document.get(key), "documents disagree on " + key);
      }
      putAll(paths, document.getJsonObject("paths"));
      JsonObject components = document.getJsonObject("components");
      putAll(schemes, components.getJsonObject("securitySchemes"));
      putAll(schemas, components.getJsonObject("schemas"));
    }
    JsonObjectBuilder components = Json.createObjectBuilder()
        .add("securitySchemes", build(schemes))
        .add("schemas", build(schemas));
    JsonObjectBuilder merged = Json.createObjectBuilder();
    for (String key : List.of("openapi", "info", "tags", "servers", "security")) {
      merged.add(key, first.get(key));
    }
    return merged.add("paths", build(paths)).add("components", components).build();
  }

  private static void putAll(Map<String, JsonValue> into, JsonObject from) {
    if (from == null) {
      return;
    }
    from.forEach((name, value) -> {
      JsonValue previous = into.putIfAbsent(name, value);
      if (previous != null && !previous.equals(value)) {
        fail("documents define " + name + " differently");
      }
    });
  }

  private static JsonObject build(Map<String, JsonValue> values) {
    JsonObjectBuilder builder = Json.createObjectBuilder();
    values.forEach(builder::add);
    return builder.build();
  }

  private static JsonStructure read(Path file) throws IOException {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
         JsonReader json = Json.createReader(reader)) {
      return json.read();
    }
  }
}
