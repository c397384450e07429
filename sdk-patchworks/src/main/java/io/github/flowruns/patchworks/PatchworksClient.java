package io.github.flowruns.patchworks;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.github.flowruns.BulkResult;
import io.github.flowruns.Capabilities;
import io.github.flowruns.Capabilities.Filter;
import io.github.flowruns.Capabilities.Operation;
import io.github.flowruns.FlowRunsClient;
import io.github.flowruns.Page;
import io.github.flowruns.Paged;
import io.github.flowruns.ResponseParseException;
import io.github.flowruns.RetryMode;
import io.github.flowruns.Run;
import io.github.flowruns.RunLog;
import io.github.flowruns.RunQuery;
import io.github.flowruns.RunStatus;
import io.github.flowruns.Vendor;
import io.github.flowruns.http.AccessToken;
import io.github.flowruns.http.ApiKeyAuth;
import io.github.flowruns.http.FlowRunsClientBuilder;
import io.github.flowruns.http.RequestOptions;
import io.github.flowruns.http.TokenProvider;
import io.github.flowruns.http.TokenAuth;
import io.github.flowruns.internal.BuilderAccess;
import io.github.flowruns.internal.ClientCore;
import io.github.flowruns.internal.HttpSettings;
import io.github.flowruns.internal.Items;
import io.github.flowruns.internal.MergedListing;
import io.github.flowruns.internal.PageFetcher;
import io.github.flowruns.internal.PageNumbers;
import io.github.flowruns.internal.Pager;
import io.github.flowruns.internal.Redaction;
import io.github.flowruns.internal.Times;
import io.github.flowruns.internal.Transport;
import io.github.flowruns.internal.VendorParams;
import io.github.flowruns.patchworks.api.FlowRunLogsApi;
import io.github.flowruns.patchworks.invoker.ApiClient;
import io.github.flowruns.patchworks.invoker.JSON;
import io.github.flowruns.patchworks.model.FlowRun;
import io.github.flowruns.patchworks.model.FlowRunList;
import io.github.flowruns.patchworks.model.FlowRunStatus;
import io.github.flowruns.patchworks.model.FlowRunTrigger;
import io.github.flowruns.patchworks.model.PaginationMeta;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * The flowruns client for the Patchworks Core API: list, read, retry and stop flow runs, count
 * them by status, and read their logs.
 *
 * <p>Build one, share it (it is immutable and thread-safe), and close it when done; to change a
 * setting, derive a new client with {@link #newBuilder()}:
 *
 * <pre>{@code
 * try (PatchworksClient patchworks = PatchworksClient.builder()
 *     .apiKey(System.getenv("PATCHWORKS_API_KEY"))      // or .login(username, password)
 *     .build()) {
 *   RunQuery failedToday = RunQuery.builder()
 *       .statuses(RunStatus.FAILED, RunStatus.PARTIALLY_SUCCEEDED)
 *       .startedAfter(Instant.now().minus(Duration.ofDays(1)))
 *       .build();
 *   for (Run run : patchworks.listRuns(failedToday)) {      // pages are fetched as you iterate
 *     Run retried = patchworks.retryRun(run.id(), RetryMode.DEFAULT);
 *   }
 *   Map<RunStatus, Long> counts = patchworks.countByStatus(RunQuery.all());
 *   patchworks.listLogs("4294967297").forEach(log -> System.out.println(log.message()));
 * }
 * }</pre>
 *
 * <p><b>Authentication.</b> Either an API key, sent as it is in {@code Authorization} (no scheme
 * word), or {@link Builder#login(String, String) an e-mail address and password}: the client then
 * logs in on first use on Patchworks' current route, {@code POST
 * https://svc-fabric.pwks.co/api/v1/login} with {@code {"email", "password"}} and the token at
 * {@code data.token} (the older route, {@code https://app.wearepatchworks.com/fabric/api/login}
 * with {@code username} and a top-level {@code token}, with {@link Builder#legacyLoginRoute()};
 * host, path, field name and token location each with a builder method), sends
 * {@code Authorization: Bearer <token>}, renews the token a minute before it expires (or once
 * after a 401), with a single login in flight however many threads need it. A failed login is
 * thrown from the call that needed the token, as the typed exception of operation {@code "login"}
 * (e.g. an {@link io.github.flowruns.AuthenticationException} for a wrong password). The password
 * and tokens never appear in {@code toString()}, logs or exceptions.
 *
 * <p><b>Statuses.</b> Patchworks run statuses are integers: 1 STARTED is
 * {@link RunStatus#RUNNING}, 2 SUCCESS {@link RunStatus#SUCCEEDED}, 3 FAILURE
 * {@link RunStatus#FAILED}, 4 STOPPED {@link RunStatus#CANCELLED}, 5 PARTIAL_SUCCESS
 * {@link RunStatus#PARTIALLY_SUCCEEDED}; the names, in any case, read the same; anything else is
 * {@link RunStatus#UNKNOWN}. {@link Run#rawStatus()} is the status exactly as Patchworks sent it:
 * {@code "3"} for the integer 3, {@code "SUCCESS"} for the name.
 *
 * <p><b>Runs</b> are read in both shapes Patchworks is known to send: flat, and JSON:API
 * ({@code attributes}, with the flow id from {@code attributes.flow_id} or
 * {@code relationships.flow.data.id}). {@link Run#duration()} is the run's {@code duration}, read
 * as milliseconds (the unit is inferred, the vendor does not document it), else
 * {@code finishedAt - startedAt}. {@link Run#unwrap(Class)} with {@link FlowRun} gives the
 * generated model. {@link Run#retryOf()} is the run's {@code retry_flow_run_id}, the run it
 * retried. {@link Run#failedStep()} is filled by {@link #getRun} for a failed or partly failed run
 * from its error logs (it asks for {@code include=errorWarningLogs}); listings do not carry it.
 * Patchworks runs have no tags, steps or parent run in the facade.
 *
 * <p><b>Filters</b> run server-side: a flow id as {@code filter[flow_id]}, a status as
 * {@code filter[status]} (its code). Patchworks' own tools send one value per request and no
 * source shows a comma list being accepted, so a query with several flows or statuses lists each
 * flow and status on its own and merges the listings newest first (equal start times by id),
 * every matching run once, pages fetched only as the merge needs them (a run that changes status
 * between two page requests may be seen in both statuses or in neither, as in any paged listing).
 * {@code startedAfter}/{@code startedBefore} as
 * {@code filter[started_after]}/{@code filter[started_before]} in Unix milliseconds (the server's
 * boundary rules apply), trigger as {@code filter[trigger]} (a known trigger in any case is sent
 * as Patchworks spells it) and search as {@code filter[search]} (the server decides what it
 * searches). Client-side: tags (Patchworks runs carry none, so a tag filter matches nothing) and
 * {@link RunStatus#UNKNOWN} (any value outside 1..5; then no {@code filter[status]} is sent).
 * QUEUED, PAUSED and TIMED_OUT have no Patchworks value and match no run: they add nothing to
 * {@code filter[status]}, and a query that can match no run at all answers empty without a
 * request. Every listing asks {@code sort=-started_at}, as the vendor's tools do, rather than
 * trusting the server's default order. {@link RunQuery.Builder#vendorParam(String, String) Vendor
 * parameters} are added to the query string as given (e.g. {@code sort=started_at} for oldest
 * first, {@code filter[virtual_environment_id]}), replacing a parameter of the same name (a
 * {@code filter[status]} or {@code filter[flow_id]} given so makes one listing, not one per
 * value); {@code page} and {@code per_page} belong to paging.
 *
 * <p><b>Paging</b> asks for {@code page} 1, 2, ... with {@code per_page} = the query's page size
 * (1..100; unset lets Patchworks choose), and stops after {@code meta.last_page} or at an empty
 * page. {@link Page#nextToken()} can be stored and passed to {@link Paged#resumeFrom(String)}.
 *
 * <p><b>Actions.</b> {@link #retryRun} supports {@link RetryMode#DEFAULT} only. Patchworks answers
 * a retry with an undocumented object: when it holds a run ({@code data} with an id) that run is
 * returned, otherwise the retried run is read again and returned. {@link #countByStatus} makes one
 * {@code per_page=1} request per Patchworks status and flow, with the query's other filters, and
 * reads {@code meta.total}: the same requests the listing makes, so the counts are what the
 * listing shows (the query's limit does not apply to counts). {@link #listLogs} reads log items
 * flat or JSON:API-shaped, with {@code message} as text or a list. {@link #retryRuns} and
 * {@link #stopRuns} list the ids of every matching run first (page numbers shift as stopped runs
 * leave a status filter), then act on each exactly once, a few at a time; runs a retry creates are
 * not retried. {@link #triggerRun} is not supported.
 *
 * <p>For endpoints the facade does not cover (e.g. downloading logs), {@link #api()} gives the
 * generated API configured with this client's transport and authentication.
 */
public final class PatchworksClient implements FlowRunsClient {
  /** The Patchworks Core API server, the default {@link Builder#baseUrl(String)}. */
  public static final String DEFAULT_BASE_URL = "https://core.wearepatchworks.com";
  /**
   * The Patchworks login server of the current route, the default
   * {@link Builder#loginBaseUrl(String)}.
   */
  public static final String DEFAULT_LOGIN_BASE_URL = "https://svc-fabric.pwks.co";
  /** The path of the current login route, posted {@code {"email", "password"}}. */
  public static final String DEFAULT_LOGIN_PATH = "/api/v1/login";
  /** The login server of the older route, {@link Builder#legacyLoginRoute()}. */
  public static final String LEGACY_LOGIN_BASE_URL = "https://app.wearepatchworks.com";
  /** The path of the older login route, posted {@code {"username", "password"}}. */
  public static final String LEGACY_LOGIN_PATH = "/fabric/api/login";
  /** The largest page Patchworks serves. */
  public static final int MAX_PAGE_SIZE = 100;

  private static final VendorParams PARAMS = VendorParams.builder(Vendor.PATCHWORKS)
      .paging("page", "per_page").build();
  private static final PageNumbers PAGES = PageNumbers.from(Vendor.PATCHWORKS, 1);
  static final Capabilities CAPABILITIES = Capabilities.builder()
      .supports(Operation.LIST_RUNS, Operation.GET_RUN, Operation.RETRY_RUN, Operation.STOP_RUN,
          Operation.COUNT_BY_STATUS, Operation.RETRY_RUNS, Operation.STOP_RUNS, Operation.LIST_LOGS)
      .retryModes(RetryMode.DEFAULT)
      .serverSide(Filter.FLOW_IDS, Filter.STATUSES, Filter.STARTED_AFTER, Filter.STARTED_BEFORE,
          Filter.TRIGGER, Filter.SEARCH)
      .build();
  /** The statuses Patchworks has, in code order; what {@link #countByStatus} counts by default. */
  private static final List<RunStatus> PATCHWORKS_STATUSES = RunMapper.STATUSES.statuses();

  private static final String NEWEST_FIRST_SORT = "-started_at";
  private static final MediaType JSON_MEDIA_TYPE = MediaType.get("application/json; charset=utf-8");
  /**
   * {@code sort=-started_at}: started_at descending, and (an inference: Patchworks runs on MySQL,
   * where NULL sorts lowest) runs not started yet last; equal times by id, highest first.
   */
  private static final Comparator<Run> NEWEST_FIRST = Comparator
      .comparing(Run::startedAt, Comparator.nullsLast(Comparator.<Instant>reverseOrder()))
      .thenComparing(Run::id, (a, b) -> compareIds(b, a));
  /** {@code sort=started_at}, the reverse. */
  private static final Comparator<Run> OLDEST_FIRST = NEWEST_FIRST.reversed();

  /** Checks, bulk actions and threads, shared by every vendor client (not API). */
  private final ClientCore core;
  private final Builder settings;
  private final HttpSettings http;
  private final String baseUrl;
  private final String loginBaseUrl;
  private final OkHttpClient httpClient;
  private final Transport transport;
  private final FlowRunLogsApi requests;

  private PatchworksClient(Builder settings, HttpSettings http, String baseUrl,
      String loginBaseUrl, OkHttpClient httpClient) {
    this.core = new ClientCore(this, Vendor.PATCHWORKS, true);
    this.settings = settings;
    this.http = http;
    this.baseUrl = baseUrl;
    this.loginBaseUrl = loginBaseUrl;
    this.httpClient = httpClient;
    this.transport = new Transport(Vendor.PATCHWORKS, httpClient, JSON.getGson(),
        new LaravelErrorParser(), http.secrets(), core.serverClock());
    // Builds requests only; never executes them, and is never handed out or changed.
    this.requests = new FlowRunLogsApi(newApiClient());
  }

  /**
   * Starts a builder.
   *
   * <pre>{@code PatchworksClient client = PatchworksClient.builder().apiKey(key).build();}</pre>
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding this client's settings (including its credentials), to derive a
   * differently configured client; this client is not changed.
   *
   * <pre>{@code PatchworksClient other = client.newBuilder().timeouts(longer).build();}</pre>
   *
   * @return a new builder initialised from this client
   */
  public Builder newBuilder() {
    return new Builder(settings);
  }

  /**
   * The generated Patchworks API, sending through this client's OkHttp client, base URL,
   * authentication, retries and timeouts. Its calls throw the generated {@code ApiException}, not
   * the flowruns exceptions. Each call returns a new instance; changing it does not change this
   * client.
   *
   * <pre>{@code Object queued = client.api().downloadFlowRunLogs("4294967297");}</pre>
   *
   * @return the generated flow run API
   */
  public FlowRunLogsApi api() {
    return new FlowRunLogsApi(newApiClient());
  }

  private ApiClient newApiClient() {
    ApiClient apiClient = new ApiClient(httpClient);
    apiClient.setBasePath(baseUrl);
    return apiClient;
  }

  @Override
  public Vendor vendor() {
    return core.vendor();
  }

  /**
   * What this client supports: every operation but {@code triggerRun}; every filter server-side
   * but tags.
   *
   * <pre>{@code client.capabilities().serverSide(Capabilities.Filter.STATUSES); // true}</pre>
   *
   * @return the capabilities
   */
  @Override
  public Capabilities capabilities() {
    return CAPABILITIES;
  }

  /**
   * Lists the runs a query selects, newest pages fetched only as they are consumed.
   *
   * <pre>{@code
   * client.listRuns(RunQuery.builder().flowIds("42").statuses(RunStatus.FAILED).build(),
   *     RequestOptions.builder().timeout(Duration.ofSeconds(10)).build())
   *     .forEach(run -> System.out.println(run.id()));
   * }</pre>
   *
   * @param query the runs to list
   * @param options options for every page request
   * @return the runs
   * @throws IllegalArgumentException if a vendor parameter names {@code page} or {@code per_page}
   */
  @Override
  public Paged<Run> listRuns(RunQuery query, RequestOptions options) {
    Filters filters = new Filters(query); // its PARAMS.check rejects a null query
    Integer perPage = query.pageSize().isPresent() ? query.pageSize().getAsInt() : null;
    PageFetcher<Run> fetcher;
    if (filters.matchesNothing) {
      fetcher = PageFetcher.empty();
    } else {
      // One listing per flow and per status (Patchworks' tools never send a comma list), merged
      // in the order the listings are sorted in.
      List<PageFetcher<Run>> listings = new ArrayList<>();
      for (String flowId : filters.flowListings) {
        for (String status : filters.statusListings) {
          listings.add(listing(filters, flowId, status, perPage));
        }
      }
      if (listings.size() == 1) {
        fetcher = listings.get(0);            // one listing: its own page tokens, unwrapped
      } else {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < listings.size(); i++) {
          keys.add(Integer.toString(i));
        }
        fetcher = MergedListing.<Run>builder(opts -> keys, key -> listings.get(listingIndex(key, keys)))
            .order(filters.order)
            .pageSize(perPage != null ? perPage : MAX_PAGE_SIZE)
            .identity(Run::id)
            .concurrency(core.listingThreads(), http.listingConcurrency())
            .describedAs(Vendor.PATCHWORKS, "listRuns")
            .build();
      }
    }
    return Pager.runs(fetcher, Vendor.PATCHWORKS, query)
        .options(options)
        .filter(filters.clientSide)
        .background(core.background())
        .build();
  }

  /** One flow's runs in one status (either may be null: not filtered), page by page. */
  /** The listing a merged token names; a token of another query names none. */
  private static int listingIndex(String key, List<String> keys) {
    int i = keys.indexOf(key);
    if (i < 0) {
      throw new IllegalArgumentException("Not a continuation token of this Patchworks listing");
    }
    return i;
  }

  private PageFetcher<Run> listing(Filters filters, String flowId, String status, Integer perPage) {
    return (token, opts) -> {
      int page = PAGES.decode(token);
      Request request = listRequest("listRuns", filters, flowId, status, page, perPage);
      return runPage(transport, request, opts, page);
    };
  }

  /**
   * Reads one run, asking Patchworks for its error and warning logs
   * ({@code include=errorWarningLogs}) so that a failed or partly failed run carries its
   * {@link Run#failedStep()}: the first error-level entry, its step ({@code flow_step.name}, else
   * {@code flow_step_id}) and its message.
   *
   * <pre>{@code Run run = client.getRun("4294967297", RequestOptions.defaults());}</pre>
   *
   * @param runId the run id
   * @param options per-call options
   * @return the run
   */
  @Override
  public Run getRun(String runId, RequestOptions options) {
    core.requireId(runId, "runId");
    Request request = transport.prepare("getRun", () -> requests.getFlowRunCall(runId,
        PatchworksItems.ERROR_LOGS_INCLUDE, null, null, null, null, null));
    return transport.execute("getRun", request, JsonElement.class, options,
        (JsonElement body) -> runIn(body).orElseThrow(
            () -> new IllegalStateException("the answer holds no flow run")));
  }

  /**
   * Retries a run. Patchworks has one kind of retry, {@link RetryMode#DEFAULT}. Its answer is not
   * documented: when it holds a run ({@code data} with an id) that run is returned, otherwise
   * (including an empty answer) the retried run is read again and returned.
   *
   * <pre>{@code Run run = client.retryRun("1001", RetryMode.DEFAULT, RequestOptions.defaults());}</pre>
   *
   * @param runId the run to retry
   * @param mode {@link RetryMode#DEFAULT}
   * @param options per-call options
   * @return the new run if Patchworks names it, else the retried run as it is now
   * @throws UnsupportedOperationException for any other mode, before any request
   */
  @Override
  public Run retryRun(String runId, RetryMode mode, RequestOptions options) {
    core.requireId(runId, "runId");
    requireDefault(mode);
    Request request = transport.prepare("retryRun", () -> requests.retryFlowRunCall(runId, null));
    Optional<Run> answered;
    try {
      answered = transport.execute("retryRun", request, JsonElement.class, options,
          (JsonElement body) -> Optional.ofNullable(runInData(body)));
    } catch (ResponseParseException e) {
      if (e.httpStatus().isEmpty() || e.httpStatus().getAsInt() / 100 != 2) {
        throw e;
      }
      answered = Optional.empty(); // accepted, but the answer is not a run we can read
    }
    return answered.orElseGet(() -> getRun(runId, options));
  }

  /**
   * Stops a running run.
   *
   * <pre>{@code client.stopRun("1001", RequestOptions.defaults());}</pre>
   *
   * @param runId the run to stop
   * @param options per-call options
   */
  @Override
  public void stopRun(String runId, RequestOptions options) {
    core.requireId(runId, "runId");
    Request request = transport.prepare("stopRun", () -> requests.stopFlowRunCall(runId, null));
    transport.executeDiscardingBody("stopRun", request, options);
  }

  /**
   * Counts runs by status with one {@code per_page=1} request per Patchworks status, reading
   * {@code meta.total}, with the query's other filters applied. Without a status filter it counts
   * the five statuses Patchworks has; with one, the statuses asked for (zero for those Patchworks
   * never reports; {@link RunStatus#UNKNOWN} as the total minus the five). Every counted status is
   * in the map, zero included. The query's limit does not apply.
   *
   * <pre>{@code long failed = client.countByStatus(RunQuery.all(), RequestOptions.defaults()).get(RunStatus.FAILED);}</pre>
   *
   * @param query the runs to count
   * @param options options for every request
   * @return the count of each status
   */
  @Override
  public Map<RunStatus, Long> countByStatus(RunQuery query, RequestOptions options) {
    Objects.requireNonNull(query, "query");
    Filters filters = new Filters(query);
    List<RunStatus> wanted = query.statuses().isEmpty()
        ? PATCHWORKS_STATUSES : new ArrayList<>(query.statuses());
    Map<RunStatus, Long> counts = new EnumMap<>(RunStatus.class);
    boolean unknownWanted = wanted.contains(RunStatus.UNKNOWN);
    long known = 0;
    for (RunStatus status : PATCHWORKS_STATUSES) {
      if (!wanted.contains(status) && !unknownWanted) {
        continue;
      }
      long count = filters.tagged ? 0 : total(filters, codeOf(status), options);
      known += count;
      if (wanted.contains(status)) {
        counts.put(status, count);
      }
    }
    if (unknownWanted) {
      counts.put(RunStatus.UNKNOWN,
          filters.tagged ? 0 : Math.max(0, total(filters, null, options) - known));
    }
    for (RunStatus status : wanted) {
      counts.putIfAbsent(status, 0L); // QUEUED, PAUSED, TIMED_OUT: Patchworks has none
    }
    return counts;
  }

  /** The number of runs in one status (null: any), summed over the query's flows, one by one. */
  private long total(Filters filters, String statusFilter, RequestOptions options) {
    long sum = 0;
    for (String flowId : filters.flowListings) {
      Request request = listRequest("countByStatus", filters, flowId, statusFilter, 1, 1);
      sum += transport.execute("countByStatus", request, FlowRunList.class, options,
          (FlowRunList list) -> {
            if (list.getMeta() == null || list.getMeta().getTotal() == null) {
              throw new IllegalStateException("the answer has no meta.total");
            }
            return list.getMeta().getTotal();
          });
    }
    return sum;
  }

  /**
   * Retries every run the query selects, one call per run, a few at a time.
   *
   * <pre>{@code BulkResult r = client.retryRuns(failedToday, RetryMode.DEFAULT, RequestOptions.defaults());}</pre>
   *
   * @param query the runs to retry
   * @param mode {@link RetryMode#DEFAULT}
   * @param options options for the listing and every retry
   * @return each run's outcome
   * @throws UnsupportedOperationException for any other mode, before any request
   */
  @Override
  public BulkResult retryRuns(RunQuery query, RetryMode mode, RequestOptions options) {
    requireDefault(mode);
    return core.retryRuns(query, mode, options);
  }

  /**
   * Stops every run the query selects, one call per run, a few at a time.
   *
   * <pre>{@code client.stopRuns(RunQuery.builder().statuses(RunStatus.RUNNING).build(), RequestOptions.defaults());}</pre>
   *
   * @param query the runs to stop
   * @param options options for the listing and every stop
   * @return each run's outcome
   */
  @Override
  public BulkResult stopRuns(RunQuery query, RequestOptions options) {
    return core.stopRuns(query, options);
  }

  /**
   * Lists a run's log entries (Patchworks keeps them seven days), page by page as consumed.
   *
   * <pre>{@code client.listLogs("4294967297", RequestOptions.defaults()).stream().map(RunLog::message)}</pre>
   *
   * @param runId the run
   * @param options options for every page request
   * @return the log entries
   */
  @Override
  public Paged<RunLog> listLogs(String runId, RequestOptions options) {
    core.requireId(runId, "runId");
    PageFetcher<RunLog> fetcher = (token, opts) -> {
      int page = PAGES.decode(token);
      Request request = transport.prepare("listLogs",
          () -> requests.listFlowRunLogsCall(runId, null, null, null, page, null, null));
      // Oldest first, as the vendor's own tool asks (sort=id); the order is not documented otherwise.
      Request sorted = request.newBuilder()
          .url(request.url().newBuilder().setQueryParameter("sort", "id").build()).build();
      return transport.execute("listLogs", sorted, JsonObject.class, opts,
          (JsonObject body) -> logPage(body, page, runId));
    };
    return Pager.builder(fetcher)
        .vendor(Vendor.PATCHWORKS)
        .operation("listLogs")
        .identity(RunLog::id)
        .options(options)
        .background(core.background())
        .build();
  }

  /** Closes the client; runs and pages already handed out stay readable. */
  @Override
  public void close() {
    core.close();
    transport.close();
    http.release(httpClient);
  }

  @Override
  public String toString() {
    return "PatchworksClient{baseUrl=" + Redaction.redactUrl(baseUrl)
        + (loginBaseUrl == null ? ", auth=apiKey"
            : ", auth=login, loginBaseUrl=" + Redaction.redactUrl(loginBaseUrl))
        + "}";
  }

  // ---------------------------------------------------------------------------------------------

  private Request listRequest(String operation, Filters f, String flowId, String statusFilter,
      int page, Integer perPage) {
    // sort=-started_at always: the vendor's tools never rely on the server's default order.
    Request request = transport.prepare(operation, () -> requests.listFlowRunsCall(
        null, flowId, null, null, f.trigger, statusFilter, f.search, f.startedBefore,
        f.startedAfter, null, null, null, null, NEWEST_FIRST_SORT, null, null, null, null, page,
        perPage, null));
    return VendorParams.apply(request, f.vendorParams);
  }

  /**
   * Reads a list page: streamed ({@link StreamedRunPage}) from the page's bytes, read once; the
   * tree reading of the same bytes ({@link #runPage(JsonObject, int)}) only for a page the stream
   * gives up on, and then that reading's runs or error are the answer.
   */
  static Page<Run> runPage(Transport transport, Request request, RequestOptions options, int page) {
    return transport.executeTwoWays("listRuns", request, options,
        StreamedRunPage.GSON, StreamedRunPage.class, (StreamedRunPage streamed) -> streamed.noItems
            ? Page.of(List.of(), null) : page(streamed.runs, meta(streamed.meta), page),
        JsonObject.class, (JsonObject body) -> runPage(body, page));
  }

  /** A page of runs read from its tree: what {@link StreamedRunPage} must give when it reads one. */
  static Page<Run> runPage(JsonObject body, int page) {
    List<Run> runs = Items.map(data(body), item -> {
      if (item.isJsonNull()) {
        return null;
      }
      if (!item.isJsonObject()) {
        throw new IllegalStateException("a flow run that is not a JSON object");
      }
      return PatchworksItems.run(item.getAsJsonObject());
    });
    return page(runs, body, page);
  }

  /** A page of logs; an item that is not an object is skipped, an odd field left empty. */
  private static Page<RunLog> logPage(JsonObject body, int page, String runId) {
    return page(Items.map(data(body), item -> PatchworksItems.log(item, runId)), body, page);
  }

  private static JsonArray data(JsonObject body) {
    JsonElement data = body.get("data");
    if (data == null || data.isJsonNull()) {
      return new JsonArray();
    }
    if (!data.isJsonArray()) {
      throw new IllegalStateException("data is not a list");
    }
    return data.getAsJsonArray();
  }

  private static <T> Page<T> page(List<T> items, JsonObject body, int page) {
    if (items.isEmpty() && data(body).isEmpty()) {
      return Page.of(List.of(), null);
    }
    return page(items, meta(body.get("meta")), page);
  }

  /** {@code meta} when it is an object, else null. */
  static PaginationMeta meta(JsonElement meta) {
    return meta != null && meta.isJsonObject() ? JSON.getGson().fromJson(meta, PaginationMeta.class) : null;
  }

  /** A page of items that are not all absent; {@code meta} (null: none) bounds the listing. */
  static <T> Page<T> page(List<T> items, PaginationMeta meta, int page) {
    // Without meta, pages continue until an empty one. With it, the answer's own count of pages
    // bounds the listing: a server that keeps saying "more" past it ends with an error.
    Long lastPage = meta == null ? null : reportedLastPage(meta);
    long current = meta != null && meta.getCurrentPage() != null ? meta.getCurrentPage() : page;
    boolean more = lastPage == null || current < lastPage;
    return Page.of(items, PAGES.next(page, more, lastPage,
        meta != null && meta.getLastPage() != null ? "meta.last_page" : "meta.total / meta.per_page"));
  }

  /** {@code meta.last_page}, else {@code ceil(total / per_page)}, else null. */
  private static Long reportedLastPage(PaginationMeta meta) {
    if (meta.getLastPage() != null) {
      return meta.getLastPage().longValue();
    }
    if (meta.getTotal() != null && meta.getPerPage() != null && meta.getPerPage() > 0) {
      long total = meta.getTotal();
      return total <= 0 ? 1L : (total - 1) / meta.getPerPage() + 1;   // no overflow near Long.MAX_VALUE
    }
    return null;
  }

  /** Numeric ids by value (they can exceed a long's digits), anything else as text. */
  private static int compareIds(String a, String b) {
    if (isDigits(a) && isDigits(b)) {
      String x = a.replaceFirst("^0+(?=.)", "");
      String y = b.replaceFirst("^0+(?=.)", "");
      return x.length() != y.length() ? Integer.compare(x.length(), y.length()) : x.compareTo(y);
    }
    return a.compareTo(b);
  }

  private static boolean isDigits(String s) {
    return !s.isEmpty() && s.chars().allMatch(c -> c >= '0' && c <= '9');
  }

  private static void requireDefault(RetryMode mode) {
    Objects.requireNonNull(mode, "mode");
    if (mode != RetryMode.DEFAULT) {
      throw new UnsupportedOperationException("Patchworks retries a run one way only "
          + "(RetryMode.DEFAULT); RetryMode." + mode + " is not supported");
    }
  }

  private static String codeOf(RunStatus status) {
    return RunMapper.STATUSES.vendorValues(Set.of(status)).stream()
        .map(FlowRunStatus::raw).collect(Collectors.joining(","));
  }

  /** The run in a get-one answer: {@code data} (flat or JSON:API), or a bare run. */
  private static Optional<Run> runIn(JsonElement body) {
    Run run = runInData(body);
    if (run == null && body.isJsonObject() && body.getAsJsonObject().has("id")) {
      run = PatchworksItems.runWithFailedStep(body.getAsJsonObject(), body.getAsJsonObject());
    }
    return Optional.ofNullable(run);
  }

  /** The run under {@code data}, if there is one with an id. */
  private static Run runInData(JsonElement body) {
    if (!body.isJsonObject()) {
      return null;
    }
    JsonElement data = body.getAsJsonObject().get("data");
    if (data == null || !data.isJsonObject()) {
      return null;
    }
    JsonObject object = data.getAsJsonObject();
    JsonElement attributes = object.get("attributes");
    boolean hasId = isPresent(object.get("id"))
        || (attributes != null && attributes.isJsonObject() && isPresent(attributes.getAsJsonObject().get("id")));
    return hasId ? PatchworksItems.runWithFailedStep(body.getAsJsonObject(), object) : null;
  }

  private static boolean isPresent(JsonElement element) {
    return element != null && !element.isJsonNull();
  }

  /** A query turned into Patchworks filter values, once per call. */
  private static final class Filters {
    /** One listing per flow id; {@code [null]}: not filtered by flow. */
    final List<String> flowListings;
    /** One listing per status code; {@code [null]}: not filtered by status on the server. */
    final List<String> statusListings;
    /** The order the listings come in, and the merge keeps. */
    final Comparator<Run> order;
    final Long startedAfter;
    final Long startedBefore;
    final String trigger;
    final String search;
    final boolean tagged;
    final boolean matchesNothing;
    final Predicate<Run> clientSide;
    /** The query's vendor parameters, checked; each replaces ours of the same name. */
    final Map<String, String> vendorParams;

    Filters(RunQuery query) {
      vendorParams = PARAMS.check(query);
      // A vendor parameter replaces ours on every request: then one listing, not one per value.
      flowListings = query.flowIds().isEmpty() || vendorParams.containsKey("filter[flow_id]")
          ? Collections.singletonList(null) : List.copyOf(new LinkedHashSet<>(query.flowIds()));
      Set<RunStatus> statuses = query.statuses();
      List<FlowRunStatus> codes = RunMapper.STATUSES.serverFilter(statuses);
      statusListings = codes == null || codes.isEmpty() || vendorParams.containsKey("filter[status]")
          ? Collections.singletonList(null)
          : codes.stream().map(FlowRunStatus::raw).toList();
      order = "started_at".equals(vendorParams.get("sort")) ? OLDEST_FIRST : NEWEST_FIRST;
      startedAfter = Times.epochMillis(query.startedAfter());
      startedBefore = Times.epochMillis(query.startedBefore());
      trigger = query.trigger() == null ? null : canonicalTrigger(query.trigger());
      search = query.search();
      tagged = !query.tags().isEmpty();
      matchesNothing = tagged || RunMapper.STATUSES.matchesNothing(statuses);
      Predicate<Run> filter = null;
      if (!statuses.isEmpty()) {
        filter = run -> statuses.contains(run.status());
      }
      if (tagged) {
        List<String> tags = query.tags();
        Predicate<Run> hasTags = run -> run.tags().containsAll(tags);
        filter = filter == null ? hasTags : filter.and(hasTags);
      }
      clientSide = filter;
    }

    /** A documented trigger in any case is sent as Patchworks spells it ("webhook" as "Webhook"). */
    private static String canonicalTrigger(String trigger) {
      for (FlowRunTrigger known : FlowRunTrigger.values()) {
        if (known.raw().equalsIgnoreCase(trigger.trim())) {
          return known.raw();
        }
      }
      return trigger;
    }
  }

  /**
   * Builds a {@link PatchworksClient}. Set exactly one of {@link #apiKey(String)} (sent as it is
   * in {@code Authorization}, no {@code Bearer}) and {@link #login(String, String)}.
   * {@link #baseUrl(String)} replaces {@value PatchworksClient#DEFAULT_BASE_URL}; the paths
   * ({@code /api/v1/...}) are appended unchanged. The settings every vendor shares are described
   * on {@link FlowRunsClientBuilder}; {@link #toString()} never shows the key or the password.
   *
   * <pre>{@code
   * PatchworksClient client = PatchworksClient.builder()
   *     .login("ops@example.com", System.getenv("PATCHWORKS_PASSWORD"))
   *     .retryPolicy(RetryPolicy.defaults())
   *     .timeouts(Timeouts.builder().call(Duration.ofSeconds(30)).build())
   *     .build();
   * }</pre>
   */
  public static final class Builder extends FlowRunsClientBuilder<Builder, PatchworksClient> {
    private String username;
    private String password;
    private String loginBaseUrl;
    private boolean legacyLoginRoute;
    private String loginPath;
    private String loginUsernameField;
    private String loginTokenPath;
    private Clock clock = Clock.systemUTC();

    private Builder() {
      super(Vendor.PATCHWORKS, DEFAULT_BASE_URL);
    }

    private Builder(Builder from) {
      super(from);
      this.username = from.username;
      this.password = from.password;
      this.loginBaseUrl = from.loginBaseUrl;
      this.legacyLoginRoute = from.legacyLoginRoute;
      this.loginPath = from.loginPath;
      this.loginUsernameField = from.loginUsernameField;
      this.loginTokenPath = from.loginTokenPath;
      this.clock = from.clock;
    }

    /**
     * Logs in with a Patchworks user's e-mail address (the older route's username) and password
     * instead of an API key, and sends the token as {@code Authorization: Bearer <token>},
     * renewed before it expires. By default the current route is used: {@code POST
     * https://svc-fabric.pwks.co/api/v1/login} with {@code {"email": ..., "password": ...}}, the
     * token read at {@code data.token}; see {@link #legacyLoginRoute()} for the older one.
     *
     * <pre>{@code PatchworksClient.builder().login("ops@example.com", System.getenv("PATCHWORKS_PASSWORD"))}</pre>
     *
     * @param username the user's e-mail address
     * @param password the password; kept only in memory, never shown
     * @return this builder
     */
    public Builder login(String username, String password) {
      this.username = username;
      this.password = password;
      return this;
    }

    /**
     * Replaces the login server ({@value #DEFAULT_LOGIN_BASE_URL}, or
     * {@value #LEGACY_LOGIN_BASE_URL} with {@link #legacyLoginRoute()}); the login path is
     * appended to it. Checked at {@link #build()} like {@link #baseUrl(String)}: plain {@code http}
     * only for a loopback host or with {@link #allowInsecureHttp(boolean)}.
     *
     * <pre>{@code builder.loginBaseUrl("https://login.example.com")}</pre>
     *
     * @param loginBaseUrl an absolute http(s) URL, or null for the default
     * @return this builder
     */
    public Builder loginBaseUrl(String loginBaseUrl) {
      this.loginBaseUrl = loginBaseUrl;
      return this;
    }

    /**
     * Logs in on Patchworks' older route: {@code POST
     * https://app.wearepatchworks.com/fabric/api/login} with {@code {"username": ..., "password":
     * ...}}, the token at the answer's top-level {@code token}, its lifetime in
     * {@code expires_in}. Settings made with {@link #loginBaseUrl(String)},
     * {@link #loginPath(String)}, {@link #loginUsernameField(String)} and
     * {@link #loginTokenPath(String)} still apply over it, in any order.
     *
     * <pre>{@code PatchworksClient.builder().login(user, password).legacyLoginRoute().build();}</pre>
     *
     * @return this builder
     */
    public Builder legacyLoginRoute() {
      this.legacyLoginRoute = true;
      return this;
    }

    /**
     * Replaces the path posted on the login server ({@value #DEFAULT_LOGIN_PATH}, or
     * {@value #LEGACY_LOGIN_PATH} with {@link #legacyLoginRoute()}).
     *
     * <pre>{@code builder.loginPath("/fabric/api/login")}</pre>
     *
     * @param loginPath a path starting with {@code /}, or null for the route's own
     * @return this builder
     */
    public Builder loginPath(String loginPath) {
      this.loginPath = loginPath;
      return this;
    }

    /**
     * Replaces the name of the JSON field that carries the user in the login body
     * ({@code email}, or {@code username} with {@link #legacyLoginRoute()}).
     *
     * <pre>{@code builder.loginUsernameField("username")}</pre>
     *
     * @param field the field name, or null for the route's own
     * @return this builder
     */
    public Builder loginUsernameField(String field) {
      this.loginUsernameField = field;
      return this;
    }

    /**
     * Replaces where the token is read in the login answer, as dot-separated member names
     * ({@code data.token}, or {@code token} with {@link #legacyLoginRoute()}). Its lifetime is
     * read from an {@code expires_in} (seconds) beside it, or at the top level; without one the
     * token is renewed after a 401.
     *
     * <pre>{@code builder.loginTokenPath("token")}</pre>
     *
     * @param path e.g. {@code "data.token"}, or null for the route's own
     * @return this builder
     */
    public Builder loginTokenPath(String path) {
      this.loginTokenPath = path;
      return this;
    }

    /** The time source for token expiry; tests pass a fixed clock. */
    Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Builds the client.
     *
     * <pre>{@code PatchworksClient client = PatchworksClient.builder().apiKey(key).build();}</pre>
     *
     * @return the client
     * @throws IllegalArgumentException if neither an API key nor a login is set, a login lacks
     *     its username or password, the key holds control characters, or a URL is unusable
     * @throws IllegalStateException if both an API key and a login are set
     */
    @Override
    public PatchworksClient build() {
      boolean hasLogin = username != null || password != null;
      if (hasApiKey() && hasLogin) {
        throw new IllegalStateException(
            "Patchworks takes apiKey or login(username, password), not both");
      }
      if (!hasApiKey() && !hasLogin) {
        throw new IllegalArgumentException(
            "Patchworks needs apiKey or login(username, password): neither is set");
      }
      HttpSettings http = BuilderAccess.httpSettings(this);
      // vendors.md: 240 requests a minute on every plan; the adaptive budget starts from it.
      http.documentedRateLimit(240, Duration.ofMinutes(1));
      String base = http.resolveBaseUrl();
      OkHttpClient client;
      String loginBase = null;
      if (hasLogin) {
        ClientCore.requireNonBlank(Vendor.PATCHWORKS, username, "username (login)");
        ClientCore.requireNonBlank(Vendor.PATCHWORKS, password, "password (login)");
        // Before the first login: a login server echoing the password (or the Base64 of
        // username:password) in its error finds it masked, as are the tokens it hands out.
        http.secrets().addLogin(username, password);
        loginBase = http.checkUrl("loginBaseUrl", loginBaseUrl != null ? loginBaseUrl
            : legacyLoginRoute ? LEGACY_LOGIN_BASE_URL : DEFAULT_LOGIN_BASE_URL);
        String path = loginPath != null ? loginPath
            : legacyLoginRoute ? LEGACY_LOGIN_PATH : DEFAULT_LOGIN_PATH;
        if (!path.startsWith("/")) {
          throw new IllegalArgumentException("Patchworks loginPath must start with /: " + path);
        }
        String field = loginUsernameField != null ? loginUsernameField
            : legacyLoginRoute ? "username" : "email";
        ClientCore.requireNonBlank(Vendor.PATCHWORKS, field, "loginUsernameField");
        String tokenPath = loginTokenPath != null ? loginTokenPath
            : legacyLoginRoute ? "token" : "data.token";
        ClientCore.requireNonBlank(Vendor.PATCHWORKS, tokenPath, "loginTokenPath");
        HttpUrl loginUrl = HttpUrl.get(loginBase.replaceAll("/+$", "") + path);
        client = http.buildClient(TokenAuth.create(
            loginProvider(http, loginUrl, field, List.of(tokenPath.split("\\."))), clock));
      } else {
        client = http.buildClient(ApiKeyAuth.raw(requireApiKey()));
      }
      return new PatchworksClient(new Builder(this), http, base, loginBase, client);
    }

    /**
     * Posts {@code {<field>: user, "password": password}} to {@code loginUrl} on a client without
     * authentication, and reads the token at {@code tokenPath}.
     */
    private TokenProvider loginProvider(HttpSettings http, HttpUrl loginUrl, String field,
        List<String> tokenPath) {
      OkHttpClient loginClient = http.buildClient();
      Transport loginTransport = new Transport(Vendor.PATCHWORKS, loginClient, JSON.getGson(),
          new LaravelErrorParser(), http.secrets());
      String user = username;
      String secret = password;
      Clock time = clock;
      String where = String.join(".", tokenPath);
      return () -> {
        JsonObject body = new JsonObject();
        body.addProperty(field, user);
        body.addProperty("password", secret);
        Request request = new Request.Builder().url(loginUrl)
            .header("Accept", "application/json")
            .post(RequestBody.create(body.toString(), JSON_MEDIA_TYPE))
            .build();
        return loginTransport.execute("login", request, JsonElement.class,
            RequestOptions.defaults(), (JsonElement answer) -> {
              JsonObject holder = null;
              JsonElement token = answer;
              for (String name : tokenPath) {
                holder = token != null && token.isJsonObject() ? token.getAsJsonObject() : null;
                token = holder == null ? null : holder.get(name);
              }
              if (token == null || !token.isJsonPrimitive() || token.getAsString().isBlank()) {
                throw loginTransport.unreadable("login", "the login answer holds no token at " + where);
              }
              Long seconds = expiresIn(holder);
              if (seconds == null && answer.isJsonObject()) {
                seconds = expiresIn(answer.getAsJsonObject());
              }
              Instant expiresAt = seconds == null || seconds <= 0 ? null : time.instant().plusSeconds(seconds);
              // Registered as soon as it is obtained, not at its first use.
              http.secrets().addObtained(token.getAsString());
              return AccessToken.of(token.getAsString(), expiresAt);
            });
      };
    }

    private static Long expiresIn(JsonObject holder) {
      JsonElement e = holder == null ? null : holder.get("expires_in");
      if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
        return null;
      }
      try {
        return e.getAsBigDecimal().longValueExact();
      } catch (ArithmeticException notWhole) {
        return null;
      }
    }

    @Override
    protected String describeVendorSettings() {
      return "login=" + (username != null || password != null ? "[redacted]" : "unset")
          + (legacyLoginRoute ? ", legacyLoginRoute" : "")
          + (loginBaseUrl != null ? ", loginBaseUrl=" + Redaction.redactUrl(loginBaseUrl) : "")
          + (loginPath != null ? ", loginPath=" + loginPath : "");
    }
  }
}
