package io.github.flowruns.testing.internal;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import mockwebserver3.MockResponse;

/**
 * StackAI's Analytics routes: {@code GET /analytics/org/{org_id}/flows/{flow_id}}, as
 * {@code specs/analytics} describes it, and the organisation's
 * {@code GET /organizations/analytics/projects-run-summary} (vendors.md, "StackAI, more").
 */
public final class AnalyticsApi extends VendorApi {
  static final List<String> STATES = List.of("PENDING", "PAUSED", "RESUMED", "COMPLETED", "FAILED", "CANCELLED");
  private static final List<String> NODES = List.of("llm-0", "knowledge-base-0", "api-0", "python-0", "llm-1");
  private static final List<String> MODELS = List.of("gpt-4o-mini", "claude-3-5-sonnet", "gpt-4o", "gemini-1.5-pro");
  private static final List<String> PROVIDERS = List.of("OpenAI", "Anthropic", "OpenAI", "Google");

  /** States, run types and ids of StackAI. */
  public static final class Profile extends VendorProfile {
    private static final Status COMPLETED = new Status("COMPLETED", true, true, false, false, true);
    private static final Status COMPLETED_UNSUCCESSFUL = new Status("COMPLETED", false, true, true, false, false);

    @Override
    public String name() {
      return "stackai";
    }

    @Override
    public List<Status> forcedStatuses() {
      return Arrays.asList(Status.running("RESUMED"), Status.failure("FAILED").withSuccessful(false),
          Status.queued("PENDING"), COMPLETED, Status.running("PAUSED"), COMPLETED_UNSUCCESSFUL,
          Status.ended("CANCELLED"), Status.ended(null));
    }

    @Override
    public List<Status> terminalStatuses() {
      return List.of(COMPLETED, Status.failure("FAILED").withSuccessful(false), COMPLETED_UNSUCCESSFUL,
          Status.ended("CANCELLED"));
    }

    @Override
    public int[] terminalWeights() {
      return new int[] {72, 17, 5, 5};
    }

    @Override
    public List<String> triggers() {
      return List.of("api", "chat_assistant", "workflow_builder", "form", "batch", "trigger", "scheduled",
          "agent_assistant", "sub_workflow");
    }

    @Override
    public int[] triggerWeights() {
      return new int[] {35, 15, 10, 10, 8, 7, 7, 5, 3};
    }

    @Override
    public Status startStatus() {
      return Status.queued("PENDING");
    }

    @Override
    public String runId(long seed, long serial) {
      long h = Hashing.hash(seed, serial, 80);
      String a = Hashing.hex(h, 16);
      String tail = String.format("%012x", Hashing.permute(seed, serial));
      return a.substring(0, 8) + "-" + a.substring(8, 12) + "-4" + a.substring(12, 15) + "-"
          + "89ab".charAt((int) (h >>> 60 & 3)) + Hashing.hex(h >>> 3, 3) + "-" + tail;
    }

    @Override
    public long serialOf(long seed, String id) {
      if (id == null || id.length() != 36) return -1;
      try {
        long v = Long.parseLong(id.substring(24), 16);
        long serial = Hashing.unpermute(seed, v);
        return runId(seed, serial).equals(id) ? serial : -1;
      } catch (NumberFormatException e) {
        return -1;
      }
    }

    @Override
    public String flowId(long seed, int flow) {
      return Hashing.hex(Hashing.hash(seed, flow, 90), 24);
    }

    @Override
    public String stepName(int flow, int step) {
      int last = Catalogue.steps(flow).size() - 1;
      return step == 0 ? "in-0" : step == last ? "out-0" : NODES.get((step - 1) % NODES.size());
    }
  }

  private final String orgId;

  public AnalyticsApi(RunStore store, Settings settings) {
    super(store, settings);
    long h = Hashing.hash(settings.seed(), -1, 91);
    String a = Hashing.hex(h, 32);
    this.orgId = a.substring(0, 8) + "-" + a.substring(8, 12) + "-4" + a.substring(13, 16) + "-a"
        + a.substring(17, 20) + "-" + a.substring(20, 32);
  }

  public String orgId() {
    return orgId;
  }

  private static MockResponse.Builder detail(int status, String message) {
    return Json.response(status, Json.obj("detail", message));
  }

  private static MockResponse.Builder invalid(String type, String param, String msg, String input) {
    JsonArray detail = new JsonArray();
    detail.add(Json.obj("type", type, "loc", List.of("query", param), "msg", msg, "input", input));
    return Json.response(422, Json.obj("detail", detail));
  }

  @Override
  public MockResponse.Builder serverError(Req req, int status) {
    return detail(status, status == 503 ? "Service Unavailable" : "Internal Server Error");
  }

  @Override
  public MockResponse.Builder tooManyRequests(Req req, long retryAfterSeconds) {
    return detail(429, "Too Many Requests").setHeader("Retry-After", retryAfterSeconds);
  }

