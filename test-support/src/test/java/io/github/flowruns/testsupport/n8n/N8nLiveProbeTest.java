package io.github.flowruns.testsupport.n8n;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Runs a real n8n (only with {@code -Pn8n-live}), seeds it, exercises the executions API and
 * records the real answers under {@code specs/n8n/observed/}, for the spec and the simulator to
 * follow. Asserts the facts of vendors.md's n8n section that the SDK will rely on.
 */
@EnabledIfSystemProperty(named = "flowruns.n8n.live", matches = "true")
class N8nLiveProbeTest {
  private static final String EX = "/api/v1/executions";
  private final Map<String, Object> facts = new LinkedHashMap<>();
  private final List<String> differences = new java.util.ArrayList<>();

  @Test
  void recordsTheExecutionsApiOfARealServer() throws IOException {
    Path out = N8nServer.repoRoot().resolve("specs/n8n/observed");
    Files.createDirectories(out);
    long t0 = System.nanoTime();
    try (N8nServer n8n = N8nServer.start()) {
      facts.put("n8nVersion", n8n.version());
      facts.put("startAndProvisionSeconds", secs(t0));
      long t1 = System.nanoTime();
      N8nSeeds.Seeded s = N8nSeeds.seed(n8n, 3, 2);
      facts.put("seedSeconds", secs(t1));

      JsonObject all = record(out, "list-all", n8n.call("GET", EX + "?limit=250", null));
      facts.put("idsAreStringsInListings", all.getAsJsonArray("data").get(0).getAsJsonObject()
          .get("id").getAsJsonPrimitive().isString());
      for (String st : List.of("canceled", "error", "running", "success", "waiting")) {
        record(out, "list-status-" + st, n8n.call("GET", EX + "?status=" + st, null));
      }
      facts.put("listedWithoutFilter", ids(all));
      facts.put("listedWaiting",
          ids(JsonParser.parseString(n8n.call("GET", EX + "?status=waiting", null).body())));
      JsonObject p1 = record(out, "list-cursor-page1",
          n8n.call("GET", EX + "?status=success&limit=2", null));
      String cursor = p1.get("nextCursor").getAsString();
      facts.put("cursorDecoded",
          new String(Base64.getDecoder().decode(cursor), StandardCharsets.UTF_8));
      record(out, "list-cursor-page2-filters-resent",
          n8n.call("GET", EX + "?status=success&limit=2&cursor=" + cursor, null));
      JsonObject p2bare = record(out, "list-cursor-page2-filters-not-resent",
          n8n.call("GET", EX + "?limit=2&cursor=" + cursor, null));
      facts.put("cursorWithoutFiltersLists", ids(p2bare));

      String failed = s.failed().get(0);
      JsonObject got = record(out, "get-failed-include-data",
          n8n.call("GET", EX + "/" + failed + "?includeData=true", null));
      JsonObject rd = got.getAsJsonObject("data").getAsJsonObject("resultData");
      facts.put("errorMessage", rd.getAsJsonObject("error").get("message").getAsString());
      facts.put("lastNodeExecuted", rd.get("lastNodeExecuted").getAsString());
      record(out, "get-succeeded", n8n.call("GET", EX + "/" + s.succeeded().get(0), null));
      record(out, "get-waiting", n8n.call("GET", EX + "/" + s.waiting(), null));
      record(out, "get-cancelled", n8n.call("GET", EX + "/" + s.cancelled(), null));
      JsonObject retried = record(out, "get-retry-from-seed",
          n8n.call("GET", EX + "/" + s.retry(), null));
      facts.put("retryMode", retried.get("mode").getAsString());

      JsonObject retry = record(out, "retry-failed-load-workflow",
          n8n.call("POST", EX + "/" + failed + "/retry", "{\"loadWorkflow\": true}"));
      facts.put("retryAnswerRetryOf", retry.get("retryOf"));
      facts.put("retryAnswerStatus", retry.get("status"));
      // A retry that succeeds: fix the workflow, retry with loadWorkflow, the original gets
      // retrySuccessId (vendors.md).
      n8n.updateWorkflow(s.failWorkflowId(),
          N8nSeeds.workflow("flowruns fail", "fail", "return [{json: {fixed: true}}];", false));
      JsonObject fixed = record(out, "retry-failed-after-fix",
          n8n.call("POST", EX + "/" + failed + "/retry", "{\"loadWorkflow\": true}"));
      facts.put("retryAfterFixStatus", fixed.get("status"));
      JsonObject original = record(out, "get-original-after-successful-retry",
          n8n.call("GET", EX + "/" + failed, null));
      facts.put("originalRetrySuccessId", original.get("retrySuccessId"));
      // vendors.md says 400; 2.41.1 answers 409 Conflict (same message).
      recordError(out, "retry-succeeded-409",
          n8n.call("POST", EX + "/" + s.succeeded().get(0) + "/retry", "{}"), 409);

      JsonObject stop = record(out, "stop-waiting",
          n8n.call("POST", EX + "/" + s.waiting() + "/stop", "{}"));
      facts.put("stopAnswerStatus", stop.get("status"));
      record(out, "list-status-canceled-after-stop", n8n.call("GET", EX + "?status=canceled", null));
      record(out, "stop-bulk", n8n.call("POST", EX + "/stop", "{\"status\": [\"waiting\", \"running\"]}"));

      JsonObject del = record(out, "delete", n8n.call("DELETE", EX + "/" + s.succeeded().get(1), null));
      facts.put("deleteAnswerIdIsString", del.get("id").getAsJsonPrimitive().isString());
      recordError(out, "get-deleted-404", n8n.call("GET", EX + "/" + s.succeeded().get(1), null), 404);

      recordError(out, "error-401-missing-key", n8n.call("GET", EX, null, Map.of()), 401);
      recordError(out, "error-401-bad-key",
          n8n.call("GET", EX, null, Map.of("X-N8N-API-KEY", "not-a-key")), 401);
      recordError(out, "error-404-unknown-id", n8n.call("GET", EX + "/99999", null), 404);
      recordError(out, "error-400-non-numeric-id", n8n.call("GET", EX + "/abc", null), 400);
      // vendors.md says 400; 2.41.1 accepts crashed and lists nothing.
      recordError(out, "list-status-crashed", n8n.call("GET", EX + "?status=crashed", null), 200);
      // vendors.md says 400; 2.41.1 answers 200 (the list; whether it caps at 250 is unchecked).
      recordError(out, "list-limit-251", n8n.call("GET", EX + "?limit=251", null), 200);
      recordError(out, "error-400-bad-cursor", n8n.call("GET", EX + "?cursor=bm9wZQ", null), 400);
      record(out, "list-unknown-workflow", n8n.call("GET", EX + "?workflowId=99999", null));
      facts.put("probeSeconds", secs(t0));
    } finally {
      facts.put("differences", differences);
      Files.writeString(out.resolve("facts.json"),
          new GsonBuilder().setPrettyPrinting().serializeNulls().create().toJson(facts) + "\n");
    }
    assertEquals(List.of(), differences, "error answers that differ from the recorded ones");
    assertEquals(Boolean.TRUE, facts.get("idsAreStringsInListings"));
    assertEquals("retry", facts.get("retryMode"));
    assertTrue(((String) facts.get("errorMessage")).contains(N8nSeeds.FAILURE_MESSAGE));
    assertFalse(((List<?>) facts.get("listedWaiting")).isEmpty(), "waiting executions listed");
  }

