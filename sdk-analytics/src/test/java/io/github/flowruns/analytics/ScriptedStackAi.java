package io.github.flowruns.analytics;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.github.flowruns.contract.Scripted;
import mockwebserver3.MockResponse;

/**
 * Scripted StackAI bodies for the tests that enqueue exact answers on a plain MockWebServer (the
 * simulator holds the server's behaviour): a run object in the list endpoint's shape, a bare-array
 * page of them, and the key and organisation those tests use.
 */
final class ScriptedStackAi {
  static final String API_KEY = "sk-test-7f3c9a";
  static final String ORG = "org-42";

  private ScriptedStackAi() {}

  static JsonObject run(String id, String state, Boolean successful, String date) {
    JsonObject o = new JsonObject();
    o.addProperty("run_id", id);
    o.addProperty("date", date);
    o.addProperty("is_flow_successful", successful);
    o.addProperty("state", state);
    o.add("error", null);
    o.addProperty("latency", 1.5);
    o.addProperty("total_tokens", 10);
    o.add("user_id", null);
    o.add("inputs", null);
    o.add("outputs", null);
    o.add("llms", null);
    o.add("feedback", null);
    o.addProperty("run_type", "api");
    return o;
  }

  /** A 200 list page: StackAI answers a listing with a bare array of runs. */
  static MockResponse page(JsonObject... runs) {
    JsonArray body = new JsonArray();
    for (JsonObject r : runs) body.add(r);
    return json(200, body.toString());
  }

  static MockResponse json(int code, String body) {
    return Scripted.json(code, body);
  }
}
