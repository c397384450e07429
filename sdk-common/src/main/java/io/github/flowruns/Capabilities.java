package io.github.flowruns;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * What a vendor client can do: which operations it supports and which {@link RunQuery} filters its
 * API applies server-side (the others are applied client-side, with the same result but more
 * traffic).
 *
 * <pre>{@code
 * Capabilities caps = client.capabilities();
 * if (caps.supports(Capabilities.Operation.RETRY_RUN)) { client.retryRun(id, RetryMode.DEFAULT); }
 * boolean cheap = caps.serverSide(Capabilities.Filter.STATUSES);
 * boolean fromFailedStep = caps.retryModes().contains(RetryMode.FROM_FAILED_STEP);
 * }</pre>
 */
public final class Capabilities {

  /** The operations of {@link FlowRunsClient}. */
  public enum Operation {
    /** {@link FlowRunsClient#listRuns(RunQuery)}. */
    LIST_RUNS("listRuns"),
    /** {@link FlowRunsClient#getRun(String)}. */
    GET_RUN("getRun"),
    /** {@link FlowRunsClient#retryRun(String, RetryMode)}. */
    RETRY_RUN("retryRun"),
    /** {@link FlowRunsClient#stopRun(String)}. */
    STOP_RUN("stopRun"),
    /** {@link FlowRunsClient#triggerRun(String, java.util.Map)}. */
    TRIGGER_RUN("triggerRun"),
    /** {@link FlowRunsClient#countByStatus(RunQuery)}. */
    COUNT_BY_STATUS("countByStatus"),
    /** {@link FlowRunsClient#retryRuns(RunQuery, RetryMode)}. */
    RETRY_RUNS("retryRuns"),
    /** {@link FlowRunsClient#stopRuns(RunQuery)}. */
    STOP_RUNS("stopRuns"),
    /** {@link FlowRunsClient#listLogs(String)}. */
    LIST_LOGS("listLogs"),
    /**
     * {@link FlowRunsClient#awaitRun(String, java.time.Duration)}: supported wherever
     * {@link #GET_RUN} is (the builder adds it).
     */
    AWAIT_RUN("awaitRun"),
    /**
     * {@link FlowRunsClient#watchRuns(RunQuery, WatchOptions)}: supported wherever
     * {@link #LIST_RUNS} is (the builder adds it).
     */
    WATCH_RUNS("watchRuns");

    private final String methodName;

    Operation(String methodName) {
      this.methodName = methodName;
    }

    /**
     * The {@link FlowRunsClient} method name, used in messages and exceptions.
     *
     * <pre>{@code Operation.LIST_RUNS.methodName(); // "listRuns"}</pre>
     *
     * @return e.g. {@code "retryRun"}
     */
    public String methodName() {
      return methodName;
    }
  }

  /** The filters of {@link RunQuery}. */
  public enum Filter {
    /** {@link RunQuery#flowIds()}. */
    FLOW_IDS,
    /** {@link RunQuery#statuses()}. */
    STATUSES,
    /** {@link RunQuery#startedAfter()}. */
    STARTED_AFTER,
    /** {@link RunQuery#startedBefore()}. */
    STARTED_BEFORE,
    /** {@link RunQuery#trigger()}. */
    TRIGGER,
    /** {@link RunQuery#tags()}. */
    TAGS,
    /** {@link RunQuery#search()}. */
    SEARCH
  }

  private final Set<Operation> operations;
  private final Set<Filter> serverSideFilters;
  private final Set<RetryMode> retryModes;

  private Capabilities(Builder b) {
    this.operations = Collections.unmodifiableSet(copy(b.operations, Operation.class));
    this.serverSideFilters = Collections.unmodifiableSet(copy(b.filters, Filter.class));
    this.retryModes = Collections.unmodifiableSet(copy(b.retryModes, RetryMode.class));
  }

  private static <E extends Enum<E>> EnumSet<E> copy(Set<E> s, Class<E> type) {
    return s.isEmpty() ? EnumSet.noneOf(type) : EnumSet.copyOf(s);
  }

