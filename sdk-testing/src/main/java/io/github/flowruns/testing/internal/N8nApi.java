package io.github.flowruns.testing.internal;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import mockwebserver3.MockResponse;

/**
 * n8n's public API routes under {@code /api/v1/executions} and {@code GET /api/v1/workflows}, as
 * vendors.md (n8n) records what real servers answered and, where a real 2.41.1 answered otherwise
 * (the live probe's recordings in {@code specs/n8n/observed/}, listed in docs/conformance.md), as
 * 2.41.1 does: the simulator is of the current 2.x line.
 */
public final class N8nApi extends VendorApi {
  /**
   * The values the listing takes as {@code status}: vendors.md (n8n) lists five and says
   * {@code crashed} is refused, but 2.41.1 accepts {@code crashed} too (observed
   * list-status-crashed.json: 200).
   */
  static final List<String> FILTER_STATUSES =
      List.of("canceled", "crashed", "error", "running", "success", "waiting");
  /** n8n's page when none is asked for. */
  static final int DEFAULT_LIMIT = 100;

  /** Statuses, modes and ids of n8n. */
  public static final class Profile extends VendorProfile {
    @Override
    public String name() {
      return "n8n";
    }

    @Override
    public List<Status> forcedStatuses() {
      // running first: it is the status a started execution moves to (runningStatus()).
      return List.of(Status.running("running"), Status.failure("error"), Status.queued("new"),
          Status.ok("success"), Status.running("waiting"), Status.failure("crashed"), Status.ended("canceled"),
          Status.ended("unknown"));
    }

    @Override
    public List<Status> terminalStatuses() {
      return List.of(Status.ok("success"), Status.failure("error"), Status.failure("crashed"),
          Status.ended("canceled"));
    }

    @Override
    public int[] terminalWeights() {
      return new int[] {78, 17, 2, 3};
    }

    @Override
    public List<String> triggers() {
      return List.of("trigger", "webhook", "manual", "retry");
    }

    @Override
    public int[] triggerWeights() {
      return new int[] {50, 35, 10, 5};
    }

    @Override
    public Status startStatus() {
      return Status.running("running");
    }

    /**
     * Execution ids are increasing integers, sent as text (vendors.md, n8n); the first one depends
     * on the seed, as on a server that has run executions before.
     */
    @Override
    public String runId(long seed, long serial) {
      return Long.toString(firstId(seed) + serial);
    }

    private static long firstId(long seed) {
      return 1 + Hashing.below(Hashing.hash(seed, -3, 7), 100_000);
    }

    @Override
    public long serialOf(long seed, String id) {
      if (id == null || id.isEmpty() || id.length() > 18 || id.charAt(0) == '0') return -1;
      for (int i = 0; i < id.length(); i++) {
        if (id.charAt(i) < '0' || id.charAt(i) > '9') return -1;
      }
      long serial = Long.parseLong(id) - firstId(seed);
      return serial < 0 ? -1 : serial;
    }

    /** Workflow ids of current n8n: 16 letters and digits. */
    @Override
    public String flowId(long seed, int flow) {
      return Hashing.alnum(Hashing.hash(seed, flow, 90), 16);
    }
  }

  public N8nApi(RunStore store, Settings settings) {
    super(store, settings);
  }

  static MockResponse.Builder error(int status, String message) {
    return Json.response(status, Json.obj("message", message));
  }

  @Override
  public MockResponse.Builder serverError(Req req, int status) {
    return error(status, "Simulated server error " + status);
  }

  /** n8n has no rate limit on /api/v1 (vendors.md); a 429 is only ever injected. */
  @Override
  public MockResponse.Builder tooManyRequests(Req req, long retryAfterSeconds) {
    return error(429, "Too many requests").setHeader("Retry-After", retryAfterSeconds);
  }

  @Override
  public MockResponse.Builder handle(Req req) {
    if (!req.startsWith("api", "v1")) return error(404, "Not Found");
    String key = req.header("X-N8N-API-KEY");
    // 2.41.1 answers a missing and a wrong key alike (observed error-401-*.json); vendors.md
    // records older bodies ("unauthorized", "'X-N8N-API-KEY' header required").
    if (key == null || !settings.apiKey().equals(key)) return error(401, "Unauthorized");
    try {
      boolean get = req.method.equals("GET");
      boolean post = req.method.equals("POST");
      if (get && req.is("api", "v1", "executions")) return list(req);
      if (post && req.is("api", "v1", "executions", "stop")) return stopMany(req);
      if (get && req.is("api", "v1", "workflows")) return workflows();
      if (req.path.size() >= 4 && req.segment(2).equals("executions")) {
        String id = req.segment(3);
        if (req.path.size() == 4 && get) return get(req, id);
        if (req.path.size() == 4 && req.method.equals("DELETE")) return delete(id);
        if (req.path.size() == 5 && post && req.segment(4).equals("retry")) return retry(id);
        if (req.path.size() == 5 && post && req.segment(4).equals("stop")) return stop(id);
      }
      return error(404, "Not Found");
    } catch (BadParam e) {
      return error(400, e.getMessage());
    }
  }

