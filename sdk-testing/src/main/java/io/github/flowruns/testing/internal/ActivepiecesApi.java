package io.github.flowruns.testing.internal;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import mockwebserver3.MockResponse;

/** Activepieces' flow-run routes under {@code /api/v1/flow-runs}, as {@code specs/activepieces} describes them. */
public final class ActivepiecesApi extends VendorApi {
  static final List<String> STATUSES = List.of("QUEUED", "RUNNING", "PAUSED", "SUCCEEDED", "FAILED",
      "QUOTA_EXCEEDED", "INTERNAL_ERROR", "MEMORY_LIMIT_EXCEEDED", "TIMEOUT", "CANCELED", "LOG_SIZE_EXCEEDED",
      "STOPPED");

  /** Statuses, triggers and ids of Activepieces. */
  public static final class Profile extends VendorProfile {
    @Override
    public String name() {
      return "activepieces";
    }

    @Override
    public List<Status> forcedStatuses() {
      return List.of(Status.running("RUNNING"), Status.failure("FAILED"), Status.queued("QUEUED"),
          Status.ok("SUCCEEDED"), Status.running("PAUSED"), Status.failure("TIMEOUT"),
          Status.failure("INTERNAL_ERROR"), Status.ended("CANCELED"), Status.failure("QUOTA_EXCEEDED"),
          Status.failure("MEMORY_LIMIT_EXCEEDED"), Status.failure("LOG_SIZE_EXCEEDED"), Status.ended("STOPPED"));
    }

    @Override
    public List<Status> terminalStatuses() {
      return List.of(Status.ok("SUCCEEDED"), Status.failure("FAILED"), Status.failure("TIMEOUT"),
          Status.failure("INTERNAL_ERROR"), Status.ended("CANCELED"), Status.failure("QUOTA_EXCEEDED"),
          Status.failure("MEMORY_LIMIT_EXCEEDED"), Status.failure("LOG_SIZE_EXCEEDED"), Status.ended("STOPPED"));
    }

    @Override
    public int[] terminalWeights() {
      return new int[] {70, 18, 3, 2, 3, 1, 1, 1, 1};
    }

    @Override
    public List<String> triggers() {
      return List.of("WEBHOOK", "SCHEDULE", "APP_EVENT", "MANUAL");
    }

    @Override
    public int[] triggerWeights() {
      return new int[] {40, 35, 20, 5};
    }

    @Override
    public Status startStatus() {
      return Status.queued("QUEUED");
    }

    @Override
    public boolean queuesBeforeStart() {
      return true;
    }

    @Override
    public boolean hasTags() {
      return true;
    }

    @Override
    public String runId(long seed, long serial) {
      return encodeId(seed, serial, "", 21);
    }

    @Override
    public long serialOf(long seed, String id) {
      return decodeId(seed, id, "", 21);
    }

    @Override
    public String flowId(long seed, int flow) {
      return Hashing.alnum(Hashing.hash(seed, flow, 90), 21);
    }

    @Override
    public String stepName(int flow, int step) {
      return "step_" + (step + 1);
    }
  }

  private final String projectId;
  private final Map<String, long[]> countCache = new LinkedHashMap<>();

  public ActivepiecesApi(RunStore store, Settings settings) {
    super(store, settings);
    this.projectId = Hashing.alnum(Hashing.hash(settings.seed(), -1, 91), 21);
  }

  public String projectId() {
    return projectId;
  }

  // ---- errors

  static MockResponse.Builder error(int status, String code, Object... params) {
    return Json.response(status, Json.obj("code", code, "params", Json.obj(params)));
  }

  static MockResponse.Builder framework(int status, String error, String message) {
    return Json.response(status, Json.obj("statusCode", status, "code", "FST_ERR_VALIDATION", "error", error,
        "message", message));
  }

  private static MockResponse.Builder badRequest(String message) {
    return framework(400, "Bad Request", message);
  }

  private static MockResponse.Builder notFound(String id) {
    return error(404, "ENTITY_NOT_FOUND", "entityType", "flow_run", "entityId", id,
        "message", "Flow run " + id + " not found");
  }

  private static MockResponse.Builder validation(String message) {
    return error(409, "VALIDATION", "message", message);
  }

  @Override
  public MockResponse.Builder serverError(Req req, int status) {
    String code = status == 503 ? "SERVICE_UNAVAILABLE" : status == 504 ? "GATEWAY_TIMEOUT" : "INTERNAL_ERROR";
    return error(status, code, "message", "Simulated server error " + status);
  }

