package io.github.flowruns;

import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The outcome of a bulk action ({@link FlowRunsClient#retryRuns}, {@link FlowRunsClient#stopRuns}),
 * run id by run id.
 *
 * <pre>{@code
 * BulkResult r = client.retryRuns(RunQuery.builder().statuses(RunStatus.FAILED).build(), RetryMode.DEFAULT);
 * if (!r.allSucceeded()) {
 *   r.failed().forEach((id, e) -> System.err.println(id + ": " + e.getMessage()));
 * }
 * }</pre>
 *
 * <p>Serializable (it travels inside a {@link BulkActionException}): the ids and failures are
 * kept; {@link #newRuns()} is empty after deserialization, since a {@link Run} holds the vendor's
 * generated model, which is not serializable.
 */
public final class BulkResult implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Not in the serial form: {@code writeReplace} writes a {@code Serialized} instead. */
  private final List<String> succeeded;
  /** Not in the serial form: {@code writeReplace} writes a {@code Serialized} instead. */
  private final Map<String, FlowRunsException> failed;
  /** Not in the serial form: a run's vendor model is not serializable. */
  private final List<Run> newRuns;

  private BulkResult(List<String> succeeded, Map<String, FlowRunsException> failed) {
    this.succeeded = Collections.unmodifiableList(new ArrayList<>(succeeded));
    this.failed = Collections.unmodifiableMap(new LinkedHashMap<>(failed));
    this.newRuns = List.of();
  }

  private BulkResult(Builder b) {
    this.succeeded = Collections.unmodifiableList(new ArrayList<>(b.succeeded));
    this.failed = Collections.unmodifiableMap(new LinkedHashMap<>(b.failed));
    this.newRuns = Collections.unmodifiableList(new ArrayList<>(b.newRuns));
  }

  /**
   * Starts a builder; used by vendor modules.
   *
   * <pre>{@code BulkResult.builder().succeeded("r1").failed("r2", e).build()}</pre>
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The ids of the runs the action succeeded on, in the order they were processed.
   *
   * @return an unmodifiable list
   */
  public List<String> succeeded() {
    return succeeded;
  }

  /**
   * The ids of the runs the action failed on, each with its error.
   *
   * @return an unmodifiable, ordered map
   */
  public Map<String, FlowRunsException> failed() {
    return failed;
  }

  /**
   * The runs the action created or re-queued, where the vendor returns them (retries).
   *
   * @return an unmodifiable list, empty when unknown
   */
  public List<Run> newRuns() {
    return newRuns;
  }

  /**
   * The number of runs the action was attempted on.
   *
   * @return succeeded plus failed
   */
  public int total() {
    return succeeded.size() + failed.size();
  }

  /**
   * Whether no run failed.
   *
   * @return true if {@link #failed()} is empty
   */
  public boolean allSucceeded() {
    return failed.isEmpty();
  }

  @Override
  public String toString() {
    return "BulkResult{succeeded=" + succeeded.size() + ", failed=" + failed.keySet()
        + ", newRuns=" + newRuns.size() + "}";
  }

  /**
   * Writes the ids and failures only, since a run's vendor model is not serializable.
   *
   * @return the serial form
   */
  private Object writeReplace() {
    return new Serialized(new ArrayList<>(succeeded), new LinkedHashMap<>(failed));
  }

  /**
   * Refuses a stream that carries this class directly: only the serial form is ever written.
   *
   * @param in the stream
   * @throws InvalidObjectException always
   */
  private void readObject(ObjectInputStream in) throws InvalidObjectException {
    throw new InvalidObjectException("BulkResult is read through its serialized form");
  }

  /** The serial form: ids and failures, without the runs (their models are not serializable). */
  private static final class Serialized implements Serializable {
    private static final long serialVersionUID = 1L;
    private final ArrayList<String> succeeded;
    private final LinkedHashMap<String, FlowRunsException> failed;

    Serialized(ArrayList<String> succeeded, LinkedHashMap<String, FlowRunsException> failed) {
      this.succeeded = succeeded;
      this.failed = failed;
    }

    private Object readResolve() {
      return new BulkResult(succeeded == null ? List.of() : succeeded,
          failed == null ? Map.of() : failed);
    }
  }

  /** Builds a {@link BulkResult}. Not thread-safe. */
  public static final class Builder {
    private final List<String> succeeded = new ArrayList<>();
    private final Map<String, FlowRunsException> failed = new LinkedHashMap<>();
    private final List<Run> newRuns = new ArrayList<>();

    private Builder() {}

    /**
     * Records runs the action succeeded on.
     *
     * @param runIds run ids
     * @return this builder
     */
    public Builder succeeded(String... runIds) {
      for (String id : runIds) {
        succeeded.add(Objects.requireNonNull(id, "runId"));
      }
      return this;
    }

    /**
     * Records a run the action failed on.
     *
     * @param runId the run id
     * @param error the error
     * @return this builder
     */
    public Builder failed(String runId, FlowRunsException error) {
      failed.put(Objects.requireNonNull(runId, "runId"), Objects.requireNonNull(error, "error"));
      return this;
    }

    /**
     * Records a run the action created or re-queued.
     *
     * @param run the new run
     * @return this builder
     */
    public Builder newRun(Run run) {
      newRuns.add(Objects.requireNonNull(run, "run"));
      return this;
    }

    /**
     * Builds the result.
     *
     * @return the immutable result
     */
    public BulkResult build() {
      return new BulkResult(this);
    }
  }
}