  private MockResponse.Builder list(Req req) {
    Integer limit;
    Long lastId = null;
    String cursor = req.query("cursor");
    if (cursor != null) {
      // The cursor carries the last id and the page size, not the filters (vendors.md, n8n).
      JsonObject c = decodeCursor(cursor);
      lastId = c.get("lastId").getAsLong();
      limit = c.get("limit").getAsInt();
    } else {
      limit = readInt(req.query("limit"), "limit");
      if (limit == null) limit = DEFAULT_LIMIT;
    }
    // vendors.md (n8n) says a limit over 250 is refused; 2.41.1 answered limit=251 with 200
    // (observed list-limit-251.json). Whether it then caps the page is not observed: not capped here.
    if (limit < 1) throw new BadParam("request/query/limit must be >= 1");
    // A deleted execution is listed no more (observed get-deleted-404.json: it is gone).
    RunFilter f = RunFilter.all().hideArchived(true);
    String status = req.query("status");
    if (status != null) {
      if (!FILTER_STATUSES.contains(status)) {
        throw new BadParam("request/query/status must be equal to one of the allowed values: "
            + String.join(", ", FILTER_STATUSES));
      }
      // error also matches crashed executions (vendors.md, n8n).
      f.statuses(status.equals("error") ? Set.of("error", "crashed") : Set.of(status));
    } else {
      // Running executions are listed only with status=running (vendors.md, n8n).
      f.where("status!=running", r -> !"running".equals(r.status().raw()));
    }
    String workflowId = req.query("workflowId");
    if (workflowId != null) {
      int flow = flowIndex(workflowId);
      // An unknown workflowId lists nothing, with 200 (vendors.md, n8n).
      f.flows(Set.of(flow));
    }
    boolean includeData = "true".equals(req.query("includeData"));
    JsonArray data = new JsonArray();
    long from = -1;
    if (lastId != null) {
      long serial = store.profile().serialOf(settings.seed(), Long.toString(lastId));
      // Nothing is older than the oldest execution.
      if (serial <= 0) return Json.response(200, Json.obj("data", data, "nextCursor", null));
      from = serial - 1;
    }
    RunStore.Scan scan = store.scanDown(from, limit, f);
    for (RunData r : scan.runs()) data.add(execution(r, includeData));
    String next = null;
    if (scan.next() >= 0 && !scan.runs().isEmpty()) {
      String last = scan.runs().get(scan.runs().size() - 1).id();
      next = encodeCursor(last, limit);
    }
    return Json.response(200, Json.obj("data", data, "nextCursor", next));
  }