  @Override
  public MockResponse.Builder tooManyRequests(Req req, long retryAfterSeconds) {
    return error(429, "TOO_MANY_REQUESTS", "message", "Rate limit exceeded, retry in " + retryAfterSeconds + " seconds")
        .setHeader("Retry-After", retryAfterSeconds);
  }

  // ---- routing

  @Override
  public MockResponse.Builder handle(Req req) {
    int n = req.path.size();
    if ((n == 6 || n == 7 && req.segment(6).equals("sync")) && req.segment(0).equals("api")
        && req.segment(1).equals("v1") && req.segment(2).equals("flow-runs")
        && (req.segment(4).equals("waitpoints") || req.segment(4).equals("requests"))) {
      return resume(req, req.segment(3), req.segment(5), n == 7);
    }
    if (req.path.size() < 3 || !req.segment(0).equals("api") || !req.segment(1).equals("v1")
        || !req.segment(2).equals("flow-runs")) {
      return routeNotFound(req);
    }
    if (!settings.apiKey().equals(bearer(req))) {
      return error(401, "AUTHENTICATION", "message", "Invalid or missing bearer token");
    }
    try {
      boolean get = req.method.equals("GET");
      boolean post = req.method.equals("POST");
      if (get && req.is("api", "v1", "flow-runs")) return list(req);
      if (get && req.is("api", "v1", "flow-runs", "count-by-status")) return count(req);
      if (post && req.is("api", "v1", "flow-runs", "retry")) return bulk(req, "retry");
      if (post && req.is("api", "v1", "flow-runs", "cancel")) return bulk(req, "cancel");
      if (post && req.is("api", "v1", "flow-runs", "archive")) return bulk(req, "archive");
      if (get && req.is("api", "v1", "flow-runs", "*")) return get(req.segment(3));
      if (post && req.is("api", "v1", "flow-runs", "*", "retry")) return retry(req, req.segment(3));
      return routeNotFound(req);
    } catch (BadParam e) {
      return badRequest("querystring or body has an invalid value: " + e.getMessage());
    } catch (IllegalArgumentException e) {
      return badRequest(e.getMessage());
    }
  }

  private static MockResponse.Builder routeNotFound(Req req) {
    return Json.response(404, Json.obj("message", "Route " + req.method + ":" + req.url.encodedPath() + " not found",
        "error", "Not Found", "statusCode", 404));
  }

  private MockResponse.Builder checkProject(String given, String where) {
    if (given == null) return badRequest(where + " must have required property 'projectId'");
    if (!given.equals(projectId)) {
      return error(403, "PERMISSION_DENIED", "projectId", given, "message", "The API key cannot access this project");
    }
    return null;
  }

  // ---- list and count

  private MockResponse.Builder list(Req req) {
    MockResponse.Builder denied = checkProject(req.query("projectId"), "querystring");
    if (denied != null) return denied;
    Integer limit = parseInt(req.query("limit"));
    if (limit == null) limit = 10;
    if (limit < 1 || limit > 100) return badRequest("querystring/limit must be >= 1 and <= 100");
    RunFilter f = RunFilter.all();
    List<String> flowIds = req.queryAll("flowId");
    if (!flowIds.isEmpty()) f.flows(flowSet(flowIds));
    List<String> statuses = req.queryAll("status");
    if (!statuses.isEmpty()) f.statuses(statusSet(statuses, STATUSES, "querystring/status"));
    List<String> tags = req.queryAll("tags");
    if (!tags.isEmpty()) {
      List<String> wanted = List.copyOf(tags);
      f.where("tags=" + wanted, r -> r.tags().containsAll(wanted));
    }
    List<String> ids = req.queryAll("flowRunIds");
    if (!ids.isEmpty()) f.serials(serialSet(ids));
    f.created(Times.parseIso(req.query("createdAfter")), Times.parseIso(req.query("createdBefore")));
    addFailedStepFilters(f, req.query("failedStepName"), req.query("failedStepMessage"));
    String archived = req.query("includeArchived");
    if (archived != null && !archived.equals("true") && !archived.equals("false")) {
      return badRequest("querystring/includeArchived must be boolean");
    }
    f.hideArchived(!"true".equals(archived));
    Cursors.Position pos = Cursors.decode(req.query("cursor"));

    List<RunData> data;
    String next = null;
    String previous = null;
    if (pos == null || pos.forward()) {
      RunStore.Scan scan = store.scanDown(pos == null ? -1 : pos.serial(), limit, f);
      data = scan.runs();
      if (scan.next() >= 0) next = Cursors.encode(true, scan.next());
      if (pos != null && !data.isEmpty() && store.scanUp(data.get(0).serial() + 1, 0, f).next() >= 0) {
        previous = Cursors.encode(false, data.get(0).serial());
      }
    } else {
      RunStore.Scan scan = store.scanUp(pos.serial() + 1, limit, f);
      data = scan.runs();
      if (scan.next() >= 0 && !data.isEmpty()) previous = Cursors.encode(false, data.get(0).serial());
      if (!data.isEmpty()) {
        long older = store.scanDown(data.get(data.size() - 1).serial() - 1, 0, f).next();
        if (older >= 0) next = Cursors.encode(true, older);
      }
    }
    JsonArray items = new JsonArray();
    for (RunData r : data) items.add(run(r, false));
    return Json.response(200, Json.obj("data", items, "next", next, "previous", previous));
  }

