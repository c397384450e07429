package io.github.flowruns.activepieces;

import com.google.gson.JsonElement;
import io.github.flowruns.BulkResult;
import io.github.flowruns.Capabilities;
import io.github.flowruns.FlowRunsException;
import io.github.flowruns.Page;
import io.github.flowruns.Paged;
import io.github.flowruns.ResponseParseException;
import io.github.flowruns.RetryMode;
import io.github.flowruns.Run;
import io.github.flowruns.RunQuery;
import io.github.flowruns.RunStatus;
import io.github.flowruns.Vendor;
import io.github.flowruns.activepieces.api.FlowRunsApi;
import io.github.flowruns.activepieces.invoker.ApiClient;
import io.github.flowruns.activepieces.invoker.JSON;
import io.github.flowruns.activepieces.model.BulkCancelFlowRunsRequest;
import io.github.flowruns.activepieces.model.BulkRetryFlowRunsRequest;
import io.github.flowruns.activepieces.model.FlowRun;
import io.github.flowruns.activepieces.model.FlowRunPage;
import io.github.flowruns.activepieces.model.FlowRunStatus;
import io.github.flowruns.activepieces.model.FlowRunStatusCount;
import io.github.flowruns.activepieces.model.FlowRunStatusCounts;
import io.github.flowruns.activepieces.model.RetryFlowRunRequest;
import io.github.flowruns.activepieces.model.RetryStrategy;
import io.github.flowruns.http.FlowRunsClientBuilder;
import io.github.flowruns.http.RequestOptions;
import io.github.flowruns.internal.BaseFlowRunsClient;
import io.github.flowruns.internal.HttpSettings;
import io.github.flowruns.internal.PageFetcher;
import io.github.flowruns.internal.Pager;
import io.github.flowruns.internal.Transport;
import java.lang.reflect.Type;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * A {@link io.github.flowruns.FlowRunsClient} for the flow runs of an
 * <a href="https://www.activepieces.com">Activepieces</a> project (Cloud or self-hosted).
 *
 * <p>Create one per API key and project and share it: it is immutable, thread-safe and holds a
 * connection pool. Close it when done.
 *
 * <pre>{@code
 * try (ActivepiecesClient client = ActivepiecesClient.builder()
 *     .apiKey(System.getenv("AP_API_KEY"))
 *     .projectId("p7Hd2kLmQ9wErT5yUiOa1")
 *     .build()) {
 *   RunQuery failedToday = RunQuery.builder()
 *       .statuses(RunStatus.FAILED, RunStatus.TIMED_OUT)
 *       .startedAfter(Instant.now().minus(Duration.ofDays(1)))
 *       .build();
 *   for (Run run : client.listRuns(failedToday)) {
 *     System.out.println(run.id() + " failed at " + run.failedStep());
 *   }
 *   BulkResult retried = client.retryRuns(failedToday, RetryMode.FROM_FAILED_STEP);
 * }
 * }</pre>
 *
 * <p>A self-hosted server: {@code .baseUrl("https://automation.example.com/api")} (the server URL
 * with its {@code /api} prefix; the paths {@code /v1/flow-runs...} are appended). Derive a changed
 * copy with {@link #newBuilder()}.
 *
 * <h2>Project</h2>
 * Every Activepieces call except {@link #getRun} names a project. Set it once with
 * {@link Builder#projectId(String)}; a query may name another with
 * {@code RunQuery.builder().vendorParam("projectId", p)}. An operation that needs a project and
 * has none fails with an {@link IllegalArgumentException} naming {@code projectId}, before any
 * request.
 *
 * <h2>Queries</h2>
 * <ul>
 *   <li>Server-side: {@code flowIds} (repeated {@code flowId}), {@code statuses} (repeated
 *       {@code status}, every Activepieces value that maps to each status), {@code tags}
 *       (repeated {@code tags}; a run must carry all), {@code startedAfter} /
 *       {@code startedBefore} (as {@code createdAfter} / {@code createdBefore}).</li>
 *   <li>Client-side: {@code trigger} and {@code search}. Every listed run is also checked
 *       against the whole query ({@link RunQuery#matches}), so the server-side filters give the
 *       same result as the client-side ones would.</li>
 *   <li>Time filters: Activepieces filters by creation time, while {@link Run#startedAt()} is
 *       the start time (the creation time until the run starts). A run created before
 *       {@code startedAfter} but started after it (it waited in the queue across the bound) is
 *       therefore not listed; {@code startedBefore} is exact.</li>
 *   <li>{@code pageSize} becomes {@code limit} (the server's default is 10); other
 *       {@code vendorParam}s are sent as given, e.g. {@code includeArchived=true} or
 *       {@code failedStepName=step_2}. {@code cursor} and {@code limit} are refused: use
 *       {@link Paged#resumeFrom(String)} and {@code pageSize}.</li>
 * </ul>
 * Runs are listed newest first (by creation); only production runs (not test runs from the
 * builder) and, unless {@code includeArchived=true}, no archived ones.
 *
 * <h2>Actions</h2>
 * <ul>
 *   <li>{@link #getRun}: with {@link Run#steps()} (name, status, duration of each step), unless
 *       the run has not started or its data passed the retention period.</li>
 *   <li>{@link #retryRun}: {@code FROM_FAILED_STEP} (also for {@code DEFAULT}) re-queues the run
 *       from its failed step; {@code LATEST_VERSION} runs it again on the latest published flow
 *       version ({@code ON_LATEST_VERSION}). A run past the retention period gives a
 *       {@link io.github.flowruns.GoneException}; a run in a status that cannot be retried an
 *       {@link io.github.flowruns.InvalidRequestException}.</li>
 *   <li>{@link #stopRun}: cancels one run. Activepieces cancels only QUEUED and PAUSED runs; it
 *       ignores the request for other runs.</li>
 *   <li>{@link #countByStatus}: one call to {@code count-by-status} when the query has at most
 *       statuses and time filters (time by creation, as above) and no limit; otherwise the runs
 *       are listed and counted.</li>
 *   <li>{@link #retryRuns} / {@link #stopRuns}: the server's bulk endpoints. A query of flow ids,
 *       statuses and times only (no limit) goes into the request body as filters, in one call;
 *       any other query is listed first and its runs sent by id, one call per page. The result's
 *       {@link BulkResult#succeeded()} holds the ids the server reports (for a retry: the
 *       returned runs, also in {@link BulkResult#newRuns()}; for a cancel by filters on a server
 *       that returns nothing: empty). Runs the server cannot act on are skipped by it, not
 *       reported as failures.</li>
 *   <li>{@link #triggerRun} and {@link #listLogs}: not offered by this API; they throw
 *       {@link UnsupportedOperationException}.</li>
 * </ul>
 *
 * <h2>Errors</h2>
 * Activepieces' {@code {"code", "params": {"message"}}} and the web framework's
 * {@code {"statusCode", "code", "error", "message"}} become the exception's error code and
 * message. 401 {@link io.github.flowruns.AuthenticationException}, 403
 * {@link io.github.flowruns.PermissionDeniedException}, 404
 * {@link io.github.flowruns.NotFoundException}, 400 and the server's 409 (code
 * {@code VALIDATION}) {@link io.github.flowruns.InvalidRequestException}, 410
 * {@link io.github.flowruns.GoneException}, 402 (quota exceeded or feature not in the plan) a
 * plain {@link FlowRunsException} with status 402 and the vendor's code.
 *
 * <p>For the endpoints the facade does not cover (archive, resume), {@link #api()} gives the
 * generated {@link FlowRunsApi} on the same connection pool, base URL and key.
 */
public final class ActivepiecesClient extends BaseFlowRunsClient {
  /** The server URL of Activepieces Cloud, which {@link Builder#baseUrl(String)} replaces. */
  public static final String DEFAULT_BASE_URL = "https://cloud.activepieces.com/api";

  /** The query parameter and setting that names the project. */
  static final String PROJECT_ID = "projectId";

  private static final Capabilities CAPABILITIES = Capabilities.builder()
      .supports(Capabilities.Operation.LIST_RUNS, Capabilities.Operation.GET_RUN,
          Capabilities.Operation.RETRY_RUN, Capabilities.Operation.STOP_RUN,
          Capabilities.Operation.COUNT_BY_STATUS, Capabilities.Operation.RETRY_RUNS,
          Capabilities.Operation.STOP_RUNS)
      .serverSide(Capabilities.Filter.FLOW_IDS, Capabilities.Filter.STATUSES,
          Capabilities.Filter.STARTED_AFTER, Capabilities.Filter.STARTED_BEFORE,
          Capabilities.Filter.TAGS)
      .build();

  private static final Type RUN_LIST = com.google.gson.reflect.TypeToken
      .getParameterized(List.class, FlowRun.class).getType();

  private final Builder settings;
  private final String apiKey;
  private final String projectId;
  private final String baseUrl;
  private final HttpSettings http;
  private final OkHttpClient okHttpClient;
  private final Transport transport;
  private final FlowRunsApi runsApi;

  private ActivepiecesClient(Builder settings, String apiKey, HttpSettings http) {
    super(Vendor.ACTIVEPIECES);
    this.settings = settings;
    this.apiKey = apiKey;
    this.projectId = settings.projectId == null || settings.projectId.isBlank()
        ? null : settings.projectId.trim();
    this.http = http;
    this.baseUrl = http.resolveBaseUrl();
    // The generated client adds the key per operation, so the resume endpoints (which need no
    // key) never carry it.
    this.okHttpClient = http.buildClient();
    this.transport = new Transport(Vendor.ACTIVEPIECES, okHttpClient, JSON.getGson(),
        new ActivepiecesErrors());
    this.runsApi = newApi();
  }

  /**
   * Starts a builder.
   *
   * <pre>{@code ActivepiecesClient.builder().apiKey(key).projectId(projectId).build()}</pre>
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding this client's settings, to derive a changed client (which shares nothing
   * mutable with this one).
   *
   * <pre>{@code ActivepiecesClient other = client.newBuilder().projectId(otherProject).build();}</pre>
   *
   * @return a new builder initialised from this client
   */
  public Builder newBuilder() {
    return new Builder(settings);
  }

  /**
   * The generated Activepieces API on this client's connection pool, base URL and key, for the
   * endpoints the facade does not cover. Its calls throw the generated {@code ApiException}, not
   * the facade's exceptions. Each call returns a new instance, so changing it does not change
   * this client.
   *
   * <pre>{@code
   * client.api().archiveFlowRuns(new BulkArchiveFlowRunsRequest().projectId(p).flowRunIds(List.of(id)));
   * }</pre>
   *
   * @return a new, configured generated API
   */
  public FlowRunsApi api() {
    return newApi();
  }

  private FlowRunsApi newApi() {
    ApiClient client = new ApiClient(okHttpClient);
    client.setBasePath(baseUrl);
    client.setBearerToken(apiKey);
    return new FlowRunsApi(client);
  }

  /**
   * The project set on the builder.
   *
   * @return the project id, or null if none was set
   */
  public String projectId() {
    return projectId;
  }

  /**
   * The base URL requests go to, e.g. {@code https://cloud.activepieces.com/api}.
   *
   * @return the base URL, without a trailing slash
   */
  public String baseUrl() {
    return baseUrl;
  }

  /**
   * What this client does: every operation but {@code triggerRun} and {@code listLogs}; flow ids,
   * statuses, tags and start times filtered server-side, trigger and search client-side.
   *
   * @return the capabilities
   */
  @Override
  public Capabilities capabilities() {
    return CAPABILITIES;
  }

  /**
   * Lists runs, newest first, page by page as they are consumed ({@code GET /v1/flow-runs},
   * following {@code next}).
   *
   * <pre>{@code
   * client.listRuns(RunQuery.builder().flowIds(flowId).tags("invoices").pageSize(50).build(), options)
   *     .forEach(run -> System.out.println(run.id() + " " + run.status()));
   * }</pre>
   *
   * @param query the runs to list
   * @param options options for every page's request
   * @return the runs, lazily paged
   * @throws IllegalArgumentException if no project is set on the builder or the query
   */
  @Override
  public Paged<Run> listRuns(RunQuery query, RequestOptions options) {
    Objects.requireNonNull(query, "query");
    String project = projectFor(query);
    Map<String, String> extra = extraParams(query);
    List<String> flowIds = query.flowIds().isEmpty() ? null : query.flowIds();
    List<String> tags = query.tags().isEmpty() ? null : query.tags();
    List<FlowRunStatus> statuses = ActivepiecesStatuses.toVendor(query.statuses());
    OffsetDateTime after = ActivepiecesRuns.createdAfter(query.startedAfter());
    OffsetDateTime before = ActivepiecesRuns.createdBefore(query.startedBefore());
    Integer pageSize = query.pageSize().isPresent() ? query.pageSize().getAsInt() : null;
    boolean noVendorStatus = statuses != null && statuses.isEmpty();
    PageFetcher<Run> fetcher = (token, opts) -> {
      if (noVendorStatus) {
        // e.g. PARTIALLY_SUCCEEDED: no Activepieces run can match, so there is nothing to ask.
        return Page.of(List.of(), null);
      }
      Request request = transport.prepare("listRuns", () -> runsApi.listFlowRunsCall(project,
          flowIds, tags, statuses, null, pageSize, token, after, before, null, null, null, null));
      return transport.execute("listRuns", withParams(request, extra), FlowRunPage.class, opts,
          (FlowRunPage page) -> toPage(page));
    };
    return Pager.builder(fetcher)
        .vendor(Vendor.ACTIVEPIECES)
        .operation("listRuns")
        .identity(Run::id)
        .options(options)
        .limit(query.limit())
        .filter(query.hasFilters() ? query::matches : null)
        .build();
  }

  private static Page<Run> toPage(FlowRunPage page) {
    List<Run> runs = new ArrayList<>();
    if (page.getData() != null) {
      for (FlowRun fr : page.getData()) {
        if (fr != null) {
          runs.add(ActivepiecesRuns.toRun(fr));
        }
      }
    }
    String next = page.getNext();
    return Page.of(runs, next == null || next.isBlank() ? null : next);
  }

  /**
   * Reads one run with its steps ({@code GET /v1/flow-runs/{id}}).
   *
   * <pre>{@code client.getRun(runId, options).steps().forEach(System.out::println);}</pre>
   *
   * @param runId the run id
   * @param options options for the request
   * @return the run
   */
  @Override
  public Run getRun(String runId, RequestOptions options) {
    requireId(runId, "runId");
    Request request = transport.prepare("getRun", () -> runsApi.getFlowRunCall(runId, null));
    return transport.execute("getRun", request, FlowRun.class, options,
        (FlowRun fr) -> ActivepiecesRuns.toRun(fr));
  }

  /**
   * Retries one run ({@code POST /v1/flow-runs/{id}/retry} with the builder's project).
   *
   * <pre>{@code Run again = client.retryRun(runId, RetryMode.LATEST_VERSION, options);}</pre>
   *
   * @param runId the run id
   * @param mode FROM_FAILED_STEP or DEFAULT (from the failed step), or LATEST_VERSION
   * @param options options for the request
   * @return the re-queued (FROM_FAILED_STEP) or new (LATEST_VERSION) run
   * @throws IllegalArgumentException if no project is set on the builder
   */
  @Override
  public Run retryRun(String runId, RetryMode mode, RequestOptions options) {
    requireId(runId, "runId");
    Objects.requireNonNull(mode, "mode");
    RetryFlowRunRequest body = new RetryFlowRunRequest().strategy(strategy(mode))
        .projectId(requireProject(projectId));
    Request request = transport.prepare("retryRun", () -> runsApi.retryFlowRunCall(runId, body, null));
    return transport.execute("retryRun", request, FlowRun.class, options,
        (FlowRun fr) -> ActivepiecesRuns.toRun(fr));
  }

  /**
   * Cancels one run: a bulk cancel of that id ({@code POST /v1/flow-runs/cancel} with
   * {@code {projectId, flowRunIds: [id]}}). Only QUEUED and PAUSED runs can be cancelled; the
   * server ignores others.
   *
   * <pre>{@code client.stopRun(runId, options);}</pre>
   *
   * @param runId the run id
   * @param options options for the request
   * @throws IllegalArgumentException if no project is set on the builder
   */
  @Override
  public void stopRun(String runId, RequestOptions options) {
    requireId(runId, "runId");
    BulkCancelFlowRunsRequest body = new BulkCancelFlowRunsRequest()
        .projectId(requireProject(projectId)).flowRunIds(List.of(runId));
    Request request = transport.prepare("stopRun", () -> runsApi.cancelFlowRunsCall(body, null));
    transport.executeDiscardingBody("stopRun", request, options);
  }

  /**
   * Counts runs per status: one {@code GET /v1/flow-runs/count-by-status} when the query has no
   * filters but statuses and times and no limit (times compared with the creation time), else by
   * listing the matching runs. Statuses without runs are left out.
   *
   * <pre>{@code long failed = client.countByStatus(RunQuery.all(), options).getOrDefault(RunStatus.FAILED, 0L);}</pre>
   *
   * @param query the runs to count
   * @param options options for every request
   * @return the count per normalised status
   * @throws IllegalArgumentException if no project is set on the builder or the query
   */
  @Override
  public Map<RunStatus, Long> countByStatus(RunQuery query, RequestOptions options) {
    Objects.requireNonNull(query, "query");
    String project = projectFor(query);
    if (!query.flowIds().isEmpty() || !query.tags().isEmpty() || query.trigger() != null
        || query.search() != null || query.limit().isPresent() || !extraParams(query).isEmpty()) {
      return super.countByStatus(query, options);
    }
    OffsetDateTime after = ActivepiecesRuns.createdAfter(query.startedAfter());
    OffsetDateTime before = ActivepiecesRuns.createdBefore(query.startedBefore());
    Set<RunStatus> wanted = query.statuses();
    Request request = transport.prepare("countByStatus",
        () -> runsApi.countFlowRunsByStatusCall(project, after, before, null));
    return transport.execute("countByStatus", request, FlowRunStatusCounts.class, options,
        (FlowRunStatusCounts counts) -> {
          Map<RunStatus, Long> out = new EnumMap<>(RunStatus.class);
          if (counts.getData() != null) {
            for (FlowRunStatusCount c : counts.getData()) {
              if (c == null || c.getCount() == null) {
                continue;
              }
              RunStatus status = ActivepiecesStatuses.toRunStatus(c.getStatus());
              if (wanted.isEmpty() || wanted.contains(status)) {
                out.merge(status, c.getCount(), Long::sum);
              }
            }
          }
          return out;
        });
  }

  /**
   * Retries the matching runs with the bulk endpoint ({@code POST /v1/flow-runs/retry}): in one
   * call with the query's flow ids, statuses and times as filters when that is all the query has,
   * else page by page with the ids of the listed runs.
   *
   * <pre>{@code
   * BulkResult r = client.retryRuns(RunQuery.builder().statuses(RunStatus.FAILED).build(),
   *     RetryMode.FROM_FAILED_STEP, options);
   * }</pre>
   *
   * @param query the runs to retry
   * @param mode the retry mode, for every run
   * @param options options for every request
   * @return the ids and runs the server returned
   * @throws IllegalArgumentException if no project is set on the builder or the query
   */
  @Override
  public BulkResult retryRuns(RunQuery query, RetryMode mode, RequestOptions options) {
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(mode, "mode");
    String project = projectFor(query);
    RetryStrategy strategy = strategy(mode);
    BulkResult.Builder result = BulkResult.builder();
    List<FlowRunStatus> statuses = ActivepiecesStatuses.toVendor(query.statuses());
    if (statuses != null && statuses.isEmpty()) {
      return result.build(); // no Activepieces status maps to the query's (PARTIALLY_SUCCEEDED)
    }
    if (expressibleAsBodyFilters(query)) {
      BulkRetryFlowRunsRequest body = new BulkRetryFlowRunsRequest().projectId(project)
          .strategy(strategy)
          .flowId(query.flowIds().isEmpty() ? null : query.flowIds())
          .status(statuses)
          .createdAfter(ActivepiecesRuns.createdAfter(query.startedAfter()))
          .createdBefore(ActivepiecesRuns.createdBefore(query.startedBefore()));
      bulkRetry(body, options, result);
    } else {
      for (Page<Run> page : listRuns(query, options).pages()) {
        List<String> ids = ids(page.items());
        if (!ids.isEmpty()) {
          bulkRetry(new BulkRetryFlowRunsRequest().projectId(project).strategy(strategy)
              .flowRunIds(ids), options, result);
        }
      }
    }
    return result.build();
  }

  private void bulkRetry(BulkRetryFlowRunsRequest body, RequestOptions options,
      BulkResult.Builder result) {
    Request request = transport.prepare("retryRuns", () -> runsApi.retryFlowRunsCall(body, null));
    List<Run> runs = transport.execute("retryRuns", request, RUN_LIST, options,
        (List<FlowRun> list) -> {
          List<Run> out = new ArrayList<>();
          for (FlowRun fr : list) {
            if (fr != null) { // the server answers null for a run it skipped
              out.add(ActivepiecesRuns.toRun(fr));
            }
          }
          return out;
        });
    for (Run run : runs) {
      result.succeeded(run.id()).newRun(run);
    }
  }

  /**
   * Cancels the matching QUEUED and PAUSED runs with the bulk endpoint
   * ({@code POST /v1/flow-runs/cancel}): in one call with the query's flow ids, statuses and times
   * as filters when that is all the query has, else page by page with the ids of the listed runs
   * that can be cancelled. A query whose statuses include neither QUEUED nor PAUSED cancels
   * nothing and sends nothing.
   *
   * <pre>{@code client.stopRuns(RunQuery.builder().flowIds(flowId).statuses(RunStatus.QUEUED).build(), options);}</pre>
   *
   * @param query the runs to cancel
   * @param options options for every request
   * @return the ids of the cancelled runs, as far as the server says (see the class comment)
   * @throws IllegalArgumentException if no project is set on the builder or the query
   */
  @Override
  public BulkResult stopRuns(RunQuery query, RequestOptions options) {
    Objects.requireNonNull(query, "query");
    String project = projectFor(query);
    BulkResult.Builder result = BulkResult.builder();
    List<FlowRunStatus> statuses = null;
    if (!query.statuses().isEmpty() && !query.statuses().contains(RunStatus.UNKNOWN)) {
      statuses = new ArrayList<>(ActivepiecesStatuses.toVendor(query.statuses()));
      statuses.retainAll(ActivepiecesStatuses.CANCELLABLE);
      if (statuses.isEmpty()) {
        return result.build();
      }
    }
    if (expressibleAsBodyFilters(query)) {
      BulkCancelFlowRunsRequest body = new BulkCancelFlowRunsRequest().projectId(project)
          .flowId(query.flowIds().isEmpty() ? null : query.flowIds())
          .status(statuses)
          .createdAfter(ActivepiecesRuns.createdAfter(query.startedAfter()))
          .createdBefore(ActivepiecesRuns.createdBefore(query.startedBefore()));
      bulkCancel(body, List.of(), options, result);
    } else {
      for (Page<Run> page : listRuns(query, options).pages()) {
        List<String> ids = new ArrayList<>();
        for (Run run : page.items()) {
          if (run.status() == RunStatus.QUEUED || run.status() == RunStatus.PAUSED) {
            ids.add(run.id());
          }
        }
        if (!ids.isEmpty()) {
          bulkCancel(new BulkCancelFlowRunsRequest().projectId(project).flowRunIds(ids), ids,
              options, result);
        }
      }
    }
    return result.build();
  }

  private void bulkCancel(BulkCancelFlowRunsRequest body, List<String> sentIds,
      RequestOptions options, BulkResult.Builder result) {
    Request request = transport.prepare("stopRuns", () -> runsApi.cancelFlowRunsCall(body, null));
    List<String> reported;
    try {
      // Recent servers answer the cancelled runs; older ones nothing the SDK can read.
      reported = transport.execute("stopRuns", request, JsonElement.class, options,
          (JsonElement json) -> idsOf(json));
    } catch (ResponseParseException unreadableButDone) {
      reported = null; // the cancel itself succeeded: the status was 2xx
    }
    for (String id : reported != null ? reported : sentIds) {
      result.succeeded(id);
    }
  }

  private static List<String> idsOf(JsonElement json) {
    if (!json.isJsonArray()) {
      return null;
    }
    List<String> ids = new ArrayList<>();
    for (JsonElement e : json.getAsJsonArray()) {
      if (e.isJsonObject() && e.getAsJsonObject().has("id")
          && e.getAsJsonObject().get("id").isJsonPrimitive()) {
        ids.add(e.getAsJsonObject().get("id").getAsString());
      }
    }
    return ids;
  }

  /** Whether the bulk body's filters say exactly what the query says (apart from time kinds). */
  private static boolean expressibleAsBodyFilters(RunQuery query) {
    return query.trigger() == null && query.tags().isEmpty() && query.search() == null
        && query.limit().isEmpty() && !query.statuses().contains(RunStatus.UNKNOWN)
        && extraParams(query).isEmpty();
  }

  private static List<String> ids(List<Run> runs) {
    List<String> ids = new ArrayList<>(runs.size());
    for (Run run : runs) {
      ids.add(run.id());
    }
    return ids;
  }

  private static RetryStrategy strategy(RetryMode mode) {
    return mode == RetryMode.LATEST_VERSION ? RetryStrategy.ON_LATEST_VERSION
        : RetryStrategy.FROM_FAILED_STEP;
  }

  private String projectFor(RunQuery query) {
    String fromQuery = query.vendorParams().get(PROJECT_ID);
    return requireProject(fromQuery != null && !fromQuery.isBlank() ? fromQuery : projectId);
  }

  private static String requireProject(String project) {
    if (project == null || project.isBlank()) {
      throw new IllegalArgumentException("Activepieces needs projectId: set it with "
          + "ActivepiecesClient.builder().projectId(..) or per query with "
          + "RunQuery.builder().vendorParam(\"projectId\", ..)");
    }
    return project;
  }

  /** The query's vendor parameters other than the project, checked. */
  private static Map<String, String> extraParams(RunQuery query) {
    Map<String, String> extra = new LinkedHashMap<>(query.vendorParams());
    extra.remove(PROJECT_ID);
    for (String reserved : List.of("cursor", "limit")) {
      if (extra.containsKey(reserved)) {
        throw new IllegalArgumentException("Activepieces vendorParam '" + reserved
            + "' is set by the SDK's paging; use RunQuery.pageSize(..) and Paged.resumeFrom(..)");
      }
    }
    return Collections.unmodifiableMap(extra);
  }

  private static Request withParams(Request request, Map<String, String> params) {
    if (params.isEmpty()) {
      return request;
    }
    HttpUrl.Builder url = request.url().newBuilder();
    params.forEach(url::addQueryParameter);
    return request.newBuilder().url(url.build()).build();
  }

  /** Shuts down this client's bulk executor; the shared connection pool is left to idle out. */
  @Override
  public void close() {
    super.close();
    http.release(okHttpClient);
  }

  /**
   * Describes the client without its key.
   *
   * @return e.g. {@code ActivepiecesClient{baseUrl=https://cloud.activepieces.com/api, projectId=p7H...}}
   */
  @Override
  public String toString() {
    return "ActivepiecesClient{baseUrl=" + baseUrl + ", projectId=" + projectId + "}";
  }

  /**
   * Builds an {@link ActivepiecesClient}. Only {@link #apiKey(String)} is required (sent as
   * {@code Authorization: Bearer <key>}); without {@link #projectId(String)} every query must name
   * its project. {@link #baseUrl(String)} replaces {@value ActivepiecesClient#DEFAULT_BASE_URL},
   * e.g. with a self-hosted server's {@code https://<host>/api} (the server URL including its
   * {@code /api} prefix). The settings every vendor shares are described on
   * {@link FlowRunsClientBuilder}.
   *
   * <pre>{@code
   * ActivepiecesClient client = ActivepiecesClient.builder()
   *     .apiKey(key)
   *     .projectId(projectId)
   *     .baseUrl("https://automation.example.com/api")   // self-hosted
   *     .retryPolicy(RetryPolicy.builder().maxRetries(5).build())
   *     .build();
   * }</pre>
   */
  public static final class Builder extends FlowRunsClientBuilder<Builder, ActivepiecesClient> {
    private String projectId;

    private Builder() {
      super(Vendor.ACTIVEPIECES, DEFAULT_BASE_URL);
    }

    private Builder(Builder from) {
      super(from);
      this.projectId = from.projectId;
    }

    /**
     * The project whose runs this client reads and acts on (21 characters of
     * {@code [0-9a-zA-Z]}); a query's {@code vendorParam("projectId", ..)} overrides it.
     *
     * <pre>{@code ActivepiecesClient.builder().apiKey(key).projectId("p7Hd2kLmQ9wErT5yUiOa1")}</pre>
     *
     * @param projectId the project id, or null for none
     * @return this builder
     */
    public Builder projectId(String projectId) {
      this.projectId = projectId;
      return this;
    }

    /**
     * Builds the client.
     *
     * <pre>{@code ActivepiecesClient client = ActivepiecesClient.builder().apiKey(key).build();}</pre>
     *
     * @return the client; close it when done
     * @throws IllegalArgumentException if the API key is missing, blank or contains control
     *     characters, or the base URL is unusable
     */
    @Override
    public ActivepiecesClient build() {
      return new ActivepiecesClient(new Builder(this), requireApiKey(), httpSettings());
    }

    @Override
    protected String describeVendorSettings() {
      return "projectId=" + projectId;
    }
  }
}
