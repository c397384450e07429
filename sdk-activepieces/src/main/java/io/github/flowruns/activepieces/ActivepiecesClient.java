package io.github.flowruns.activepieces;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.github.flowruns.ErrorDetails;
import io.github.flowruns.InvalidRequestException;
import io.github.flowruns.NotFoundException;
import io.github.flowruns.BulkResult;
import io.github.flowruns.Capabilities;
import io.github.flowruns.FlowRunsClient;
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
import io.github.flowruns.http.ApiKeyAuth;
import io.github.flowruns.http.FlowRunsClientBuilder;
import io.github.flowruns.http.RequestOptions;
import io.github.flowruns.internal.BuilderAccess;
import io.github.flowruns.internal.ClientCore;
import io.github.flowruns.internal.ErrorBodies;
import io.github.flowruns.internal.HttpSettings;
import io.github.flowruns.internal.Items;
import io.github.flowruns.internal.PageFetcher;
import io.github.flowruns.internal.Pager;
import io.github.flowruns.internal.Transport;
import io.github.flowruns.internal.VendorParams;
import java.lang.reflect.Type;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
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
 *       {@code status}, every Activepieces value that maps to each status and that the server
 *       knows, see below), {@code tags}
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
 *       {@code failedStepName=step_2}, each replacing every value of the same name the client
 *       set (a {@code status} vendor parameter replaces the query's status values, it does not
 *       add one to them). {@code cursor} and {@code limit} are refused: use
 *       {@link Paged#resumeFrom(String)} and {@code pageSize}.</li>
 * </ul>
 * Runs are listed newest first (by creation); only production runs (not test runs from the
 * builder) and, unless {@code includeArchived=true}, no archived ones.
 *
 * <h2>Paging</h2>
 * The server's {@code next} cursor compares creation times cut to the second, so the runs created
 * in a page's last second that come after that page are on no page: a few in every thousand on a
 * busy project. This client does not follow it. Each next page asks for the runs created at or
 * before the last run's creation time ({@code createdBefore}, which the server compares in full),
 * leaves out the runs already listed at that instant, and asks for that many more; runs of one
 * instant that fill a page (100 or more) come in one page ({@code limit=-1}). Every run is listed
 * once, in any order the server gives runs of one instant. A page whose last run has no creation
 * time is followed by the server's cursor. Resume tokens name creation times, and a server
 * cursor is still accepted by {@link Paged#resumeFrom(String)}.
 *
 * <h2>Status filters and server versions</h2>
 * The server validates {@code status} values against its own enum and fails the whole request
 * with 400 on one it does not know: a current server knows CANCELED but no longer STOPPED, an
 * older one STOPPED but not yet LOG_SIZE_EXCEEDED, and neither says which it is. So the client
 * learns it: a CANCELLED filter ({@code CANCELED, STOPPED}) or a FAILED filter (which includes
 * LOG_SIZE_EXCEEDED) is first sent whole; a 400 makes the client send it again without STOPPED
 * (a current server), then without LOG_SIZE_EXCEEDED (an older one), then with neither, and it
 * remembers the version that accepted, so later filters need one request. A value is left out
 * only for a server that refused it, and such a server has no runs in it, so the server-side
 * result equals the client-side one. Filters made only of values every version knows (QUEUED,
 * RUNNING, PAUSED, SUCCEEDED, TIMEOUT, ...) are sent once, as they are.
 *
 * <h2>Actions</h2>
 * <ul>
 *   <li>{@link #getRun}: with {@link Run#steps()} (name, status, duration of each step), unless
 *       the run has not started or its data passed the retention period.</li>
 *   <li>{@link #retryRun}: {@code FROM_FAILED_STEP} (also for {@code DEFAULT}) re-queues the
 *       same run (same id) from its failed step; {@code LATEST_VERSION} starts a new run on the
 *       latest published flow version ({@code ON_LATEST_VERSION}). The returned run's
 *       {@link Run#retryOf()} is the id retried. The server refuses no retry by status; its one
 *       refusal is a finished run past the retention period: a
 *       {@link io.github.flowruns.GoneException} with code
 *       {@code FLOW_RUN_RETRY_OUTSIDE_RETENTION}.</li>
 *   <li>{@link #stopRun}: cancels one run and checks that it took (the server answers a cancel
 *       with nothing and silently ignores RUNNING or finished runs and unknown ids): a run not
 *       cancelled gives a {@link io.github.flowruns.ConflictException} saying why, an unknown id
 *       a {@link io.github.flowruns.NotFoundException}. A cancel also cancels the run's queued
 *       and paused child runs.</li>
 *   <li>{@link #countByStatus}: one call to {@code count-by-status} when the query has at most
 *       statuses and time filters (time by creation, as above) and no limit; otherwise the runs
 *       are listed and counted.</li>
 *   <li>{@link #retryRuns} / {@link #stopRuns}: the server's bulk endpoints. A query of flow ids,
 *       statuses and times only (no limit) goes into the request body as filters, in one call;
 *       any other query is listed and its runs sent by id, one call per page, each run once
 *       (a run listed twice is sent once); a failure midway throws a
 *       {@link io.github.flowruns.BulkActionException} holding the pages already acted on. For a
 *       retry, the server answers one item per run: a retried run is in
 *       {@link BulkResult#succeeded()} and {@link BulkResult#newRuns()} (FROM_FAILED_STEP: the
 *       same run re-queued, its {@code retryOf} itself), a run whose retry failed (e.g. past
 *       retention) in {@link BulkResult#failed()} with the vendor's {@code errorCode} and
 *       {@code errorMessage}. A cancel answers nothing, so {@link BulkResult#succeeded()} holds
 *       the ids sent when the runs were listed first, and is empty for a cancel by filters.</li>
 *   <li>{@link #triggerRun} and {@link #listLogs}: not offered by this API; they throw
 *       {@link UnsupportedOperationException}.</li>
 * </ul>
 *
 * <h2>Errors</h2>
 * Activepieces' {@code {"code", "params": {"message"}}} and the web framework's
 * {@code {"statusCode", "code", "error", "message"}} become the exception's error code and
 * message. 401 {@link io.github.flowruns.AuthenticationException}, 403
 * {@link io.github.flowruns.PermissionDeniedException}, 404
 * {@link io.github.flowruns.NotFoundException} (also older servers' {@code FLOW_RUN_NOT_FOUND},
 * which arrives as 400), 400 (e.g. an id that is not 21 characters of {@code [0-9a-zA-Z]}) and
 * the server's 409 (code
 * {@code VALIDATION}) {@link io.github.flowruns.InvalidRequestException}, 410
 * {@link io.github.flowruns.GoneException}, 402 (quota exceeded or feature not in the plan) a
 * plain {@link FlowRunsException} with status 402 and the vendor's code.
 *
 * <p>For the endpoints the facade does not cover (archive, resume), {@link #api()} gives the
 * generated {@link FlowRunsApi} on the same connection pool, base URL and key.
 */
public final class ActivepiecesClient implements FlowRunsClient {
  /** The server URL of Activepieces Cloud, which {@link Builder#baseUrl(String)} replaces. */
  public static final String DEFAULT_BASE_URL = "https://cloud.activepieces.com/api";

  /** The query parameter and setting that names the project. */
  static final String PROJECT_ID = "projectId";

  /** The project is read from the query ({@link #projectFor}); cursor and limit are paging's. */
  private static final VendorParams PARAMS = VendorParams.builder(Vendor.ACTIVEPIECES)
      .paging("cursor", "limit").readByAdapter(PROJECT_ID).build();

  static final Capabilities CAPABILITIES = Capabilities.builder()
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

  /** Checks, bulk actions and threads, shared by every vendor client (not API). */
  private final ClientCore core;
  private final Builder settings;
  private final String projectId;
  private final String baseUrl;
  private final HttpSettings http;
  private final OkHttpClient okHttpClient;
  private final Transport transport;
  private final FlowRunsApi runsApi;
  /** Which server generation (index into {@link ActivepiecesStatuses#GENERATIONS}) last took a status filter. */
  private final AtomicInteger generation = new AtomicInteger(0);

  private ActivepiecesClient(Builder settings, String apiKey, HttpSettings http) {
    // Not by position: the cursor names a creation time, so runs acted on (re-queued, cancelled)
    // keep their place and the listing of a bulk action does not shift.
    this.core = new ClientCore(this, Vendor.ACTIVEPIECES, false);
    this.settings = settings;
    this.projectId = settings.projectId == null || settings.projectId.isBlank()
        ? null : settings.projectId.trim();
    this.http = http;
    this.baseUrl = http.resolveBaseUrl();
    // The key goes through the shared ApiKeyAuth like every vendor's, so the client's redactor
    // knows it whatever its shape; the resume endpoints (no auth: the run id is the secret) never
    // carry it.
    this.okHttpClient = http.buildClient(keyExceptOnResume(ApiKeyAuth.bearer(apiKey)));
    this.transport = new Transport(Vendor.ACTIVEPIECES, okHttpClient, JSON.getGson(),
        new ActivepiecesErrors(), http.secrets(), core.serverClock());
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
    // No setBearerToken: the OkHttp client's ApiKeyAuth sends the key.
    return new FlowRunsApi(client);
  }

  /** The key on every request but the unauthenticated resume routes of a paused run. */
  private static Interceptor keyExceptOnResume(ApiKeyAuth auth) {
    return chain -> isResume(chain.request().url())
        ? chain.proceed(chain.request()) : auth.intercept(chain);
  }

  /** {@code .../flow-runs/{id}/waitpoints/...} or, on older servers, {@code .../requests/...}. */
  static boolean isResume(HttpUrl url) {
    List<String> segments = url.pathSegments();
    for (int i = 0; i + 2 < segments.size(); i++) {
      if (segments.get(i).equals("flow-runs")
          && (segments.get(i + 2).equals("waitpoints") || segments.get(i + 2).equals("requests"))) {
        return true;
      }
    }
    return false;
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

  @Override
  public Vendor vendor() {
    return core.vendor();
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
   * each page bounded by the last one's creation time: see Paging above).
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
    Map<String, String> extra = PARAMS.check(query);
    String project = projectFor(query);
    List<String> flowIds = query.flowIds().isEmpty() ? null : query.flowIds();
    List<String> tags = query.tags().isEmpty() ? null : query.tags();
    List<FlowRunStatus> statuses = ActivepiecesStatuses.STATUSES.serverFilter(query.statuses());
    OffsetDateTime after = ActivepiecesRuns.createdAfter(query.startedAfter());
    OffsetDateTime before = ActivepiecesRuns.createdBefore(query.startedBefore());
    Integer pageSize = query.pageSize().isPresent() ? query.pageSize().getAsInt() : null;
    // e.g. PARTIALLY_SUCCEEDED: no Activepieces run can match, so there is nothing to ask.
    PageFetcher<Run> fetcher = ActivepiecesStatuses.STATUSES.matchesNothing(query.statuses())
        ? PageFetcher.empty()
        : (token, opts) -> withKnownStatuses(statuses, sent -> {
          // Paged by creation time, not by the server's cursor, which skips runs (CreatedKeyset).
          CreatedKeyset.Position at = CreatedKeyset.position(token);
          String cursor = at == null ? token : null;
          OffsetDateTime pageAfter = at == null ? after : at.createdAfter(after);
          OffsetDateTime pageBefore = at == null ? before : at.createdBefore(before);
          Integer limit = at == null ? pageSize : at.limit(pageSize);
          Request request = transport.prepare("listRuns", () -> runsApi.listFlowRunsCall(project,
              flowIds, tags, sent, null, limit, cursor, pageAfter, pageBefore, null, null, null,
              null));
          return transport.execute("listRuns", VendorParams.apply(request, extra), FlowRunPage.class,
              opts, (FlowRunPage page) -> toPage(page, at));
        });
    return Pager.runs(fetcher, Vendor.ACTIVEPIECES, query)
        .options(options)
        .filter(query.hasFilters() ? query::matches : null)
        .background(core.background())
        .build();
  }

  private static Page<Run> toPage(FlowRunPage page, CreatedKeyset.Position at) {
    List<Run> runs = Items.map(CreatedKeyset.fresh(page.getData(), at), ActivepiecesRuns::toRun);
    return Page.of(runs, CreatedKeyset.next(at, page.getData(), page.getNext()));
  }

  /**
   * Calls {@code call} with the status values a server knows. Activepieces validates a status
   * filter against its own enum and fails the whole request with 400 on a value it does not know
   * (STOPPED on a current server, LOG_SIZE_EXCEEDED on an older one), and does not announce its
   * version. So a filter naming such a value is sent as the generation last seen to accept one
   * knows it (at first: whole); on a 400 it is sent again as the next generation of
   * {@link ActivepiecesStatuses#GENERATIONS} knows it, until one is accepted (at most four
   * requests, once per client in practice: the generation is remembered). A value is left out only
   * after the server refused it, and a server that does not know a value has no runs in it, so
   * the result is the same. A filter of values every version knows is sent as it is. This is not
   * a retry of a failed request (those are the RetryPolicy's): each request differs.
   */
  private <T> T withKnownStatuses(List<FlowRunStatus> wanted, Function<List<FlowRunStatus>, T> call) {
    if (!ActivepiecesStatuses.versionDependent(wanted)) {
      return call.apply(wanted);
    }
    int start = generation.get();
    int n = ActivepiecesStatuses.GENERATIONS.size();
    List<List<FlowRunStatus>> tried = new ArrayList<>();
    InvalidRequestException first = null;
    for (int k = 0; k < n; k++) {
      int g = (start + k) % n;
      List<FlowRunStatus> sent = ActivepiecesStatuses.knownTo(wanted, g);
      if (tried.contains(sent)) {
        continue;
      }
      tried.add(sent);
      try {
        T result = call.apply(sent);
        generation.set(g);
        return result;
      } catch (InvalidRequestException e) {
        if (e.httpStatus().orElse(0) != 400) {
          throw e;
        }
        if (first == null) {
          first = e;
        }
      }
    }
    throw first;
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
    core.requireId(runId, "runId");
    Request request = transport.prepare("getRun", () -> runsApi.getFlowRunCall(runId, null));
    return transport.execute("getRun", request, FlowRun.class, options,
        (FlowRun fr) -> ActivepiecesRuns.toRun(fr));
  }

  /**
   * Retries one run ({@code POST /v1/flow-runs/{id}/retry} with the builder's project).
   * {@code FROM_FAILED_STEP} (and {@code DEFAULT}) re-queues the same run: the answer has the same
   * id, status QUEUED. {@code LATEST_VERSION} starts a new run on the latest published version
   * (a new id; its {@code parentRunId} is the old run's parent, not the old run). Either way the
   * returned run's {@link Run#retryOf()} is {@code runId}.
   *
   * <pre>{@code Run again = client.retryRun(runId, RetryMode.LATEST_VERSION, options);}</pre>
   *
   * @param runId the run id
   * @param mode FROM_FAILED_STEP or DEFAULT (from the failed step), or LATEST_VERSION
   * @param options options for the request
   * @return the re-queued (FROM_FAILED_STEP) or new (LATEST_VERSION) run
   * @throws io.github.flowruns.GoneException the server's only refusal: a finished run past the
   *     retention period (code {@code FLOW_RUN_RETRY_OUTSIDE_RETENTION})
   * @throws NotFoundException no such run in the project
   * @throws InvalidRequestException an id that is not 21 characters of {@code [0-9a-zA-Z]}
   * @throws IllegalArgumentException if no project is set on the builder
   */
  @Override
  public Run retryRun(String runId, RetryMode mode, RequestOptions options) {
    core.requireId(runId, "runId");
    Objects.requireNonNull(mode, "mode");
    RetryFlowRunRequest body = new RetryFlowRunRequest().strategy(strategy(mode))
        .projectId(requireProject(projectId));
    Request request = transport.prepare("retryRun", () -> runsApi.retryFlowRunCall(runId, body, null));
    return transport.execute("retryRun", request, FlowRun.class, options,
        (FlowRun fr) -> ActivepiecesRuns.toRun(fr).toBuilder().retryOf(runId).build());
  }

  /**
   * Cancels one run and returns once Activepieces has: a bulk cancel of that id
   * ({@code POST /v1/flow-runs/cancel} with {@code {projectId, flowRunIds: [id]}}), then
   * {@code GET /v1/flow-runs/{id}} to see whether it took. The server answers a cancel with
   * nothing, cancels only QUEUED and PAUSED runs (and their child runs), and silently ignores
   * every other run and unknown ids; the read afterwards is how the SDK finds out. A run already
   * CANCELED counts as stopped.
   *
   * <pre>{@code
   * try {
   *   client.stopRun(runId, options);
   * } catch (ConflictException running) {
   *   // Activepieces does not cancel RUNNING runs
   * }
   * }</pre>
   *
   * @param runId the run id
   * @param options options for the requests
   * @throws io.github.flowruns.ConflictException the run was not cancelled: it is RUNNING
   *     (Activepieces does not cancel running runs) or already finished; the message says which
   *     (error code {@code RUN_NOT_CANCELLED})
   * @throws NotFoundException no such run in the project
   * @throws IllegalArgumentException if no project is set on the builder
   */
  @Override
  public void stopRun(String runId, RequestOptions options) {
    core.requireId(runId, "runId");
    BulkCancelFlowRunsRequest body = new BulkCancelFlowRunsRequest()
        .projectId(requireProject(projectId)).flowRunIds(List.of(runId));
    Request request = transport.prepare("stopRun", () -> runsApi.cancelFlowRunsCall(body, null));
    transport.executeDiscardingBody("stopRun", request, options);
    Run after;
    try {
      after = getRun(runId, options);
    } catch (NotFoundException e) {
      throw FlowRunsException.forStatus(e.details().toBuilder().operation("stopRun").build());
    }
    RunStatus status = after.status();
    if (status == RunStatus.CANCELLED) {
      return;
    }
    String why = status == RunStatus.RUNNING
        ? "run " + runId + " is RUNNING and Activepieces does not cancel running runs"
        : status.isTerminal()
            ? "run " + runId + " already ended " + after.rawStatus()
                + "; Activepieces cancels only QUEUED and PAUSED runs"
            : "run " + runId + " is still " + after.rawStatus() + " after the cancel";
    throw FlowRunsException.forStatus(ErrorDetails.builder().vendor(Vendor.ACTIVEPIECES)
        .operation("stopRun").errorCode("RUN_NOT_CANCELLED").message(why).attempts(1)
        .kind(ErrorDetails.Kind.CONFLICT).build());
  }

  /**
   * Counts runs per status, equal to grouping {@link #listRuns} of the same query by status. One
   * {@code GET /v1/flow-runs/count-by-status} when the query has no filters but statuses and
   * {@code startedAfter}, and no limit: its categories are the vendor's statuses, each mapping to
   * one {@link RunStatus}, and {@code createdAfter} selects the same runs as the listing does
   * (a run starts after it is created). Otherwise the runs are listed and counted: a
   * {@code startedBefore} bound is compared with the start time while the count endpoint has only
   * creation times. Statuses without runs are left out.
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
        || query.search() != null || query.limit().isPresent() || !PARAMS.check(query).isEmpty()
        || query.startedBefore() != null) {
      return FlowRunsClient.super.countByStatus(query, options);
    }
    OffsetDateTime after = ActivepiecesRuns.createdAfter(query.startedAfter());
    Set<RunStatus> wanted = query.statuses();
    Request request = transport.prepare("countByStatus",
        () -> runsApi.countFlowRunsByStatusCall(project, after, null, null));
    return transport.execute("countByStatus", request, FlowRunStatusCounts.class, options,
        (FlowRunStatusCounts counts) -> {
          Map<RunStatus, Long> out = new EnumMap<>(RunStatus.class);
          if (counts.getData() != null) {
            for (FlowRunStatusCount c : counts.getData()) {
              if (c == null || c.getCount() == null) {
                continue;
              }
              RunStatus status = ActivepiecesStatuses.STATUSES.toRunStatus(c.getStatus());
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
   * @return the runs retried ({@code succeeded}, {@code newRuns}) and those whose retry failed
   *     ({@code failed}, with the vendor's code and message)
   * @throws IllegalArgumentException if no project is set on the builder or the query
   */
  @Override
  public BulkResult retryRuns(RunQuery query, RetryMode mode, RequestOptions options) {
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(mode, "mode");
    String project = projectFor(query);
    RetryStrategy strategy = strategy(mode);
    BulkResult.Builder result = BulkResult.builder();
    List<FlowRunStatus> statuses = ActivepiecesStatuses.STATUSES.serverFilter(query.statuses());
    if (statuses != null && statuses.isEmpty()) {
      return result.build(); // no Activepieces status maps to the query's (PARTIALLY_SUCCEEDED)
    }
    if (expressibleAsBodyFilters(query)) {
      withKnownStatuses(statuses, sent -> {
        BulkRetryFlowRunsRequest body = new BulkRetryFlowRunsRequest().projectId(project)
            .strategy(strategy)
            .flowId(query.flowIds().isEmpty() ? null : query.flowIds())
            .status(sent)
            .createdAfter(ActivepiecesRuns.createdAfter(query.startedAfter()))
            .createdBefore(ActivepiecesRuns.createdBefore(query.startedBefore()));
        bulkRetry(body, options, result);
        return Boolean.TRUE;
      });
      return result.build();
    }
    return core.forEachPage("retryRuns", query, options, (runs, partial) ->
        bulkRetry(new BulkRetryFlowRunsRequest().projectId(project).strategy(strategy)
            .flowRunIds(ids(runs)), options, partial));
  }

  /** {@return the ids of the runs the server returned, so that a later page skips them} */
  private List<String> bulkRetry(BulkRetryFlowRunsRequest body, RequestOptions options,
      BulkResult.Builder result) {
    Request request = transport.prepare("retryRuns", () -> runsApi.retryFlowRunsCall(body, null));
    boolean sameRun = body.getStrategy() == RetryStrategy.FROM_FAILED_STEP;
    List<String> returned = new ArrayList<>();
    transport.execute("retryRuns", request, JsonElement.class, options, (JsonElement json) -> {
      if (!json.isJsonArray()) {
        throw transport.unreadable("retryRuns", "expected an array of runs");
      }
      for (JsonElement e : json.getAsJsonArray()) {
        if (e == null || !e.isJsonObject()) {
          continue; // older servers answered null for a run they skipped
        }
        JsonObject item = e.getAsJsonObject().deepCopy();
        JsonElement error = item.remove("error");
        Run run = ActivepiecesRuns.toRun(JSON.getGson().fromJson(item, FlowRun.class));
        returned.add(run.id());
        if (error != null && error.isJsonObject()) {
          // The server answers a run whose retry failed as the old run plus error {errorCode, errorMessage}.
          result.failed(run.id(), itemError(error.getAsJsonObject()));
        } else if (error == null || error.isJsonNull()) {
          // FROM_FAILED_STEP re-queues the run itself; ON_LATEST_VERSION's new run does not say
          // which run it retries.
          Run retried = sameRun ? run.toBuilder().retryOf(run.id()).build() : run;
          result.succeeded(retried.id()).newRun(retried);
        }
      }
      return Boolean.TRUE; // the transport reads a null result as an unusable body
    });
    return returned;
  }

  private static FlowRunsException itemError(JsonObject error) {
    String code = ErrorBodies.text(error.get("errorCode"));
    String message = ErrorBodies.text(error.get("errorMessage"));
    return FlowRunsException.forStatus(ErrorDetails.builder().vendor(Vendor.ACTIVEPIECES)
        .operation("retryRuns").errorCode(code).message(message != null ? message : code)
        .attempts(1)
        .kind("FLOW_RUN_RETRY_OUTSIDE_RETENTION".equals(code) ? ErrorDetails.Kind.GONE
            : ErrorDetails.Kind.OTHER)
        .build());
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
      statuses = new ArrayList<>(ActivepiecesStatuses.STATUSES.serverFilter(query.statuses()));
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
      return result.build();
    }
    return core.forEachPage("stopRuns", query, options, (runs, partial) -> {
      List<String> ids = new ArrayList<>();
      for (Run run : runs) {
        if (run.status() == RunStatus.QUEUED || run.status() == RunStatus.PAUSED) {
          ids.add(run.id());
        }
      }
      if (!ids.isEmpty()) {
        bulkCancel(new BulkCancelFlowRunsRequest().projectId(project).flowRunIds(ids), ids,
            options, partial);
      }
      return List.of();
    });
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
        && PARAMS.check(query).isEmpty();
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

  /** Ends this client's calls and threads; the shared connection pool is left to idle out. */
  @Override
  public void close() {
    core.close();
    transport.close();
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
      return new ActivepiecesClient(new Builder(this), requireApiKey(),
          BuilderAccess.httpSettings(this));
    }

    @Override
    protected String describeVendorSettings() {
      return "projectId=" + projectId;
    }
  }
}