  private void addFailedStepFilters(RunFilter f, String name, String message) {
    if (name != null) {
      f.where("fsn=" + name, r -> r.hasFailedStep() && store.profile().stepName(r.flow(), r.failedStep()).equals(name));
    }
    if (message != null) {
      f.where("fsm=" + message, r -> r.failedMessage() != null && r.failedMessage().equals(message));
    }
  }

  private Set<Integer> flowSet(List<String> ids) {
    Set<Integer> out = new HashSet<>();
    for (String id : ids) {
      int i = flowIndex(id);
      if (i >= 0) out.add(i);
    }
    return out;
  }

  private Set<Long> serialSet(List<String> ids) {
    Set<Long> out = new HashSet<>();
    for (String id : ids) {
      long s = store.profile().serialOf(settings.seed(), id);
      if (s >= 0) out.add(s);
    }
    return out;
  }

  private static Set<String> statusSet(List<String> values, List<String> allowed, String where) {
    Set<String> out = new LinkedHashSet<>();
    for (int i = 0; i < values.size(); i++) {
      if (!allowed.contains(values.get(i))) {
        throw new IllegalArgumentException(where + "/" + i + " must be equal to one of the allowed values");
      }
      out.add(values.get(i));
    }
    return out;
  }

  private MockResponse.Builder count(Req req) {
    MockResponse.Builder denied = checkProject(req.query("projectId"), "querystring");
    if (denied != null) return denied;
    RunFilter f = RunFilter.all()
        .created(Times.parseIso(req.query("createdAfter")), Times.parseIso(req.query("createdBefore")))
        .hideArchived(true);
    long[] counts;
    synchronized (countCache) {
      String key = f.key() + "@" + store.version();
      counts = countCache.get(key);
      if (counts == null) {
        long[] c = new long[STATUSES.size()];
        store.forEach(f, r -> c[STATUSES.indexOf(r.status().raw())]++);
        countCache.clear();
        countCache.put(key, c);
        counts = c;
      }
    }
    JsonArray data = new JsonArray();
    for (int i = 0; i < STATUSES.size(); i++) {
      if (counts[i] > 0) data.add(Json.obj("status", STATUSES.get(i), "count", counts[i]));
    }
    return Json.response(200, Json.obj("data", data));
  }

  // ---- one run

  private MockResponse.Builder get(String id) {
    RunData r = store.find(id);
    if (r == null) return notFound(id);
    return Json.response(200, run(r, true));
  }

  private boolean purged(RunData r) {
    return r.createdMs() < store.history().newestMs() - settings.retentionMs();
  }

  private static boolean failed(String status) {
    return List.of("FAILED", "INTERNAL_ERROR", "QUOTA_EXCEEDED", "TIMEOUT", "MEMORY_LIMIT_EXCEEDED",
        "LOG_SIZE_EXCEEDED").contains(status);
  }

  private MockResponse.Builder retry(Req req, String id) {
    JsonObject body = Json.parseObject(req.body());
    if (body == null) return badRequest("body must be object");
    String strategy = string(body, "strategy");
    if (strategy == null) return badRequest("body must have required property 'strategy'");
    if (!strategy.equals("FROM_FAILED_STEP") && !strategy.equals("ON_LATEST_VERSION")) {
      return badRequest("body/strategy must be equal to one of the allowed values");
    }
    MockResponse.Builder denied = checkProject(string(body, "projectId"), "body");
    if (denied != null) return denied;
    RunData r = store.find(id);
    if (r == null) return notFound(id);
    String refusal = refusal(r, strategy);
    if (refusal != null) return validation(refusal);
    if (purged(r)) {
      return error(410, "EXECUTION_DATA_EXPIRED", "entityType", "flow_run", "entityId", id,
          "message", "The run's execution data is past the retention period and cannot be retried");
    }
    return Json.response(200, run(retried(r, strategy), false));
  }

