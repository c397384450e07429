package io.github.flowruns.testing.internal;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import mockwebserver3.MockResponse;
import okhttp3.HttpUrl;

/**
 * Patchworks' Core API routes under {@code /api/v1/flow-runs} and, on their own host, the current
 * login route {@code POST /api/v1/login} ({@code email}, token at {@code data.token}) and the older
 * {@code POST /fabric/api/login} ({@code username}, top-level {@code token}, {@code expires_in}),
 * as {@code vendors.md} describes them.
 *
 * <p>Where vendors.md is silent, the choices made here are inferences, and say so: a listing
 * without {@code sort} comes oldest first (by id, as a Laravel query without an order does on
 * MySQL), so a client that wants newest first must ask for it, as the vendor's tools do; a comma
 * list in {@code filter[status]} or {@code filter[flow_id]} is refused with 422, since no source
 * shows one accepted; {@code include=errorWarningLogs} adds the run's error and warning logs as
 * {@code error_warning_logs} (flat) or as {@code relationships.errorWarningLogs} with the entries
 * in the top-level {@code included} (JSON:API).
 */
public final class PatchworksApi extends VendorApi {
  private static final Set<String> FILTERS = Set.of("user_id", "flow_id", "flow_version_id", "virtual_environment_id",
      "trigger", "status", "search", "started_before", "started_after", "started_on", "retried", "has_warnings");
  private static final long DAY_MS = 86_400_000L;
  private static final Status PARTIAL = new Status("5", null, true, false, false, false);

  /** Statuses (integers as text), triggers and ids of Patchworks. */
  public static final class Profile extends VendorProfile {
    @Override
    public String name() {
      return "patchworks";
    }

    @Override
    public List<Status> forcedStatuses() {
      return List.of(Status.running("1"), Status.failure("3"), Status.ok("2"), PARTIAL, Status.ended("4"));
    }

    @Override
    public List<Status> terminalStatuses() {
      return List.of(Status.ok("2"), Status.failure("3"), Status.ended("4"), PARTIAL);
    }

    @Override
    public int[] terminalWeights() {
      return new int[] {72, 16, 4, 8};
    }

    @Override
    public List<String> triggers() {
      return List.of("Schedule", "Webhook", "API", "Manual", "Event", "Router", "Callback");
    }

    @Override
    public int[] triggerWeights() {
      return new int[] {40, 25, 15, 8, 7, 3, 2};
    }

    @Override
    public Status startStatus() {
      return Status.running("1");
    }

    /** 5 PARTIAL_SUCCESS is an outcome a run reaches by itself; 4 STOPPED needs a stop request. */
    @Override
    public boolean naturalOutcome(Status s) {
      return super.naturalOutcome(s) || "5".equals(s.raw());
    }

    static long base(long seed) {
      return 7_000_000L + Math.floorMod(Hashing.mix(seed), 1_000_000L);
    }

    @Override
    public String runId(long seed, long serial) {
      return Long.toString(base(seed) + serial);
    }

    @Override
    public long serialOf(long seed, String id) {
      try {
        long serial = Long.parseLong(id) - base(seed);
        return serial >= 0 ? serial : -1;
      } catch (NumberFormatException e) {
        return -1;
      }
    }

    @Override
    public String flowId(long seed, int flow) {
      return Long.toString(1000 + Math.floorMod(Hashing.mix(seed + 1), 8000L) + flow * 3L);
    }
  }

  /** Credentials for the login route. */
  public record Login(String username, String password) {}

  private final Login login;
  private final boolean jsonApi;
  private final boolean jsonApiLogs;
  private final Map<String, Long> tokens = new ConcurrentHashMap<>();
  private final AtomicLong tokenCounter = new AtomicLong();

  public PatchworksApi(RunStore store, Settings settings, Login login, boolean jsonApi) {
    this(store, settings, login, jsonApi, true);
  }

  /**
   * @param jsonApi runs in the JSON:API shape, else flat (as documented)
   * @param jsonApiLogs log entries in the JSON:API shape (as the vendor's tool reads them), else flat
   */
  public PatchworksApi(RunStore store, Settings settings, Login login, boolean jsonApi, boolean jsonApiLogs) {
    super(store, settings);
    this.login = login;
    this.jsonApi = jsonApi;
    this.jsonApiLogs = jsonApiLogs;
  }

