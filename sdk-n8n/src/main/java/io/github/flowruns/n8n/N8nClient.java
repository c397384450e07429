package io.github.flowruns.n8n;

import io.github.flowruns.BulkResult;
import io.github.flowruns.Capabilities;
import io.github.flowruns.FlowRunsClient;
import io.github.flowruns.Paged;
import io.github.flowruns.Page;
import io.github.flowruns.RetryMode;
import io.github.flowruns.Run;
import io.github.flowruns.RunQuery;
import io.github.flowruns.RunStatus;
import io.github.flowruns.Vendor;
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
import io.github.flowruns.n8n.api.ExecutionsApi;
import io.github.flowruns.n8n.invoker.ApiClient;
import io.github.flowruns.n8n.invoker.JSON;
import io.github.flowruns.n8n.model.Execution;
import io.github.flowruns.n8n.model.ExecutionList;
import io.github.flowruns.n8n.model.ExecutionStatusFilter;
import io.github.flowruns.n8n.model.RetryExecutionRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * The n8n client of flowruns-java: lists, reads, retries and counts the executions of n8n
 * workflows through the vendor-neutral {@link io.github.flowruns.FlowRunsClient} interface. A flow
 * is an n8n workflow, a run an execution.
 *
 * <pre>{@code
 * try (N8nClient n8n = N8nClient.builder()
 *     .apiKey(System.getenv("N8N_API_KEY"))          // Settings > n8n API
 *     .baseUrl("https://n8n.example.com")             // the instance; /api/v1/... is appended
 *     .build()) {
 *   RunQuery failed = RunQuery.builder().statuses(RunStatus.FAILED).flowIds("12").limit(50).build();
 *   for (Run run : n8n.listRuns(failed)) {
 *     Run full = n8n.getRun(run.id());                // with failedStep: node and error message
 *     System.out.println(full.failedStep());
 *   }
 *   Run retry = n8n.retryRun("1042", RetryMode.DEFAULT); // retry.retryOf() is "1042"
 * }
 * }</pre>
 *
 * <p><b>Authentication.</b> The key goes in n8n's {@code X-N8N-API-KEY} header.
 *
 * <p><b>Listing.</b> n8n filters one workflow ({@code workflowId}) and one status per request and
 * answers newest first by id, with a cursor that does not carry the filters (the client sends them
 * again with it). Several workflows or statuses become one sub-listing each, merged newest first
 * by id; every other filter (times, trigger, search, tags) is checked by the SDK. Pages hold 250
 * executions (n8n's maximum) unless the query sets a page size, or fewer when a limit without
 * SDK-side filters needs fewer. {@link RunQuery.Builder#vendorParam} values (e.g.
 * {@code projectId}) are sent as query parameters; {@code cursor} and {@code limit} belong to
 * paging.
 *
 * <p><b>What n8n does not list, and what the client does about it.</b> n8n lists running
 * executions only when asked for {@code status=running} (vendors.md, n8n). So that a listing holds
 * every execution, a query with no status filter, or one asking for something n8n cannot filter
 * ({@code QUEUED}, {@link RunStatus#UNKNOWN}) together with {@code RUNNING}, is merged from the
 * unfiltered listing and the {@code status=running} one: one request more than the pages alone.
 * On some servers, executions that went into {@code waiting} since the server process started
 * were not listed until n8n restarted, whatever the filter (vendors.md, n8n); 2.41.1 lists them.
 * Where a server does not, no request can find them, so a listing, a count or a watch may miss
 * such PAUSED executions; {@link #getRun} finds them by id.
 *
 * <p><b>Statuses.</b> success is {@link RunStatus#SUCCEEDED}, error and crashed
 * {@link RunStatus#FAILED}, canceled {@link RunStatus#CANCELLED}, running
 * {@link RunStatus#RUNNING}, waiting {@link RunStatus#PAUSED}, new {@link RunStatus#QUEUED};
 * anything else is {@link RunStatus#UNKNOWN} with the value kept in {@link Run#rawStatus()}.
 *
 * <p><b>Operations.</b> {@code listRuns}, {@code getRun} (with {@code includeData=true}, so
 * {@link Run#failedStep()} is the last node executed and the error message), {@code retryRun}
 * (n8n runs the retry to its end and answers the new execution, whose {@link Run#retryOf()} is the
 * original), {@code retryRuns} (by listing), {@code countByStatus} (by listing), and the
 * {@code awaitRun} and {@code watchRuns} every client has, and {@code stopRun} / {@code stopRuns}
 * (a new, running or waiting execution becomes canceled) on n8n 2.x, whose API has the stop
 * endpoints: a client for an n8n 1.x server says so with {@link Builder#serverVersion(String)},
 * and its {@link #capabilities()} then leave stopping out. There is no trigger (n8n starts
 * workflows through their own webhook URLs) and no logs.
 *
 * <p><b>Errors.</b> n8n's {@code {"message": "..."}} becomes the typed
 * {@link io.github.flowruns.FlowRunsException} of its HTTP status with that message.
 */
public final class N8nClient implements FlowRunsClient {
  /** n8n, the vendor of this client; first, as the provider's descriptor reads it. */
  static final Vendor N8N = Vendor.of("N8N", "n8n", "sdk-n8n");

  /** The default server: a local n8n on its default port; request paths are appended. */
  public static final String DEFAULT_BASE_URL = "http://localhost:5678";

  /** n8n's largest page (vendors.md, n8n: {@code limit} up to 250). */
  static final int MAX_PAGE_SIZE = 250;

  private static final VendorParams PARAMS = VendorParams.builder(N8N).paging("cursor", "limit").build();

  /** What a client of the current n8n line (2.x) can do. */
  static final Capabilities CAPABILITIES = Capabilities.builder()
      .supports(Capabilities.Operation.LIST_RUNS, Capabilities.Operation.GET_RUN,
          Capabilities.Operation.RETRY_RUN, Capabilities.Operation.RETRY_RUNS,
          Capabilities.Operation.STOP_RUN, Capabilities.Operation.STOP_RUNS,
          Capabilities.Operation.COUNT_BY_STATUS)
      .serverSide(Capabilities.Filter.FLOW_IDS, Capabilities.Filter.STATUSES)
      .build();

  /** n8n 1.x has no stop endpoints (vendors.md, n8n: 2.x adds them). */
  static final Capabilities CAPABILITIES_1X = Capabilities.builder()
      .supports(Capabilities.Operation.LIST_RUNS, Capabilities.Operation.GET_RUN,
          Capabilities.Operation.RETRY_RUN, Capabilities.Operation.RETRY_RUNS,
          Capabilities.Operation.COUNT_BY_STATUS)
      .serverSide(Capabilities.Filter.FLOW_IDS, Capabilities.Filter.STATUSES)
      .build();

  /** One sub-listing: a workflow (or every one) and a status (or none). */
  private record Sub(String workflowId, ExecutionStatusFilter status) {}

  private final ClientCore core;
  private final Builder settings;
  private final Capabilities capabilities;
  private final String baseUrl;
  private final OkHttpClient okHttpClient;
  private final HttpSettings http;
  private final Transport transport;
  /** Builds requests only; never executes them, never handed out. */
  private final ExecutionsApi requests;

  private N8nClient(Builder settings, String apiKey, HttpSettings http) {
    // A cursor names the last id seen, a stable position: acting on runs moves nothing.
    this.core = new ClientCore(this, N8N, false);
    this.settings = settings;
    this.capabilities = settings.serverMajor >= 2 ? CAPABILITIES : CAPABILITIES_1X;
    this.http = http;
    this.baseUrl = http.resolveBaseUrl();
    this.okHttpClient = http.buildClient(new N8nApiKeyAuth(apiKey));
    this.transport = new Transport(N8N, okHttpClient, JSON.getGson(), new N8nErrorParser(),
        http.secrets(), core.serverClock());
    this.requests = newApi();
  }

  private ExecutionsApi newApi() {
    ApiClient apiClient = new ApiClient(okHttpClient);
    apiClient.setBasePath(baseUrl);
    return new ExecutionsApi(apiClient);
  }

  /**
   * What this client supports: listing, reading, retrying, stopping (n8n 2.x only) and counting
   * executions; workflows and statuses filtered server-side.
   *
   * <pre>{@code client.capabilities().supports(Capabilities.Operation.STOP_RUN); // true unless serverVersion("1.x")}</pre>
   *
   * @return the capabilities
   */
  @Override
  public Capabilities capabilities() {
    return capabilities;
  }

  @Override
  public Vendor vendor() {
    return core.vendor();
  }

  /**
   * Lists executions newest first, lazily. Workflows and statuses go to n8n, one sub-listing per
   * workflow and status, merged. With no status filter, n8n's unfiltered listing is merged with its
   * {@code status=running} one, since n8n lists running executions only then.
   *
   * <pre>{@code
   * client.listRuns(RunQuery.builder().statuses(RunStatus.FAILED, RunStatus.CANCELLED).build());
   * // GET /api/v1/executions?status=error and ?status=canceled, merged newest first
   * }</pre>
   *
   * @param query the runs to list
   * @param options options for every page request
   * @return the runs
   * @throws IllegalArgumentException before any request if a workflow id is blank, or a vendor
   *     parameter is named {@code cursor} or {@code limit}
   */
  @Override
  public Paged<Run> listRuns(RunQuery query, RequestOptions options) {
    Map<String, String> vendorParams = PARAMS.check(query);
    for (String f : query.flowIds()) {
      core.requireId(f, "flowIds");
    }
    List<ExecutionStatusFilter> statuses = new ArrayList<>();
    boolean statusesOnServer = true;
    if (query.statuses().isEmpty()) {
      // n8n's unfiltered listing leaves running executions out (vendors.md, n8n): merge in the
      // status=running one, at the cost of a request more for the first page.
      statuses.add(null);
      statuses.add(ExecutionStatusFilter.RUNNING);
    } else {
      List<ExecutionStatusFilter> filters = query.statuses().contains(RunStatus.UNKNOWN) ? null
          : N8nMapping.filterValues(N8nMapping.STATUSES.vendorValues(query.statuses()));
      if (filters != null) {
        statuses.addAll(filters);
      } else {
        // Something n8n cannot filter is wanted (new, unknown): the unfiltered listing, checked
        // here, plus the running executions it leaves out when they are wanted too.
        statusesOnServer = false;
        statuses.add(null);
        if (query.statuses().contains(RunStatus.RUNNING)) {
          statuses.add(ExecutionStatusFilter.RUNNING);
        }
      }
    }
    List<String> workflows = query.flowIds().isEmpty() ? Arrays.asList((String) null) : query.flowIds();
    List<Sub> subs = new ArrayList<>();
    for (String w : workflows) {
      for (ExecutionStatusFilter s : statuses) {
        subs.add(new Sub(w, s));
      }
    }
    boolean serverFiltersAll = statusesOnServer
        && !query.toBuilder().flowIds(List.of()).statuses(List.of()).build().hasFilters();
    int pageSize = pageSize(query, serverFiltersAll);

    PageFetcher<Run> fetcher;
    if (N8nMapping.STATUSES.matchesNothing(query.statuses())) {
      fetcher = PageFetcher.empty();
    } else if (subs.size() == 1) {
      Sub sub = subs.get(0);
      fetcher = (cursor, opts) -> fetchPage(sub, pageSize, cursor, vendorParams, opts);
    } else {
      List<String> keys = new ArrayList<>();
      for (int i = 0; i < subs.size(); i++) {
        keys.add(Integer.toString(i));
      }
      fetcher = MergedListing.<Run>builder(opts -> keys,
              key -> (cursor, opts) -> fetchPage(subs.get(Integer.parseInt(key)), pageSize, cursor,
                  vendorParams, opts))
          .order(N8nMapping.NEWEST_FIRST)
          .pageSize(pageSize)
          .identity(Run::id)
          .concurrency(core.listingThreads(), http.listingConcurrency())
          .describedAs(N8N, "listRuns")
          .build();
    }
    return Pager.runs(fetcher, N8N, query)
        .options(options)
        // A filter the server applied is checked again harmlessly: the result is the same
        // whichever side filters.
        .filter(serverFiltersAll || !query.hasFilters() ? null : query::matches)
        .background(core.background())
        .build();
  }

  private Page<Run> fetchPage(Sub sub, int pageSize, String cursor, Map<String, String> vendorParams,
      RequestOptions options) {
    Request generated = transport.prepare("listRuns", () -> requests.listExecutionsCall(
        null, sub.status(), sub.workflowId(), null, pageSize, cursor, null));
    Request request = VendorParams.apply(generated, vendorParams);
    return transport.<ExecutionList, Page<Run>>execute("listRuns", request, ExecutionList.class, options,
        body -> {
          List<Run> runs = Items.map(body.getData(), N8nMapping::toRun);
          String next = body.getNextCursor() == null || body.getNextCursor().isEmpty()
              ? null : body.getNextCursor();
          return Page.of(runs, next);
        });
  }

  private static int pageSize(RunQuery query, boolean serverFiltersAll) {
    // As few as a limit needs when nothing is filtered here, else n8n's largest page.
    long wanted = serverFiltersAll ? query.limit().orElse(0) : 0;
    return query.pageSize().orElse(wanted > 0 ? (int) Math.min(MAX_PAGE_SIZE, wanted) : MAX_PAGE_SIZE);
  }

  /**
   * Reads one execution with its data ({@code includeData=true}), so a failed one carries
   * {@link Run#failedStep()}: the last node executed and the error message.
   *
   * <pre>{@code Run run = client.getRun("1042", RequestOptions.defaults());}</pre>
   *
   * @param runId the execution id
   * @param options per-call options
   * @return the run
   */
  @Override
  public Run getRun(String runId, RequestOptions options) {
    String id = core.requireId(runId, "runId");
    Request request = transport.prepare("getRun", () -> requests.getExecutionCall(id, true, null));
    return transport.<Execution, Run>execute("getRun", request, Execution.class, options, N8nMapping::toRun);
  }

  /**
   * Retries one execution. n8n runs the retry to its end before it answers, and answers the new
   * execution ({@code mode} retry, {@link Run#retryOf()} the original). {@code DEFAULT} and
   * {@code FROM_FAILED_STEP} retry with the workflow as it was ({@code {}}); {@code LATEST_VERSION}
   * with the workflow as saved now ({@code {"loadWorkflow": true}}). n8n refuses to retry a
   * successful execution: 409 on 2.41.1 (a {@link io.github.flowruns.ConflictException}), 400 on
   * older servers (an {@link io.github.flowruns.InvalidRequestException}).
   *
   * <pre>{@code Run retry = client.retryRun("1042", RetryMode.DEFAULT, RequestOptions.defaults());}</pre>
   *
   * @param runId the execution id
   * @param mode how to retry
   * @param options per-call options
   * @return the new execution
   * @throws io.github.flowruns.ConflictException for a successful execution (400 on older
   *     servers: {@link io.github.flowruns.InvalidRequestException})
   * @throws io.github.flowruns.NotFoundException for an unknown id
   */
  @Override
  public Run retryRun(String runId, RetryMode mode, RequestOptions options) {
    String id = core.requireId(runId, "runId");
    Objects.requireNonNull(mode, "mode");
    RetryExecutionRequest body = new RetryExecutionRequest();
    if (mode == RetryMode.LATEST_VERSION) {
      body.loadWorkflow(true);
    }
    Request request = transport.prepare("retryRun", () -> requests.retryExecutionCall(id, body, null));
    return transport.<Execution, Run>execute("retryRun", request, Execution.class, options, created -> {
      if (created.getRetryOf() == null) {
        // The new execution names its original (vendors.md, n8n); if an answer did not, the id
        // retried is what it retries.
        created.setRetryOf(id);
      }
      return N8nMapping.toRun(created);
    });
  }

  /**
   * Stops one execution: a new, running or waiting one becomes canceled
   * ({@code POST /api/v1/executions/{id}/stop}, n8n 2.x).
   *
   * <pre>{@code client.stopRun("1042", RequestOptions.defaults());}</pre>
   *
   * @param runId the execution id
   * @param options per-call options
   * @throws UnsupportedOperationException before any request on a client for n8n 1.x
   * @throws io.github.flowruns.ConflictException if the execution has already finished
   * @throws io.github.flowruns.NotFoundException for an unknown or deleted id
   */
  @Override
  public void stopRun(String runId, RequestOptions options) {
    if (!capabilities.supports(Capabilities.Operation.STOP_RUN)) {
      throw core.unsupported(Capabilities.Operation.STOP_RUN);
    }
    String id = core.requireId(runId, "runId");
    Request request = transport.prepare("stopRun", () -> requests.stopExecutionCall(id, null));
    transport.executeDiscardingBody("stopRun", request, options);
  }

  /**
   * Stops every execution the query lists, one request each, so exactly the listed executions
   * are stopped and each one's outcome is reported (n8n's own bulk stop takes only statuses and
   * a workflow, and answers a count without ids). n8n 2.x.
   *
   * <pre>{@code client.stopRuns(RunQuery.builder().statuses(RunStatus.PAUSED).build(), RequestOptions.defaults());}</pre>
   *
   * @param query the runs to stop
   * @param options per-call options
   * @return what was stopped and what failed
   * @throws UnsupportedOperationException before any request on a client for n8n 1.x
   */
  @Override
  public BulkResult stopRuns(RunQuery query, RequestOptions options) {
    return core.stopRuns(query, options);
  }

  /**
   * Retries every execution the query lists, one request each (n8n has no bulk retry).
   *
   * <pre>{@code client.retryRuns(RunQuery.builder().statuses(RunStatus.FAILED).build(), RetryMode.DEFAULT, RequestOptions.defaults());}</pre>
   *
   * @param query the runs to retry
   * @param mode how to retry
   * @param options per-call options
   * @return what was retried and what failed
   */
  @Override
  public BulkResult retryRuns(RunQuery query, RetryMode mode, RequestOptions options) {
    return core.retryRuns(query, mode, options);
  }

  /**
   * Counts executions by status by listing them, so the counts are those of {@code listRuns}.
   *
   * <pre>{@code long failed = client.countByStatus(RunQuery.all(), RequestOptions.defaults()).getOrDefault(RunStatus.FAILED, 0L);}</pre>
   *
   * @param query the runs to count
   * @param options per-call options
   * @return status to count
   */
  @Override
  public Map<RunStatus, Long> countByStatus(RunQuery query, RequestOptions options) {
    Objects.requireNonNull(query, "query");
    return FlowRunsClient.super.countByStatus(query, options);
  }

  /**
   * Starts a builder.
   *
   * <pre>{@code N8nClient c = N8nClient.builder().apiKey(key).baseUrl("http://localhost:5678").build();}</pre>
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding this client's settings, to derive a differently configured client.
   *
   * <pre>{@code N8nClient other = client.newBuilder().baseUrl("http://other:5678").build();}</pre>
   *
   * @return a new builder
   */
  public Builder newBuilder() {
    return new Builder(settings);
  }

  /**
   * The generated n8n executions API on this client's base URL, key, retries and timeouts, for
   * what the facade does not cover (delete, stop on n8n 2.x). Each call returns a new instance.
   * Its methods throw the generated {@code ApiException}.
   *
   * <pre>{@code client.api().deleteExecution("1042");}</pre>
   *
   * @return a new generated API instance
   */
  public ExecutionsApi api() {
    return newApi();
  }

  /**
   * The base URL requests go to.
   *
   * <pre>{@code client.baseUrl(); // "http://localhost:5678"}</pre>
   *
   * @return the URL, without a trailing slash
   */
  public String baseUrl() {
    return baseUrl;
  }

  /** Releases the client's resources; calls after close may fail. */
  @Override
  public void close() {
    core.close();
    transport.close();
    http.release(okHttpClient);
  }

  /** Shows the base URL, never the API key. */
  @Override
  public String toString() {
    return "N8nClient{baseUrl=" + baseUrl + "}";
  }

  /**
   * Configures an {@link N8nClient}. Only {@link #apiKey(String)} is required, sent as
   * {@code X-N8N-API-KEY}; {@link #baseUrl(String)} is the instance's URL (default
   * {@value N8nClient#DEFAULT_BASE_URL}), to which {@code /api/v1/...} is appended. The settings
   * every vendor shares are described on {@link FlowRunsClientBuilder}.
   *
   * <pre>{@code N8nClient client = N8nClient.builder().apiKey(key).baseUrl("https://n8n.example.com").build();}</pre>
   */
  public static final class Builder extends FlowRunsClientBuilder<Builder, N8nClient> {
    /** The server's major version; the current line unless told otherwise. */
    private int serverMajor = 2;

    private Builder() {
      super(N8N, DEFAULT_BASE_URL);
    }

    private Builder(Builder from) {
      super(from);
      this.serverMajor = from.serverMajor;
    }

    /**
     * The version of the n8n server, when it is not of the current 2.x line: n8n 1.x has no stop
     * endpoints, so a client for it leaves {@code STOP_RUN} and {@code STOP_RUNS} out of its
     * {@link N8nClient#capabilities()} and refuses them before any request. Only the major
     * version matters. The public API does not say which version a server runs (n8n shows it in
     * Settings, About n8n).
     *
     * <pre>{@code N8nClient.builder().apiKey(key).baseUrl(url).serverVersion("1.123.4").build();}</pre>
     *
     * @param version e.g. {@code "1.123.4"} or {@code "2.41.1"}
     * @return this builder
     * @throws IllegalArgumentException if it does not start with a major version number
     */
    public Builder serverVersion(String version) {
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("v?(\\d{1,4})(\\..*)?")
          .matcher(Objects.requireNonNull(version, "version").trim());
      if (!m.matches()) {
        throw new IllegalArgumentException("n8n serverVersion must look like 2.41.1, not \"" + version + "\"");
      }
      this.serverMajor = Integer.parseInt(m.group(1));
      return this;
    }

    /**
     * Builds the client.
     *
     * <pre>{@code N8nClient client = N8nClient.builder().apiKey(key).build();}</pre>
     *
     * @return a new client; close it when done
     * @throws IllegalArgumentException if the API key is missing, blank or contains control
     *     characters, or the base URL is not a usable http(s) URL
     */
    @Override
    public N8nClient build() {
      return new N8nClient(new Builder(this), requireApiKey(), BuilderAccess.httpSettings(this));
    }

    @Override
    protected String describeVendorSettings() {
      return serverMajor >= 2 ? "" : "serverVersion=" + serverMajor + ".x";
    }
  }
}