  /** Why {@code r} cannot be retried with {@code strategy}, or null when it can. */
  private static String refusal(RunData r, String strategy) {
    String s = r.status().raw();
    if (r.archived()) return "Archived runs cannot be retried";
    if (strategy.equals("FROM_FAILED_STEP") && !failed(s)) {
      return "Only failed runs can be retried from the failed step, this run is " + s;
    }
    if (strategy.equals("ON_LATEST_VERSION") && !failed(s) && !s.equals("SUCCEEDED")) {
      return "Only failed or succeeded runs can be retried on the latest version, this run is " + s;
    }
    return null;
  }

  private RunData retried(RunData r, String strategy) {
    int version = strategy.equals("ON_LATEST_VERSION") ? History.latestVersion(r.flow()) : r.flowVersion();
    return store.create((serial, now) -> new RunData(serial, store.profile().runId(settings.seed(), serial),
        r.flow(), store.profile().startStatus(), now, null, null, now, r.trigger(), r.totalSteps(), 0, -1, null,
        r.id(), r.tags(), null, version, null, r.userId(), false));
  }

  // ---- bulk

  private MockResponse.Builder bulk(Req req, String action) {
    JsonObject body = Json.parseObject(req.body());
    if (body == null) return badRequest("body must be object");
    MockResponse.Builder denied = checkProject(string(body, "projectId"), "body");
    if (denied != null) return denied;
    String strategy = null;
    if (action.equals("retry")) {
      strategy = string(body, "strategy");
      if (strategy == null) return badRequest("body must have required property 'strategy'");
      if (!strategy.equals("FROM_FAILED_STEP") && !strategy.equals("ON_LATEST_VERSION")) {
        return badRequest("body/strategy must be equal to one of the allowed values");
      }
    }
    RunFilter f = RunFilter.all().hideArchived(true);
    List<String> ids = strings(body, "flowRunIds");
    if (ids != null) {
      f.serials(serialSet(ids));
    } else {
      List<String> statuses = strings(body, "status");
      if (statuses != null) {
        List<String> allowed = action.equals("cancel") ? List.of("PAUSED", "QUEUED") : STATUSES;
        f.statuses(statusSet(statuses, allowed, "body/status"));
      }
      List<String> flows = strings(body, "flowId");
      if (flows != null) f.flows(flowSet(flows));
      f.created(Times.parseIso(string(body, "createdAfter")), Times.parseIso(string(body, "createdBefore")));
      if (!action.equals("cancel")) {
        addFailedStepFilters(f, string(body, "failedStepName"), string(body, "failedStepMessage"));
      }
    }
    List<String> excluded = strings(body, "excludeFlowRunIds");
    if (excluded != null) f.excludeSerials(serialSet(excluded));
    List<RunData> selected = new ArrayList<>();
    store.forEach(f, selected::add);
    JsonArray out = new JsonArray();
    for (RunData r : selected) {
      switch (action) {
        case "retry" -> {
          if (refusal(r, strategy) == null && !purged(r)) out.add(run(retried(r, strategy), false));
        }
        case "cancel" -> {
          String s = r.status().raw();
          if (s.equals("PAUSED") || s.equals("QUEUED")) {
            RunData c = r.withStatus(Status.ended("CANCELED"), store.nowMs(), r.stepsRun());
            store.put(c);
            out.add(run(c, false));
          }
        }
        default -> {
          RunData a = r.withArchived(store.nowMs());
          store.put(a);
          out.add(run(a, false));
        }
      }
    }
    return Json.response(200, out);
  }

  // ---- resume (no auth: the run id is the secret)

  private MockResponse.Builder resume(Req req, String id, String waitpoint, boolean sync) {
    RunData r = store.find(id);
    if (r == null) return notFound(id);
    if (!"PAUSED".equals(r.status().raw())) return validation("Flow run " + id + " is not paused");
    if (!waitpoint.equals(r.pauseRequestId())) {
      return error(404, "ENTITY_NOT_FOUND", "entityType", "waitpoint", "entityId", waitpoint,
          "message", "No waitpoint " + waitpoint + " on flow run " + id);
    }
    long now = store.nowMs();
    JsonObject payload;
    try {
      payload = Json.parseObject(req.body());
    } catch (IllegalArgumentException e) {
      payload = null;
    }
    if (sync) {
      store.put(r.withStatus(Status.ok("SUCCEEDED"), now, r.totalSteps()));
      return Json.response(200, Json.obj("resumed", true, "runId", id, "received", payload));
    }
    store.put(r.withStatus(Status.running("RUNNING"), now, r.stepsRun()));
    return Json.response(200, Json.obj("message", "Your response has been received; the run will resume."));
  }