  /** Every token issued so far answers 401 from now on, as an expired one does. */
  public void expireTokens() {
    tokens.clear();
  }

  private static MockResponse.Builder message(int status, String message) {
    return Json.response(status, Json.obj("message", message));
  }

  private static MockResponse.Builder invalid(String field, String message) {
    return Json.response(422, Json.obj("message", message, "errors", Json.obj(field, List.of(message))));
  }

  private static MockResponse.Builder runNotFound(String id) {
    return message(404, "No query results for model [App\\Models\\FlowRun] " + id);
  }

  @Override
  public MockResponse.Builder serverError(Req req, int status) {
    return message(status, switch (status) {
      case 502 -> "Bad Gateway";
      case 503 -> "Service Unavailable";
      case 504 -> "Gateway Timeout";
      default -> "Server Error";
    });
  }

  @Override
  public MockResponse.Builder tooManyRequests(Req req, long retryAfterSeconds) {
    return message(429, "Too Many Attempts.")
        .setHeader("Retry-After", retryAfterSeconds)
        .setHeader("X-RateLimit-Limit", 240)
        .setHeader("X-RateLimit-Remaining", 0)
        // On the clock its Date header says (the simulator's), as a real server's are one clock.
        .setHeader("X-RateLimit-Reset", store.nowMs() / 1000 + retryAfterSeconds);
  }

  /** Laravel's throttle middleware: limit and remaining on every response, reset on a 429. */
  @Override
  public void rateHeaders(MockResponse.Builder b, Faults.RateWindow w, boolean limited) {
    b.setHeader("X-RateLimit-Limit", w.limit());
    b.setHeader("X-RateLimit-Remaining", w.remaining());
    if (limited) b.setHeader("X-RateLimit-Reset", w.resetEpochSeconds());
  }

  @Override
  public MockResponse.Builder handle(Req req) {
    if (req.loginHost) {
      if (req.is("fabric", "api", "login")) {
        return req.method.equals("POST") ? login(req, "username", false)
            : message(405, "The " + req.method + " method is not supported for route fabric/api/login.");
      }
      if (req.is("api", "v1", "login")) {
        return req.method.equals("POST") ? login(req, "email", true)
            : message(405, "The " + req.method + " method is not supported for route api/v1/login.");
      }
      return message(404, "Not Found");
    }
    if (!req.startsWith("api", "v1", "flow-runs")) {
      return message(404, "The route " + req.url.encodedPath().substring(1) + " could not be found.");
    }
    if (!authenticated(req)) return message(401, "Unauthenticated.");
    try {
      boolean get = req.method.equals("GET");
      boolean post = req.method.equals("POST");
      if (get && req.is("api", "v1", "flow-runs")) return list(req);
      if (req.path.size() >= 4) {
        String id = req.segment(3);
        RunData r = store.find(id);
        if (get && req.is("api", "v1", "flow-runs", "*")) return r == null ? runNotFound(id) : item(r, req);
        if (get && req.is("api", "v1", "flow-runs", "*", "download")) {
          return r == null ? runNotFound(id) : message(200,
              "The logs of flow run " + id + " are being prepared. The file will appear in File Downloads.");
        }
        if (get && req.is("api", "v1", "flow-runs", "*", "flow-run-logs")) {
          return r == null ? runNotFound(id) : logs(req, r);
        }
        if (get && req.is("api", "v1", "flow-runs", "*", "flow-run-logs", "*")) {
          return r == null ? runNotFound(id) : log(r, req.segment(5));
        }
        if (post && req.is("api", "v1", "flow-runs", "*", "retry")) return r == null ? runNotFound(id) : retry(r, req);
        if (post && req.is("api", "v1", "flow-runs", "*", "stop")) return r == null ? runNotFound(id) : stop(r, req);
      }
      return message(404, "The route " + req.url.encodedPath().substring(1) + " could not be found.");
    } catch (BadParam e) {
      return invalid("filter", "The given value \"" + e.getMessage() + "\" is invalid.");
    }
  }

  private boolean authenticated(Req req) {
    String h = req.header("Authorization");
    if (h == null) return false;
    if (h.equals(settings.apiKey())) return true;
    String token = bearer(req);
    if (token == null) return false;
    Long expiry = tokens.get(token);
    return expiry != null && expiry > System.currentTimeMillis();
  }

