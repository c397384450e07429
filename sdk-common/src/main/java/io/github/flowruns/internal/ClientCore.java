package io.github.flowruns.internal;

import io.github.flowruns.BulkActionException;
import io.github.flowruns.BulkResult;
import io.github.flowruns.Capabilities;
import io.github.flowruns.ErrorDetails;
import io.github.flowruns.FlowRunsClient;
import io.github.flowruns.FlowRunsException;
import io.github.flowruns.Page;
import io.github.flowruns.RetryMode;
import io.github.flowruns.Run;
import io.github.flowruns.RunQuery;
import io.github.flowruns.Vendor;
import io.github.flowruns.http.RequestOptions;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * The machinery every vendor client holds (composition, not inheritance, so that no public client
 * type shows an internal type): argument checks, the "does not support" exception, the bulk
 * actions run by listing ({@link #retryRuns}, {@link #stopRuns}, {@link #forEachRun},
 * {@link #forEachPage}) and the client's threads. The operations a vendor lacks and
 * {@code countByStatus} by listing are {@code default} methods of {@link FlowRunsClient}. The
 * core owns the client's threads (bulk actions, page prefetch, merged-listing fan-out): created
 * on first use, daemon, named {@code flowruns-<vendor>-bulk-<n>},
 * {@code flowruns-<vendor>-prefetch-<n>} and {@code flowruns-<vendor>-listing-<n>}, all stopped
 * by {@link #close()}. Not API.
 *
 * <pre>{@code
 * public final class FlowStackClient implements FlowRunsClient {
 *   private final ClientCore core = new ClientCore(this, Vendor.FLOWSTACK, true);
 *   public Vendor vendor() { return core.vendor(); }
 *   public Run getRun(String id, RequestOptions o) { core.requireId(id, "runId"); ... }
 *   public BulkResult stopRuns(RunQuery q, RequestOptions o) { return core.stopRuns(q, o); }
 *   public void close() { core.close(); transport.close(); http.release(okHttpClient); }
 * }
 * }</pre>
 */
public final class ClientCore {
  /** How many per-run calls a generic bulk action runs at once. */
  public static final int DEFAULT_BULK_CONCURRENCY = 4;

  private final FlowRunsClient client;
  private final Vendor vendor;
  private final boolean listsByPosition;
  private final int bulkConcurrency;
  private final Object executorLock = new Object();
  private final AtomicBoolean closed = new AtomicBoolean();
  private ThreadPoolExecutor executor;
  private final Pager.Background background;
  private final MergedListing.Threads listingThreads;
  private final ServerClock serverClock = new ServerClock();

  /**
   * @param client the client that holds this core; its {@code listRuns}, {@code retryRun} and
   *     {@code stopRun} are what the bulk actions call (not called before the client is built)
   * @param vendor the vendor
   * @param listsByPosition whether the vendor's run listing pages by position (page numbers,
   *     offsets), so that acting on a run can move other runs across page boundaries (a stopped
   *     run leaves a {@code status=RUNNING} listing and the runs behind it move up a page);
   *     {@link #forEachRun} then lists every matching id before it acts. Cursor listings, whose
   *     cursor names a position in a stable order (e.g. a creation time), pass false so that
   *     acting starts while listing. True is correct for both.
   */
  public ClientCore(FlowRunsClient client, Vendor vendor, boolean listsByPosition) {
    this(client, vendor, listsByPosition, DEFAULT_BULK_CONCURRENCY);
  }

  /**
   * @param client the client that holds this core
   * @param vendor the vendor
   * @param listsByPosition whether the listing pages by position (see above)
   * @param bulkConcurrency per-run calls a generic bulk action runs at once, at least 1
   */
  public ClientCore(FlowRunsClient client, Vendor vendor, boolean listsByPosition,
      int bulkConcurrency) {
    this.client = Objects.requireNonNull(client, "client");
    this.vendor = Objects.requireNonNull(vendor, "vendor");
    this.listsByPosition = listsByPosition;
    if (bulkConcurrency < 1) {
      throw new IllegalArgumentException("bulkConcurrency must be at least 1");
    }
    this.bulkConcurrency = bulkConcurrency;
    this.background = new Pager.Background(vendor);
    this.listingThreads = new MergedListing.Threads(vendor);
    ServerClock.register(client, serverClock);
  }

  /**
   * The vendor's clock, for the client's {@link Transport} to keep and for waits and feeds to
   * read ({@link ServerClock#of(FlowRunsClient)} finds it from the client).
   *
   * @return the clock
   */
  public ServerClock serverClock() {
    return serverClock;
  }

  /**
   * The vendor, for the client's {@link FlowRunsClient#vendor()}.
   *
   * @return the vendor
   */
  public Vendor vendor() {
    return vendor;
  }

  /**
   * The exception for an operation this vendor lacks.
   *
   * @param operation the operation
   * @return the exception, to throw
   */
  public UnsupportedOperationException unsupported(Capabilities.Operation operation) {
    return new UnsupportedOperationException(
        vendor.displayName() + " does not support " + operation.methodName());
  }

  /**
   * Checks a required client or query setting before any request is made.
   *
   * <pre>{@code this.projectId = requireSetting(b.projectId, "projectId");}</pre>
   *
   * @param value the value
   * @param setting the setting's name, as the builder, the settings map and the query spell it
   * @return the value
   * @throws IllegalArgumentException naming the vendor and the setting if it is null or blank
   */
  public String requireSetting(String value, String setting) {
    return requireNonBlank(vendor, value, setting);
  }

  /**
   * As {@link #requireSetting}, for vendor builders before a client exists.
   *
   * @param vendor the vendor
   * @param value the value
   * @param setting the setting's name
   * @return the value
   * @throws IllegalArgumentException if it is null or blank
   */
  public static String requireNonBlank(Vendor vendor, String value, String setting) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(
          vendor.displayName() + " needs " + setting + ": it is missing or blank");
    }
    return value;
  }

  /**
   * Checks an id argument that goes into a URL path: not null, not blank, not {@code .} or
   * {@code ..} (which a URL would resolve away).
   *
   * @param id the id
   * @param name the argument name, e.g. {@code "runId"}
   * @return the id
   * @throws IllegalArgumentException if unusable
   */
  public String requireId(String id, String name) {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException(name + " must not be null or blank");
    }
    if (id.equals(".") || id.equals("..")) {
      throw new IllegalArgumentException(name + " must not be '" + id + "'");
    }
    return id;
  }

  /**
   * The client's {@code retryRuns} by listing: retries each matching run with the client's
   * {@code retryRun}, a few at a time, exactly once each (see {@link #forEachRun}).
   *
   * @param query the runs
   * @param mode how to retry
   * @param options options for the listing and every retry
   * @return each run's outcome
   * @throws UnsupportedOperationException if the client cannot list or retry runs
   */
  public BulkResult retryRuns(RunQuery query, RetryMode mode, RequestOptions options) {
    if (!client.capabilities().supports(Capabilities.Operation.LIST_RUNS)
        || !client.capabilities().supports(Capabilities.Operation.RETRY_RUN)) {
      throw unsupported(Capabilities.Operation.RETRY_RUNS);
    }
    Objects.requireNonNull(mode, "mode");
    return forEachRun("retryRuns", query, options, id -> client.retryRun(id, mode, options));
  }

  /**
   * The client's {@code stopRuns} by listing: stops each matching run with the client's
   * {@code stopRun}, a few at a time, exactly once each (see {@link #forEachRun}).
   *
   * @param query the runs
   * @param options options for the listing and every stop
   * @return each run's outcome
   * @throws UnsupportedOperationException if the client cannot list or stop runs
   */
  public BulkResult stopRuns(RunQuery query, RequestOptions options) {
    if (!client.capabilities().supports(Capabilities.Operation.LIST_RUNS)
        || !client.capabilities().supports(Capabilities.Operation.STOP_RUN)) {
      throw unsupported(Capabilities.Operation.STOP_RUNS);
    }
    return forEachRun("stopRuns", query, options, id -> {
      client.stopRun(id, options);
      return null;
    });
  }

  /**
   * Runs an action once per matching run, at most {@code bulkConcurrency} at a time, collecting
   * each id's outcome. A run the action returns is recorded in {@link BulkResult#newRuns()}.
   *
   * <p>Semantics: the action is applied to the runs the query matched when the action began,
   * each exactly once, even when acting changes what the query matches (stopped runs leave a
   * status filter), when a page repeats, or when a run shows up on two pages; runs the action
   * creates (a retry's new run) are not acted on. For position-based listings (see the constructor)
   * every matching id is listed first, then acted on; for cursor listings acting
   * overlaps listing. Memory: one id per matching run (the set that makes "exactly once" hold),
   * plus at most {@code 2 * bulkConcurrency} actions in flight; no {@link Run} is kept.
   *
   * <p>When the listing fails midway, or the client is closed meanwhile, the actions already
   * started are awaited (unless closed) and a {@link BulkActionException} is thrown whose
   * {@link BulkActionException#partialResult()} holds every outcome so far and whose cause is the
   * failure. A failure of one action is that run's outcome in {@link BulkResult#failed()}.
   *
   * @param operation the bulk operation name, for errors
   * @param query the runs
   * @param options options for the listing and every action
   * @param action the per-run action; may return the new run or null
   * @return each run's outcome
   * @throws BulkActionException if the listing failed or the client was closed
   */
  public BulkResult forEachRun(String operation, RunQuery query, RequestOptions options,
      Function<String, Run> action) {
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(action, "action");
    ExecutorService pool = executor(operation);
    Bulk bulk = new Bulk(operation, pool, action);
    try {
      if (listsByPosition) {
        Set<String> snapshot = new LinkedHashSet<>();
        for (Run run : client.listRuns(query, options)) {
          snapshot.add(run.id());
        }
        for (String id : snapshot) {
          bulk.submit(id);
        }
      } else {
        for (Run run : client.listRuns(query, options)) {
          if (bulk.seen.add(run.id())) {
            bulk.submit(run.id());
          }
        }
      }
      bulk.drain(bulk.window.size());
    } catch (BulkActionException e) {
      throw e;
    } catch (RuntimeException failure) {
      if (!(failure instanceof FlowRunsException) && !closed.get()) {
        throw failure;
      }
      if (!closed.get()) {
        bulk.drain(bulk.window.size()); // keep the outcome of every action already sent
      }
      bulk.cancelAll();
      throw BulkActionException.of(operation, bulk.result.build(),
          closed.get() ? closedError(operation, failure) : (FlowRunsException) failure);
    }
    return bulk.result.build();
  }

  /**
   * What a server-side bulk action does with one listed page: acts on its runs (none of them seen
   * before) and records the outcomes.
   */
  @FunctionalInterface
  public interface PageAction {
    /**
     * @param runs the page's runs not listed before, in order; never empty
     * @param result where to record each run's outcome
     * @return the ids of runs the action created (not to be acted on if listed later), or empty
     */
    Collection<String> act(List<Run> runs, BulkResult.Builder result);
  }

  /**
   * Lists the matching runs page by page and hands each page's new runs to a server-side bulk
   * action (e.g. one bulk call per page), with the guarantees of {@link #forEachRun}: a run listed
   * twice (a page that repeats) is handed over once, runs the action created are not, and a
   * failure of the listing or of an action ends in a {@link BulkActionException} holding every
   * outcome recorded so far. Only for listings that do not shift when runs are acted on
   * (the constructor's {@code listsByPosition} false). Memory: one id per listed run, plus one page.
   *
   * <pre>{@code
   * return forEachPage("retryRuns", query, options, (runs, result) -> bulkRetry(ids(runs), result));
   * }</pre>
   *
   * @param operation the bulk operation, for errors
   * @param query the runs
   * @param options options for the listing
   * @param action what to do with each page's new runs
   * @return the outcomes
   * @throws BulkActionException if the listing or an action failed, or the client was closed
   */
  public BulkResult forEachPage(String operation, RunQuery query, RequestOptions options,
      PageAction action) {
    Objects.requireNonNull(action, "action");
    if (listsByPosition) {
      throw new IllegalStateException("forEachPage needs a listing that does not shift");
    }
    if (closed.get()) {
      throw closedError(operation, null);
    }
    BulkResult.Builder result = BulkResult.builder();
    Set<String> seen = new HashSet<>();
    try {
      for (Page<Run> page : client.listRuns(query, options).pages()) {
        List<Run> fresh = new ArrayList<>(page.items().size());
        for (Run run : page.items()) {
          if (seen.add(run.id())) {
            fresh.add(run);
          }
        }
        if (!fresh.isEmpty()) {
          seen.addAll(action.act(fresh, result));
        }
      }
    } catch (FlowRunsException failure) {
      throw BulkActionException.of(operation, result.build(),
          closed.get() ? closedError(operation, failure) : failure);
    }
    return result.build();
  }

  /** One bulk action in progress: its window of actions in flight and what they gave. */
  private final class Bulk {
    final String operation;
    final ExecutorService pool;
    final Function<String, Run> action;
    final BulkResult.Builder result = BulkResult.builder();
    /** Ids acted on or listed, and runs the action created: never acted on (again). */
    final Set<String> seen = new HashSet<>();
    final ArrayDeque<Future<Run>> window = new ArrayDeque<>();
    final ArrayDeque<String> windowIds = new ArrayDeque<>();

    Bulk(String operation, ExecutorService pool, Function<String, Run> action) {
      this.operation = operation;
      this.pool = pool;
      this.action = action;
    }

    void submit(String id) {
      if (window.size() >= bulkConcurrency * 2) {
        drain(1);
      }
      if (closed.get()) {
        throw stopped(closedError(operation, null));
      }
      Future<Run> f;
      try {
        f = pool.submit(() -> action.apply(id));
      } catch (RejectedExecutionException e) {
        throw stopped(closedError(operation, e)); // shut down by close() since the check above
      }
      window.add(f);
      windowIds.add(id);
    }

    void drain(int count) {
      for (int i = 0; i < count && !window.isEmpty(); i++) {
        Future<Run> f = window.peek();
        String id = windowIds.peek();
        Run created;
        try {
          created = f.get();
        } catch (CancellationException e) {
          throw stopped(closedError(operation, e)); // only close() cancels the actions
        } catch (ExecutionException e) {
          window.remove();
          windowIds.remove();
          Throwable cause = e.getCause();
          if (cause instanceof FlowRunsException) {
            if (closed.get()) {
              throw stopped(closedError(operation, cause));
            }
            result.failed(id, (FlowRunsException) cause);
            continue;
          }
          if (closed.get()) {
            // close() raced the action (e.g. its call was cancelled mid-flight): whatever the
            // action threw, the caller learns that the client was closed.
            throw stopped(closedError(operation, cause));
          }
          cancelAll();
          if (cause instanceof RuntimeException) {
            throw (RuntimeException) cause;
          }
          if (cause instanceof Error) {
            throw (Error) cause;
          }
          throw new IllegalStateException(cause);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw stopped(FlowRunsException.forStatus(ErrorDetails.builder().vendor(vendor)
              .operation(operation).kind(ErrorDetails.Kind.TRANSPORT).attempts(0)
              .message("interrupted").cause(e).build()));
        }
        window.remove();
        windowIds.remove();
        result.succeeded(id);
        if (created != null) {
          result.newRun(created);
          seen.add(created.id());
        }
      }
    }

    void cancelAll() {
      window.forEach(w -> w.cancel(true));
      window.clear();
      windowIds.clear();
    }

    BulkActionException stopped(FlowRunsException cause) {
      cancelAll();
      return BulkActionException.of(operation, result.build(), cause);
    }
  }

  /**
   * The exception for a call on (or ended by) a closed client: a
   * {@link io.github.flowruns.TransportException} "client closed".
   *
   * @param operation the operation
   * @param cause what the closing interrupted, or null
   * @return the exception, to throw
   */
  public FlowRunsException closedError(String operation, Throwable cause) {
    if (Transport.isClientClosed(cause)) {
      return (FlowRunsException) cause;
    }
    return Transport.closedError(vendor, operation, cause);
  }

  /**
   * Whether {@link #close()} was called.
   *
   * @return true once closed
   */
  public boolean isClosed() {
    return closed.get();
  }

  /**
   * This client's prefetch threads, for every {@link Pager} it builds
   * ({@code Pager.builder(f).background(background())}); started on first use, stopped by
   * {@link #close()}.
   *
   * @return the client's background
   */
  public Pager.Background background() {
    return background;
  }

  /**
   * This client's listing threads, for every {@link MergedListing} it builds
   * ({@code .concurrency(listingThreads(), http.listingConcurrency())}); started on first use,
   * stopped by {@link #close()}.
   *
   * @return the client's listing threads
   */
  public MergedListing.Threads listingThreads() {
    return listingThreads;
  }

  private ExecutorService executor(String operation) {
    synchronized (executorLock) {
      if (closed.get()) {
        throw closedError(operation, null);
      }
      if (executor == null) {
        executor = ClientThreads.pool(ClientThreads.prefix(vendor, "bulk"), bulkConcurrency);
      }
      return executor;
    }
  }

  /**
   * Stops this client's threads: bulk actions, prefetches and merged-listing fetches in flight
   * end (their callers get a
   * {@link BulkActionException} or a {@link io.github.flowruns.TransportException}
   * "client closed"; never a wait without end), and no thread of this client is left. The
   * client's {@code close()} calls it and closes its {@link Transport}.
   */
  public void close() {
    if (closed.compareAndSet(false, true)) {
      synchronized (executorLock) {
        ClientThreads.stop(executor);
      }
      background.close();
      listingThreads.close();
    }
  }
}