  private JsonObject record(Path out, String name, N8nServer.Reply r) throws IOException {
    write(out, name, r);
    assertEquals(200, r.code(), name + ": " + r.body());
    JsonElement j = r.json();
    return j.isJsonObject() ? j.getAsJsonObject() : new JsonObject();
  }

  private void recordError(Path out, String name, N8nServer.Reply r, int want) throws IOException {
    write(out, name, r);
    facts.put(name, r.code() + " " + r.body());
    if (want != r.code()) {
      differences.add(name + ": expected " + want + ", got " + r.code() + " " + r.body());
    }
  }

  private static void write(Path out, String name, N8nServer.Reply r) throws IOException {
    JsonObject o = new JsonObject();
    o.add("status", new JsonPrimitive(r.code()));
    JsonElement body;
    try {
      body = r.json();
    } catch (RuntimeException notJson) {
      body = new JsonPrimitive(r.body());
    }
    o.add("body", body);
    Files.writeString(out.resolve(name + ".json"),
        new GsonBuilder().setPrettyPrinting().serializeNulls().create().toJson(o) + "\n");
  }

  private static List<String> ids(JsonElement list) {
    return list.getAsJsonObject().getAsJsonArray("data").asList().stream()
        .map(e -> e.getAsJsonObject().get("id").getAsString()).toList();
  }

  private static double secs(long since) {
    return Math.round((System.nanoTime() - since) / 1e8) / 10.0;
  }
}
