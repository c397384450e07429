package io.github.flowruns.testing.internal;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import mockwebserver3.MockResponse;

/**
 * FlowStack's run routes under {@code /api/v1/flows/{flowId}/runs} and its flows route
 * {@code GET /api/v1/flows}, as vendors.md (FlowStack) records them.
 */
public final class FlowStackApi extends VendorApi {
  static final List<String> STATUSES =
      List.of("SUCCEEDED", "FAILED", "RUNNING", "QUEUED", "PAUSED", "TIMEOUT", "CANCELED", "STOPPED");
  /**
   * The values FlowStack documents as {@code status} filters (vendors.md, FlowStack). Others may
   * show through in answers; as a filter this simulator refuses them with 400, the conservative
   * reading of an undocumented value, so a client that sends one is caught here.
   */
  static final List<String> FILTER_STATUSES = List.of("SUCCEEDED", "FAILED", "RUNNING");
  /** One in this many flows runs on the n8n engine, the rest on Activepieces. */
  private static final int N8N_EVERY = 3;

  /** Statuses, triggers and ids of FlowStack. */
  public static final class Profile extends VendorProfile {
    @Override
    public String name() {
      return "flowstack";
    }

    @Override
    public List<Status> forcedStatuses() {
      return List.of(Status.running("RUNNING"), Status.failure("FAILED"), Status.queued("QUEUED"),
          Status.ok("SUCCEEDED"), Status.running("PAUSED"), Status.failure("TIMEOUT"), Status.ended("CANCELED"),
          Status.ended("STOPPED"));
    }

    @Override
    public List<Status> terminalStatuses() {
      return List.of(Status.ok("SUCCEEDED"), Status.failure("FAILED"), Status.failure("TIMEOUT"),
          Status.ended("CANCELED"), Status.ended("STOPPED"));
    }

    @Override
    public int[] terminalWeights() {
      return new int[] {75, 18, 3, 2, 2};
    }

    @Override
    public List<String> triggers() {
      return List.of("SCHEDULE", "WEBHOOK", "API", "MANUAL");
    }

    @Override
    public int[] triggerWeights() {
      return new int[] {45, 30, 15, 10};
    }

    @Override
    public Status startStatus() {
      return Status.running("RUNNING");
    }

    @Override
    public String runId(long seed, long serial) {
      return encodeId(seed, serial, "run_", 20);
    }

    @Override
    public long serialOf(long seed, String id) {
      return decodeId(seed, id, "run_", 20);
    }

    @Override
    public String flowId(long seed, int flow) {
      return "flow_" + Hashing.alnum(Hashing.hash(seed, flow, 90), 12).toLowerCase(java.util.Locale.ROOT);
    }
  }

  private final Map<String, JsonObject> statsCache = new HashMap<>();

  /** A key with Read scope only (vendors.md: keys have Read, Write or Admin scope), or null. */
  private final String readKey;

  public FlowStackApi(RunStore store, Settings settings) {
    this(store, settings, null);
  }

  /**
   * With {@code readKey} as a second key of Read scope; {@code settings.apiKey()} has Admin scope.
   */
  public FlowStackApi(RunStore store, Settings settings, String readKey) {
    super(store, settings);
    this.readKey = readKey;
  }

  /** Whether the request carries a key the account issued, of any scope. */
  private boolean knownKey(Req req) {
    String key = bearer(req);
    return settings.apiKey().equals(key) || (readKey != null && readKey.equals(key));
  }

  static MockResponse.Builder error(int status, String code, String message) {
    return Json.response(status, Json.obj("error", Json.obj("code", code, "message", message, "statusCode", status)));
  }

  @Override
  public MockResponse.Builder serverError(Req req, int status) {
    String code = status == 503 ? "SERVICE_UNAVAILABLE" : status == 504 ? "GATEWAY_TIMEOUT" : "INTERNAL_ERROR";
    return error(status, code, "Simulated server error " + status);
  }

  @Override
  public MockResponse.Builder tooManyRequests(Req req, long retryAfterSeconds) {
    return error(429, "RATE_LIMIT_EXCEEDED", "Rate limit exceeded. Retry after " + retryAfterSeconds + " seconds.")
        .setHeader("Retry-After", retryAfterSeconds);
  }

  /** Every FlowStack response reports the window of the key's plan. */
  @Override
  public void rateHeaders(MockResponse.Builder b, Faults.RateWindow w, boolean limited) {
    b.setHeader("X-RateLimit-Limit", w.limit());
    b.setHeader("X-RateLimit-Remaining", w.remaining());
    b.setHeader("X-RateLimit-Reset", w.resetEpochSeconds());
  }

  /** A generous plan, so that long exports are not throttled unless a test injects a limit. */
  @Override
  public Integer planLimit() {
    return 100_000;
  }