  /**
   * The older route takes {@code username} and answers {@code {message, token, expires_in}}; the
   * current one takes {@code email} and answers the token at {@code data.token} (vendors.md).
   */
  private MockResponse.Builder login(Req req, String userField, boolean current) {
    JsonObject body;
    try {
      body = Json.parseObject(req.body());
    } catch (IllegalArgumentException e) {
      body = null;
    }
    String user = body == null || !body.has(userField) || body.get(userField).isJsonNull() ? null
        : body.get(userField).getAsString();
    String pass = body == null || !body.has("password") || body.get("password").isJsonNull() ? null
        : body.get("password").getAsString();
    if (user == null || user.isEmpty() || pass == null || pass.isEmpty()) {
      JsonObject errors = new JsonObject();
      if (user == null || user.isEmpty()) errors.add(userField, Json.of(List.of("The " + userField + " field is required.")));
      if (pass == null || pass.isEmpty()) errors.add("password", Json.of(List.of("The password field is required.")));
      String first = errors.entrySet().iterator().next().getValue().getAsJsonArray().get(0).getAsString();
      return Json.response(422, Json.obj("message", errors.size() > 1 ? first + " (and 1 more error)" : first,
          "errors", errors));
    }
    if (!user.equals(login.username()) || !pass.equals(login.password())) {
      return message(401, "These credentials do not match our records.");
    }
    long now = System.currentTimeMillis();
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String header = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
    String claims = b64.encodeToString(("{\"sub\":\"" + user + "\",\"iat\":" + now / 1000 + ",\"exp\":"
        + (now / 1000 + 86_400) + ",\"jti\":" + tokenCounter.incrementAndGet() + "}").getBytes(StandardCharsets.UTF_8));
    String signature = b64.encodeToString(Hashing.hex(Hashing.hash(settings.seed(), tokenCounter.get(), 99), 32)
        .getBytes(StandardCharsets.UTF_8));
    String token = header + "." + claims + "." + signature;
    tokens.put(token, now + 86_400_000L);
    if (current) return Json.response(200, Json.obj("message", "Login successful.", "data", Json.obj("token", token)));
    return Json.response(200, Json.obj("message", "Login successful.", "token", token, "expires_in", 86_400));
  }

  // ---- listing

  private static boolean truthy(String v) {
    return v.equals("1") || v.equalsIgnoreCase("true");
  }

  private static Long parseLong(String v) {
    if (v == null) return null;
    try {
      return Long.valueOf(v.trim());
    } catch (NumberFormatException e) {
      throw new BadParam(v);
    }
  }

