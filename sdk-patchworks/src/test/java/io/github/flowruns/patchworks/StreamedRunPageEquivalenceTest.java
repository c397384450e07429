package io.github.flowruns.patchworks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.internal.LazilyParsedNumber;
import io.github.flowruns.Page;
import io.github.flowruns.Run;
import io.github.flowruns.Vendor;
import io.github.flowruns.http.RequestOptions;
import io.github.flowruns.internal.Transport;
import io.github.flowruns.patchworks.invoker.JSON;
import io.github.flowruns.patchworks.model.FlowRun;
import io.github.flowruns.testing.internal.NoDelayServerSocketFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A Patchworks list page read streamed ({@link StreamedRunPage}, and the tree only where the stream
 * gives up) gives exactly what the tree reading gave ({@code JsonObject}, then a model per item):
 * the same runs ({@code Run.equals}) with the same models ({@code unwrap}, additional properties
 * included), the same next page, or the same exception with the same message. Over random pages
 * (flat and JSON:API items, statuses as codes, names in any case and unknowns, huge and odd ids,
 * dates, durations, error logs the model can or cannot type, null and non-object items, odd
 * {@code data} and {@code meta}, keys sent twice) and random mutations of them, each page served
 * over loopback and read both ways through one {@link Transport}, as the listing reads it.
 */
class StreamedRunPageEquivalenceTest {
  private static final int PAGE = 3;
  private static final JsonElement[] KINDS = {
    JsonNull.INSTANCE, new JsonObject(), new JsonArray(), new JsonPrimitive("text"),
    new JsonPrimitive("12"), new JsonPrimitive(""), new JsonPrimitive(7), new JsonPrimitive(2.5),
    number("1e3"), number("99999999999999999999999"), number("-0"), new JsonPrimitive(true),
    obj("nested", new JsonPrimitive(1)), arr(new JsonPrimitive("a"), new JsonPrimitive(1))};

  private final MockWebServer server = new MockWebServer();
  private Transport transport;
  private Request request;