  @Override
  public Duration planWindow() {
    return Duration.ofHours(1);
  }

  @Override
  public MockResponse.Builder handle(Req req) {
    int n = req.path.size();
    if (req.is("api", "v1", "flows")) {
      if (!knownKey(req)) {
        return error(401, "UNAUTHORIZED", "Invalid or missing API key");
      }
      if (!req.method.equals("GET")) {
        return error(404, "NOT_FOUND", "Route " + req.method + " " + req.url.encodedPath() + " not found");
      }
      try {
        return flows(req);
      } catch (BadParam | IllegalArgumentException e) {
        return error(400, "VALIDATION_ERROR", "Invalid request: " + e.getMessage());
      }
    }
    boolean ours = (n == 5 || n == 6) && req.segment(0).equals("api") && req.segment(1).equals("v1")
        && req.segment(2).equals("flows") && req.segment(4).equals("runs");
    if (!ours) {
      return error(404, "NOT_FOUND", "Route " + req.method + " " + req.url.encodedPath() + " not found");
    }
    if (!knownKey(req)) {
      return error(401, "UNAUTHORIZED", "Invalid or missing API key");
    }
    if (!req.method.equals("GET") && readKey != null && readKey.equals(bearer(req))) {
      // vendors.md gives the scopes and FORBIDDEN 403, not which scope a route needs: that a
      // trigger (the one write) needs Write and that the check precedes the flow lookup is an
      // inference; the message is ours.
      return error(403, "FORBIDDEN", "This API key has Read scope; this request needs Write scope");
    }
    int flow = flowIndex(req.segment(3));
    if (flow < 0) return error(404, "NOT_FOUND", "Flow not found");
    try {
      boolean get = req.method.equals("GET");
      if (req.path.size() == 5 && get) return list(req, flow);
      if (req.path.size() == 5 && req.method.equals("POST")) return trigger(req, flow);
      if (req.path.size() == 6 && get && req.segment(5).equals("stats")) return stats(flow);
      if (req.path.size() == 6 && get) return get(flow, req.segment(5));
      return error(404, "NOT_FOUND", "Route " + req.method + " " + req.url.encodedPath() + " not found");
    } catch (BadParam | IllegalArgumentException e) {
      return error(400, "VALIDATION_ERROR", "Invalid request: " + e.getMessage());
    }
  }

  private MockResponse.Builder list(Req req, int flow) {
    Integer limit = parseInt(req.query("limit"));
    if (limit == null) limit = 10;
    if (limit < 1 || limit > 100) return error(400, "VALIDATION_ERROR", "limit must be between 1 and 100");
    RunFilter f = RunFilter.all().flows(Set.of(flow));
    String status = req.query("status");
    if (status != null) {
      if (!FILTER_STATUSES.contains(status)) {
        return error(400, "VALIDATION_ERROR", "status must be one of " + FILTER_STATUSES);
      }
      f.statuses(Set.of(status));
    }
    Long after = after(req.query("cursor"));
    JsonArray data = new JsonArray();
    if (after != null && after == 0) {
      // The cursor of a last page points past the oldest run: nothing follows.
      return Json.response(200, Json.obj("data", data, "cursor", null, "hasMore", false));
    }
    RunStore.Scan scan = store.scanDown(after == null ? -1 : after - 1, limit, f);
    for (RunData r : scan.runs()) data.add(run(r, false));
    boolean more = scan.next() >= 0;
    // Like FlowStack's documented example, the last page still carries a cursor (past its last
    // item), with hasMore false: hasMore decides (docs.onflowstack.com/api/flows).
    String cursor = scan.runs().isEmpty() ? null : cursorAfter(scan.runs().get(scan.runs().size() - 1).serial());
    return Json.response(200, Json.obj("data", data, "cursor", cursor, "hasMore", more));
  }

  /** {@code GET /api/v1/flows}: the account's flows with their engine, paged like runs. */
  private MockResponse.Builder flows(Req req) {
    Integer limit = parseInt(req.query("limit"));
    if (limit == null) limit = 10;
    if (limit < 1 || limit > 100) return error(400, "VALIDATION_ERROR", "limit must be between 1 and 100");
    Long after = after(req.query("cursor"));
    // Flows are listed in index order; the cursor holds the index of the next flow.
    int from = after == null ? 0 : (int) Math.min(after, settings.flows());
    int to = Math.min(settings.flows(), from + limit);
    JsonArray data = new JsonArray();
    for (int i = from; i < to; i++) {
      data.add(Json.obj("id", flowId(i), "name", Catalogue.flowName(i),
          "engine", i % N8N_EVERY == N8N_EVERY - 1 ? "n8n" : "activepieces"));
    }
    // As in the vendor's documented example: a non-null cursor with hasMore false on the last page.
    return Json.response(200, Json.obj("data", data, "cursor", cursorAfter(to), "hasMore", to < settings.flows()));
  }