  private MockResponse.Builder list(Req req) {
    for (String name : req.url.queryParameterNames()) {
      if (name.startsWith("filter[") && name.endsWith("]")) {
        String key = name.substring(7, name.length() - 1);
        if (!FILTERS.contains(key)) {
          return message(400, "Requested filter(s) `" + key + "` are not allowed. Allowed filter(s) are `"
              + String.join(", ", new java.util.TreeSet<>(FILTERS)) + "`.");
        }
      }
    }
    String sort = req.query("sort");
    if (sort != null && !sort.equals("started_at") && !sort.equals("-started_at")) {
      return message(400, "Requested sort(s) `" + sort + "` is not allowed. Allowed sort(s) are `started_at`.");
    }
    int[] paging = paging(req);
    if (paging == null) return pagingError(req);
    RunFilter f = RunFilter.all();
    String status = req.query("filter[status]");
    if (status != null) {
      // One status a request: no source shows a comma list accepted (inference: refused).
      String v = status.trim();
      if (!v.matches("[1-5]")) return invalid("filter.status", "The selected filter.status is invalid.");
      f.statuses(Set.of(v));
    }
    String flowId = req.query("filter[flow_id]");
    if (flowId != null) {
      if (flowId.contains(",")) return invalid("filter.flow_id", "The filter.flow_id field must be an integer.");
      Set<Integer> flows = new HashSet<>();
      int i = flowIndex(flowId.trim());
      if (i >= 0) flows.add(i);
      f.flows(flows);
    }
    Long after = parseLong(req.query("filter[started_after]"));
    Long before = parseLong(req.query("filter[started_before]"));
    Long on = parseLong(req.query("filter[started_on]"));
    if (on != null) {
      long day = Math.floorDiv(on, DAY_MS) * DAY_MS;
      after = after == null ? day : Math.max(after, day);
      before = before == null ? day + DAY_MS - 1 : Math.min(before, day + DAY_MS - 1);
    }
    f.created(after, before);
    String trigger = req.query("filter[trigger]");
    if (trigger != null) f.where("trigger=" + trigger.toLowerCase(Locale.ROOT), r -> r.trigger().equalsIgnoreCase(trigger));
    String search = req.query("filter[search]");
    if (search != null && !search.isEmpty()) {
      String q = search.toLowerCase(Locale.ROOT);
      f.where("search=" + q, r -> r.id().contains(q)
          || Catalogue.flowName(r.flow()).toLowerCase(Locale.ROOT).contains(q)
          || r.failedMessage() != null && r.failedMessage().toLowerCase(Locale.ROOT).contains(q)
          || r.hasFailedStep() && store.profile().stepName(r.flow(), r.failedStep()).toLowerCase(Locale.ROOT).contains(q));
    }
    String user = req.query("filter[user_id]");
    if (user != null) f.where("user=" + user, r -> user.equals(String.valueOf(userId(r))));
    String version = req.query("filter[flow_version_id]");
    if (version != null) f.where("version=" + version, r -> version.equals(String.valueOf(flowVersionId(r))));
    String retried = req.query("filter[retried]");
    if (retried != null) {
      boolean want = truthy(retried);
      f.where("retried=" + want, r -> (r.parentId() != null) == want);
    }
    String warnings = req.query("filter[has_warnings]");
    if (warnings != null) {
      boolean want = truthy(warnings);
      f.where("warnings=" + want, r -> r.hasWarnings() == want);
    }
    if (req.query("filter[virtual_environment_id]") != null) f.where("venv", r -> false);
    // Without sort: oldest first, by id (an inference; the vendor's tools always send a sort).
    boolean ascending = !"-started_at".equals(sort);
    int page = paging[0];
    int perPage = paging[1];
    RunStore.Slice slice = store.slice(f, (long) (page - 1) * perPage, perPage, ascending);
    boolean withFlow = includes(req, "flow");
    JsonArray data = new JsonArray();
    for (RunData r : slice.runs()) data.add(run(r, withFlow));
    return Json.response(200, paginated(req, data, slice.total(), page, perPage));
  }

  private static boolean includes(Req req, String relation) {
    String include = req.query("include");
    if (include == null) return false;
    for (String s : include.split(",")) {
      if (s.trim().equals(relation)) return true;
    }
    return false;
  }

  /** page and per_page, or null when either is invalid. */
  private static int[] paging(Req req) {
    Integer page;
    Integer perPage;
    try {
      page = parseInt(req.query("page"));
      perPage = parseInt(req.query("per_page"));
    } catch (BadParam e) {
      return null;
    }
    if (page == null) page = 1;
    if (perPage == null) perPage = 15;
    if (page < 1 || perPage < 1 || perPage > 100) return null;
    return new int[] {page, perPage};
  }

  private static MockResponse.Builder pagingError(Req req) {
    String perPage = req.query("per_page");
    if (perPage != null) {
      try {
        int v = Integer.parseInt(perPage.trim());
        if (v > 100) return invalid("per_page", "The per page field must not be greater than 100.");
        if (v < 1) return invalid("per_page", "The per page field must be at least 1.");
      } catch (NumberFormatException e) {
        return invalid("per_page", "The per page field must be an integer.");
      }
    }
    String page = req.query("page");
    try {
      Integer.parseInt(page == null ? "1" : page.trim());
    } catch (NumberFormatException e) {
      return invalid("page", "The page field must be an integer.");
    }
    return invalid("page", "The page field must be at least 1.");
  }

  private static JsonObject paginated(Req req, JsonArray data, long total, int page, int perPage) {
    long last = Math.max(1, (total + perPage - 1) / perPage);
    long offset = (long) (page - 1) * perPage;
    Long from = data.size() == 0 ? null : offset + 1;
    Long to = data.size() == 0 ? null : offset + data.size();
    HttpUrl url = req.url;
    String path = url.newBuilder().query(null).build().toString();
    return Json.obj(
        "data", data,
        "links", Json.obj(
            "first", pageUrl(url, 1),
            "last", pageUrl(url, last),
            "prev", page > 1 ? pageUrl(url, page - 1) : null,
            "next", page < last ? pageUrl(url, page + 1) : null),
        "meta", Json.obj(
            "current_page", page,
            "from", from,
            "last_page", last,
            "path", path,
            "per_page", perPage,
            "to", to,
            "total", total));
  }