  /** base64 of {@code {"lastId": "...", "limit": n}}, as n8n's cursors are (vendors.md, n8n). */
  static String encodeCursor(String lastId, int limit) {
    String json = "{\"lastId\":\"" + lastId + "\",\"limit\":" + limit + "}";
    return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  private static JsonObject decodeCursor(String cursor) {
    try {
      JsonObject c = JsonParser.parseString(new String(Base64.getDecoder().decode(cursor),
          StandardCharsets.UTF_8)).getAsJsonObject();
      long lastId = c.get("lastId").getAsLong();
      int limit = c.get("limit").getAsInt();
      if (lastId < 1 || limit < 1) throw new IllegalArgumentException();
      return c;
    } catch (RuntimeException e) {
      throw new BadParam("An invalid cursor was provided");
    }
  }

  private static Integer readInt(String s, String name) {
    try {
      return parseInt(s);
    } catch (BadParam e) {
      throw new BadParam("request/query/" + name + " must be number");
    }
  }

  private RunData find(String id) {
    // 2.41.1's text (observed error-400-non-numeric-id.json); vendors.md has an older one.
    if (!id.matches("[1-9][0-9]{0,17}")) {
      throw new BadParam("request/params/executionId must be a positive integer");
    }
    return store.find(id);
  }

  /** 2.41.1 says only this, for an unknown and a deleted id alike (observed error-404-*.json). */
  private static MockResponse.Builder notFound(String id) {
    return error(404, "Not Found");
  }

  private MockResponse.Builder get(Req req, String id) {
    RunData r = find(id);
    // A deleted execution is gone for good (observed get-deleted-404.json).
    if (r == null || r.archived()) return notFound(id);
    return Json.response(200, detail(r, "true".equals(req.query("includeData"))));
  }

  /** Answers the deleted execution; a running one is refused with 400 (vendors.md, n8n). */
  private MockResponse.Builder delete(String id) {
    RunData r = find(id);
    if (r == null || r.archived()) return notFound(id);
    if (!r.status().terminal()) {
      return error(400, "Cannot delete a running execution");
    }
    JsonObject out = detail(r, false);
    // The deleted execution's id comes back as a number (vendors.md, n8n; observed delete.json).
    out.addProperty("id", Long.parseLong(r.id()));
    store.put(r.withArchived(store.nowMs()));
    return Json.response(200, out);
  }

  /**
   * Retrying a successful execution is refused: 409 on 2.41.1 (observed retry-succeeded-409.json;
   * vendors.md records 400, with the same message); any other starts a new execution with mode
   * retry whose {@code retryOf} is the original (vendors.md, n8n).
   */
  private MockResponse.Builder retry(String id) {
    RunData r = find(id);
    if (r == null || r.archived()) return notFound(id);
    if (r.status().success()) {
      return error(409, "The execution succeeded, so it cannot be retried.");
    }
    // A real server answers when the retry has ended (vendors.md, n8n; the live suite saw its
    // final status): so does this one, unless a test planned the retry with planNext, which then
    // runs for its planned time (a test's way to have a long retry to wait for).
    RunData created = store.createEndedUnlessPlanned((serial, newId, now) -> new RunData(serial, newId, r.flow(),
        store.profile().startStatus(), now, now, null, now, "retry", r.totalSteps(), 0, -1, null, r.id(),
        List.of(), null, r.flowVersion(), null, null, false));
    // The answer's own shape on 2.41.1 (observed retry-failed-load-workflow.json): fewer fields
    // than a get, run data included, and retryOf as a string (vendors.md saw a number elsewhere).
    JsonObject full = detail(created, true);
    JsonObject out = new JsonObject();
    for (String k : List.of("id", "mode", "startedAt", "workflowId", "finished", "retryOf", "status",
        "data", "workflowData", "customData", "storedAt")) {
      out.add(k, full.get(k));
    }
    return Json.response(200, out);
  }

  /**
   * {@code POST /executions/{id}/stop} (2.x): a new, running or waiting execution becomes
   * {@code canceled}; the answer is the execution's summary without its id (observed
   * stop-waiting.json). A finished one is refused with 409 and this message, as a live 2.41.1
   * answered (N8nLiveFactsTest).
   */
  private MockResponse.Builder stop(String id) {
    RunData r = find(id);
    if (r == null || r.archived()) return notFound(id);
    if (r.status().terminal()) {
      return error(409, "Only running or waiting executions can be stopped and " + id
          + " is currently " + r.status().raw());
    }
    RunData stopped = cancel(r);
    return Json.response(200, Json.obj("mode", stopped.trigger(),
        "startedAt", Json.iso(stopped.startedMs() != null ? stopped.startedMs() : stopped.createdMs()),
        "stoppedAt", Json.iso(stopped.finishedMs()), "finished", false, "status", "canceled"));
  }

  /**
   * {@code POST /executions/stop} with {@code {"status": [...]}} (2.x; optionally
   * {@code workflowId}): stops every execution in those of the stoppable statuses and answers
   * {@code {"stopped": n}} (observed stop-bulk.json).
   */
  private MockResponse.Builder stopMany(Req req) {
    JsonObject body = Json.parseObject(req.body());
    if (body == null || !body.has("status") || !body.get("status").isJsonArray()) {
      throw new BadParam("request/body must have required property 'status'");
    }
    Set<String> statuses = new java.util.HashSet<>();
    body.getAsJsonArray("status").forEach(v -> statuses.add(v.getAsString()));
    String workflowId = body.has("workflowId") && !body.get("workflowId").isJsonNull()
        ? body.get("workflowId").getAsString() : null;
    int flow = workflowId == null ? -1 : flowIndex(workflowId);
    RunFilter f = RunFilter.all().hideArchived(true);
    f.statuses(statuses);
    if (workflowId != null) f.flows(Set.of(flow));
    List<RunData> selected = new java.util.ArrayList<>();
    store.forEach(f, r -> {
      if (!r.archived() && !r.status().terminal()) selected.add(r);
    });
    selected.forEach(this::cancel);
    return Json.response(200, Json.obj("stopped", selected.size()));
  }

  private RunData cancel(RunData r) {
    long now = store.nowMs();
    RunData stopped = r.withStatus(Status.ended("canceled"), now, r.stepsRun());
    store.put(stopped);
    return stopped;
  }

  /** {@code GET /api/v1/workflows}: every workflow, in one page. */
  private MockResponse.Builder workflows() {
    JsonArray data = new JsonArray();
    for (int i = 0; i < settings.flows(); i++) {
      data.add(Json.obj("id", flowId(i), "name", Catalogue.flowName(i), "active", true));
    }
    return Json.response(200, Json.obj("data", data, "nextCursor", null));
  }

  /**
   * What {@code GET /executions/{id}} (and a delete) answers: the listing's fields and those 2.41.1
   * adds (observed get-*.json), with {@code data}, {@code customData} and {@code workflowData} when
   * {@code includeData}.
   */
  private JsonObject detail(RunData r, boolean includeData) {
    JsonObject o = execution(r, false);
    JsonObject out = new JsonObject();
    for (String k : List.of("id", "finished", "mode", "retryOf", "retrySuccessId", "status")) out.add(k, o.get(k));
    out.add("createdAt", Json.of(Json.iso(r.createdMs())));
    for (String k : List.of("startedAt", "stoppedAt")) out.add(k, o.get(k));
    out.add("deletedAt", com.google.gson.JsonNull.INSTANCE);
    for (String k : List.of("workflowId", "waitTill")) out.add(k, o.get(k));
    out.addProperty("storedAt", "db");
    out.add("tracingContext", com.google.gson.JsonNull.INSTANCE);
    out.add("deduplicationKey", com.google.gson.JsonNull.INSTANCE);
    out.addProperty("jsonSizeBytes", 1_000 + 250L * r.stepsRun());
    out.addProperty("binaryDataSizeBytes", 0);
    out.addProperty("workflowVersionId", Hashing.alnum(Hashing.hash(settings.seed(), r.flow(), 92 + r.flowVersion()), 36));
    out.addProperty("usedPrivateCredentials", false);
    if (includeData) {
      out.add("data", execution(r, true).get("data"));
      out.add("customData", new JsonObject());
      out.add("workflowData", Json.obj("id", flowId(r.flow()), "name", Catalogue.flowName(r.flow()),
          "active", true));
    }
    return out;
  }

  /**
   * The id of the retry of {@code r} that succeeded, or null: the original gets
   * {@code retrySuccessId} once a retry succeeds (vendors.md, n8n; observed
   * get-original-after-successful-retry.json). Retries are runs created after the seeded history.
   */
  private String retrySuccessId(RunData r) {
    if (!r.status().terminal() || r.status().success()) return null;
    for (long s = store.total() - 1; s >= store.history().count(); s--) {
      RunData c = store.get(s);
      if (c != null && r.id().equals(c.parentId()) && c.status().success()) return c.id();
    }
    return null;
  }

  JsonObject execution(RunData r, boolean includeData) {
    boolean ended = r.status().terminal();
    long startedMs = r.startedMs() != null ? r.startedMs() : r.createdMs();
    // A waiting execution parked at its Wait node: stoppedAt is when it parked and waitTill when
    // it resumes (observed get-waiting.json); here it parks a second in, for an hour.
    boolean waiting = "waiting".equals(r.status().raw());
    Long stoppedMs = ended ? r.finishedMs() : waiting ? Long.valueOf(startedMs + 1_000) : null;
    JsonObject o = Json.obj("id", r.id(), "finished", r.status().success(), "mode", r.trigger(),
        "retryOf", r.parentId(), "retrySuccessId", retrySuccessId(r), "status", r.status().raw(),
        "startedAt", Json.iso(startedMs), "stoppedAt", Json.iso(stoppedMs),
        "workflowId", flowId(r.flow()), "waitTill", waiting ? Json.iso(startedMs + 3_600_000) : null);
    if (includeData) {
      List<String> reached = reachedSteps(r);
      JsonObject result = new JsonObject();
      if (r.hasFailedStep()) {
        // The error's fields as 2.41.1 sends them (observed get-failed-include-data.json).
        result.add("error", Json.obj("level", "info", "shouldReport", false, "description", null,
            "tags", new JsonObject(), "name", "WrappedExecutionError", "lineNumber", 1,
            "message", r.failedMessage(), "stack", "WrappedExecutionError: " + r.failedMessage()));
        result.addProperty("lastNodeExecuted", store.profile().stepName(r.flow(), r.failedStep()));
      } else if (!reached.isEmpty()) {
        result.addProperty("lastNodeExecuted", reached.get(reached.size() - 1));
      }
      result.add("runData", new JsonObject());
      o.add("data", Json.obj("version", 1, "startData", new JsonObject(), "resultData", result,
          "executionData", null, "resumeToken", null));
    }
    return o;
  }
}
