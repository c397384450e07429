package io.github.flowruns.analytics;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;

/**
 * A small StackAI on loopback: runs per flow, and the list endpoint with the server-side semantics
 * the client relies on ({@code state}, {@code start_date}, {@code end_date} inclusive, 0-based
 * {@code page}, {@code page_size} default 25, bare-array bodies).
 */
final class FakeStackAi extends Dispatcher {
  static final String API_KEY = "sk-test-7f3c9a";
  static final String ORG = "org-42";

  private final Map<String, List<JsonObject>> flows = new LinkedHashMap<>();
  final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();

  FakeStackAi flow(String flowId, JsonObject... runs) {
    flows.computeIfAbsent(flowId, k -> new ArrayList<>()).addAll(Arrays.asList(runs));
    return this;
  }

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

  static JsonObject with(JsonObject run, String field, String value) {
    JsonObject copy = run.deepCopy();
    copy.addProperty(field, value);
    return copy;
  }

  /** The request targets ("path?query"), in order. */
  List<String> targets() {
    return requests.stream().map(RecordedRequest::getTarget).collect(Collectors.toList());
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    requests.add(request);
    if (!("Bearer " + API_KEY).equals(request.getHeaders().get("Authorization"))) {
      return json(401, "{\"detail\":\"Not authenticated\"}");
    }
    HttpUrl url = request.getUrl();
    List<String> segments = url.pathSegments();
    if (segments.size() != 5 || !segments.get(0).equals("analytics")
        || !segments.get(1).equals("org") || !segments.get(3).equals("flows")) {
      return json(404, "{\"detail\":\"Not Found\"}");
    }
    if (!segments.get(2).equals(ORG) || !flows.containsKey(segments.get(4))) {
      return json(404, "{\"detail\":\"Flow not found\"}");
    }
    String state = url.queryParameter("state");
    Set<String> states = state == null ? null : Set.of(state.split(","));
    Instant start = instant(url.queryParameter("start_date"));
    Instant end = instant(url.queryParameter("end_date"));
    int page = integer(url.queryParameter("page"), 0);
    int size = integer(url.queryParameter("page_size"), 25);
    List<JsonObject> matching = flows.get(segments.get(4)).stream()
        .filter(r -> states == null
            || (!r.get("state").isJsonNull() && states.contains(r.get("state").getAsString())))
        .filter(r -> start == null || !Instant.parse(r.get("date").getAsString()).isBefore(start))
        .filter(r -> end == null || !Instant.parse(r.get("date").getAsString()).isAfter(end))
        .collect(Collectors.toList());
    JsonArray body = new JsonArray();
    for (int i = page * size; i < Math.min(matching.size(), (page + 1) * size); i++) {
      body.add(matching.get(i));
    }
    return json(200, body.toString());
  }

  private static Instant instant(String text) {
    return text == null ? null : Instant.parse(text);
  }

  private static int integer(String text, int fallback) {
    return text == null ? fallback : Integer.parseInt(text);
  }

  static MockResponse json(int code, String body) {
    return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json")
        .body(body).build();
  }
}