  @Override
  public MockResponse.Builder handle(Req req) {
    boolean summary = req.is("organizations", "analytics", "projects-run-summary");
    if (!summary && !req.is("analytics", "org", "*", "flows", "*")) return detail(404, "Not Found");
    if (!req.method.equals("GET")) return detail(405, "Method Not Allowed");
    String token = bearer(req);
    if (token == null) {
      return detail(401, "Not authenticated").setHeader("WWW-Authenticate", "Bearer");
    }
    if (!token.equals(settings.apiKey())) {
      return detail(401, "Invalid API key").setHeader("WWW-Authenticate", "Bearer");
    }
    if (summary) return projectsRunSummary(req);
    if (!req.segment(2).equals(orgId)) return detail(403, "Not authorized to access this organization");
    int flow = flowIndex(req.segment(4));
    if (flow < 0) return detail(404, "Flow not found");

    Paging paging = paging(req);
    if (paging.error() != null) {
      return paging.error();
    }
    int page = paging.page();
    int size = paging.size();
    RunFilter f = RunFilter.all().flows(Set.of(flow));
    Window window = window(req);
    if (window.error() != null) {
      return window.error();
    }
    f.created(window.from(), window.to());
    String state = req.query("state");
    if (state != null && !state.isBlank()) {
      Set<String> wanted = new LinkedHashSet<>();
      for (String s : state.split(",")) {
        String v = s.trim();
        if (!STATES.contains(v)) {
          return invalid("enum", "state",
              "Input should be 'PENDING', 'PAUSED', 'RESUMED', 'COMPLETED', 'FAILED' or 'CANCELLED'", v);
        }
        wanted.add(v);
      }
      f.statuses(wanted);
    }
    String userId = req.query("user_id");
    if (userId != null) f.where("user=" + userId, r -> userId.equals(r.userId()));
    RunStore.Slice slice = store.slice(f, (long) page * size, size, false);
    JsonArray out = new JsonArray();
    for (RunData r : slice.runs()) out.add(run(r));
    return Json.response(200, out);
  }

  /** {@code page} (from 0) and {@code page_size} (default 25) as read, or the 422 refusing them. */
  private record Paging(int page, int size, MockResponse.Builder error) {}

  /** Reads and validates the paging parameters the way the vendor's FastAPI server does. */
  private Paging paging(Req req) {
    Integer page;
    Integer size;
    try {
      page = parseInt(req.query("page"));
    } catch (BadParam e) {
      return new Paging(0, 0, invalid("int_parsing", "page",
          "Input should be a valid integer, unable to parse string as an integer", e.getMessage()));
    }
    try {
      size = parseInt(req.query("page_size"));
    } catch (BadParam e) {
      return new Paging(0, 0, invalid("int_parsing", "page_size",
          "Input should be a valid integer, unable to parse string as an integer", e.getMessage()));
    }
    if (page == null) page = 0;
    if (size == null) size = 25;
    if (page < 0) {
      return new Paging(0, 0, invalid("greater_than_equal", "page",
          "Input should be greater than or equal to 0", req.query("page")));
    }
    if (size < 1) {
      return new Paging(0, 0, invalid("greater_than_equal", "page_size",
          "Input should be greater than or equal to 1", req.query("page_size")));
    }
    return new Paging(page, size, null);
  }

  /** The {@code start_date}/{@code end_date} of a request (null when absent), or the 422 for the first unparseable one. */
  private record Window(Long from, Long to, MockResponse.Builder error) {}

  private static Window window(Req req) {
    Long from;
    try {
      from = Times.parseIso(req.query("start_date"));
    } catch (BadParam e) {
      return new Window(null, null, invalidDate("start_date", e));
    }
    try {
      return new Window(from, Times.parseIso(req.query("end_date")), null);
    } catch (BadParam e) {
      return new Window(null, null, invalidDate("end_date", e));
    }
  }

  private static MockResponse.Builder invalidDate(String param, BadParam e) {
    return invalid("datetime_from_date_parsing", param, "Input should be a valid datetime", e.getMessage());
  }