  @BeforeEach
  void start() throws IOException {
    // Without TCP_NODELAY each answer waits ~40 ms on loopback (Nagle against delayed ACKs).
    server.setServerSocketFactory(NoDelayServerSocketFactory.INSTANCE);
    server.start(InetAddress.getLoopbackAddress(), 0);
    transport = new Transport(Vendor.PATCHWORKS, new OkHttpClient(), JSON.getGson(),
        new LaravelErrorParser());
    request = new Request.Builder().url(server.url("/api/v1/flow-runs?page=3")).build();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void wellFormedPagesAreReadStreamedAndGiveWhatTheTreeGives() {
    Random random = new Random(14);
    int read = 0;
    for (int i = 0; i < 300; i++) {
      String json = page(random, false).toString();
      if (assertSameOutcome(json).error == null) {
        // The tree only for what the stream cannot read: never for a page both can read.
        assertTrue(streams(json), () -> "the stream gave up on a page the tree reads: " + json);
        read++;
      }
    }
    assertTrue(read > 150, "pages read: " + read);
  }

  @Test
  void randomAndMutatedPagesGiveTheSameRunsOrTheSameError() {
    Random random = new Random(1414);
    int streamed = 0;
    int failed = 0;
    int treeOnly = 0;
    for (int i = 0; i < 1500; i++) {
      JsonObject page = page(random, true);
      for (int m = random.nextInt(4); m > 0; m--) {
        mutate(page, random);
      }
      String json = random.nextInt(8) == 0 ? twice(page, random) : page.toString();
      Outcome outcome = assertSameOutcome(json);
      if (outcome.error != null) {
        failed++;
      } else if (streams(json)) {
        streamed++;
      } else {
        treeOnly++;
      }
    }
    // Not vacuous: each way a page can go happened many times.
    int s = streamed;
    int f = failed;
    int t = treeOnly;
    String counts = "streamed " + s + ", errors " + f + ", tree only " + t;
    assertTrue(streamed > 300 && failed > 100 && treeOnly > 30, counts);
  }

  @Test
  void errorLogsTheModelCannotTypeDoNotCostTheRunAndSendNoSecondRequest() {
    for (String logs : List.of("{\"0\":{\"log_level\":\"error\"}}", "\"none\"", "[1,2]",
        "[{\"log_level\":{\"x\":1}}]")) {
      String json = "{\"data\":[{\"id\":7,\"status\":\"SUCCESS\",\"error_warning_logs\":" + logs
          + "},{\"id\":\"8\",\"type\":\"flow-runs\",\"attributes\":{\"status\":\"failure\","
          + "\"error_warning_logs\":" + logs + "}}],\"meta\":{\"current_page\":3,\"last_page\":3}}";
      int before = server.getRequestCount();
      server.enqueue(new MockResponse.Builder().body(json).build());

      Page<Run> page = PatchworksClient.runPage(transport, request, RequestOptions.defaults(), PAGE);

      assertEquals(1, server.getRequestCount() - before, logs);
      assertEquals(List.of("7", "8"), page.items().stream().map(Run::id).toList(), logs);
      assertEquals(List.of("SUCCESS", "failure"),
          page.items().stream().map(Run::rawStatus).toList(), logs);
      assertEquals(null, page.items().get(0).unwrap(FlowRun.class).getErrorWarningLogs(), logs);
      assertEquals(null, page.nextToken());
      assertEquals(read(json, true), read(json, false), logs);
    }
  }

  /** Whether the stream reads the page by itself, without the tree. */
  private static boolean streams(String json) {
    try {
      StreamedRunPage page = StreamedRunPage.GSON.fromJson(json, StreamedRunPage.class);
      if (!page.noItems) {
        PatchworksClient.page(page.runs, PatchworksClient.meta(page.meta), PAGE);
      }
      return true;
    } catch (RuntimeException gaveUp) {
      return false;
    }
  }

  private Outcome assertSameOutcome(String json) {
    Outcome tree = read(json, false);
    Outcome listing = read(json, true);
    assertEquals(tree, listing, () -> "page: " + json);
    return listing;
  }

  /** The page served once and read by the listing (two ways) or by the tree reading alone. */
  private Outcome read(String json, boolean listing) {
    server.enqueue(new MockResponse.Builder().body(json).build());
    try {
      Page<Run> page = listing
          ? PatchworksClient.runPage(transport, request, RequestOptions.defaults(), PAGE)
          : transport.execute("listRuns", request, JsonObject.class, RequestOptions.defaults(),
              (JsonObject body) -> PatchworksClient.runPage(body, PAGE));
      List<Object> models = new ArrayList<>();
      for (Run run : page.items()) {
        models.add(run.unwrap(FlowRun.class));
      }
      return new Outcome(page.items(), models, page.nextToken(), null);
    } catch (RuntimeException e) {
      return new Outcome(null, null, null, e.getClass().getName() + ": " + e.getMessage());
    }
  }

  private record Outcome(List<Run> runs, List<Object> models, String next, String error) {}

  // --- random pages ------------------------------------------------------------------------

  private static JsonObject page(Random r, boolean hostile) {
    JsonObject page = new JsonObject();
    int shape = r.nextInt(40);
    if (hostile && shape == 0) {
      page.add("data", pick(r, KINDS));
    } else if (shape == 1) {
      page.add("data", JsonNull.INSTANCE);
    } else if (shape != 2) {
      JsonArray data = new JsonArray();
      for (int n = r.nextInt(6); n > 0; n--) {
        int kind = r.nextInt(20);
        if (kind == 0) {
          data.add(JsonNull.INSTANCE);
        } else if (hostile && kind == 1) {
          data.add(pick(r, new JsonElement[] {new JsonPrimitive("7"), new JsonPrimitive(7),
              new JsonArray(), new JsonPrimitive(true)}));
        } else {
          data.add(r.nextBoolean() ? flat(r, hostile) : jsonApi(r, hostile));
        }
      }
      page.add("data", data);
    }
    int meta = r.nextInt(10);
    if (meta < 7) {
      JsonObject m = new JsonObject();
      maybe(r, m, "current_page", r.nextInt(5) == 0 ? pick(r, KINDS) : new JsonPrimitive(1 + r.nextInt(4)), hostile);
      maybe(r, m, "last_page", r.nextInt(5) == 0 ? pick(r, KINDS) : new JsonPrimitive(1 + r.nextInt(5)), hostile);
      maybe(r, m, "per_page", new JsonPrimitive(r.nextInt(101)), false);
      maybe(r, m, "total", r.nextInt(5) == 0 ? number("9223372036854775807") : new JsonPrimitive(r.nextInt(500)), false);
      page.add("meta", m);
    } else if (meta == 7 && hostile) {
      page.add("meta", pick(r, KINDS));
    }
    if (r.nextBoolean()) {
      page.add("links", obj("next", new JsonPrimitive("https://core.example/api/v1/flow-runs?page=4")));
    }
    return page;
  }

  private static JsonObject flat(Random r, boolean hostile) {
    JsonObject run = new JsonObject();
    fields(r, run, hostile, true);
    return run;
  }

  private static JsonObject jsonApi(Random r, boolean hostile) {
    JsonObject run = new JsonObject();
    maybe(r, run, "id", id(r, hostile), false);
    run.addProperty("type", "flow-runs");
    JsonObject attributes = new JsonObject();
    fields(r, attributes, hostile, r.nextInt(3) == 0);
    run.add("attributes", attributes);
    if (r.nextInt(4) == 0) {
      run.add("status", status(r, hostile));   // the tree takes the attributes' one
    }
    if (r.nextBoolean()) {
      run.add("relationships", obj("flow", obj("data", obj("id", id(r, hostile)))));
    }
    return run;
  }

  private static void fields(Random r, JsonObject o, boolean hostile, boolean withId) {
    if (withId) {
      maybe(r, o, "id", id(r, hostile), hostile);
    }
    maybe(r, o, "status", status(r, hostile), false);
    maybe(r, o, "flow_id", id(r, hostile), false);
    maybe(r, o, "started_at", date(r, hostile), false);
    maybe(r, o, "finished_at", date(r, hostile), false);
    maybe(r, o, "created_at", date(r, hostile), false);
    maybe(r, o, "duration", pick(r, new JsonElement[] {new JsonPrimitive(1234), new JsonPrimitive(12.5),
        new JsonPrimitive(-1), number("1e400"), new JsonPrimitive("5"), JsonNull.INSTANCE}), false);
    maybe(r, o, "retry_flow_run_id", id(r, hostile), false);
    maybe(r, o, "trigger", pick(r, new JsonElement[] {new JsonPrimitive("manual"), new JsonPrimitive("schedule"),
        new JsonPrimitive(2), new JsonPrimitive("webhook")}), false);
    if (r.nextInt(4) == 0) {
      o.add("error_warning_logs", logs(r, hostile));
    }
    if (r.nextInt(3) == 0) {
      o.add("custom_" + r.nextInt(3), pick(r, KINDS));
    }
  }

  private static JsonElement id(Random r, boolean hostile) {
    JsonElement[] ids = hostile
        ? new JsonElement[] {new JsonPrimitive(r.nextInt(100000)), new JsonPrimitive("4294967297"),
            number("99999999999999999999999"), number("1e3"), new JsonPrimitive(12.5),
            new JsonPrimitive("abc"), JsonNull.INSTANCE, new JsonPrimitive("")}
        : new JsonElement[] {new JsonPrimitive(r.nextInt(100000)), new JsonPrimitive("4294967297"),
            number("99999999999999999999999"), new JsonPrimitive(Long.MAX_VALUE)};
    return pick(r, ids);
  }

  private static JsonElement status(Random r, boolean hostile) {
    List<JsonElement> statuses = new ArrayList<>(List.of(new JsonPrimitive(1 + r.nextInt(6)),
        new JsonPrimitive(0), new JsonPrimitive("SUCCESS"), new JsonPrimitive("success"),
        new JsonPrimitive(" Failure "), new JsonPrimitive("partial_success"), new JsonPrimitive("3"),
        new JsonPrimitive("Deployed"), number("2.0"), number("-0"), new JsonPrimitive(true),
        JsonNull.INSTANCE));
    if (hostile) {
      statuses.add(new JsonObject());
      statuses.add(new JsonArray());
    }
    return statuses.get(r.nextInt(statuses.size()));
  }

  private static JsonElement date(Random r, boolean hostile) {
    JsonElement[] dates = {new JsonPrimitive("2026-11-29T10:00:00Z"),
        new JsonPrimitive("2026-11-29T10:00:00.123+02:00"), new JsonPrimitive("2026-11-29 10:00:00"),
        new JsonPrimitive("not a date"), new JsonPrimitive(""), new JsonPrimitive(12345), JsonNull.INSTANCE,
        hostile ? new JsonObject() : new JsonPrimitive("2026-01-01T00:00:00Z")};
    return pick(r, dates);
  }

  private static JsonElement logs(Random r, boolean hostile) {
    JsonObject entry = new JsonObject();
    entry.addProperty("id", r.nextInt(100));
    entry.addProperty("log_level", r.nextBoolean() ? "error" : "warning");
    entry.addProperty("log_message", "step failed");
    List<JsonElement> logs = new ArrayList<>(List.of(new JsonArray(), arr(entry), JsonNull.INSTANCE));
    if (hostile) {
      logs.add(obj("0", entry));
      logs.add(new JsonPrimitive("none"));
      logs.add(arr(new JsonPrimitive(1), new JsonPrimitive(2)));
      logs.add(arr(obj("log_level", new JsonObject())));
      logs.add(arr(obj("id", new JsonPrimitive("abc"))));
    }
    return logs.get(r.nextInt(logs.size()));
  }

  /** Adds the field most of the time; hostile pages leave it out more often. */
  private static void maybe(Random r, JsonObject o, String name, JsonElement value, boolean hostile) {
    if (r.nextInt(hostile ? 6 : 12) != 0) {
      o.add(name, value);
    }
  }

  /** Replaces, removes or adds one field somewhere in the page, at any depth. */
  private static void mutate(JsonElement root, Random r) {
    JsonElement at = root;
    while (true) {
      List<Map.Entry<String, JsonElement>> fields = at.isJsonObject()
          ? new ArrayList<>(at.getAsJsonObject().entrySet()) : null;
      JsonArray items = at.isJsonArray() ? at.getAsJsonArray() : null;
      int size = fields != null ? fields.size() : items != null ? items.size() : 0;
      if (size == 0) {
        if (fields != null) {
          at.getAsJsonObject().add("added", pick(r, KINDS));
        }
        return;
      }
      int i = r.nextInt(size);
      JsonElement child = fields != null ? fields.get(i).getValue() : items.get(i);
      if ((child.isJsonObject() || child.isJsonArray()) && r.nextInt(3) != 0) {
        at = child;
        continue;
      }
      int what = r.nextInt(3);
      if (fields != null) {
        String name = fields.get(i).getKey();
        if (what == 0) {
          at.getAsJsonObject().remove(name);
        } else if (what == 1) {
          at.getAsJsonObject().add(name, pick(r, KINDS).deepCopy());
        } else {
          at.getAsJsonObject().add("extra_" + r.nextInt(5), pick(r, KINDS).deepCopy());
        }
      } else {
        items.set(i, what == 0 ? JsonNull.INSTANCE : pick(r, KINDS).deepCopy());
      }
      return;
    }
  }

  /** The page's text with a key sent twice: the page's data or meta, or a run's status or attributes. */
  private static String twice(JsonObject page, Random r) {
    String json = page.toString();
    switch (r.nextInt(4)) {
      case 0:
        return json.replaceFirst("^\\{", "{\"data\":[{\"id\":1,\"status\":2}],");
      case 1:
        return json.replaceFirst("^\\{", "{\"meta\":{\"last_page\":1},");
      case 2:
        return json.replace("{\"id\":", "{\"status\":\"SUCCESS\",\"id\":");
      default:
        return json.replace("{\"id\":", "{\"attributes\":{\"status\":\"failure\"},\"id\":");
    }
  }

  private static JsonElement pick(Random r, JsonElement[] values) {
    return values[r.nextInt(values.length)];
  }

  private static JsonPrimitive number(String text) {
    return new JsonPrimitive(new LazilyParsedNumber(text));
  }

  private static JsonObject obj(String name, JsonElement value) {
    JsonObject o = new JsonObject();
    o.add(name, value);
    return o;
  }

  private static JsonArray arr(JsonElement... items) {
    JsonArray a = new JsonArray();
    for (JsonElement item : items) {
      a.add(item);
    }
    return a;
  }
}
