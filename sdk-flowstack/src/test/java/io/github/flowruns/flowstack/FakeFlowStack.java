package io.github.flowruns.flowstack;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.github.flowruns.http.RetryPolicy;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;

/**
 * A FlowStack list/stats endpoint on loopback over an in-memory data set: cursor paging with
 * {@code hasMore}, the {@code status} filter applied exactly, newest first. Records every request.
 */
final class FakeFlowStack implements AutoCloseable {
  static final String API_KEY = "fs_test_a1b2c3d4e5f6";

  /** One run of the data set. */
  static final class Entry {
    final String id;
    final String flowId;
    final String status;
    final String trigger;
    final Instant start;
    final String failedStep;

    Entry(String id, String flowId, String status, String trigger, Instant start, String failedStep) {
      this.id = id;
      this.flowId = flowId;
      this.status = status;
      this.trigger = trigger;
      this.start = start;
      this.failedStep = failedStep;
    }

    JsonObject toJson() {
      JsonObject o = new JsonObject();
      o.addProperty("id", id);
      o.addProperty("flowId", flowId);
      o.addProperty("status", status);
      o.addProperty("duration", 1000);
      o.addProperty("triggerType", trigger);
      o.addProperty("startTime", start.toString());
      o.addProperty("finishTime", start.plusSeconds(1).toString());
      o.addProperty("stepsCount", 4);
      o.addProperty("stepsSucceeded", failedStep == null ? 4 : 2);
      if (failedStep != null) {
        JsonObject e = new JsonObject();
        e.addProperty("step", failedStep);
        e.addProperty("message", "boom in " + failedStep);
        o.add("error", e);
      }
      return o;
    }
  }

  final MockWebServer server = new MockWebServer();
  final Map<String, List<Entry>> flows = new LinkedHashMap<>();
  final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
  private final Gson gson = new Gson();

  FakeFlowStack() throws IOException {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        requests.add(request);
        return handle(request);
      }
    });
    server.start();
  }

  /** A flow with {@code n} runs whose statuses, triggers and failures cycle; newest first. */
  FakeFlowStack flow(String flowId, int n) {
    String[] statuses = {"SUCCEEDED", "FAILED", "RUNNING", "CANCELED", "STOPPED", "TIMEOUT",
        "QUEUED", "PAUSED", "WAITING_FOR_APPROVAL", "SUCCEEDED", "FAILED", "SUCCEEDED"};
    String[] triggers = {"SCHEDULE", "WEBHOOK", "API", "MANUAL", "EMAIL"};
    Instant newest = Instant.parse("2026-04-21T12:00:00Z");
    List<Entry> runs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String status = statuses[i % statuses.length];
      String failed = status.equals("FAILED") ? (i % 2 == 0 ? "Send Slack Message" : "Query Database") : null;
      runs.add(new Entry(String.format("run_%s_%03d", flowId.replace("flow_", ""), i), flowId, status,
          triggers[i % triggers.length], newest.minusSeconds(3600L * i), failed));
    }
    flows.put(flowId, runs);
    return this;
  }

  FlowStackClient.Builder clientBuilder() {
    return FlowStackClient.builder()
        .apiKey(API_KEY)
        .baseUrl(server.url("/").toString())
        .retryPolicy(RetryPolicy.none());
  }

  FlowStackClient client() {
    return clientBuilder().build();
  }

  List<Entry> all() {
    return flows.values().stream().flatMap(List::stream).collect(Collectors.toList());
  }

  List<String> queries() {
    return requests.stream().map(r -> r.getUrl().encodedQuery()).collect(Collectors.toList());
  }

  private MockResponse handle(RecordedRequest request) {
    HttpUrl url = request.getUrl();
    List<String> seg = url.pathSegments();
    if (!("Bearer " + API_KEY).equals(request.getHeaders().get("Authorization"))) {
      return json(401, "{\"error\":{\"code\":\"UNAUTHORIZED\",\"message\":\"Invalid API key\",\"statusCode\":401}}");
    }
    if (seg.size() < 5 || !seg.get(0).equals("api") || !seg.get(2).equals("flows") || !seg.get(4).equals("runs")) {
      return json(404, "{\"error\":{\"code\":\"NOT_FOUND\",\"message\":\"No route\",\"statusCode\":404}}");
    }
    List<Entry> runs = flows.get(seg.get(3));
    if (runs == null) {
      return json(404, "{\"error\":{\"code\":\"NOT_FOUND\",\"message\":\"Flow not found\",\"statusCode\":404}}");
    }
    if (seg.size() == 6 && seg.get(5).equals("stats")) {
      long ok = runs.stream().filter(r -> r.status.equals("SUCCEEDED")).count();
      long failed = runs.stream().filter(r -> r.status.equals("FAILED")).count();
      return json(200, "{\"totalRuns\":" + runs.size() + ",\"succeeded\":" + ok + ",\"failed\":" + failed
          + ",\"successRate\":50.0,\"averageDuration\":1000,\"lastRun\":\"2026-04-21T12:00:00Z\"}");
    }
    if (seg.size() == 5) {
      String status = url.queryParameter("status");
      List<Entry> matching = status == null ? runs
          : runs.stream().filter(r -> r.status.equals(status)).collect(Collectors.toList());
      int limit = url.queryParameter("limit") == null ? 10 : Integer.parseInt(url.queryParameter("limit"));
      if (limit < 1 || limit > 100) {
        return json(400, "{\"error\":{\"code\":\"VALIDATION_ERROR\",\"message\":\"limit must be 1..100\",\"statusCode\":400}}");
      }
      String cursor = url.queryParameter("cursor");
      int from = cursor == null ? 0 : Integer.parseInt(cursor.substring("cur_".length()));
      int to = Math.min(matching.size(), from + limit);
      JsonArray data = new JsonArray();
      for (Entry e : matching.subList(Math.min(from, matching.size()), to)) {
        data.add(e.toJson());
      }
      JsonObject page = new JsonObject();
      page.add("data", data);
      boolean more = to < matching.size();
      if (more) {
        page.addProperty("cursor", "cur_" + to);
      } else {
        page.add("cursor", com.google.gson.JsonNull.INSTANCE);
      }
      page.addProperty("hasMore", more);
      return json(200, gson.toJson(page));
    }
    String runId = seg.get(5);
    return runs.stream().filter(r -> r.id.equals(runId)).findFirst()
        .map(r -> json(200, gson.toJson(r.toJson())))
        .orElseGet(() -> json(404, "{\"error\":{\"code\":\"NOT_FOUND\",\"message\":\"Run not found\",\"statusCode\":404}}"));
  }

  static MockResponse json(int code, String body) {
    return new MockResponse.Builder()
        .code(code)
        .addHeader("Content-Type", "application/json; charset=utf-8")
        .addHeader("X-RateLimit-Limit", "1000")
        .addHeader("X-RateLimit-Remaining", "998")
        .addHeader("X-RateLimit-Reset", String.valueOf(Instant.now().plusSeconds(1800).getEpochSecond()))
        .body(body)
        .build();
  }

  @Override
  public void close() {
    server.close();
  }
}
