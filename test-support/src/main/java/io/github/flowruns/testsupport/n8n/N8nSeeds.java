package io.github.flowruns.testsupport.n8n;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Workflows and executions the live suite needs: successes, failures with a known message, a
 * retry, a waiting one and a cancelled one. Each workflow starts from a Webhook node, the one way
 * to start an execution over HTTP without the editor (vendors.md, n8n).
 *
 * <p>Usage: {@code N8nSeeds.Seeded s = N8nSeeds.seed(n8n, 3, 2);}
 */
public final class N8nSeeds {
  /** The message the failing workflow's Code node throws. */
  public static final String FAILURE_MESSAGE = "flowruns-live: planned failure";

  private N8nSeeds() {}

  /** What {@link #seed} created: workflow ids and execution ids (strings, as n8n lists them). */
  public record Seeded(
      String okWorkflowId,
      String failWorkflowId,
      String waitWorkflowId,
      List<String> succeeded,
      List<String> failed,
      String retry,
      String waiting,
      String cancelled) {}

  /**
   * Seeds {@code successes} successful and {@code failures} failed executions, retries the first
   * failure (a failed retry), leaves one execution waiting and stops another (cancelled).
   */
  public static Seeded seed(N8nServer n8n, int successes, int failures) {
    Workflows w = workflows(n8n);
    List<String> before = ids(n8n, null);
    for (int i = 0; i < successes; i++) {
      expect(n8n.webhook("ok", "{\"i\": " + i + "}"), 200);
    }
    for (int i = 0; i < failures; i++) {
      n8n.webhook("fail", "{\"i\": " + i + "}"); // answers 500 once the Code node throws
    }
    List<String> succeeded = newIds(n8n, "success", w.ok, before);
    List<String> failed = newIds(n8n, "error", w.fail, before);
    String retry = failed.isEmpty() ? null : retry(n8n, failed.get(failed.size() - 1));
    expect(n8n.webhook("wait", "{\"w\": 1}"), 200);
    expect(n8n.webhook("wait", "{\"w\": 2}"), 200);
    List<String> waits = awaitIds(n8n, "waiting", w.waits, 2);
    String cancelled = waits.get(0); // newest first: stop the newer, keep the older waiting
    n8n.stop(cancelled);
    return new Seeded(w.ok, w.fail, w.waits, succeeded, failed, retry, waits.get(1), cancelled);
  }

  /**
   * What {@link #history} created: the three workflows ({@code ok}, {@code fail}, {@code wait},
   * in that order) and the execution ids of each kind, newest first.
   */
  public record History(
      List<String> workflowIds,
      List<String> succeeded,
      List<String> failed,
      List<String> retries,
      List<String> waiting,
      List<String> cancelled) {
    /** Every execution seeded. */
    public int size() {
      return succeeded.size() + failed.size() + retries.size() + waiting.size() + cancelled.size();
    }
  }

  /**
   * A history for listings over several small pages of each status, its kinds interleaved in time
   * as a real account's are. Each of {@code rounds} rounds runs the ok workflow once; every second
   * round the failing one too; every fourth retries the newest failure (mode retry, fails again);
   * every third parks an execution on the wait workflow; at the end every other waiting execution
   * is stopped (canceled). The webhook paths are {@code ok}, {@code fail} and {@code wait}: one
   * history per server.
   *
   * <p>Usage: {@code N8nSeeds.History h = N8nSeeds.history(n8n, 24); // 50 executions}
   */
  public static History history(N8nServer n8n, int rounds) {
    Workflows w = workflows(n8n);
    List<String> retries = new ArrayList<>();
    int waits = 0;
    for (int i = 0; i < rounds; i++) {
      expect(n8n.webhook("ok", "{\"round\": " + i + "}"), 200);
      if (i % 2 == 1) {
        n8n.webhook("fail", "{\"round\": " + i + "}"); // 500: the Code node threw
      }
      if (i % 4 == 3) {
        retries.add(0, retry(n8n, newIds(n8n, "error", w.fail, List.of()).get(0)));
      }
      if (i % 3 == 2) {
        expect(n8n.webhook("wait", "{\"round\": " + i + "}"), 200);
        waits++;
      }
    }
    List<String> parked = awaitIds(n8n, "waiting", w.waits, waits);
    List<String> waiting = new ArrayList<>();
    List<String> cancelled = new ArrayList<>();
    for (int i = 0; i < parked.size(); i++) {
      if (i % 2 == 0) {
        n8n.stop(parked.get(i));
        cancelled.add(parked.get(i));
      } else {
        waiting.add(parked.get(i));
      }
    }
    List<String> failed = newIds(n8n, "error", w.fail, List.of());
    failed.removeAll(retries);
    return new History(List.of(w.ok, w.fail, w.waits), newIds(n8n, "success", w.ok, List.of()),
        failed, retries, waiting, cancelled);
  }

  /**
   * Every execution the server lists, newest first, as n8n answers them: the unfiltered listing
   * and the {@code status=running} one (the unfiltered leaves running executions out), read
   * page by page with {@code query} (e.g. {@code "workflowId=3"}, or empty) sent with each cursor.
   * The ground truth of the live suite, read without the SDK.
   *
   * <p>Usage: {@code List<JsonObject> all = N8nSeeds.executions(n8n, "");}
   */
  public static List<JsonObject> executions(N8nServer n8n, String query) {
    Map<String, JsonObject> byId =
        new TreeMap<>(Comparator.comparingLong((String id) -> Long.parseLong(id)).reversed());
    for (String status : new String[] {null, "running"}) {
      String filters = query + (status == null ? "" : (query.isEmpty() ? "" : "&") + "status=" + status);
      String cursor = null;
      do {
        JsonObject page = n8n.api("GET", "/api/v1/executions?limit=100"
            + (filters.isEmpty() ? "" : "&" + filters)
            + (cursor == null ? "" : "&cursor=" + cursor), null).getAsJsonObject();
        page.getAsJsonArray("data").forEach(e ->
            byId.put(e.getAsJsonObject().get("id").getAsString(), e.getAsJsonObject()));
        cursor = page.has("nextCursor") && !page.get("nextCursor").isJsonNull()
            ? page.get("nextCursor").getAsString() : null;
      } while (cursor != null);
    }
    return new ArrayList<>(byId.values());
  }

