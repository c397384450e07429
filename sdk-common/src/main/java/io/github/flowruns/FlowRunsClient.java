package io.github.flowruns;

import io.github.flowruns.http.RequestOptions;
import io.github.flowruns.internal.RunFeeds;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * One typed API for the flow runs of every supported vendor. Implementations are immutable,
 * thread-safe and meant to be shared: create one per vendor account and close it when done.
 *
 * <pre>{@code
 * try (FlowRunsClient client = FlowRunsClients.create(Vendor.ACTIVEPIECES,
 *         Map.of("apiKey", System.getenv("AP_KEY"), "projectId", "p1"))) {
 *   RunQuery failed = RunQuery.builder()
 *       .statuses(RunStatus.FAILED)
 *       .startedAfter(Instant.now().minus(Duration.ofDays(1)))
 *       .build();
 *   for (Run run : client.listRuns(failed)) {
 *     client.retryRun(run.id(), RetryMode.FROM_FAILED_STEP);
 *   }
 * } catch (NotFoundException e) {
 *   ...
 * }
 * }</pre>
 *
 * <p>Every operation exists with a trailing {@link RequestOptions} (timeout, retries, extra
 * headers for that call); the short form uses {@link RequestOptions#defaults()}. An operation the
 * vendor lacks throws {@link UnsupportedOperationException} naming the vendor and the operation;
 * {@link #capabilities()} says so beforehand. Failures are {@link FlowRunsException}s.
 *
 * <p>For implementations: every operation but {@link #vendor()}, {@link #capabilities()} and
 * {@link #close()} has a default; an operation not overridden throws
 * {@link UnsupportedOperationException}, except {@link #countByStatus(RunQuery, RequestOptions)},
 * which counts the runs {@link #listRuns(RunQuery, RequestOptions)} gives. Bulk retry and stop must
 * be overridden by a client that offers them.
 */
public interface FlowRunsClient extends AutoCloseable {

  /**
   * The vendor this client talks to.
   *
   * @return the vendor
   */
  Vendor vendor();

  /**
   * Which operations this client supports and which filters run server-side.
   *
   * <pre>{@code client.capabilities().supports(Capabilities.Operation.STOP_RUN)}</pre>
   *
   * @return the capabilities
   */
  Capabilities capabilities();

  /**
   * Lists runs, lazily and page by page.
   *
   * <pre>{@code client.listRuns(RunQuery.all()).stream().limit(20).forEach(System.out::println);}</pre>
   *
   * @param query the filters and limit
   * @return the runs; pages are fetched as they are consumed
   */
  default Paged<Run> listRuns(RunQuery query) {
    return listRuns(query, RequestOptions.defaults());
  }

  /**
   * Lists runs with per-call options applied to every page.
   *
   * @param query the filters and limit
   * @param options per-call options
   * @return the runs
   * @throws UnsupportedOperationException unless the client implements it (see
   *     {@link #capabilities()})
   */
  default Paged<Run> listRuns(RunQuery query, RequestOptions options) {
    throw unsupported(Capabilities.Operation.LIST_RUNS);
  }

  /**
   * Gets one run, with its steps where the vendor gives them.
   *
   * <pre>{@code Run run = client.getRun("run_123");}</pre>
   *
   * @param runId the run id
   * @return the run
   * @throws NotFoundException if there is no such run
   */
  default Run getRun(String runId) {
    return getRun(runId, RequestOptions.defaults());
  }

  /**
   * Gets one run with per-call options.
   *
   * @param runId the run id
   * @param options per-call options
   * @return the run
   * @throws UnsupportedOperationException unless the client implements it (see
   *     {@link #capabilities()})
   */
  default Run getRun(String runId, RequestOptions options) {
    throw unsupported(Capabilities.Operation.GET_RUN);
  }

  /**
   * Retries a run.
   *
   * <pre>{@code Run again = client.retryRun(id, RetryMode.FROM_FAILED_STEP);}</pre>
   *
   * @param runId the run id
   * @param mode how to retry; {@link RetryMode#DEFAULT} for the vendor's only kind
   * @return the new (or re-queued) run
   */
  default Run retryRun(String runId, RetryMode mode) {
    return retryRun(runId, mode, RequestOptions.defaults());
  }

  /**
   * Retries a run with per-call options.
   *
   * @param runId the run id
   * @param mode how to retry
   * @param options per-call options
   * @return the new (or re-queued) run
   * @throws UnsupportedOperationException unless the client implements it (see
   *     {@link #capabilities()})
   */
  default Run retryRun(String runId, RetryMode mode, RequestOptions options) {
    throw unsupported(Capabilities.Operation.RETRY_RUN);
  }

  /**
   * Stops (cancels) a run.
   *
   * <pre>{@code client.stopRun(id);}</pre>
   *
   * @param runId the run id
   */
  default void stopRun(String runId) {
    stopRun(runId, RequestOptions.defaults());
  }

  /**
   * Stops a run with per-call options.
   *
   * @param runId the run id
   * @param options per-call options
   * @throws UnsupportedOperationException unless the client implements it (see
   *     {@link #capabilities()})
   */
  default void stopRun(String runId, RequestOptions options) {
    throw unsupported(Capabilities.Operation.STOP_RUN);
  }

  /**
   * Starts a run of a flow.
   *
   * <pre>{@code Run run = client.triggerRun("flow_1", Map.of("orderId", 42));}</pre>
   *
   * @param flowId the flow id
   * @param data the input, serialised as a JSON object; may be empty
   * @return the new run
   */
  default Run triggerRun(String flowId, Map<String, ?> data) {
    return triggerRun(flowId, data, RequestOptions.defaults());
  }

  /**
   * Starts a run of a flow with per-call options.
   *
   * @param flowId the flow id
   * @param data the input
   * @param options per-call options
   * @return the new run
   * @throws UnsupportedOperationException unless the client implements it (see
   *     {@link #capabilities()})
   */
  default Run triggerRun(String flowId, Map<String, ?> data, RequestOptions options) {
    throw unsupported(Capabilities.Operation.TRIGGER_RUN);
  }

  /**
   * Counts the runs matching a query by status.
   *
   * <pre>{@code long failed = client.countByStatus(RunQuery.all()).getOrDefault(RunStatus.FAILED, 0L);}</pre>
   *
   * @param query the filters
   * @return counts; statuses with no run may be absent
   */
  default Map<RunStatus, Long> countByStatus(RunQuery query) {
    return countByStatus(query, RequestOptions.defaults());
  }

  /**
   * Counts runs by status with per-call options.
   *
   * @param query the filters
   * @param options per-call options
   * @return counts
   * @throws UnsupportedOperationException if the client cannot list runs and does not implement it
   */
  default Map<RunStatus, Long> countByStatus(RunQuery query, RequestOptions options) {
    // Counting by listing needs only the public API, so every client gets it without a base class.
    if (!capabilities().supports(Capabilities.Operation.LIST_RUNS)) {
      throw unsupported(Capabilities.Operation.COUNT_BY_STATUS);
    }
    Map<RunStatus, Long> counts = new EnumMap<>(RunStatus.class);
    for (Run run : listRuns(query, options)) {
      counts.merge(run.status(), 1L, Long::sum);
    }
    return counts;
  }

  /**
   * Retries every run matching a query: server-side where the vendor has a bulk endpoint, else
   * one call per run with bounded concurrency.
   *
   * <pre>{@code BulkResult r = client.retryRuns(failedQuery, RetryMode.DEFAULT);}</pre>
   *
   * @param query the runs to retry
   * @param mode how to retry
   * @return each run's outcome
   */
  default BulkResult retryRuns(RunQuery query, RetryMode mode) {
    return retryRuns(query, mode, RequestOptions.defaults());
  }

  /**
   * Retries runs with per-call options (applied to every request made).
   *
   * @param query the runs to retry
   * @param mode how to retry
   * @param options per-call options
   * @return each run's outcome
   * @throws UnsupportedOperationException unless the client implements it (see
   *     {@link #capabilities()})
   */
  default BulkResult retryRuns(RunQuery query, RetryMode mode, RequestOptions options) {
    throw unsupported(Capabilities.Operation.RETRY_RUNS);
  }

  /**
   * Stops every run matching a query.
   *
   * <pre>{@code client.stopRuns(RunQuery.builder().statuses(RunStatus.QUEUED).build());}</pre>
   *
   * @param query the runs to stop
   * @return each run's outcome
   */
  default BulkResult stopRuns(RunQuery query) {
    return stopRuns(query, RequestOptions.defaults());
  }

  /**
   * Stops runs with per-call options.
   *
   * @param query the runs to stop
   * @param options per-call options
   * @return each run's outcome
   * @throws UnsupportedOperationException unless the client implements it (see
   *     {@link #capabilities()})
   */
  default BulkResult stopRuns(RunQuery query, RequestOptions options) {
    throw unsupported(Capabilities.Operation.STOP_RUNS);
  }

  /**
   * Lists the log entries of a run (Patchworks).
   *
   * <pre>{@code client.listLogs(runId).forEach(l -> System.out.println(l.message()));}</pre>
   *
   * @param runId the run id
   * @return the entries, lazily paged
   */
  default Paged<RunLog> listLogs(String runId) {
    return listLogs(runId, RequestOptions.defaults());
  }

  /**
   * Lists log entries with per-call options.
   *
   * @param runId the run id
   * @param options per-call options
   * @return the entries
   * @throws UnsupportedOperationException unless the client implements it (see
   *     {@link #capabilities()})
   */
  default Paged<RunLog> listLogs(String runId, RequestOptions options) {
    throw unsupported(Capabilities.Operation.LIST_LOGS);
  }

  /**
   * Waits until a run is terminal and returns it, polling {@link #getRun(String, RequestOptions)}.
   *
   * <pre>{@code
   * Run run = client.awaitRun(client.triggerRun("flow_1", Map.of()).id(), Duration.ofMinutes(30));
   * if (run.status().isFailure()) { ... }
   * }</pre>
   *
   * @param runId the run id, as any run of this client gives it
   * @param timeout the overall deadline, from now
   * @return the run, terminal
   * @throws RunWaitTimeoutException when the deadline passes first
   * @see #awaitRun(String, Duration, RequestOptions)
   */
  default Run awaitRun(String runId, Duration timeout) {
    return awaitRun(runId, timeout, RequestOptions.defaults());
  }

  /**
   * Waits until a run is terminal, with per-call options applied to every poll.
   *
   * <p>One overall deadline: no poll starts after it and none outlives it (each poll's timeout,
   * retries and {@code Retry-After} waits included). Polls back off from about 1 s to 30 s, and a
   * poll answered 429 or 503 waits what the server asks, within the deadline. A failure that
   * waiting cannot cure (401, 403, 404, an unreadable body) is thrown at once; a failed poll that
   * the client's {@code RetryPolicy} gave up on (429, 5xx, I/O) is counted, and polling goes on
   * until the deadline.
   *
   * @param runId the run id
   * @param timeout the overall deadline, from now; positive
   * @param options per-call options for every poll; their {@code timeout} is capped by what is
   *     left of the deadline
   * @return the run, terminal
   * @throws RunWaitTimeoutException when the deadline passes first, with the last run seen
   * @throws TransportException if the waiting thread is interrupted (its interrupt flag stays
   *     set; a poll in flight ends first)
   * @throws IllegalArgumentException if {@code runId} is null or blank or {@code timeout} is null,
   *     zero or negative
   * @throws UnsupportedOperationException if the vendor has no {@code getRun}
   */
  default Run awaitRun(String runId, Duration timeout, RequestOptions options) {
    if (!capabilities().supports(Capabilities.Operation.GET_RUN)) {
      throw unsupported(Capabilities.Operation.AWAIT_RUN);
    }
    return RunWaiter.await(this, runId, timeout, options);
  }

  /**
   * Watches the runs a query selects: new runs and status changes, resumable from a checkpoint.
   *
   * <pre>{@code
   * RunFeed feed = client.watchRuns(RunQuery.builder().statuses(RunStatus.FAILED).build(),
   *     WatchOptions.builder().checkpoint(saved).build());
   * }</pre>
   *
   * <p><b>How it sweeps.</b> Each {@link RunFeed#poll()} lists the query's runs newest first, up
   * to 100 a page, from a lower bound {@code max(since, W - lookback)}, where {@code W} (the watermark)
   * is the vendor's time when the last successful poll started, read from its {@code Date}
   * header (a machine whose clock is off misses nothing). Where the vendor filters by start time
   * the bound is sent; elsewhere the listing stops at the first run older than it. With nothing
   * new, a poll therefore costs the same requests however long the history: one listing page (a
   * page per flow where the vendor lists by flow, and the flows where none are given). Runs
   * started before {@code since} are never reported; a run not started yet (no start time) is.
   * After a page boundary the first page below the boundary's second is listed once more, for a
   * vendor whose paging could skip runs at a boundary (a cursor compared at a coarser precision
   * than its times; Activepieces' own cursor does that, which is why its client pages by
   * creation time instead and misses none). Only sweeps of more than 80 runs have boundaries.
   *
   * <p><b>Following runs.</b> The status filter is applied by the feed, not sent: a run is
   * followed in every status until it is terminal, so a run that is RUNNING when it leaves the
   * window and FAILED hours later is reported. Runs not terminal and older than the window are
   * read with {@code getRun} while there are at most 16 of them (more, or a vendor without
   * {@code getRun}, widen the listing to the oldest of them instead, reading at most the 5,000
   * runs of the cap below: older ones are then not read in that poll), for {@code trackFor}
   * after the feed first saw them. With a status filter, the first event a consumer gets for a run is
   * {@link RunEvent.Type#NEW} (previous status null) even if the feed followed it before in a
   * status the filter leaves out. A terminal run that a retry re-queues in place (Activepieces'
   * {@code FROM_FAILED_STEP}) is seen again only while it is inside the window.
   *
   * <p><b>Catching up.</b> A poll lists at most 5,000 runs of its window. When the window holds
   * more (a feed that was down for a day on a busy account, a {@code since} far back, a lookback
   * that alone holds that many) and the vendor filters by start time on both ends server-side
   * ({@link Capabilities.Filter#STARTED_AFTER} and {@link Capabilities.Filter#STARTED_BEFORE}:
   * Patchworks, StackAI, Activepieces), the poll does not fail. It reports the oldest slice
   * {@code [lower bound, U)} that fits, cut at a whole second {@code U} learned from where the
   * capped listing ended (about half the cap past {@code W} at that density; a cut that still
   * overflows is at least halved), and sets {@code W} to {@code U}, so each following poll goes
   * on from there, oldest slices first, until it reaches the vendor's now and the feed is back to
   * its steady cost. Each slice still re-reads the lookback behind {@code W} (runs that show up
   * late, or that waited in Activepieces' queue across the last slice's top, are seen), but only
   * as much of it as fits in the cap beside the runs since {@code W}: past that, runs not terminal
   * keep being followed by {@code getRun}, and a run that shows up that late can be missed. No
   * run is missed or reported twice at a slice's edge. A poll reports about the cap at most (its
   * listing holds at most 5,000 runs; the relists of its page boundaries add the runs those hid).
   * A catching-up poll costs about three times the cap's pages, some 200 requests: the capped
   * window, the slice, and a relist per page boundary (10,800 runs on a simulator: 5 polls, 515
   * requests). It fails only when more than 5,000 runs started within one second. Where the vendor cannot bound a listing by start time on both ends (FlowStack), a
   * window holding more than 5,000 runs fails the poll with a {@link FlowRunsException} that says
   * what to do (watch fewer flows per feed, poll more often, or start a new feed later) and
   * changes nothing; a server that pages forever fails it too.
   *
   * <p><b>Bounds.</b> At most 1,000 runs older than the window are followed; past that the
   * one followed longest stops being followed. So a feed remembers at most 6,000 runs: about
   * 1 MB of heap at most (besides the runs of the batch a poll returns), and a checkpoint of about 12 to 30 characters a run (deflated; an
   * id counts at most 200 characters: a longer one is remembered by its hash and not read with
   * {@code getRun}), at most about 2 MB. A poll that throws changes nothing. The checkpoint holds
   * the vendor's name, a hash of the query, {@code since}, {@code W} and for each run its id and
   * statuses: no credential and no run data.
   *
   * @param query the runs to watch; its {@code limit} and {@code pageSize} are ignored
   * @param options where to start and how far to look
   * @return the feed; nothing is requested until its first {@link RunFeed#poll()}
   * @see #watchRuns(RunQuery, WatchOptions, RequestOptions)
   */
  default RunFeed watchRuns(RunQuery query, WatchOptions options) {
    return watchRuns(query, options, RequestOptions.defaults());
  }

  /**
   * Watches runs, with per-call options applied to every request the feed makes.
   *
   * @param query the runs to watch
   * @param watch where to start and how far to look
   * @param options per-call options for every request
   * @return the feed
   * @throws IllegalArgumentException if {@code watch} holds a checkpoint this SDK cannot read, or
   *     one of another vendor or query
   * @throws UnsupportedOperationException if the vendor cannot list runs
   */
  default RunFeed watchRuns(RunQuery query, WatchOptions watch, RequestOptions options) {
    if (!capabilities().supports(Capabilities.Operation.LIST_RUNS)) {
      throw unsupported(Capabilities.Operation.WATCH_RUNS);
    }
    return RunFeeds.open(this, query, watch, options);
  }

  /**
   * Releases the client's threads and connections (those it created itself). Idempotent.
   */
  @Override
  void close();

  /** The exception for an operation this client lacks, naming the vendor and the operation. */
  private UnsupportedOperationException unsupported(Capabilities.Operation operation) {
    return new UnsupportedOperationException(
        vendor().displayName() + " does not support " + operation.methodName());
  }
}
