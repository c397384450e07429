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
  /** Every status value any server version has sent; {@link #known} says which one version accepts. */
  static final List<String> STATUSES = List.of("QUEUED", "RUNNING", "PAUSED", "SUCCEEDED", "FAILED",
      "QUOTA_EXCEEDED", "INTERNAL_ERROR", "MEMORY_LIMIT_EXCEEDED", "TIMEOUT", "CANCELED", "LOG_SIZE_EXCEEDED",
      "STOPPED");

  /** Ids are 21 characters of [0-9a-zA-Z]; the server's schema refuses anything else with 400 (vendors.md). */
  private static final java.util.regex.Pattern ID = java.util.regex.Pattern.compile("[0-9a-zA-Z]{21}");

  /**
   * The status values a server version knows (vendors.md): a current server dropped STOPPED, an older one
   * has STOPPED but not yet LOG_SIZE_EXCEEDED. Any other value in a query or body is a 400.
   */
  static List<String> known(boolean olderServer) {
    List<String> out = new ArrayList<>(STATUSES);
    out.remove(olderServer ? "LOG_SIZE_EXCEEDED" : "STOPPED");
    return List.copyOf(out);
  }

  /** Statuses, triggers and ids of Activepieces; a server only holds runs in the statuses it knows. */
  public static final class Profile extends VendorProfile {
    private final boolean olderServer;

    public Profile() {
      this(false);
    }

    /** @param olderServer an older server: STOPPED runs instead of LOG_SIZE_EXCEEDED ones */
    public Profile(boolean olderServer) {
      this.olderServer = olderServer;
    }

    @Override
    public String name() {
      return "activepieces";
    }

    @Override
    public List<Status> forcedStatuses() {
      List<Status> all = new ArrayList<>(List.of(Status.running("RUNNING"), Status.failure("FAILED"),
          Status.queued("QUEUED"), Status.ok("SUCCEEDED"), Status.running("PAUSED"), Status.failure("TIMEOUT"),
          Status.failure("INTERNAL_ERROR"), Status.ended("CANCELED"), Status.failure("QUOTA_EXCEEDED"),
          Status.failure("MEMORY_LIMIT_EXCEEDED"), Status.failure("LOG_SIZE_EXCEEDED"), Status.ended("STOPPED")));
      all.removeIf(st -> !known(olderServer).contains(st.raw()));
      return List.copyOf(all);
    }

    @Override
    public List<Status> terminalStatuses() {
      // The value this version lacks is drawn as its nearest neighbour, so the weights stay aligned.
      return List.of(Status.ok("SUCCEEDED"), Status.failure("FAILED"), Status.failure("TIMEOUT"),
          Status.failure("INTERNAL_ERROR"), Status.ended("CANCELED"), Status.failure("QUOTA_EXCEEDED"),
          Status.failure("MEMORY_LIMIT_EXCEEDED"),
          olderServer ? Status.failure("FAILED") : Status.failure("LOG_SIZE_EXCEEDED"),
          olderServer ? Status.ended("STOPPED") : Status.ended("CANCELED"));
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
  private final boolean olderServer;
  private final List<String> knownStatuses;
  private final Map<String, long[]> countCache = new LinkedHashMap<>();

  public ActivepiecesApi(RunStore store, Settings settings) {
    this(store, settings, false);
  }

  /** @param olderServer behave as an older server: STOPPED known, LOG_SIZE_EXCEEDED not, 400 FLOW_RUN_NOT_FOUND */
  public ActivepiecesApi(RunStore store, Settings settings, boolean olderServer) {
    super(store, settings);
    this.projectId = Hashing.alnum(Hashing.hash(settings.seed(), -1, 91), 21);
    this.olderServer = olderServer;
    this.knownStatuses = known(olderServer);
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

  private MockResponse.Builder notFound(String id) {
    if (olderServer) {
      // Older servers' FLOW_RUN_NOT_FOUND had no status of its own, so it went out as 400 (vendors.md).
      return error(400, "FLOW_RUN_NOT_FOUND", "id", id);
    }
    return error(404, "ENTITY_NOT_FOUND", "entityType", "flow_run", "entityId", id,
        "message", "Flow run " + id + " not found");
  }

  /** A 400 in the framework's shape when {@code id} is not 21 characters of [0-9a-zA-Z]; else null. */
  private static MockResponse.Builder malformedId(String id, String where) {
    return ID.matcher(id).matches() ? null
        : badRequest(where + " must match pattern \"^[0-9a-zA-Z]{21}$\"");
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
    if (req.method.equals("POST") && req.is("api", "v1", "webhooks", "*")) {
      return webhook(req, req.segment(3), false);
    }
    if (req.method.equals("POST") && req.is("api", "v1", "webhooks", "*", "draft")) {
      return webhook(req, req.segment(3), true);
    }
    if (!req.startsWith("api", "v1", "flow-runs")) {
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

  /**
   * The server's cursor: {@code base64("next_" + base64("created:<epoch ms>"))} (or {@code prev_}), naming
   * the creation time of the page's last (first) run.
   */
  static String cursor(boolean next, long createdMs) {
    java.util.Base64.Encoder b64 = java.util.Base64.getEncoder();
    String inner = b64.encodeToString(("created:" + createdMs).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    return b64.encodeToString(((next ? "next_" : "prev_") + inner).getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** A decoded cursor: direction and creation time in ms. */
  private record Position(boolean next, long createdMs) {}

  private static Position decodeCursor(String cursor) {
    if (cursor == null || cursor.isEmpty()) return null;
    try {
      java.util.Base64.Decoder b64 = java.util.Base64.getDecoder();
      String outer = new String(b64.decode(cursor), java.nio.charset.StandardCharsets.UTF_8);
      boolean next = outer.startsWith("next_");
      if (!next && !outer.startsWith("prev_")) throw new BadParam(cursor);
      String inner = new String(b64.decode(outer.substring(5)), java.nio.charset.StandardCharsets.UTF_8);
      if (!inner.startsWith("created:")) throw new BadParam(cursor);
      return new Position(next, Long.parseLong(inner.substring(8)));
    } catch (RuntimeException e) {
      throw new BadParam(cursor);
    }
  }

  private MockResponse.Builder list(Req req) {
    MockResponse.Builder denied = checkProject(req.query("projectId"), "querystring");
    if (denied != null) return denied;
    Integer limit = parseInt(req.query("limit"));
    if (limit == null) limit = 10;
    if (limit == -1) limit = Integer.MAX_VALUE; // -1 means unlimited; there is no maximum (vendors.md)
    if (limit < 1) return badRequest("querystring/limit must be >= 1 or -1");
    List<String> ids = req.queryAll("flowRunIds");
    for (int i = 0; i < ids.size(); i++) {
      MockResponse.Builder bad = malformedId(ids.get(i), "querystring/flowRunIds/" + i);
      if (bad != null) return bad;
    }
    Position pos = decodeCursor(req.query("cursor"));
    Long after = Times.parseIso(req.query("createdAfter"));
    Long before = Times.parseIso(req.query("createdBefore"));
    // The cursor is compared at one-second precision: a next page holds runs created in an earlier
    // second than the boundary run, so same-second runs past a page boundary are skipped, as by the server.
    if (pos != null && pos.next()) {
      long bound = Math.floorDiv(pos.createdMs(), 1000) * 1000 - 1;
      before = before == null ? bound : Math.min(before, bound);
    } else if (pos != null) {
      long bound = (Math.floorDiv(pos.createdMs(), 1000) + 1) * 1000;
      after = after == null ? bound : Math.max(after, bound);
    }
    RunFilter f = RunFilter.all();
    List<String> flowIds = req.queryAll("flowId");
    if (!flowIds.isEmpty()) f.flows(flowSet(flowIds));
    List<String> statuses = req.queryAll("status");
    if (!statuses.isEmpty()) f.statuses(statusSet(statuses, knownStatuses, "querystring/status"));
    List<String> tags = req.queryAll("tags");
    if (!tags.isEmpty()) {
      List<String> wanted = List.copyOf(tags);
      f.where("tags=" + wanted, r -> r.tags().containsAll(wanted));
    }
    if (!ids.isEmpty()) f.serials(serialSet(ids));
    f.created(after, before);
    addFailedStepFilters(f, req.query("failedStepName"), req.query("failedStepMessage"));
    String archived = req.query("includeArchived");
    if (archived != null && !archived.equals("true") && !archived.equals("false")) {
      return badRequest("querystring/includeArchived must be boolean");
    }
    f.hideArchived(!"true".equals(archived));
    productionOnly(f);

    List<RunData> data;
    String next = null;
    String previous = null;
    if (pos == null || pos.next()) {
      RunStore.Scan scan = store.scanDown(-1, limit, f);
      data = scan.runs();
      if (scan.next() >= 0 && !data.isEmpty()) next = cursor(true, data.get(data.size() - 1).createdMs());
      if (pos != null && !data.isEmpty()) previous = cursor(false, data.get(0).createdMs());
    } else {
      RunStore.Scan scan = store.scanUp(0, limit, f);
      data = scan.runs();
      if (scan.next() >= 0 && !data.isEmpty()) previous = cursor(false, data.get(0).createdMs());
      if (!data.isEmpty()) next = cursor(true, data.get(data.size() - 1).createdMs());
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
    RunFilter f = productionOnly(RunFilter.all()
        .created(Times.parseIso(req.query("createdAfter")), Times.parseIso(req.query("createdBefore")))
        .hideArchived(true));
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
    MockResponse.Builder bad = malformedId(id, "params/id");
    if (bad != null) return bad;
    RunData r = store.find(id);
    if (r == null) return notFound(id);
    return Json.response(200, run(r, true));
  }

  private boolean purged(RunData r) {
    return r.createdMs() < store.history().newestMs() - settings.retentionMs();
  }

  /** The server's only retry refusal: a terminal run past the retention period (vendors.md). */
  private boolean outsideRetention(RunData r) {
    return r.status().terminal() && purged(r);
  }

  private long retentionDays() {
    return settings.retentionMs() / 86_400_000L;
  }

  private MockResponse.Builder retry(Req req, String id) {
    MockResponse.Builder bad = malformedId(id, "params/id");
    if (bad != null) return bad;
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
    if (outsideRetention(r)) {
      return error(410, "FLOW_RUN_RETRY_OUTSIDE_RETENTION", "flowRunId", id,
          "failedJobRetentionDays", retentionDays());
    }
    return Json.response(200, run(retried(r, strategy), false));
  }

  /**
   * FROM_FAILED_STEP re-queues the same run (same id, QUEUED); ON_LATEST_VERSION starts a new run whose
   * parentRunId is the old run's parentRunId, not the old run (vendors.md).
   */
  private RunData retried(RunData r, String strategy) {
    if (strategy.equals("FROM_FAILED_STEP")) {
      int done = r.hasFailedStep() ? r.failedStep() : r.stepsRun();
      RunData requeued = new RunData(r.serial(), r.id(), r.flow(), store.profile().startStatus(), r.createdMs(),
          null, null, store.nowMs(), r.trigger(), r.totalSteps(), done, -1, null, r.parentId(), r.tags(),
          r.archivedMs(), r.flowVersion(), null, r.userId(), false);
      store.requeue(requeued);
      return requeued;
    }
    int version = History.latestVersion(r.flow());
    return store.create((serial, id, now) -> new RunData(serial, id,
        r.flow(), store.profile().startStatus(), now, null, null, now, r.trigger(), r.totalSteps(), 0, -1, null,
        r.parentId(), r.tags(), null, version, null, r.userId(), false));
  }

  // ---- nested runs

  /**
   * A webhook call ({@code POST /api/v1/webhooks/{flowId}}, no key: the URL is the secret) queues a run of
   * the flow; with {@code ap-parent-run-id} it is a child of that run, as a sub-flow call makes it.
   */
  /**
   * Ids of the runs made in the TESTING environment. vendors.md: listings show production runs
   * only. That the draft webhook route is what makes a TESTING run follows the server's webhook
   * controller (an inference: vendors.md records only that listings leave them out).
   */
  private final Set<String> testingRuns = java.util.concurrent.ConcurrentHashMap.newKeySet();

  /** Leaves out TESTING runs, as the server's listing and (inference) its counts do. */
  private RunFilter productionOnly(RunFilter f) {
    // No condition while there is no TESTING run, so that listing a seeded history stays a plain scan.
    if (testingRuns.isEmpty()) return f;
    return f.where("environment=PRODUCTION", r -> !testingRuns.contains(r.id()));
  }

  private MockResponse.Builder webhook(Req req, String flowId, boolean testing) {
    int flow = flowIndex(flowId);
    if (flow < 0) {
      return error(404, "ENTITY_NOT_FOUND", "entityType", "flow", "entityId", flowId,
          "message", "Flow " + flowId + " not found");
    }
    String parent = req.header("ap-parent-run-id");
    String parentId = parent != null && store.find(parent) != null ? parent : null;
    RunData child = store.create((serial, id, now) -> new RunData(serial, id,
        flow, store.profile().startStatus(), now, null, null, now, "WEBHOOK", Catalogue.steps(flow).size(), 0, -1,
        null, parentId, List.of(), null, History.latestVersion(flow), null, null, false));
    if (testing) testingRuns.add(child.id());
    return Json.response(200, Json.obj("runId", child.id()));
  }

  /** Runs whose parentRunId is one of {@code parents}: only runs created after the seed have parents. */
  private List<RunData> children(Set<String> parents) {
    List<RunData> out = new ArrayList<>();
    for (long s = store.total() - 1; s >= store.history().count(); s--) {
      RunData r = store.get(s);
      if (r != null && r.parentId() != null && parents.contains(r.parentId())) out.add(r);
    }
    return out;
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
    // Every filter is ANDed, flowRunIds included: it narrows, it does not replace the others (vendors.md).
    RunFilter f = RunFilter.all().hideArchived(true);
    List<String> ids = strings(body, "flowRunIds");
    if (ids != null) {
      for (int i = 0; i < ids.size(); i++) {
        MockResponse.Builder bad = malformedId(ids.get(i), "body/flowRunIds/" + i);
        if (bad != null) return bad;
      }
      if (!ids.isEmpty()) f.serials(serialSet(ids));
    }
    List<String> statuses = strings(body, "status");
    if (action.equals("cancel")) {
      // Cancel takes PAUSED and QUEUED only, and both when none is given: other runs are left alone, silently.
      f.statuses(statusSet(statuses != null ? statuses : List.of("PAUSED", "QUEUED"), List.of("PAUSED", "QUEUED"),
          "body/status"));
    } else if (statuses != null) {
      f.statuses(statusSet(statuses, knownStatuses, "body/status"));
    }
    List<String> flows = strings(body, "flowId");
    if (flows != null) f.flows(flowSet(flows));
    f.created(Times.parseIso(string(body, "createdAfter")), Times.parseIso(string(body, "createdBefore")));
    if (!action.equals("cancel")) {
      addFailedStepFilters(f, string(body, "failedStepName"), string(body, "failedStepMessage"));
    }
    List<String> excluded = strings(body, "excludeFlowRunIds");
    if (excluded != null) f.excludeSerials(serialSet(excluded));
    List<RunData> selected = new ArrayList<>();
    store.forEach(f, selected::add);
    switch (action) {
      case "retry" -> {
        JsonArray out = new JsonArray();
        for (RunData r : selected) {
          if (outsideRetention(r)) {
            // A failed item is the old run plus error {errorCode, errorMessage} (vendors.md).
            JsonObject item = run(r, false);
            item.add("error", Json.obj("errorCode", "FLOW_RUN_RETRY_OUTSIDE_RETENTION", "errorMessage",
                "Flow run " + r.id() + " is outside the retention period of " + retentionDays() + " days"));
            out.add(item);
          } else {
            out.add(run(retried(r, strategy), false));
          }
        }
        return Json.response(200, out);
      }
      case "cancel" -> {
        cancel(selected);
        return new MockResponse.Builder().code(200); // answers nothing
      }
      default -> {
        for (RunData r : selected) store.put(r.withArchived(store.nowMs()));
        return new MockResponse.Builder().code(200); // answers nothing
      }
    }
  }

  /** Cancels the runs and, through every generation, their paused or queued child runs. */
  private void cancel(List<RunData> runs) {
    List<RunData> level = runs;
    while (!level.isEmpty()) {
      Set<String> ids = new HashSet<>();
      for (RunData r : level) {
        store.put(r.withStatus(Status.ended("CANCELED"), store.nowMs(), r.stepsRun()));
        ids.add(r.id());
      }
      List<RunData> next = new ArrayList<>();
      for (RunData c : children(ids)) {
        String s = c.status().raw();
        if (s.equals("PAUSED") || s.equals("QUEUED")) next.add(c);
      }
      level = next;
    }
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
    o.addProperty("environment", testingRuns.contains(r.id()) ? "TESTING" : "PRODUCTION");
    if (r.pauseRequestId() != null) {
      o.add("pauseMetadata", Json.obj("type", "WEBHOOK", "requestId", r.pauseRequestId(),
          "response", Json.obj()));
    }
    if (withSteps) o.add("steps", steps(r));
    if (r.hasFailedStep()) {
      // {name, displayName} only: why it failed is in the failed step's errorMessage, from getRun (vendors.md).
      o.add("failedStep", Json.obj("name", store.profile().stepName(r.flow(), r.failedStep()),
          "displayName", Catalogue.steps(r.flow()).get(r.failedStep())));
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
    String lastStatus = !r.status().terminal() ? ("PAUSED".equals(r.status().raw()) ? "PAUSED" : "RUNNING")
        : r.status().raw().equals("STOPPED") ? "STOPPED" : null;
    List<String> names = reachedSteps(r);
    for (int k = 0; k < names.size(); k++) {
      String status = stepStatus(r, k, lastStatus);
      JsonObject step = Json.obj("type", "PIECE", "status", status, "input", Json.obj("step", names.get(k)),
          "duration", 40 + Hashing.below(Hashing.hash(settings.seed(), r.serial(), 200 + k), 4000));
      if (status.equals("FAILED")) step.addProperty("errorMessage", r.failedMessage());
      else step.add("output", Json.obj("ok", true, "items", 1 + Hashing.below(Hashing.hash(settings.seed(), r.serial(), 300 + k), 50)));
      steps.put(store.profile().stepName(r.flow(), k), step);
    }
    return Json.of(steps);
  }
}