  private record Workflows(String ok, String fail, String waits) {}

  private static Workflows workflows(N8nServer n8n) {
    String ok = n8n.createWorkflow(workflow("flowruns ok", "ok", "return [{json: {ok: true}}];", false));
    String fail =
        n8n.createWorkflow(
            workflow("flowruns fail", "fail", "throw new Error('" + FAILURE_MESSAGE + "');", false));
    String wait = n8n.createWorkflow(workflow("flowruns wait", "wait", null, true));
    n8n.activate(ok);
    n8n.activate(fail);
    n8n.activate(wait);
    return new Workflows(ok, fail, wait);
  }

  /** Retries an execution through the public API; n8n answers once the retry ended. */
  private static String retry(N8nServer n8n, String id) {
    return n8n.api("POST", "/api/v1/executions/" + id + "/retry", "{}")
        .getAsJsonObject().get("id").getAsString();
  }

  /**
   * A workflow: Webhook on {@code path}, then a Code node running {@code jsCode}, or (when
   * {@code waits}) a Wait node of one hour, which parks the execution as {@code waiting}.
   */
  public static String workflow(String name, String path, String jsCode, boolean waits) {
    JsonObject hook = node("Webhook", "n8n-nodes-base.webhook", 2, 0);
    hook.addProperty("webhookId", UUID.randomUUID().toString());
    JsonObject hp = hook.getAsJsonObject("parameters");
    hp.addProperty("httpMethod", "POST");
    hp.addProperty("path", path);
    // lastNode: the webhook answers when the execution has finished, so tests need not poll.
    hp.addProperty("responseMode", waits ? "onReceived" : "lastNode");
    JsonObject next;
    if (waits) {
      next = node("Wait", "n8n-nodes-base.wait", 1.1, 300);
      next.getAsJsonObject("parameters").addProperty("resume", "timeInterval");
      next.getAsJsonObject("parameters").addProperty("amount", 1);
      next.getAsJsonObject("parameters").addProperty("unit", "hours");
    } else {
      next = node("Code", "n8n-nodes-base.code", 2, 300);
      next.getAsJsonObject("parameters").addProperty("jsCode", jsCode);
    }
    JsonArray nodes = new JsonArray();
    nodes.add(hook);
    nodes.add(next);
    JsonObject target = new JsonObject();
    target.addProperty("node", next.get("name").getAsString());
    target.addProperty("type", "main");
    target.addProperty("index", 0);
    JsonArray inner = new JsonArray();
    inner.add(target);
    JsonArray outer = new JsonArray();
    outer.add(inner);
    JsonObject main = new JsonObject();
    main.add("main", outer);
    JsonObject connections = new JsonObject();
    connections.add("Webhook", main);
    JsonObject wf = new JsonObject();
    wf.addProperty("name", name);
    wf.add("nodes", nodes);
    wf.add("connections", connections);
    JsonObject settings = new JsonObject();
    settings.addProperty("saveDataSuccessExecution", "all");
    settings.addProperty("saveDataErrorExecution", "all");
    settings.addProperty("saveManualExecutions", true);
    wf.add("settings", settings);
    return wf.toString();
  }

  private static JsonObject node(String name, String type, double version, int x) {
    JsonObject n = new JsonObject();
    n.addProperty("id", UUID.randomUUID().toString());
    n.addProperty("name", name);
    n.addProperty("type", type);
    n.addProperty("typeVersion", version);
    JsonArray pos = new JsonArray();
    pos.add(x);
    pos.add(0);
    n.add("position", pos);
    n.add("parameters", new JsonObject());
    return n;
  }

  private static void expect(N8nServer.Reply r, int code) {
    if (r.code() != code) {
      throw new IllegalStateException("webhook -> " + r.code() + " " + r.body());
    }
  }

  /** Execution ids of one status (null: any listed), newest first, for every workflow. */
  static List<String> ids(N8nServer n8n, String status) {
    String q = "/api/v1/executions?limit=250" + (status == null ? "" : "&status=" + status);
    List<String> out = new ArrayList<>();
    n8n.api("GET", q, null).getAsJsonObject().getAsJsonArray("data")
        .forEach(e -> out.add(e.getAsJsonObject().get("id").getAsString()));
    return out;
  }

  private static List<String> newIds(N8nServer n8n, String status, String wf, List<String> before) {
    List<String> out = new ArrayList<>();
    n8n.api("GET", "/api/v1/executions?limit=250&status=" + status + "&workflowId=" + wf, null)
        .getAsJsonObject().getAsJsonArray("data")
        .forEach(e -> out.add(e.getAsJsonObject().get("id").getAsString()));
    out.removeAll(before);
    return out;
  }

  // Executions reach "waiting" a moment after the webhook answered (responseMode onReceived).
  private static List<String> awaitIds(N8nServer n8n, String status, String wf, int n) {
    long deadline = System.nanoTime() + 30_000_000_000L;
    List<String> got = List.of();
    while (System.nanoTime() < deadline) {
      got = newIds(n8n, status, wf, List.of());
      if (got.size() >= n) {
        return got;
      }
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new IllegalStateException("wanted " + n + " " + status + " executions, listed " + got);
  }
}