  /**
   * The organisation of the key: one summary per project that had runs in the window
   * ({@code start_date}, {@code end_date}, compared with each run's date), in project order,
   * paged from 0 with {@code page_size} (default 25); a short page is the last.
   */
  private MockResponse.Builder projectsRunSummary(Req req) {
    Paging paging = paging(req);
    if (paging.error() != null) {
      return paging.error();
    }
    int page = paging.page();
    int size = paging.size();
    Window window = window(req);
    if (window.error() != null) {
      return window.error();
    }
    Long from = window.from();
    Long to = window.to();
    long[] runs = new long[settings.flows()];
    long[] errors = new long[settings.flows()];
    long[] tokens = new long[settings.flows()];
    List<Set<String>> users = new java.util.ArrayList<>();
    for (int i = 0; i < settings.flows(); i++) users.add(new java.util.HashSet<>());
    store.forEach(RunFilter.all().created(from, to), r -> {
      runs[r.flow()]++;
      if (r.status().failed()) errors[r.flow()]++;
      JsonObject o = run(r);
      tokens[r.flow()] += o.get("total_tokens").getAsLong();
      if (r.userId() != null) users.get(r.flow()).add(r.userId());
    });
    JsonArray out = new JsonArray();
    long skip = (long) page * size;
    for (int flow = 0; flow < settings.flows() && out.size() < size; flow++) {
      if (runs[flow] == 0) continue;
      if (skip > 0) {
        skip--;
        continue;
      }
      long h = Hashing.hash(settings.seed(), flow, 92);
      boolean published = Hashing.below(h, 2) == 0;
      out.add(Json.obj(
          "project_id", flowId(flow),
          "project_owner", Json.obj("user_id", uuid(Hashing.hash(settings.seed(), flow, 93)),
              "email", "owner" + flow + "@example.com", "avatar_url", "https://example.com/avatar/" + flow + ".png"),
          "project_type", "workflow",
          "project_name", Catalogue.flowName(flow),
          "total_runs", runs[flow],
          "total_errors", errors[flow],
          "total_tokens", tokens[flow],
          "total_users", users.get(flow).size(),
          "is_published", published,
          "public_ui_url", published ? "https://www.stack-ai.com/form/" + flowId(flow) : null,
          "public_ui_type", published ? "form" : null));
    }
    return Json.response(200, out);
  }

  private String uuid(long h) {
    String a = Hashing.hex(h, 32);
    return a.substring(0, 8) + "-" + a.substring(8, 12) + "-4" + a.substring(13, 16) + "-b" + a.substring(17, 20)
        + "-" + a.substring(20, 32);
  }

  JsonObject run(RunData r) {
    long seed = settings.seed();
    long h = Hashing.hash(seed, r.serial(), 81);
    String type = r.trigger();
    Status s = r.status();
    int model = Hashing.below(h, MODELS.size());
    boolean calledModel = s.success() || r.hasFailedStep() && r.failedStep() > 1 || !s.terminal() && r.stepsRun() > 1;
    long input = calledModel ? 200 + Hashing.below(h >>> 8, 3000) : 0;
    long output = calledModel && s.success() ? 40 + Hashing.below(h >>> 20, 800) : 0;
    String ranByType = switch (type) {
      case "api", "batch" -> "org_api_key";
      case "workflow_builder", "form", "chat_assistant", "agent_assistant" -> "user";
      default -> "system";
    };
    String error = r.hasFailedStep()
        ? "Node " + store.profile().stepName(r.flow(), r.failedStep()) + " failed: " + r.failedMessage() : null;
    JsonArray usage = new JsonArray();
    if (calledModel) {
      usage.add(Json.obj("provider", PROVIDERS.get(model), "model_id", MODELS.get(model), "tokens", input + output,
          "input_tokens", input, "output_tokens", output, "connection_id", null, "connection_origin", "stack_ai",
          "is_local_model", false, "should_charge", true));
    }
    boolean chat = type.equals("chat_assistant") || type.equals("agent_assistant");
    boolean sub = type.equals("sub_workflow");
    return Json.obj(
        "run_id", r.id(),
        "conversation_id", chat ? "conv-" + Hashing.hex(h >>> 5, 12) : null,
        "date", Json.iso(r.createdMs()),
        "is_flow_successful", s.successful(),
        "state", s.raw(),
        "error", error,
        "latency", r.durationMs() == null ? null : r.durationMs() / 1000.0,
        "total_tokens", input + output,
        "user_id", r.userId(),
        "inputs", "{\"in-0\": \"" + Catalogue.flowName(r.flow()) + " request #" + (r.serial() + 1) + "\"}",
        "outputs", s.success() ? "{\"out-0\": \"Done: " + Catalogue.flowName(r.flow()) + "\"}" : null,
        "llms", calledModel ? MODELS.get(model) : null,
        "feedback", Hashing.below(h >>> 40, 50) == 0 ? "helpful" : null,
        "run_type", type,
        "ran_by_type", ranByType,
        "ran_by_id", ranByType.equals("system") ? null : uuid(Hashing.hash(seed, r.flow(), 82 + ranByType.length())),
        "ran_by_display_name", ranByType.equals("user") ? "ops@example.com"
            : ranByType.equals("org_api_key") ? "Production backend" : null,
        "parent_run_id", sub ? uuid(Hashing.hash(seed, r.serial(), 83)) : null,
        "parent_project_id", sub ? flowId((r.flow() + 1) % settings.flows()) : null,
        "parent_project_name", sub ? Catalogue.flowName((r.flow() + 1) % settings.flows()) : null,
        "llm_usage", usage);
  }
}
