package io.github.flowruns.flowstack;

import io.github.flowruns.Capabilities;
import io.github.flowruns.ErrorDetails;
import io.github.flowruns.FlowRunsClient;
import io.github.flowruns.FlowRunsException;
import io.github.flowruns.Page;
import io.github.flowruns.Paged;
import io.github.flowruns.Run;
import io.github.flowruns.RunQuery;
import io.github.flowruns.RunStatus;
import io.github.flowruns.Vendor;
import io.github.flowruns.flowstack.api.FlowRunsApi;
import io.github.flowruns.flowstack.invoker.ApiClient;
import io.github.flowruns.flowstack.invoker.JSON;
import io.github.flowruns.flowstack.model.Flow;
import io.github.flowruns.flowstack.model.FlowPage;
import io.github.flowruns.flowstack.model.FlowRun;
import io.github.flowruns.flowstack.model.FlowRunPage;
import io.github.flowruns.flowstack.model.FlowRunStatus;
import io.github.flowruns.flowstack.model.TriggerFlowRunRequest;
import io.github.flowruns.http.ApiKeyAuth;
import io.github.flowruns.http.FlowRunsClientBuilder;
import io.github.flowruns.http.RequestOptions;
import io.github.flowruns.internal.BuilderAccess;
import io.github.flowruns.internal.ClientCore;
import io.github.flowruns.internal.HttpSettings;
import io.github.flowruns.internal.Items;
import io.github.flowruns.internal.MergedListing;
import io.github.flowruns.internal.PageFetcher;
import io.github.flowruns.internal.Pager;
import io.github.flowruns.internal.Transport;
import io.github.flowruns.internal.VendorParams;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * The FlowStack client of flowruns-java: lists, reads, starts and counts the runs of FlowStack
 * flows through the vendor-neutral {@link io.github.flowruns.FlowRunsClient} interface.
 *
 * <p><b>Create one and share it.</b> A client is immutable and thread-safe; it holds the OkHttp
 * client its requests run on. Close it when you are done. To change a setting, derive a new client
 * with {@link #newBuilder()}.
 *
 * <pre>{@code
 * try (FlowStackClient flowstack = FlowStackClient.builder()
 *     .apiKey(System.getenv("FLOWSTACK_API_KEY"))   // fs_live_... or fs_test_...
 *     .flowId("flow_abc123")                          // optional default flow
 *     .build()) {
 *
 *   RunQuery failed = RunQuery.builder().statuses(RunStatus.FAILED).limit(50).build();
 *   for (Run run : flowstack.listRuns(failed)) {        // every flow, newest first
 *     Run full = flowstack.getRun(run.id());          // "flow_abc123/run_xyz789": with its steps
 *     System.out.println(full.failedStep());
 *   }
 *   Run started = flowstack.triggerRun("flow_abc123", Map.of("userId", "user_123"));
 *   Map<RunStatus, Long> counts = flowstack.countByStatus(RunQuery.all());
 * }
 * }</pre>
 *
 * <p><b>Flows and ids.</b> FlowStack's run endpoints all take one flow. A listing covers the
 * query's {@link RunQuery.Builder#flowIds(String...)}, else the builder's {@link Builder#flowId(String)}
 * default, else every flow of the account ({@code GET /api/v1/flows}, read when the first page is
 * fetched); several flows are merged into one listing, newest first by start time, resumable
 * with {@link Paged#resumeFrom(String)}. {@link Run#id()} carries its flow,
 * {@code "<flowId>/<runId>"} (e.g. {@code flow_abc123/run_xyz789}), so every id this client hands
 * out works in {@link #getRun(String, RequestOptions)} with no other setting; a plain FlowStack
 * run id works with a default flow, or in {@link #getRun(String, String)}.
 * {@code run.unwrap(FlowRun.class).getId()} is FlowStack's own run id.
 *
 * <p><b>Filters.</b> The flows are in the request path. A status filter is sent as FlowStack's
 * {@code status} parameter only when it is one of the three values FlowStack documents as filters
 * ({@code SUCCEEDED}, {@code FAILED}, {@code RUNNING}); any other status ({@code QUEUED},
 * {@code CANCELLED} = FlowStack {@code CANCELED} or {@code STOPPED}, {@code TIMED_OUT}, ...) and
 * several statuses are filtered by the SDK over the unfiltered listing. Start times, trigger and
 * search are always filtered by the SDK; tags never match, as FlowStack runs have none.
 * {@link RunQuery.Builder#vendorParam} values are sent as query parameters, each replacing one
 * of the same name the client set ({@code cursor} and {@code limit} belong to paging). Pages hold 100 runs
 * (FlowStack's maximum) unless the query sets a page size, or fewer when a limit without SDK-side
 * filters needs fewer.
 *
 * <p><b>Statuses.</b> QUEUED, RUNNING, PAUSED, SUCCEEDED and FAILED map to themselves,
 * CANCELED and STOPPED to {@link RunStatus#CANCELLED}, TIMEOUT to {@link RunStatus#TIMED_OUT},
 * anything else to {@link RunStatus#UNKNOWN} with the value kept in {@link Run#rawStatus()}.
 *
 * <p><b>Operations.</b> {@code listRuns}, {@code getRun} (with steps), {@code triggerRun} and
 * {@code countByStatus} (by listing, so it always agrees with {@code listRuns}) are supported; retry, stop, their bulk forms and logs are not (FlowStack
 * has no such endpoints) and throw {@link UnsupportedOperationException}. For endpoints the facade
 * does not cover, {@link #api()} gives the generated {@link FlowRunsApi} on the same transport.
 *
 * <p><b>Errors.</b> FlowStack's {@code {"error": {"code", "message", "statusCode"}}} becomes the
 * typed {@link io.github.flowruns.FlowRunsException} of its HTTP status with code and message;
 * a 429 carries {@code Retry-After} as {@link io.github.flowruns.RateLimitException#retryAfter()}.
 */
public final class FlowStackClient implements FlowRunsClient {
  /** The server URL of FlowStack's API; request paths ({@code /api/v1/flows/...}) are appended. */
  public static final String DEFAULT_BASE_URL = "https://app.onflowstack.com";

  /** FlowStack's largest page. */
  static final int MAX_PAGE_SIZE = 100;

  /** Newest first by start time; runs not started yet (no start time) are the newest. */
  private static final Comparator<Run> NEWEST_FIRST =
      Comparator.comparing(Run::startedAt, Comparator.nullsFirst(Comparator.reverseOrder()));

  /** {@code cursor} and {@code limit} are the paging's (the page size is {@code limit}). */
  private static final VendorParams PARAMS = VendorParams.builder(Vendor.FLOWSTACK)
      .paging("cursor", "limit").build();

  static final Capabilities CAPABILITIES = Capabilities.builder()
      .supports(Capabilities.Operation.LIST_RUNS, Capabilities.Operation.GET_RUN,
          Capabilities.Operation.TRIGGER_RUN, Capabilities.Operation.COUNT_BY_STATUS)
      .serverSide(Capabilities.Filter.FLOW_IDS, Capabilities.Filter.STATUSES)
      .build();

  /** Checks, bulk actions and threads, shared by every vendor client (not API). */
  private final ClientCore core;
  private final Builder settings;
  private final String baseUrl;
  private final String defaultFlowId;
  private final OkHttpClient okHttpClient;
  private final HttpSettings http;
  private final Transport transport;
  /** Builds requests only; never executes them, never handed out. */
  private final FlowRunsApi requests;

  private FlowStackClient(Builder settings, String apiKey, HttpSettings http) {
    this.core = new ClientCore(this, Vendor.FLOWSTACK, true);
    this.settings = settings;
    this.defaultFlowId = settings.flowId == null ? null : checkFlowId(settings.flowId, "flowId");
    this.http = http;
    this.baseUrl = http.resolveBaseUrl();
    this.okHttpClient = http.buildClient(ApiKeyAuth.bearer(apiKey));
    this.transport = new Transport(Vendor.FLOWSTACK, okHttpClient, JSON.getGson(),
        new FlowStackErrorParser(), http.secrets(), core.serverClock());
    this.requests = newApi();
  }

  /**
   * Starts a builder.
   *
   * <pre>{@code FlowStackClient c = FlowStackClient.builder().apiKey(key).build();}</pre>
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding this client's settings, to derive a differently configured client; this
   * client is not changed.
   *
   * <pre>{@code FlowStackClient other = client.newBuilder().flowId("flow_2").build();}</pre>
   *
   * @return a new builder
   */
  public Builder newBuilder() {
    return new Builder(settings);
  }

  /**
   * The generated FlowStack API, configured with this client's base URL, authentication, retries
   * and timeouts, for endpoints and fields the facade does not cover. Each call returns a new
   * instance, so configuring it does not affect this client. Its methods throw the generated
   * {@code ApiException}, not the facade's exceptions.
   *
   * <pre>{@code FlowRunStats stats = client.api().getFlowRunStats("flow_abc123");}</pre>
   *
   * @return a new generated API instance
   */
  public FlowRunsApi api() {
    return newApi();
  }

  private FlowRunsApi newApi() {
    ApiClient apiClient = new ApiClient(okHttpClient);
    apiClient.setBasePath(baseUrl);
    return new FlowRunsApi(apiClient);
  }

  /**
   * The base URL requests go to.
   *
   * <pre>{@code client.baseUrl(); // "https://app.onflowstack.com"}</pre>
   *
   * @return the URL, without a trailing slash
   */
  public String baseUrl() {
    return baseUrl;
  }

  /**
   * The flow used when a query names none and for plain run ids.
   *
   * <pre>{@code String flow = client.defaultFlowId(); // null if not set}</pre>
   *
   * @return the default flow id, or null
   */
  public String defaultFlowId() {
    return defaultFlowId;
  }

  @Override
  public Vendor vendor() {
    return core.vendor();
  }

  /**
   * What this client supports: listing, reading, triggering and counting runs; flows and single
   * FlowStack statuses filtered server-side.
   *
   * <pre>{@code client.capabilities().supports(Capabilities.Operation.RETRY_RUN); // false}</pre>
   *
   * @return the capabilities
   */
  @Override
  public Capabilities capabilities() {
    return CAPABILITIES;
  }

  /**
   * Lists the runs of the query's flows; with none, of the builder's default flow; with neither,
   * of every flow of the account (found through {@code GET /api/v1/flows} when the first page is
   * fetched). Several flows are merged newest first by start time (runs not started yet first).
   * Lazy: pages are fetched as they are consumed, and every {@link Run#id()} works in
   * {@link #getRun(String, RequestOptions)} as it is.
   *
   * <p>A status filter goes to FlowStack only when it is one of the three values FlowStack
   * documents as filters (SUCCEEDED, FAILED, RUNNING); any other status, or several, is filtered
   * by the SDK over the unfiltered listing:
   *
   * <pre>{@code
   * client.listRuns(RunQuery.builder().statuses(RunStatus.FAILED).build());     // ?status=FAILED
   * client.listRuns(RunQuery.builder().statuses(RunStatus.TIMED_OUT).build());  // no status sent; TIMEOUT kept here
   * client.listRuns(RunQuery.builder().flowIds("flow_1", "flow_2").build(),
   *     RequestOptions.builder().timeout(Duration.ofSeconds(30)).build())
   *     .forEach(run -> System.out.println(run.id()));                         // "flow_2/run_..."
   * }</pre>
   *
   * @param query the runs to list
   * @param options options for every page request
   * @return the runs
   * @throws IllegalArgumentException before any request if a flow id is blank, or a vendor
   *     parameter is named {@code cursor} or {@code limit} (paging owns them; use
   *     {@link Paged#resumeFrom(String)} and {@link RunQuery.Builder#pageSize(int)})
   */
  @Override
  public Paged<Run> listRuns(RunQuery query, RequestOptions options) {
    Map<String, String> vendorParams = PARAMS.check(query);
    List<String> flows = flowsOf(query);
    Set<RunStatus> statuses = query.statuses();
    List<FlowRunStatus> vendorStatuses = FlowStackMapping.STATUSES.serverFilter(statuses);
    // Only the documented filter values are sent (vendors.md: FlowStack documents SUCCEEDED,
    // FAILED and RUNNING as status filters); UNKNOWN has no value, so with it nothing is sent.
    FlowRunStatus serverStatus = vendorStatuses != null && vendorStatuses.size() == 1
        && FlowStackMapping.isDocumentedFilter(vendorStatuses.get(0)) ? vendorStatuses.get(0) : null;
    // The flows are in the path; every other filter is checked here (a status the server already
    // filtered is re-checked harmlessly), so the result is the same whichever side filters.
    RunQuery clientSide = query.toBuilder().flowIds(List.of()).build();
    boolean clientFilters = clientSide.hasFilters();
    boolean serverFiltersAll = !clientFilters
        || (serverStatus != null && !clientSide.toBuilder().statuses(List.of()).build().hasFilters());
    Integer pageSize = pageSize(query, serverFiltersAll);

    PageFetcher<Run> fetcher;
    if (FlowStackMapping.STATUSES.matchesNothing(statuses)) {
      // Only statuses FlowStack never reports (PARTIALLY_SUCCEEDED): nothing can match.
      fetcher = PageFetcher.empty();
    } else if (flows.size() == 1) {
      String flowId = flows.get(0);
      fetcher = (cursor, opts) -> fetchPage(flowId, pageSize, cursor, serverStatus, vendorParams, opts);
    } else {
      fetcher = MergedListing.<Run>builder(
              opts -> flows.isEmpty() ? listFlowIds(opts) : flows,
              flowId -> (cursor, opts) -> fetchPage(flowId, pageSize, cursor, serverStatus, vendorParams, opts))
          .order(NEWEST_FIRST)
          .pageSize(pageSize)
          .identity(Run::id)
          .concurrency(core.listingThreads(), http.listingConcurrency())
          .describedAs(Vendor.FLOWSTACK, "listRuns")
          .build();
    }
    return Pager.runs(fetcher, Vendor.FLOWSTACK, query)
        .options(options)
        .filter(clientFilters ? clientSide::matches : null)
        .background(core.background())
        .build();
  }

  /**
   * Every flow of the account, through {@code GET /api/v1/flows}. Its last page may carry a
   * cursor: {@code hasMore} decides (vendors.md, FlowStack; docs.onflowstack.com/api/flows).
   */
  private List<String> listFlowIds(RequestOptions options) {
    List<String> ids = new ArrayList<>();
    String cursor = null;
    do {
      String at = cursor;
      Request request = transport.prepare("listRuns", () -> requests.listFlowsCall(MAX_PAGE_SIZE, at, null));
      FlowPage page = transport.execute("listRuns", request, FlowPage.class, options);
      if (page.getData() != null) {
        for (Flow flow : page.getData()) {
          if (flow != null && flow.getId() != null && !flow.getId().isBlank()) {
            ids.add(flow.getId());
          }
        }
      }
      cursor = Boolean.TRUE.equals(page.getHasMore()) && page.getCursor() != null
          && !page.getCursor().isEmpty() ? page.getCursor() : null;
      if (cursor != null && cursor.equals(at)) {
        throw FlowRunsException.forStatus(ErrorDetails.builder().vendor(Vendor.FLOWSTACK)
            .operation("listRuns").kind(ErrorDetails.Kind.RESPONSE_PARSE)
            .message("GET /api/v1/flows returned the same cursor again").build());
      }
    } while (cursor != null);
    return ids;
  }

  private Page<Run> fetchPage(String flowId, Integer pageSize, String cursor, FlowRunStatus status,
      Map<String, String> vendorParams, RequestOptions options) {
    Request generated = transport.prepare("listRuns",
        () -> requests.listFlowRunsCall(flowId, pageSize, cursor, status, null));
    Request request = VendorParams.apply(generated, vendorParams);
    return transport.<FlowRunPage, Page<Run>>execute("listRuns", request, FlowRunPage.class, options,
        body -> {
          List<Run> runs = Items.map(body.getData(), r -> FlowStackMapping.toRun(r, flowId));
          String next = Boolean.FALSE.equals(body.getHasMore()) || body.getCursor() == null
              || body.getCursor().isEmpty() ? null : body.getCursor();
          return Page.of(runs, next);
        });
  }

  /**
   * The query's page size; else as few as a limit needs when nothing is filtered here; else
   * FlowStack's maximum, since its hourly rate limits make every request count.
   */
  private static Integer pageSize(RunQuery query, boolean serverFiltersAll) {
    if (query.pageSize().isPresent()) {
      return query.pageSize().getAsInt();
    }
    if (serverFiltersAll && query.limit().isPresent() && query.limit().getAsLong() > 0) {
      return (int) Math.min(MAX_PAGE_SIZE, query.limit().getAsLong());
    }
    return MAX_PAGE_SIZE;
  }

  /** The query's flows, else the default flow, else none: every flow of the account. */
  private List<String> flowsOf(RunQuery query) {
    List<String> flows = query.flowIds().isEmpty()
        ? (defaultFlowId == null ? List.of() : List.of(defaultFlowId))
        : query.flowIds();
    for (String f : flows) {
      checkFlowId(f, "flowIds");
    }
    return flows;
  }

  /**
   * Reads one run with its steps. {@code runRef} is what {@link Run#id()} of this client gives,
   * {@code "<flowId>/<runId>"}, or FlowStack's plain run id when the builder has a default flow.
   *
   * <pre>{@code
   * Run run = client.getRun(listed.id(), RequestOptions.defaults());   // "flow_abc123/run_xyz789"
   * }</pre>
   *
   * @param runRef {@code "<flowId>/<runId>"} or a plain run id
   * @param options per-call options
   * @return the run, with {@link Run#steps()}
   * @throws IllegalArgumentException before any request if no flow id can be found, naming
   *     {@code flowId}
   */
  @Override
  public Run getRun(String runRef, RequestOptions options) {
    core.requireId(runRef, "runId");
    int slash = runRef.indexOf('/');
    if (slash >= 0) {
      return getRun(runRef.substring(0, slash), runRef.substring(slash + 1), options);
    }
    if (defaultFlowId == null) {
      throw new IllegalArgumentException("FlowStack getRun needs the flowId of run '" + runRef
          + "': pass the run's id() as it is (\"<flowId>/<runId>\"), call getRun(flowId, runId), "
          + "or set FlowStackClient.builder().flowId(...)");
    }
    return getRun(defaultFlowId, runRef, options);
  }

  /**
   * Reads one run of a flow with its steps.
   *
   * <pre>{@code Run run = client.getRun("flow_abc123", "run_xyz789");}</pre>
   *
   * @param flowId the flow, e.g. {@code flow_abc123}
   * @param runId the run, e.g. {@code run_xyz789}, or this client's {@code "flow_abc123/run_xyz789"}
   * @return the run, with {@link Run#steps()}
   */
  public Run getRun(String flowId, String runId) {
    return getRun(flowId, runId, RequestOptions.defaults());
  }

  /**
   * Reads one run of a flow with its steps, with per-call options.
   *
   * <pre>{@code Run run = client.getRun("flow_abc123", "run_xyz789", RequestOptions.builder().maxRetries(0).build());}</pre>
   *
   * @param flowId the flow
   * @param runId the run, plain or as {@code "<flowId>/<runId>"} of the same flow
   * @param options per-call options
   * @return the run, with {@link Run#steps()}
   * @throws IllegalArgumentException if {@code runId} names another flow than {@code flowId}
   */
  public Run getRun(String flowId, String runId, RequestOptions options) {
    String flow = checkFlowId(flowId, "flowId");
    String run = core.requireId(runId, "runId");
    int slash = run.indexOf('/');
    if (slash >= 0) {
      if (!run.substring(0, slash).equals(flow)) {
        throw new IllegalArgumentException("FlowStack getRun: run '" + run
            + "' is not a run of flow '" + flow + "'");
      }
      run = core.requireId(run.substring(slash + 1), "runId");
    }
    String vendorRunId = run;
    Request request = transport.prepare("getRun", () -> requests.getFlowRunCall(flow, vendorRunId, null));
    return transport.<FlowRun, Run>execute("getRun", request, FlowRun.class, options,
        body -> FlowStackMapping.toRun(body, flow));
  }

  /**
   * Starts a run of a flow now; {@code data} becomes the run's trigger payload
   * ({@code trigger.body} in the flow). Not retried after it may have reached FlowStack unless the
   * options opt in, so a run is not started twice.
   *
   * <pre>{@code Run run = client.triggerRun("flow_abc123", Map.of("orderId", 42), RequestOptions.defaults());}</pre>
   *
   * @param flowId the flow; null for the builder's default flow
   * @param data the payload, or null for none (an empty request object is sent)
   * @param options per-call options
   * @return the new run, as FlowStack describes it just after starting (normally RUNNING)
   * @throws IllegalArgumentException before any request if no flow is given, naming {@code flowId}
   */
  @Override
  public Run triggerRun(String flowId, Map<String, ?> data, RequestOptions options) {
    String flow;
    if (flowId == null) {
      if (defaultFlowId == null) {
        throw new IllegalArgumentException("FlowStack triggerRun needs flowId: pass it or set "
            + "FlowStackClient.builder().flowId(...)");
      }
      flow = defaultFlowId;
    } else {
      flow = checkFlowId(flowId, "flowId");
    }
    TriggerFlowRunRequest body = new TriggerFlowRunRequest();
    if (data != null) {
      body.data(new LinkedHashMap<>(data));
    }
    Request request = transport.prepare("triggerRun", () -> requests.triggerFlowRunCall(flow, body, null));
    return transport.<FlowRun, Run>execute("triggerRun", request, FlowRun.class, options,
        created -> FlowStackMapping.toRun(created, flow));
  }

  /**
   * Counts runs by status by listing them, so the counts are exactly those of
   * {@link #listRuns(RunQuery, RequestOptions)} grouped by {@link Run#status()}. FlowStack's
   * statistics endpoint is not used: its categories ({@code succeeded}, {@code failed}, the rest
   * of {@code totalRuns}) do not map one to one onto run statuses (timed-out and cancelled runs
   * may count as failed there). Statuses with no runs are absent from the map. The statistics
   * stay reachable through {@link #api()}.
   *
   * <pre>{@code long failed = client.countByStatus(RunQuery.all(), RequestOptions.defaults()).getOrDefault(RunStatus.FAILED, 0L);}</pre>
   *
   * @param query the runs to count; with no flow, every flow of the account
   * @param options per-call options
   * @return status to count
   */
  @Override
  public Map<RunStatus, Long> countByStatus(RunQuery query, RequestOptions options) {
    Objects.requireNonNull(query, "query");
    return FlowRunsClient.super.countByStatus(query, options);
  }

  private String checkFlowId(String flowId, String name) {
    if (flowId == null || flowId.isBlank()) {
      throw new IllegalArgumentException("FlowStack needs " + name + ": it is missing or blank");
    }
    return core.requireId(flowId, name);
  }

  /** Releases the client's resources; calls after close may fail. */
  @Override
  public void close() {
    core.close();
    transport.close();
    http.release(okHttpClient);
  }

  /** Shows the base URL and default flow, never the API key. */
  @Override
  public String toString() {
    return "FlowStackClient{baseUrl=" + baseUrl
        + (defaultFlowId == null ? "" : ", flowId=" + defaultFlowId) + "}";
  }

  /**
   * Configures a {@link FlowStackClient}. Only {@link #apiKey(String)} is required. The API key
   * is sent as {@code Authorization: Bearer <key>}: {@code fs_live_...} for production,
   * {@code fs_test_...} for the sandbox. {@link #baseUrl(String)} replaces
   * {@value FlowStackClient#DEFAULT_BASE_URL}; the paths {@code /api/v1/...} are appended. The
   * settings every vendor shares are described on {@link FlowRunsClientBuilder}.
   *
   * <pre>{@code
   * FlowStackClient client = FlowStackClient.builder()
   *     .apiKey(key)
   *     .flowId("flow_abc123")
   *     .retryPolicy(RetryPolicy.builder().maxRetries(3).build())
   *     .timeouts(Timeouts.builder().call(Duration.ofSeconds(30)).build())
   *     .build();
   * }</pre>
   */
  public static final class Builder extends FlowRunsClientBuilder<Builder, FlowStackClient> {
    private String flowId;

    private Builder() {
      super(Vendor.FLOWSTACK, DEFAULT_BASE_URL);
    }

    private Builder(Builder from) {
      super(from);
      this.flowId = from.flowId;
    }

    /**
     * The default flow: listed and counted when a query names no flow (without one, such a query
     * covers every flow of the account), used for plain run ids in
     * {@link FlowStackClient#getRun(String, RequestOptions)} and for a null flow in
     * {@code triggerRun}. Optional.
     *
     * <pre>{@code FlowStackClient.builder().apiKey(key).flowId("flow_abc123")}</pre>
     *
     * @param flowId the flow id (e.g. {@code flow_abc123}), or null for none
     * @return this builder
     */
    public Builder flowId(String flowId) {
      this.flowId = flowId;
      return this;
    }

    /**
     * Builds the client.
     *
     * <pre>{@code FlowStackClient client = FlowStackClient.builder().apiKey(key).build();}</pre>
     *
     * @return a new client; close it when done
     * @throws IllegalArgumentException if the API key is missing, blank or contains control
     *     characters, the flow id is blank, or the base URL is not a usable http(s) URL
     */
    @Override
    public FlowStackClient build() {
      return new FlowStackClient(new Builder(this), requireApiKey(),
          BuilderAccess.httpSettings(this));
    }

    @Override
    protected String describeVendorSettings() {
      return "flowId=" + flowId;
    }
  }
}
