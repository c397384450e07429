package io.github.flowruns.internal;

import io.github.flowruns.BulkResult;
import io.github.flowruns.Capabilities;
import io.github.flowruns.ErrorDetails;
import io.github.flowruns.FlowRunsClient;
import io.github.flowruns.FlowRunsException;
import io.github.flowruns.Paged;
import io.github.flowruns.RetryMode;
import io.github.flowruns.Run;
import io.github.flowruns.RunLog;
import io.github.flowruns.RunQuery;
import io.github.flowruns.RunStatus;
import io.github.flowruns.Vendor;
import io.github.flowruns.http.RequestOptions;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The base of every vendor adapter. Each operation throws
 * {@code UnsupportedOperationException("<Vendor> does not support <operation>")} unless the adapter
 * overrides it; {@link #countByStatus} scans {@link #listRuns}; {@link #retryRuns} and
 * {@link #stopRuns} call {@link #retryRun}/{@link #stopRun} once per listed run with bounded
 * concurrency on a small executor that {@link #close()} shuts down. Not API.
 *
 * <pre>{@code
 * public final class FlowStackClient extends BaseFlowRunsClient {
 *   FlowStackClient(Builder settings, String apiKey, HttpSettings http) { super(Vendor.FLOWSTACK); ... }
 *   public Capabilities capabilities() { return CAPABILITIES; }
 *   public Paged<Run> listRuns(RunQuery q, RequestOptions o) { ... }
 *   public Run getRun(String id, RequestOptions o) { requireId(id, "runId"); ... }
 *   public void close() { super.close(); http.release(okHttpClient); }
 * }
 * }</pre>
 */
public abstract class BaseFlowRunsClient implements FlowRunsClient {
  /** How many per-run calls a generic bulk action runs at once. */
  public static final int DEFAULT_BULK_CONCURRENCY = 4;

  private final Vendor vendor;
  private final int bulkConcurrency;
  private final Object executorLock = new Object();
  private final AtomicBoolean closed = new AtomicBoolean();
  private ExecutorService executor;

  /** @param vendor the vendor */
  protected BaseFlowRunsClient(Vendor vendor) {
    this(vendor, DEFAULT_BULK_CONCURRENCY);
  }

  /**
   * @param vendor the vendor
   * @param bulkConcurrency per-run calls a generic bulk action runs at once, at least 1
   */
  protected BaseFlowRunsClient(Vendor vendor, int bulkConcurrency) {
    this.vendor = Objects.requireNonNull(vendor, "vendor");
    if (bulkConcurrency < 1) {
      throw new IllegalArgumentException("bulkConcurrency must be at least 1");
    }
    this.bulkConcurrency = bulkConcurrency;
  }

  @Override
  public final Vendor vendor() {
    return vendor;
  }

  /**
   * The exception for an operation this vendor lacks.
   *
   * @param operation the operation
   * @return the exception, to throw
   */
  protected final UnsupportedOperationException unsupported(Capabilities.Operation operation) {
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
  protected final String requireSetting(String value, String setting) {
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
  protected final String requireId(String id, String name) {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException(name + " must not be null or blank");
    }
    if (id.equals(".") || id.equals("..")) {
      throw new IllegalArgumentException(name + " must not be '" + id + "'");
    }
    return id;
  }

  @Override
  public Paged<Run> listRuns(RunQuery query, RequestOptions options) {
    throw unsupported(Capabilities.Operation.LIST_RUNS);
  }

  @Override
  public Run getRun(String runId, RequestOptions options) {
    throw unsupported(Capabilities.Operation.GET_RUN);
  }

  @Override
  public Run retryRun(String runId, RetryMode mode, RequestOptions options) {
    throw unsupported(Capabilities.Operation.RETRY_RUN);
  }

  @Override
  public void stopRun(String runId, RequestOptions options) {
    throw unsupported(Capabilities.Operation.STOP_RUN);
  }

  @Override
  public Run triggerRun(String flowId, Map<String, ?> data, RequestOptions options) {
    throw unsupported(Capabilities.Operation.TRIGGER_RUN);
  }

  @Override
  public Paged<RunLog> listLogs(String runId, RequestOptions options) {
    throw unsupported(Capabilities.Operation.LIST_LOGS);
  }

  /** Counts by listing every matching run (honouring the query's limit). */
  @Override
  public Map<RunStatus, Long> countByStatus(RunQuery query, RequestOptions options) {
    if (!capabilities().supports(Capabilities.Operation.LIST_RUNS)) {
      throw unsupported(Capabilities.Operation.COUNT_BY_STATUS);
    }
    Map<RunStatus, Long> counts = new EnumMap<>(RunStatus.class);
    for (Run run : listRuns(query, options)) {
      counts.merge(run.status(), 1L, Long::sum);
    }
    return counts;
  }

  /** Retries each listed run with {@link #retryRun}, a few at a time. */
  @Override
  public BulkResult retryRuns(RunQuery query, RetryMode mode, RequestOptions options) {
    if (!capabilities().supports(Capabilities.Operation.LIST_RUNS)
        || !capabilities().supports(Capabilities.Operation.RETRY_RUN)) {
      throw unsupported(Capabilities.Operation.RETRY_RUNS);
    }
    Objects.requireNonNull(mode, "mode");
    return forEachRun("retryRuns", query, options, id -> retryRun(id, mode, options));
  }

  /** Stops each listed run with {@link #stopRun}, a few at a time. */
  @Override
  public BulkResult stopRuns(RunQuery query, RequestOptions options) {
    if (!capabilities().supports(Capabilities.Operation.LIST_RUNS)
        || !capabilities().supports(Capabilities.Operation.STOP_RUN)) {
      throw unsupported(Capabilities.Operation.STOP_RUNS);
    }
    return forEachRun("stopRuns", query, options, id -> {
      stopRun(id, options);
      return null;
    });
  }

  /**
   * Runs an action once per listed run, at most {@code bulkConcurrency} at a time, collecting each
   * id's outcome. A run the action returns is recorded in {@link BulkResult#newRuns()}.
   *
   * @param operation the bulk operation name, for errors
   * @param query the runs
   * @param options options for the listing and every action
   * @param action the per-run action; may return the new run or null
   * @return each run's outcome
   */
  protected final BulkResult forEachRun(String operation, RunQuery query, RequestOptions options,
      Function<String, Run> action) {
    ExecutorService pool = executor();
    BulkResult.Builder result = BulkResult.builder();
    List<Future<?>> window = new ArrayList<>();
    List<String> windowIds = new ArrayList<>();
    for (Run run : listRuns(query, options)) {
      String id = run.id();
      if (window.size() >= bulkConcurrency * 2) {
        drain(operation, window, windowIds, result, 1);
      }
      window.add(pool.submit(() -> action.apply(id)));
      windowIds.add(id);
    }
    drain(operation, window, windowIds, result, window.size());
    return result.build();
  }

  private void drain(String operation, List<Future<?>> window, List<String> ids,
      BulkResult.Builder result, int count) {
    for (int i = 0; i < count; i++) {
      Future<?> f = window.remove(0);
      String id = ids.remove(0);
      try {
        Object r = f.get();
        result.succeeded(id);
        if (r instanceof Run) {
          result.newRun((Run) r);
        }
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof FlowRunsException) {
          result.failed(id, (FlowRunsException) cause);
        } else if (cause instanceof RuntimeException) {
          throw (RuntimeException) cause;
        } else if (cause instanceof Error) {
          throw (Error) cause;
        } else {
          throw new IllegalStateException(cause);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        window.forEach(w -> w.cancel(true));
        throw FlowRunsException.forStatus(ErrorDetails.builder().vendor(vendor)
            .operation(operation).kind(ErrorDetails.Kind.TRANSPORT).attempts(0)
            .message("interrupted").cause(e).build());
      }
    }
  }

  private ExecutorService executor() {
    synchronized (executorLock) {
      if (closed.get()) {
        throw new IllegalStateException(vendor.displayName() + " client is closed");
      }
      if (executor == null) {
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(bulkConcurrency, bulkConcurrency,
            30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
              Thread t = new Thread(r, "flowruns-" + vendor.name().toLowerCase(java.util.Locale.ROOT)
                  + "-bulk-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
        pool.allowCoreThreadTimeOut(true);
        executor = pool;
      }
      return executor;
    }
  }

  /** Shuts down the bulk executor. Adapters that override it must call {@code super.close()}. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      synchronized (executorLock) {
        if (executor != null) {
          executor.shutdownNow();
        }
      }
    }
  }
}
