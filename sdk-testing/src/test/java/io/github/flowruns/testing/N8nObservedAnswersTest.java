package io.github.flowruns.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The n8n simulator against what a real n8n 2.41.1 answered (the live probe's recordings in
 * {@code specs/n8n/observed/}, each {@code {"status", "body"}}): the same request gets the same
 * status, an error the same body, and an answer the same fields with the same JSON types. The
 * recordings are the vendor's truth; when the probe records a new server version, this test
 * says where the simulator no longer follows it.
 */
class N8nObservedAnswersTest {
  private static final Path OBSERVED = Path.of("..", "specs", "n8n", "observed");
  private static final String EX = "/api/v1/executions";

  private N8nSimulator sim;

  @BeforeEach
  void start() {
    sim = N8nSimulator.builder().runs(200).flows(3).seed(8).build().start();
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  private static JsonObject recorded(String name) {
    try {
      return JsonParser.parseString(Files.readString(OBSERVED.resolve(name + ".json"), StandardCharsets.UTF_8))
          .getAsJsonObject();
    } catch (IOException e) {
      throw new AssertionError("recording " + name + " is missing under " + OBSERVED.toAbsolutePath(), e);
    }
  }

  private Http.Reply call(String method, String pathAndQuery, String key, String json) {
    Request.Builder b = new Request.Builder().url(sim.baseUrl() + pathAndQuery);
    if (key != null) b.header("X-N8N-API-KEY", key);
    b.method(method, json == null ? null : RequestBody.create(json, MediaType.get("application/json")));
    return Http.send(b.build());
  }

  private Http.Reply call(String method, String pathAndQuery) {
    return call(method, pathAndQuery, sim.apiKey(), method.equals("POST") ? "{}" : null);
  }

  /** The same status and, for an error, the very same body. */
  private static void assertSameError(String name, Http.Reply got) {
    JsonObject real = recorded(name);
    assertEquals(real.get("status").getAsInt(), got.code(), name + ": " + got.body());
    assertEquals(real.get("body"), got.json(), name);
  }

  /** The same status, and the same field names with the same JSON types (recursively, objects only). */
  private static void assertSameShape(String name, JsonElement real, JsonElement got) {
    assertEquals(shape(real), shape(got), name);
  }

  private static void assertSameShape(String name, Http.Reply got) {
    JsonObject real = recorded(name);
    assertEquals(real.get("status").getAsInt(), got.code(), name + ": " + got.body());
    assertSameShape(name, real.get("body"), got.json());
  }

  /** Field name to JSON type; nulls are "null", nested objects by their own shape, arrays as such. */
  private static Map<String, Object> shape(JsonElement e) {
    Map<String, Object> out = new TreeMap<>();
    for (Map.Entry<String, JsonElement> m : e.getAsJsonObject().entrySet()) {
      JsonElement v = m.getValue();
      Object type;
      if (v.isJsonNull()) type = "null";
      else if (v.isJsonObject()) type = v.getAsJsonObject().size() == 0 ? "{}" : shape(v);
      else if (v.isJsonArray()) type = "array";
      else if (v.getAsJsonPrimitive().isString()) type = "string";
      else if (v.getAsJsonPrimitive().isNumber()) type = "number";
      else type = "boolean";
      out.put(m.getKey(), type);
    }
    return out;
  }

  private SimulatedRun first(String rawStatus) {
    return sim.runs().stream().filter(r -> r.status().equals(rawStatus)).findFirst().orElseThrow();
  }

  @Test
  void errorsAreTheRealServersStatusesAndBodies() {
    assertSameError("error-401-missing-key", call("GET", EX, null, null));
    assertSameError("error-401-bad-key", call("GET", EX, "not-the-key", null));
    assertSameError("error-404-unknown-id", call("GET", EX + "/" + sim.unknownRunId()));
    assertSameError("error-400-non-numeric-id", call("GET", EX + "/abc"));
    assertSameError("error-400-bad-cursor", call("GET", EX + "?cursor=bm9wZQ"));
    assertSameError("retry-succeeded-409", call("POST", EX + "/" + first("success").id() + "/retry"));
    String deleted = first("success").id();
    assertEquals(200, call("DELETE", EX + "/" + deleted).code());
    assertSameError("get-deleted-404", call("GET", EX + "/" + deleted));
    assertTrue(call("GET", EX + "?limit=250&status=success").json().getAsJsonObject().getAsJsonArray("data")
        .asList().stream().noneMatch(e -> e.getAsJsonObject().get("id").getAsString().equals(deleted)),
        "a deleted execution is listed no more");
  }

  @Test
  void listingsHaveTheRealServersFieldsAndTypes() {
    JsonElement realItem = recorded("list-all").getAsJsonObject("body").getAsJsonArray("data").get(0);
    // The first recorded item is an original (retryOf null): compare with one of those.
    Http.Reply list = call("GET", EX + "?limit=50");
    JsonElement simItem = null;
    for (JsonElement e : list.json().getAsJsonObject().getAsJsonArray("data")) {
      if (e.getAsJsonObject().get("retryOf").isJsonNull() && e.getAsJsonObject().get("retrySuccessId").isJsonNull()
          && !e.getAsJsonObject().get("stoppedAt").isJsonNull()) {
        simItem = e;
        break;
      }
    }
    assertTrue(simItem != null, list.body());
    assertSameShape("list-all item", realItem, simItem);
    assertEquals(shape(recorded("list-all").getAsJsonObject("body")).keySet(),
        shape(list.json()).keySet(), "page fields");
    assertSameShape("list-status-crashed", call("GET", EX + "?status=crashed&workflowId=none"));
    assertSameShape("list-unknown-workflow", call("GET", EX + "?workflowId=99999"));
    assertEquals(200, call("GET", EX + "?limit=251").code(), "list-limit-251");
  }

  @Test
  void getDeleteRetryAndStopHaveTheRealServersFieldsAndTypes() {
    assertSameShape("get-succeeded", call("GET", EX + "/" + first("success").id()));
    assertSameShape("get-waiting", call("GET", EX + "/" + first("waiting").id()));
    Http.Reply failed = call("GET", EX + "/" + first("error").id() + "?includeData=true");
    JsonObject real = recorded("get-failed-include-data").getAsJsonObject("body");
    JsonObject got = failed.json().getAsJsonObject();
    assertEquals(shape(real).keySet(), shape(got).keySet(), "get with includeData: fields");
    // Only what the client reads is compared inside data (the run data itself is the workflow's).
    JsonObject realResult = real.getAsJsonObject("data").getAsJsonObject("resultData");
    JsonObject gotResult = got.getAsJsonObject("data").getAsJsonObject("resultData");
    assertEquals(shape(real.getAsJsonObject("data")).keySet(), shape(got.getAsJsonObject("data")).keySet());
    assertEquals(realResult.keySet(), gotResult.keySet());
    assertSameShape("resultData.error", realResult.get("error"), gotResult.get("error"));

    SimulatedRun toDelete = first("success");
    assertSameShape("delete", call("DELETE", EX + "/" + toDelete.id()));
    assertSameShape("retry-failed-load-workflow", recordedDataless("retry-failed-load-workflow"),
        dataless(call("POST", EX + "/" + first("error").id() + "/retry", sim.apiKey(), "{\"loadWorkflow\":true}")));
    assertSameShape("stop-waiting", call("POST", EX + "/" + first("waiting").id() + "/stop"));
    assertSameShape("stop-bulk", call("POST", EX + "/stop", sim.apiKey(), "{\"status\":[\"waiting\",\"running\"]}"));
  }

  /** A retry answer without its run data and workflow (their content is the workflow's, not n8n's shape). */
  private static JsonObject recordedDataless(String name) {
    JsonObject body = recorded(name).getAsJsonObject("body").deepCopy();
    body.remove("data");
    body.remove("workflowData");
    return body;
  }

  private static JsonObject dataless(Http.Reply reply) {
    assertEquals(200, reply.code(), reply.body());
    JsonObject body = reply.json().getAsJsonObject().deepCopy();
    assertTrue(body.has("data") && body.has("workflowData"), reply.body());
    body.remove("data");
    body.remove("workflowData");
    return body;
  }
}
