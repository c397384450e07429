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
 * vendors.md (n8n) records what real servers (1.123 and 2.x) answered.
 */
public final class N8nApi extends VendorApi {
  /** The values the listing takes as {@code status}; {@code crashed} is refused (vendors.md, n8n). */
  static final List<String> FILTER_STATUSES = List.of("canceled", "error", "running", "success", "waiting");
  /** n8n's largest page, and its page when none is asked for. */
  static final int MAX_LIMIT = 250;
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
    // The two 401 bodies vendors.md records: no key, a wrong key.
    if (key == null) return error(401, "'X-N8N-API-KEY' header required");
    if (!settings.apiKey().equals(key)) return error(401, "unauthorized");
    try {
      boolean get = req.method.equals("GET");
      boolean post = req.method.equals("POST");
      if (get && req.is("api", "v1", "executions")) return list(req);
      if (get && req.is("api", "v1", "workflows")) return workflows();
      if (req.path.size() >= 4 && req.segment(2).equals("executions")) {
        String id = req.segment(3);
        if (req.path.size() == 4 && get) return get(req, id);
        if (req.path.size() == 4 && req.method.equals("DELETE")) return delete(id);
        if (req.path.size() == 5 && post && req.segment(4).equals("retry")) return retry(id);
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
    if (limit < 1 || limit > MAX_LIMIT) throw new BadParam("request/query/limit must be <= " + MAX_LIMIT);
    RunFilter f = RunFilter.all();
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
    if (store.profile().serialOf(settings.seed(), id) < 0 && !id.matches("[0-9]+")) {
      throw new BadParam("request/params/id must be number");
    }
    return store.find(id);
  }

  private static MockResponse.Builder notFound(String id) {
    return error(404, "The execution with the ID \"" + id + "\" does not exist.");
  }

  private MockResponse.Builder get(Req req, String id) {
    RunData r = find(id);
    if (r == null) return notFound(id);
    return Json.response(200, execution(r, "true".equals(req.query("includeData"))));
  }

  /** Answers the deleted execution; a running one is refused with 400 (vendors.md, n8n). */
  private MockResponse.Builder delete(String id) {
    RunData r = find(id);
    if (r == null) return notFound(id);
    if (!r.status().terminal()) {
      return error(400, "Cannot delete a running execution");
    }
    JsonObject out = execution(r, false);
    // The deleted execution's id comes back as a number (vendors.md, n8n).
    out.addProperty("id", Long.parseLong(r.id()));
    store.put(r.withArchived(store.nowMs()));
    return Json.response(200, out);
  }

  /**
   * Retrying a successful execution is a 400; any other starts a new execution with mode retry
   * whose {@code retryOf} (a number here) is the original (vendors.md, n8n).
   */
  private MockResponse.Builder retry(String id) {
    RunData r = find(id);
    if (r == null || r.archived()) return notFound(id);
    if (r.status().success()) {
      return error(400, "The execution succeeded, so it cannot be retried.");
    }
    RunData created = store.create((serial, newId, now) -> new RunData(serial, newId, r.flow(),
        store.profile().startStatus(), now, now, null, now, "retry", r.totalSteps(), 0, -1, null, r.id(),
        List.of(), null, r.flowVersion(), null, null, false));
    JsonObject out = execution(created, false);
    out.addProperty("retryOf", Long.parseLong(r.id()));
    return Json.response(200, out);
  }

  /** {@code GET /api/v1/workflows}: every workflow, in one page. */
  private MockResponse.Builder workflows() {
    JsonArray data = new JsonArray();
    for (int i = 0; i < settings.flows(); i++) {
      data.add(Json.obj("id", flowId(i), "name", Catalogue.flowName(i), "active", true));
    }
    return Json.response(200, Json.obj("data", data, "nextCursor", null));
  }

  JsonObject execution(RunData r, boolean includeData) {
    boolean ended = r.status().terminal();
    JsonObject o = Json.obj("id", r.id(), "finished", r.status().success(), "mode", r.trigger(),
        "retryOf", r.parentId(), "retrySuccessId", null, "status", r.status().raw(),
        "startedAt", Json.iso(r.startedMs() != null ? r.startedMs() : r.createdMs()),
        "stoppedAt", ended ? Json.iso(r.finishedMs()) : null,
        "workflowId", flowId(r.flow()), "waitTill", null);
    if (includeData) {
      List<String> reached = reachedSteps(r);
      JsonObject result = new JsonObject();
      if (r.hasFailedStep()) {
        result.add("error", Json.obj("message", r.failedMessage()));
        result.addProperty("lastNodeExecuted", store.profile().stepName(r.flow(), r.failedStep()));
      } else if (!reached.isEmpty()) {
        result.addProperty("lastNodeExecuted", reached.get(reached.size() - 1));
      }
      o.add("data", Json.obj("resultData", result));
    }
    return o;
  }
}