  /**
   * Starts a builder; used by vendor modules.
   *
   * <pre>{@code
   * Capabilities.builder().supports(Operation.LIST_RUNS, Operation.GET_RUN)
   *     .serverSide(Filter.STATUSES).build();
   * }</pre>
   *
   * @return a new, empty builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Whether the client supports an operation; an unsupported one throws
   * {@link UnsupportedOperationException}.
   *
   * @param operation the operation
   * @return true if supported
   */
  public boolean supports(Operation operation) {
    return operations.contains(Objects.requireNonNull(operation, "operation"));
  }

  /**
   * Whether the vendor's API applies a filter itself.
   *
   * @param filter the filter
   * @return true if server-side, false if the SDK filters the listed runs
   */
  public boolean serverSide(Filter filter) {
    return serverSideFilters.contains(Objects.requireNonNull(filter, "filter"));
  }

  /**
   * The supported operations.
   *
   * @return an unmodifiable set
   */
  public Set<Operation> operations() {
    return operations;
  }

  /**
   * The filters applied server-side.
   *
   * @return an unmodifiable set
   */
  public Set<Filter> serverSideFilters() {
    return serverSideFilters;
  }

  /**
   * The {@link RetryMode}s {@link FlowRunsClient#retryRun(String, RetryMode)} accepts; another
   * mode throws {@link UnsupportedOperationException}. Every mode where the vendor declares none
   * in particular, none where it cannot retry.
   *
   * <pre>{@code if (!caps.retryModes().contains(mode)) { mode = RetryMode.DEFAULT; }}</pre>
   *
   * @return an unmodifiable set, empty unless {@link Operation#RETRY_RUN} is supported
   */
  public Set<RetryMode> retryModes() {
    return retryModes;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Capabilities
        && operations.equals(((Capabilities) o).operations)
        && serverSideFilters.equals(((Capabilities) o).serverSideFilters)
        && retryModes.equals(((Capabilities) o).retryModes);
  }

  @Override
  public int hashCode() {
    return Objects.hash(operations, serverSideFilters, retryModes);
  }

  @Override
  public String toString() {
    return "Capabilities{operations=" + operations + ", serverSide=" + serverSideFilters + "}";
  }

  /** Builds {@link Capabilities}. */
  public static final class Builder {
    private final Set<Operation> operations = EnumSet.noneOf(Operation.class);
    private final Set<Filter> filters = EnumSet.noneOf(Filter.class);
    private final Set<RetryMode> retryModes = EnumSet.noneOf(RetryMode.class);

    private Builder() {}

    /**
     * Adds supported operations.
     *
     * @param operations operations
     * @return this builder
     */
    public Builder supports(Operation... operations) {
      this.operations.addAll(Arrays.asList(operations));
      return this;
    }

    /**
     * Adds filters the vendor applies server-side.
     *
     * @param filters filters
     * @return this builder
     */
    public Builder serverSide(Filter... filters) {
      this.filters.addAll(Arrays.asList(filters));
      return this;
    }

    /**
     * Restricts {@link Capabilities#retryModes()} to these modes (default: every mode, where
     * {@link Operation#RETRY_RUN} is supported).
     *
     * <pre>{@code Capabilities.builder().supports(Operation.RETRY_RUN).retryModes(RetryMode.DEFAULT)}</pre>
     *
     * @param modes the modes {@code retryRun} accepts
     * @return this builder
     */
    public Builder retryModes(RetryMode... modes) {
      this.retryModes.addAll(Arrays.asList(modes));
      return this;
    }

    /**
     * Builds the capabilities.
     *
     * @return the immutable value
     */
    public Capabilities build() {
      // Waiting polls getRun and a feed sweeps listRuns: each is supported exactly where the
      // operation it is built on is, so no vendor declares them (or forgets to).
      if (operations.contains(Operation.GET_RUN)) {
        operations.add(Operation.AWAIT_RUN);
      }
      if (operations.contains(Operation.LIST_RUNS)) {
        operations.add(Operation.WATCH_RUNS);
      }
      if (!operations.contains(Operation.RETRY_RUN)) {
        retryModes.clear();
      } else if (retryModes.isEmpty()) {
        retryModes.addAll(EnumSet.allOf(RetryMode.class));
      }
      return new Capabilities(this);
    }
  }
}