  // ---- JSON

  private static String string(JsonObject o, String name) {
    JsonElement e = o.get(name);
    if (e == null || e.isJsonNull()) return null;
    if (!e.isJsonPrimitive()) throw new IllegalArgumentException("body/" + name + " must be string");
    return e.getAsString();
  }

  private static List<String> strings(JsonObject o, String name) {
    JsonElement e = o.get(name);
    if (e == null || e.isJsonNull()) return null;
    if (!e.isJsonArray()) throw new IllegalArgumentException("body/" + name + " must be array");
    List<String> out = new ArrayList<>();
    for (JsonElement x : e.getAsJsonArray()) out.add(x.getAsString());
    return out;
  }

  private String id(int salt, long n) {
    return Hashing.alnum(Hashing.hash(settings.seed(), n, salt), 21);
  }

  JsonObject run(RunData r, boolean withSteps) {
    String s = r.status().raw();
    JsonObject o = Json.obj(
        "id", r.id(),
        "created", Json.iso(r.createdMs()),
        "updated", Json.iso(r.updatedMs()),
        "projectId", projectId,
        "flowId", flowId(r.flow()),
        "flowVersionId", id(92, r.flow() * 1000L + r.flowVersion()));
    if (r.parentId() != null) o.addProperty("parentRunId", r.parentId());
    o.addProperty("failParentOnFailure", false);
    if ("MANUAL".equals(r.trigger())) o.addProperty("triggeredBy", id(93, r.flow()));
    o.add("tags", Json.of(r.tags()));
    o.add("flowVersion", Json.obj("displayName", Catalogue.flowName(r.flow())));
    o.add("logsFileId", Json.of(r.startedMs() == null ? null : id(94, r.serial())));
    o.addProperty("status", s);
    o.add("startTime", Json.of(Json.iso(r.startedMs())));
    o.add("finishTime", Json.of(Json.iso(r.finishedMs())));
    o.addProperty("environment", "PRODUCTION");
    if (r.pauseRequestId() != null) {
      o.add("pauseMetadata", Json.obj("type", "WEBHOOK", "requestId", r.pauseRequestId(),
          "response", Json.obj()));
    }
    if (withSteps) o.add("steps", steps(r));
    if (r.hasFailedStep()) {
      o.add("failedStep", Json.obj("name", store.profile().stepName(r.flow(), r.failedStep()),
          "displayName", Catalogue.steps(r.flow()).get(r.failedStep()), "message", r.failedMessage()));
    }
    o.addProperty("stepsCount", r.stepsRun());
    o.add("archivedAt", Json.of(Json.iso(r.archivedMs())));
    return o;
  }

  private JsonElement steps(RunData r) {
    if (r.startedMs() == null || purged(r)) return Json.of(null);
    Map<String, Object> steps = new LinkedHashMap<>();
    steps.put("trigger", Json.obj("type", "PIECE_TRIGGER", "status", "SUCCEEDED", "input", Json.obj(),
        "output", Json.obj("id", "evt_" + id(95, r.serial()).substring(0, 10)), "duration", 0));
    List<String> names = Catalogue.steps(r.flow());
    for (int k = 0; k < r.stepsRun() && k < names.size(); k++) {
      boolean last = k == r.stepsRun() - 1;
      String status = k == r.failedStep() ? "FAILED"
          : last && !r.status().terminal() ? ("PAUSED".equals(r.status().raw()) ? "PAUSED" : "RUNNING")
          : last && r.status().raw().equals("STOPPED") ? "STOPPED" : "SUCCEEDED";
      JsonObject step = Json.obj("type", "PIECE", "status", status, "input", Json.obj("step", names.get(k)),
          "duration", 40 + Hashing.below(Hashing.hash(settings.seed(), r.serial(), 200 + k), 4000));
      if (status.equals("FAILED")) step.addProperty("errorMessage", r.failedMessage());
      else step.add("output", Json.obj("ok", true, "items", 1 + Hashing.below(Hashing.hash(settings.seed(), r.serial(), 300 + k), 50)));
      steps.put(store.profile().stepName(r.flow(), k), step);
    }
    return Json.of(steps);
  }
}