  /** A cursor meaning "after position n". */
  static String cursorAfter(long n) {
    String json = "{\"after\":" + n + "}";
    return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  /** The position of a cursor this simulator issued; null for none; BadParam for anything else. */
  static Long after(String cursor) {
    if (cursor == null || cursor.isEmpty()) return null;
    try {
      String json = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      long n = com.google.gson.JsonParser.parseString(json).getAsJsonObject().get("after").getAsLong();
      if (n < 0) throw new BadParam(cursor);
      return n;
    } catch (RuntimeException e) {
      throw new BadParam(cursor);
    }
  }

  private MockResponse.Builder get(int flow, String runId) {
    RunData r = store.find(runId);
    if (r == null || r.flow() != flow) return error(404, "NOT_FOUND", "Run not found");
    return Json.response(200, run(r, true));
  }

  private MockResponse.Builder trigger(Req req, int flow) {
    JsonObject body = Json.parseObject(req.body());
    if (body != null && body.has("data") && !body.get("data").isJsonObject() && !body.get("data").isJsonNull()) {
      return error(400, "VALIDATION_ERROR", "data must be an object");
    }
    List<String> steps = Catalogue.steps(flow);
    RunData r = store.create((serial, id, now) -> new RunData(serial, id,
        flow, store.profile().startStatus(), now, now, null, now, "API", steps.size(), 0, -1, null, null,
        List.of(), null, History.latestVersion(flow), null, null, false));
    return Json.response(201, run(r, false))
        .setHeader("Location", "/api/v1/flows/" + flowId(flow) + "/runs/" + r.id());
  }

  private MockResponse.Builder stats(int flow) {
    JsonObject out;
    synchronized (statsCache) {
      String key = flow + "@" + store.version();
      out = statsCache.get(key);
      if (out == null) {
        long[] c = new long[5]; // total, succeeded, failed, finished, duration sum
        long[] last = {-1};
        store.forEach(RunFilter.all().flows(Set.of(flow)), r -> {
          c[0]++;
          if (r.status().success()) c[1]++;
          if (r.status().failed()) c[2]++;
          if (r.durationMs() != null) {
            c[3]++;
            c[4] += r.durationMs();
          }
          if (last[0] < 0) last[0] = r.startedMs() != null ? r.startedMs() : r.createdMs();
        });
        double rate = c[0] == 0 ? 0 : Math.round(c[1] * 1000.0 / c[0]) / 10.0;
        out = Json.obj("totalRuns", c[0], "succeeded", c[1], "failed", c[2], "successRate", rate,
            "averageDuration", c[3] == 0 ? 0 : c[4] / c[3], "lastRun", last[0] < 0 ? null : Json.iso(last[0]));
        statsCache.clear();
        statsCache.put(key, out);
      }
    }
    return Json.response(200, out);
  }

  JsonObject run(RunData r, boolean withSteps) {
    JsonObject o = Json.obj("id", r.id(), "flowId", flowId(r.flow()), "status", r.status().raw());
    if (r.durationMs() != null) o.addProperty("duration", r.durationMs());
    o.addProperty("triggerType", r.trigger());
    if (r.startedMs() != null) o.add("startTime", Json.of(Json.iso(r.startedMs())));
    o.add("finishTime", Json.of(Json.iso(r.finishedMs())));
    o.addProperty("stepsCount", r.totalSteps());
    int succeeded = r.status().success() ? r.totalSteps()
        : r.hasFailedStep() ? r.failedStep() : Math.max(0, r.stepsRun() - (r.status().terminal() ? 0 : 1));
    o.addProperty("stepsSucceeded", succeeded);
    if (r.hasFailedStep()) {
      o.add("error", Json.obj("step", store.profile().stepName(r.flow(), r.failedStep()), "message", r.failedMessage()));
    }
    if (withSteps) {
      JsonArray steps = new JsonArray();
      List<String> names = reachedSteps(r);
      for (int k = 0; k < names.size(); k++) {
        String status = stepStatus(r, k, r.status().terminal() ? null : r.status().raw());
        JsonObject step = Json.obj("name", names.get(k), "status", status,
            "duration", 30 + Hashing.below(Hashing.hash(settings.seed(), r.serial(), 200 + k), 3000));
        if (status.equals("FAILED")) step.addProperty("error", r.failedMessage());
        else step.add("output", Json.obj("rowCount", Hashing.below(Hashing.hash(settings.seed(), r.serial(), 300 + k), 100)));
        steps.add(step);
      }
      o.add("steps", steps);
    }
    return o;
  }
}
