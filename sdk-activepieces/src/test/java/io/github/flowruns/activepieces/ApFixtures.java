package io.github.flowruns.activepieces;

import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import io.github.flowruns.http.RetryPolicy;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/** Activepieces runs and pages as the server writes them, and a client wired to a test server. */
final class ApFixtures {
  static final String KEY = "ap_test_key_0123456789";
  static final String PROJECT = "p7Hd2kLmQ9wErT5yUiOa1";
  static final String FLOW = "f3Jk8LmN2bVc6XzQw1ErT";

  private ApFixtures() {}

  static ActivepiecesClient client(MockWebServer server) {
    return builder(server).build();
  }

  static ActivepiecesClient.Builder builder(MockWebServer server) {
    return ActivepiecesClient.builder()
        .apiKey(KEY)
        .projectId(PROJECT)
        .baseUrl(server.url("/api").toString())
        .retryPolicy(RetryPolicy.none());
  }

  static RunJson run(String id) {
    return new RunJson(id);
  }

  static String page(String next, RunJson... runs) {
    JsonObject page = new JsonObject();
    JsonArray data = new JsonArray();
    for (RunJson r : runs) {
      data.add(r.json);
    }
    page.add("data", data);
    page.addProperty("next", next);
    page.add("previous", JsonNull.INSTANCE);
    return page.toString();
  }

  static String page(String next, List<RunJson> runs) {
    return page(next, runs.toArray(new RunJson[0]));
  }

  static void enqueueJson(MockWebServer server, int code, String body) {
    server.enqueue(new MockResponse.Builder().code(code)
        .addHeader("Content-Type", "application/json").body(body).build());
  }

  static RecordedRequest take(MockWebServer server) throws InterruptedException {
    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    if (request == null) {
      throw new AssertionError("no request reached the server");
    }
    return request;
  }

  /** A run as JSON, with realistic defaults: a SUCCEEDED production run of {@link #FLOW}. */
  static final class RunJson {
    final JsonObject json = new JsonObject();

    RunJson(String id) {
      json.addProperty("id", id);
      json.addProperty("created", "2025-03-14T09:00:00.000Z");
      json.addProperty("updated", "2025-03-14T09:00:05.000Z");
      json.addProperty("projectId", PROJECT);
      json.addProperty("flowId", FLOW);
      json.addProperty("flowVersionId", "v9Pl0OkI8uJy7HtG6fRd5");
      json.addProperty("failParentOnFailure", false);
      json.addProperty("status", "SUCCEEDED");
      json.addProperty("startTime", "2025-03-14T09:00:00.100Z");
      json.addProperty("finishTime", "2025-03-14T09:00:04.100Z");
      json.addProperty("environment", "PRODUCTION");
      json.add("archivedAt", JsonNull.INSTANCE);
      json.add("logsFileId", JsonNull.INSTANCE);
    }

    RunJson status(String status) {
      json.addProperty("status", status);
      return this;
    }

    RunJson flow(String flowId) {
      json.addProperty("flowId", flowId);
      return this;
    }

    RunJson created(Instant created) {
      if (created == null) {
        json.remove("created");
      } else {
        json.addProperty("created", created.toString());
      }
      return this;
    }

    RunJson start(Instant start) {
      if (start == null) {
        json.add("startTime", JsonNull.INSTANCE);
      } else {
        json.addProperty("startTime", start.toString());
      }
      return this;
    }

    RunJson finish(Instant finish) {
      if (finish == null) {
        json.add("finishTime", JsonNull.INSTANCE);
      } else {
        json.addProperty("finishTime", finish.toString());
      }
      return this;
    }

    RunJson triggeredBy(String trigger) {
      json.addProperty("triggeredBy", trigger);
      return this;
    }

    RunJson tags(String... tags) {
      JsonArray a = new JsonArray();
      for (String t : tags) {
        a.add(t);
      }
      json.add("tags", a);
      return this;
    }

    RunJson failedStep(String name, String displayName, String message) {
      JsonObject f = new JsonObject();
      f.addProperty("name", name);
      f.addProperty("displayName", displayName);
      if (message != null) {
        f.addProperty("message", message);
      }
      json.add("failedStep", f);
      return this;
    }

    RunJson set(String name, String value) {
      json.addProperty(name, value);
      return this;
    }

    RunJson set(String name, Number value) {
      json.addProperty(name, value);
      return this;
    }

    RunJson remove(String name) {
      json.remove(name);
      return this;
    }

    RunJson step(String name, String status, Number durationMs) {
      JsonObject steps = json.has("steps") ? json.getAsJsonObject("steps") : new JsonObject();
      JsonObject s = new JsonObject();
      s.addProperty("type", "PIECE");
      s.addProperty("status", status);
      s.add("input", new JsonObject());
      if (durationMs != null) {
        s.addProperty("duration", durationMs);
      }
      steps.add(name, s);
      json.add("steps", steps);
      return this;
    }

    /** The failed step's error, where the vendor puts it: the step's errorMessage in steps. */
    RunJson stepError(String name, String message) {
      json.getAsJsonObject("steps").getAsJsonObject(name).addProperty("errorMessage", message);
      return this;
    }

    String id() {
      return json.get("id").getAsString();
    }

    @Override
    public String toString() {
      return json.toString();
    }
  }
}
