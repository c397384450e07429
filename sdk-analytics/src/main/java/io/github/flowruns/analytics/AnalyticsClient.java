package io.github.flowruns.analytics;

import com.google.gson.reflect.TypeToken;
import io.github.flowruns.Capabilities;
import io.github.flowruns.FlowRunsClient;
import io.github.flowruns.Page;
import io.github.flowruns.Paged;
import io.github.flowruns.Run;
import io.github.flowruns.RunQuery;
import io.github.flowruns.Vendor;
import io.github.flowruns.analytics.api.FlowRunsApi;
import io.github.flowruns.analytics.invoker.ApiClient;
import io.github.flowruns.analytics.invoker.JSON;
import io.github.flowruns.analytics.model.FlowRunState;
import io.github.flowruns.analytics.model.FlowRunSummary;
import io.github.flowruns.analytics.model.ProjectRunSummary;
import io.github.flowruns.http.ApiKeyAuth;
import io.github.flowruns.http.FlowRunsClientBuilder;
import io.github.flowruns.http.RequestOptions;
import io.github.flowruns.internal.BuilderAccess;
import io.github.flowruns.internal.ClientCore;
import io.github.flowruns.internal.HttpSettings;
import io.github.flowruns.internal.Items;
import io.github.flowruns.internal.MergedListing;
import io.github.flowruns.internal.PageFetcher;
import io.github.flowruns.internal.PageNumbers;
import io.github.flowruns.internal.Pager;
import io.github.flowruns.internal.Times;
import io.github.flowruns.internal.Transport;
import io.github.flowruns.internal.VendorParams;
import java.lang.reflect.Type;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * The flowruns client for the StackAI Analytics API: lists the runs of StackAI workflows (flows)
 * and counts them by status.
 *
 * <h2>Create one and share it</h2>
 * A client is immutable and thread-safe; create one per API key and organisation and reuse it.
 * Close it when the application stops. To change a setting, derive a new client with
 * {@link #newBuilder()}.
 *
 * <pre>{@code
 * try (AnalyticsClient stackai = AnalyticsClient.builder()
 *     .apiKey(System.getenv("STACKAI_API_KEY"))   // sent as "Authorization: Bearer <key>"
 *     .orgId("org-42")                             // required: every path names the organisation
 *     .build()) {
 *
 *   RunQuery failedToday = RunQuery.builder()
 *       .flowIds("flow-a", "flow-b")               // optional: without, every flow of the organisation
 *       .statuses(RunStatus.FAILED)
 *       .startedAfter(Instant.now().minus(Duration.ofDays(1)))
 *       .limit(500)
 *       .build();
 *   for (Run run : stackai.listRuns(failedToday)) {
 *     System.out.println(run.flowId() + " " + run.id() + " " + run.rawStatus());
 *   }
 *   Map<RunStatus, Long> counts = stackai.countByStatus(RunQuery.builder().flowIds("flow-a").build());
 * }
 * }</pre>
 *
 * <h2>What StackAI supports</h2>
 * Only {@link #listRuns} and {@link #countByStatus} (which scans the listing: StackAI has no count
 * endpoint). {@code getRun}, {@code retryRun}, {@code stopRun}, {@code triggerRun},
 * {@code retryRuns}, {@code stopRuns} and {@code listLogs} throw
 * {@link UnsupportedOperationException}; {@link #capabilities()} says so.
 *
 * <h2>Listing</h2>
 * <ul>
 *   <li><b>Flows.</b> StackAI lists the runs of one flow at a time. The query's
 *       {@link RunQuery#flowIds()} are listed; with none, every project (flow) of the organisation
 *       that had runs in the query's window, found through
 *       {@code GET /organizations/analytics/projects-run-summary} when the first page is fetched.
 *       Several flows are merged into one listing, newest first by the run's {@code date},
 *       resumable with {@link Paged#resumeFrom(String)}; each {@link Run#flowId()} is the flow it
 *       was listed under.</li>
 *   <li><b>Statuses</b> are sent as StackAI's {@code state} filter (e.g. FAILED becomes
 *       {@code state=FAILED,COMPLETED}) and then checked against {@code is_flow_successful}, since a
 *       COMPLETED run that was not successful counts as FAILED. TIMED_OUT and PARTIALLY_SUCCEEDED do
 *       not exist at StackAI and match nothing; a filter with UNKNOWN is applied client-side
 *       only.</li>
 *   <li><b>Times</b>: {@code startedAfter} is sent as {@code start_date}, {@code startedBefore} as
 *       {@code end_date}, both compared with the run's {@code date}, and checked again client-side
 *       so the bounds are exactly those of {@link RunQuery}.</li>
 *   <li><b>Trigger</b> (compared with {@code run_type}, e.g. {@code api}) and <b>search</b> are
 *       applied client-side. StackAI runs have no tags, so a query with tags matches nothing (and
 *       sends no request).</li>
 *   <li><b>Paging</b>: pages count from 0, {@code page_size} is {@link RunQuery#pageSize()} or
 *       {@value #DEFAULT_PAGE_SIZE}; the first page shorter than that ends a flow. Continuation
 *       tokens survive a restart: {@code listRuns(query).resumeFrom(token)}.</li>
 *   <li><b>Vendor parameters</b> ({@link RunQuery.Builder#vendorParam}) are added to every page
 *       request, e.g. {@code vendorParam("user_id", "customer-4821")}. {@code page} and
 *       {@code page_size} are the client's own and are refused, as are {@code state},
 *       {@code start_date} and {@code end_date} when the query also sets the matching filter.</li>
 * </ul>
 *
 * <h2>Runs</h2>
 * {@code id} is {@code run_id}, {@code startedAt} the run's {@code date}, {@code duration} its
 * {@code latency}, {@code trigger} its {@code run_type}, {@code failedStep} carries the
 * {@code error} text of a failed run (StackAI names no step), {@code finishedAt}, steps and tags
 * are empty. {@code run.unwrap(FlowRunSummary.class)} gives the whole summary (tokens, inputs,
 * outputs, LLM usage). A run with no {@code state} is UNKNOWN with a null raw status.
 *
 * <h2>Errors</h2>
 * Every failure is a {@link io.github.flowruns.FlowRunsException}: StackAI's
 * {@code {"detail": "..."}} becomes the message; a 422 {@code {"detail": [{"loc", "msg",
 * "type"}]}} becomes an {@link io.github.flowruns.InvalidRequestException} whose field errors are
 * keyed by the location without its leading {@code query}/{@code path}/{@code body} part (e.g.
 * {@code page_size}).
 *
 * <h2>Everything else</h2>
 * {@link #api()} hands out the generated {@link FlowRunsApi}, on the same connection pool, base URL
 * and authentication, for anything the facade does not cover (e.g. the {@code user_id} filter with
 * typed results).
 */
public final class AnalyticsClient implements FlowRunsClient {
  /** The server URL of StackAI's API; operation paths ({@code /analytics/...}) are appended. */
  public static final String DEFAULT_BASE_URL = "https://api.stack-ai.com";

  /** The page size asked for when the query sets none: StackAI's own default. */
  public static final int DEFAULT_PAGE_SIZE = 25;

  static final String LIST_RUNS = "listRuns";
  private static final Type PAGE_TYPE = new TypeToken<List<FlowRunSummary>>() { }.getType();
  private static final Type PROJECT_PAGE_TYPE = new TypeToken<List<ProjectRunSummary>>() { }.getType();
  /** Projects asked for per page of the organisation's summary. */
  static final int PROJECT_PAGE_SIZE = 100;
  /**
   * Newest first by the run's {@code date}, the order each flow's listing comes in (StackAI does
   * not document an order; its listings come newest first).
   */
  private static final Comparator<Run> NEWEST_FIRST =
      Comparator.comparing(Run::startedAt, Comparator.nullsFirst(Comparator.reverseOrder()));
  private static final PageNumbers PAGES = PageNumbers.from(Vendor.STACKAI, 0);
  private static final VendorParams PARAMS = VendorParams.builder(Vendor.STACKAI)
      .paging("page", "page_size")
      .reservedWhen("state", q -> !q.statuses().isEmpty(), "the query also sets statuses")
      .reservedWhen("start_date", q -> q.startedAfter() != null, "the query also sets startedAfter")
      .reservedWhen("end_date", q -> q.startedBefore() != null, "the query also sets startedBefore")
      .build();
  static final Capabilities CAPABILITIES = Capabilities.builder()
      .supports(Capabilities.Operation.LIST_RUNS, Capabilities.Operation.COUNT_BY_STATUS)
      .serverSide(Capabilities.Filter.FLOW_IDS, Capabilities.Filter.STATUSES,
          Capabilities.Filter.STARTED_AFTER, Capabilities.Filter.STARTED_BEFORE)
      .build();

  /** Checks, bulk actions and threads, shared by every vendor client (not API). */
  private final ClientCore core;
  private final Builder settings;
  private final String orgId;
  private final String baseUrl;
  // Kept only to release the OkHttp client built from it.
  private final HttpSettings http;
  private final OkHttpClient okHttpClient;
  private final Transport transport;
  // Builds requests only; never handed out, so callers cannot reconfigure it.
  private final FlowRunsApi requests;

  private AnalyticsClient(Builder settings, String apiKey, HttpSettings http) {
    this.core = new ClientCore(this, Vendor.STACKAI, true);
    this.settings = settings;
    this.orgId = settings.orgId;
    this.http = http;
    this.baseUrl = http.resolveBaseUrl();
    this.okHttpClient = http.buildClient(ApiKeyAuth.bearer(apiKey));
    this.transport = new Transport(Vendor.STACKAI, okHttpClient, JSON.getGson(),
        new FastApiErrorParser(), http.secrets(), core.serverClock());
    this.requests = new FlowRunsApi(newApiClient());
  }

  /**
   * Starts a builder.
   *
   * <pre>{@code AnalyticsClient c = AnalyticsClient.builder().apiKey(key).orgId(org).build();}</pre>
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
   * <pre>{@code AnalyticsClient other = client.newBuilder().orgId("org-43").build();}</pre>
   *
   * @return a new builder initialised from this client
   */
  public Builder newBuilder() {
    return new Builder(settings);
  }

  /**
   * The StackAI organisation this client reads.
   *
   * <pre>{@code String org = client.orgId();}</pre>
   *
   * @return the organisation id
   */
  public String orgId() {
    return orgId;
  }

  /**
   * The generated API, configured like this client: same OkHttp client (connection pool, retries,
   * timeouts, listener, bearer authentication) and base URL. Each call returns a new instance, so
   * changing its settings never affects this client. Its methods throw the generated
   * {@code ApiException}, not the facade's exceptions.
   *
   * <pre>{@code
   * List<FlowRunSummary> mine = client.api().listFlowRuns(client.orgId(), "flow-a", 0, 50,
   *     null, null, "customer-4821", "COMPLETED");
   * }</pre>
   *
   * @return a new generated API instance
   */
  public FlowRunsApi api() {
    return new FlowRunsApi(newApiClient());
  }

  private ApiClient newApiClient() {
    ApiClient client = new ApiClient(okHttpClient);
    client.setBasePath(baseUrl);
    return client;
  }

  @Override
  public Vendor vendor() {
    return core.vendor();
  }

  /**
   * What StackAI supports: listing and counting; flows, statuses and the time window filtered
   * server-side (statuses refined client-side with {@code is_flow_successful}); trigger, tags and
   * search client-side.
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
   * Lists the runs of the query's flows, lazily, page by page (see the class comment for how each
   * filter is applied).
   *
   * <pre>{@code
   * client.listRuns(RunQuery.builder().flowIds("flow-a").statuses(RunStatus.RUNNING).build(),
   *     RequestOptions.builder().timeout(Duration.ofSeconds(30)).build())
   *     .forEach(run -> System.out.println(run.id()));
   * }</pre>
   *
   * @param query the query; with no {@link RunQuery#flowIds()}, every flow of the organisation
   * @param options options for every page request
   * @return the runs
   * @throws IllegalArgumentException before any request, if a flow id cannot be a path segment,
   *     or a vendor parameter conflicts with the query
   */
  @Override
  public Paged<Run> listRuns(RunQuery query, RequestOptions options) {
    ListParams params = new ListParams(query); // checks the vendor parameters, and null
    for (String flowId : query.flowIds()) {
      core.requireId(flowId, "flowIds element");
    }
    PageFetcher<Run> fetcher;
    if (!query.tags().isEmpty() || RunMapper.STATES.matchesNothing(query.statuses())) {
      fetcher = PageFetcher.empty();
    } else {
      List<String> flows = query.flowIds();
      fetcher = flows.size() == 1
          ? flowFetcher(flows.get(0), params)
          : MergedListing.<Run>builder(
                  opts -> flows.isEmpty() ? projectIds(params, opts) : flows,
                  flowId -> flowFetcher(flowId, params))
              .order(NEWEST_FIRST)
              .pageSize(params.pageSize)
              .identity(Run::id)
              .concurrency(core.listingThreads(), http.listingConcurrency())
              .describedAs(Vendor.STACKAI, LIST_RUNS)
              .build();
    }
    // Flows are the listing's own (a path per flow); anything else is checked here, and only
    // then: a listing the SDK does not filter tells its merge how many runs the limit leaves.
    boolean clientSide = !query.statuses().isEmpty() || query.startedAfter() != null
        || query.startedBefore() != null || query.trigger() != null || query.search() != null;
    return Pager.runs(fetcher, Vendor.STACKAI, query)
        .options(options)
        .filter(clientSide ? query::matches : null)
        .background(core.background())
        .build();
  }

  /** The request parameters that are the same for every page of every flow. */
  private static final class ListParams {
    final int pageSize;
    final OffsetDateTime startDate;
    final OffsetDateTime endDate;
    final String state;
    final Map<String, String> vendorParams;

    ListParams(RunQuery query) {
      this.vendorParams = PARAMS.check(query);
      this.pageSize = query.pageSize().orElse(DEFAULT_PAGE_SIZE);
      this.startDate = Times.utc(query.startedAfter());
      this.endDate = Times.utc(query.startedBefore());
      List<FlowRunState> states = RunMapper.STATES.serverFilter(query.statuses());
      this.state = states == null ? null
          : states.stream().map(FlowRunState::raw).collect(Collectors.joining(","));
    }
  }

  /**
   * The projects (flows) of the organisation that had runs in the query's window, through
   * {@code GET /organizations/analytics/projects-run-summary} (vendors.md, "StackAI, more"):
   * pages from 0, the first page shorter than asked for is the last.
   */
  private List<String> projectIds(ListParams params, RequestOptions options) {
    List<String> ids = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int page = 0; ; page++) {
      int at = page;
      Request request = transport.prepare(LIST_RUNS, () -> requests.listProjectRunSummariesCall(
          at, PROJECT_PAGE_SIZE, params.startDate, params.endDate, null));
      List<ProjectRunSummary> body = transport.execute(LIST_RUNS, request, PROJECT_PAGE_TYPE, options);
      for (ProjectRunSummary project : body) {
        // A project with no run in the window has nothing to list; an unknown count is listed.
        if (project == null || project.getProjectId() == null || project.getProjectId().isBlank()
            || project.getTotalRuns() != null && project.getTotalRuns() <= 0) {
          continue;
        }
        if (seen.add(project.getProjectId())) {
          ids.add(core.requireId(project.getProjectId(), "project_id"));
        }
      }
      if (body.size() < PROJECT_PAGE_SIZE) {
        return ids;
      }
    }
  }

  /** Pages of one flow: token = the next page number (from 0); a short page is the last. */
  private PageFetcher<Run> flowFetcher(String flowId, ListParams params) {
    return (token, options) -> {
      int page = PAGES.decode(token);
      Request request = transport.prepare(LIST_RUNS, () -> requests.listFlowRunsCall(orgId,
          flowId, page, params.pageSize, params.startDate, params.endDate, null, params.state,
          null));
      request = VendorParams.apply(request, params.vendorParams);
      return transport.execute(LIST_RUNS, request, PAGE_TYPE, options,
          (List<FlowRunSummary> body) -> toPage(flowId, page, params.pageSize, body));
    };
  }

  private static Page<Run> toPage(String flowId, int page, int pageSize,
      List<FlowRunSummary> body) {
    List<Run> runs = Items.map(body, summary -> {
      if (summary.getRunId() == null || summary.getRunId().isBlank()) {
        throw new IllegalStateException("a run of page " + page + " has no run_id");
      }
      return RunMapper.toRun(flowId, summary);
    });
    // The raw size decides: a page is the last one only if StackAI sent fewer than asked.
    return Page.of(runs, PAGES.next(page, body.size() >= pageSize));
  }

  /** Releases what this client holds. Idempotent. */
  @Override
  public void close() {
    core.close();
    transport.close();
    http.release(okHttpClient);
  }

  @Override
  public String toString() {
    return "AnalyticsClient{orgId=" + orgId + ", baseUrl=" + baseUrl + "}";
  }

  /**
   * Builds an {@link AnalyticsClient}. {@code apiKey} (the organisation's private StackAI API key,
   * sent as {@code Authorization: Bearer <key>}) and {@code orgId} are required; everything else
   * has a default. {@link #baseUrl(String)} replaces {@value AnalyticsClient#DEFAULT_BASE_URL};
   * the paths ({@code /analytics/...}) are appended unchanged. The settings every vendor shares
   * are described on {@link FlowRunsClientBuilder}.
   *
   * <pre>{@code
   * AnalyticsClient client = AnalyticsClient.builder()
   *     .apiKey(key).orgId("org-42")
   *     .retryPolicy(RetryPolicy.builder().maxRetries(5).build())
   *     .timeouts(Timeouts.builder().call(Duration.ofMinutes(1)).build())
   *     .build();
   * }</pre>
   */
  public static final class Builder extends FlowRunsClientBuilder<Builder, AnalyticsClient> {
    private String orgId;

    private Builder() {
      super(Vendor.STACKAI, DEFAULT_BASE_URL);
    }

    private Builder(Builder from) {
      super(from);
      this.orgId = from.orgId;
    }

    /**
     * The StackAI organisation whose flows are read ({@code org_id} in every path). Required.
     *
     * <pre>{@code AnalyticsClient.builder().apiKey(key).orgId("org-42")}</pre>
     *
     * @param orgId the organisation id
     * @return this builder
     */
    public Builder orgId(String orgId) {
      this.orgId = orgId;
      return this;
    }

    /**
     * Builds the client.
     *
     * <pre>{@code AnalyticsClient client = AnalyticsClient.builder().apiKey(key).orgId(org).build();}</pre>
     *
     * @return the client; close it when done
     * @throws IllegalArgumentException if {@code apiKey} or {@code orgId} is missing or unusable,
     *     or the base URL is invalid; the message names the setting
     */
    @Override
    public AnalyticsClient build() {
      String apiKey = requireApiKey();
      ClientCore.requireNonBlank(Vendor.STACKAI, orgId, "orgId");
      if (orgId.equals(".") || orgId.equals("..")) {
        throw new IllegalArgumentException(Vendor.STACKAI.displayName()
            + " orgId must not be '" + orgId + "'");
      }
      return new AnalyticsClient(new Builder(this), apiKey,
          BuilderAccess.httpSettings(this));
    }

    @Override
    protected String describeVendorSettings() {
      return "orgId=" + orgId;
    }
  }
}