  private static String pageUrl(HttpUrl url, long page) {
    return url.newBuilder().setQueryParameter("page", Long.toString(page)).build().toString();
  }

  // ---- one run, logs, actions

  private MockResponse.Builder item(RunData r, Req req) {
    JsonObject data = run(r, includes(req, "flow"));
    if (!includes(req, "errorWarningLogs")) return Json.response(200, Json.obj("data", data));
    List<String[]> lines = logLines(r);
    JsonArray logs = new JsonArray();
    JsonArray refs = new JsonArray();
    for (int k = 0; k < lines.size(); k++) {
      if (lines.get(k)[0].equals("info")) continue;
      JsonObject log = logJson(r, k, lines.get(k));
      logs.add(log);
      refs.add(Json.obj("type", "flow-run-logs", "id", log.get("id").getAsString()));
    }
    if (!jsonApi) {
      data.add("error_warning_logs", logs);
      return Json.response(200, Json.obj("data", data));
    }
    data.getAsJsonObject("relationships").add("errorWarningLogs", Json.obj("data", refs));
    JsonArray included = new JsonArray();
    for (JsonElement log : logs) included.add(jsonApiLog(log.getAsJsonObject()));
    return Json.response(200, Json.obj("data", data, "included", included));
  }

  private List<String[]> logLines(RunData r) {
    List<String[]> lines = new java.util.ArrayList<>();
    if (r.startedMs() == null || r.createdMs() < store.history().newestMs() - settings.retentionMs()) return lines;
    List<String> steps = Catalogue.steps(r.flow());
    lines.add(new String[] {"info", "Flow run started", "-1"});
    for (int k = 0; k < r.stepsRun() && k < steps.size(); k++) {
      if (k == r.failedStep()) {
        if (r.hasWarnings()) lines.add(new String[] {"warning", "Step \"" + steps.get(k) + "\" retried a request", Integer.toString(k)});
        lines.add(new String[] {"error", r.failedMessage(), Integer.toString(k)});
      }
      else lines.add(new String[] {"info", "Step \"" + steps.get(k) + "\" completed", Integer.toString(k)});
    }
    if (r.status().terminal()) {
      lines.add(new String[] {"info", "Flow run finished with status " + r.status().raw(), "-1"});
    }
    return lines;
  }

  private JsonObject logJson(RunData r, int k, String[] line) {
    long runId = Long.parseLong(r.id());
    long flowId = Long.parseLong(flowId(r.flow()));
    int step = Integer.parseInt(line[2]);
    return Json.obj(
        "id", runId * 100 + k,
        "flow_run_id", runId,
        "flow_step_id", step < 0 ? null : flowId * 100 + step,
        "log_level", line[0],
        "log_message", line[1],
        "page_number", "1",
        "attempts", "1",
        "payload_ids", "",
        "payload_metadata_id", step < 0 ? null : runId * 1000 + k,
        "created_at", Json.laravel(r.startedMs() + k * 250L));
  }

  /** A flat log entry in the JSON:API shape: its id as text, its fields under attributes. */
  private static JsonObject jsonApiLog(JsonObject flat) {
    JsonObject attributes = flat.deepCopy();
    attributes.remove("id");
    return Json.obj("id", flat.get("id").getAsString(), "type", "flow-run-logs", "attributes", attributes);
  }

  private JsonObject logItem(RunData r, int k, String[] line) {
    JsonObject flat = logJson(r, k, line);
    return jsonApiLogs ? jsonApiLog(flat) : flat;
  }

  private MockResponse.Builder logs(Req req, RunData r) {
    int[] paging = paging(req);
    if (paging == null) return pagingError(req);
    String stepFilter = req.query("filter[flow_step_id]");
    List<String[]> lines = logLines(r);
    JsonArray all = new JsonArray();
    for (int k = 0; k < lines.size(); k++) {
      JsonObject log = logJson(r, k, lines.get(k));
      JsonElement step = log.get("flow_step_id");
      if (stepFilter == null || !step.isJsonNull() && step.getAsString().equals(stepFilter)) all.add(logItem(r, k, lines.get(k)));
    }
    int page = paging[0];
    int perPage = paging[1];
    JsonArray data = new JsonArray();
    for (long i = (long) (page - 1) * perPage; i < Math.min(all.size(), (long) page * perPage); i++) {
      data.add(all.get((int) i));
    }
    return Json.response(200, paginated(req, data, all.size(), page, perPage));
  }

  private MockResponse.Builder log(RunData r, String logId) {
    List<String[]> lines = logLines(r);
    try {
      long id = Long.parseLong(logId);
      long runId = Long.parseLong(r.id());
      int k = (int) (id - runId * 100);
      if (id / 100 == runId && k >= 0 && k < lines.size()) {
        return Json.response(200, Json.obj("data", logItem(r, k, lines.get(k))));
      }
    } catch (NumberFormatException e) {
      // fall through to 404
    }
    return message(404, "No query results for model [App\\Models\\FlowRunLog] " + logId);
  }

  private MockResponse.Builder retry(RunData r, Req req) {
    if (!r.status().terminal()) {
      return invalid("flow_run", "The flow run is still running and cannot be retried.");
    }
    RunData created = store.create((serial, id, now) -> new RunData(serial, id,
        r.flow(), store.profile().startStatus(), now, now, null, now, "Retry", r.totalSteps(), 1, -1, null, r.id(),
        List.of(), null, r.flowVersion(), null, r.userId(), false));
    return Json.response(200, Json.obj("message", "The flow run has been queued for retry.",
        "data", run(created, includes(req, "flow"))));
  }

  private MockResponse.Builder stop(RunData r, Req req) {
    if (!"1".equals(r.status().raw())) {
      return invalid("flow_run", "Only a running flow run can be stopped.");
    }
    RunData stopped = r.withStatus(Status.ended("4"), store.nowMs(), r.stepsRun());
    store.put(stopped);
    return Json.response(200, Json.obj("message", "The flow run has been stopped.",
        "data", run(stopped, includes(req, "flow"))));
  }

  // ---- JSON

  private long flowVersionId(RunData r) {
    return Long.parseLong(flowId(r.flow())) * 10 + r.flowVersion();
  }

  private static Long userId(RunData r) {
    return "Manual".equals(r.trigger()) ? 5000 + r.flow() * 7L + (r.serial() % 3) : null;
  }

  /** A run in the configured shape: flat (as documented) or JSON:API. */
  JsonObject run(RunData r, boolean withFlow) {
    long h = Hashing.hash(settings.seed(), r.serial(), 70);
    long payloads = 1 + Hashing.below(h, 500);
    JsonObject a = Json.obj(
        "id", Long.parseLong(r.id()),
        "status", Integer.parseInt(r.status().raw()),
        "flow_id", Long.parseLong(flowId(r.flow())),
        "flow_version_id", flowVersionId(r),
        "user_id", userId(r),
        "trigger", r.trigger(),
        "summary", r.failedMessage(),
        "started_at", Json.laravel(r.startedMs()),
        "finished_at", Json.laravel(r.finishedMs()),
        "duration", r.durationMs(),
        "retry_flow_run_id", r.parentId() == null ? null : Long.parseLong(r.parentId()),
        "has_warnings", r.hasWarnings(),
        "flow_steps_with_errors", r.hasFailedStep() ? store.profile().stepName(r.flow(), r.failedStep()) : null,
        "starting_payload_count", payloads,
        "starting_payload_size", (payloads * 37 % 900 + 1) + " KB",
        "cpu_time", (r.durationMs() == null ? 0 : r.durationMs() / 3) + " ms",
        "created_at", Json.laravel(r.createdMs()),
        "updated_at", Json.laravel(r.updatedMs()));
    if (withFlow) a.add("flow", Json.obj("id", Long.parseLong(flowId(r.flow())), "name", Catalogue.flowName(r.flow())));
    if (!jsonApi) return a;
    a.remove("id");
    return Json.obj("id", r.id(), "type", "flow-runs", "attributes", a,
        "relationships", Json.obj("flow", Json.obj("data", Json.obj("type", "flows", "id", flowId(r.flow())))));
  }
}
