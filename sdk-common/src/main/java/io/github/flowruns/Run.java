package io.github.flowruns;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * One execution of a flow, normalised across vendors. Immutable and thread-safe.
 *
 * <pre>{@code
 * Run run = client.getRun("run_123");
 * if (run.status().isFailure()) {
 *   System.out.println(run.flowId() + " failed at " + run.failedStep());
 * }
 * FlowRun raw = run.unwrap(FlowRun.class);   // the generated vendor model, for vendor-only fields
 * }</pre>
 *
 * <p>Vendor modules build runs with {@link #builder()}. {@link #equals(Object)} compares the
 * normalised fields only, never the raw vendor model.
 */
public final class Run {
  private final String id;
  private final Vendor vendor;
  private final String flowId;
  private final RunStatus status;
  private final String rawStatus;
  private final Instant startedAt;
  private final Instant finishedAt;
  private final Duration duration;
  private final String trigger;
  private final FailedStep failedStep;
  private final Integer stepsCount;
  private final List<StepResult> steps;
  private final String parentRunId;
  private final String retryOf;
  private final List<String> tags;
  private final Object raw;

  private Run(Builder b) {
    this.id = b.id;
    this.vendor = b.vendor;
    this.flowId = b.flowId;
    this.status = b.status == null ? RunStatus.UNKNOWN : b.status;
    this.rawStatus = b.rawStatus;
    this.startedAt = b.startedAt;
    this.finishedAt = b.finishedAt;
    this.duration = b.duration != null
        ? b.duration
        : (b.startedAt != null && b.finishedAt != null && !b.finishedAt.isBefore(b.startedAt)
            ? Duration.between(b.startedAt, b.finishedAt) : null);
    this.trigger = b.trigger;
    this.failedStep = b.failedStep;
    this.stepsCount = b.stepsCount;
    this.steps = b.steps; // immutable: the builder's setters copy into an unmodifiable list
    this.parentRunId = b.parentRunId;
    this.retryOf = b.retryOf;
    this.tags = b.tags;
    this.raw = b.raw;
  }

  /**
   * Starts a builder; vendor modules use it to create runs.
   *
   * <pre>{@code
   * Run run = Run.builder().id("42").vendor(Vendor.PATCHWORKS).status(RunStatus.FAILED)
   *     .rawStatus("3").raw(generatedModel).build();
   * }</pre>
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding this run's values, to derive a changed copy.
   *
   * <pre>{@code Run withSteps = run.toBuilder().steps(steps).build();}</pre>
   *
   * @return a new builder initialised from this run
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.id = id;
    b.vendor = vendor;
    b.flowId = flowId;
    b.status = status;
    b.rawStatus = rawStatus;
    b.startedAt = startedAt;
    b.finishedAt = finishedAt;
    b.duration = duration;
    b.trigger = trigger;
    b.failedStep = failedStep;
    b.stepsCount = stepsCount;
    b.steps = steps;
    b.parentRunId = parentRunId;
    b.retryOf = retryOf;
    b.tags = tags;
    b.raw = raw;
    return b;
  }

  /**
   * The vendor's run id.
   *
   * @return the id, never null
   */
  public String id() {
    return id;
  }

  /**
   * The vendor this run came from.
   *
   * @return the vendor, never null
   */
  public Vendor vendor() {
    return vendor;
  }

  /**
   * The id of the flow (workflow) that ran.
   *
   * @return the flow id, or null if the vendor does not say
   */
  public String flowId() {
    return flowId;
  }

  /**
   * The normalised status.
   *
   * @return the status, never null; {@link RunStatus#UNKNOWN} for values the SDK does not know
   */
  public RunStatus status() {
    return status;
  }

  /**
   * The vendor's own status value as text, e.g. {@code "3"} (Patchworks) or {@code "QUOTA_EXCEEDED"}.
   *
   * @return the raw status, or null if the vendor sent none
   */
  public String rawStatus() {
    return rawStatus;
  }

  /**
   * When the run started.
   *
   * @return the time, or null
   */
  public Instant startedAt() {
    return startedAt;
  }

  /**
   * When the run finished.
   *
   * @return the time, or null if not finished or unknown
   */
  public Instant finishedAt() {
    return finishedAt;
  }

  /**
   * How long the run took: the vendor's value, else {@code finishedAt - startedAt}.
   *
   * @return the duration, or null if unknown
   */
  public Duration duration() {
    return duration;
  }

  /**
   * What started the run (vendor text, e.g. {@code "webhook"}, {@code "scheduled"}, {@code "api"}).
   *
   * @return the trigger, or null
   */
  public String trigger() {
    return trigger;
  }

  /**
   * The step at which the run failed.
   *
   * @return the failed step, or null if none or unknown
   */
  public FailedStep failedStep() {
    return failedStep;
  }

  /**
   * The number of steps the vendor reports for the run.
   *
   * @return the count, or null if unknown
   */
  public Integer stepsCount() {
    return stepsCount;
  }

  /**
   * The steps, where loaded ({@link FlowRunsClient#getRun(String)} on vendors that give them).
   *
   * @return an unmodifiable list, never null, empty where not loaded
   */
  public List<StepResult> steps() {
    return steps;
  }

  /**
   * The run that started this one (sub-flows).
   *
   * @return the parent run id, or null
   */
  public String parentRunId() {
    return parentRunId;
  }

  /**
   * The run this run retries, where the vendor says (Patchworks {@code retry_flow_run_id}); an
   * Activepieces {@code FROM_FAILED_STEP} retry re-queues the same run, so it names itself.
   *
   * <pre>{@code if (run.retryOf() != null) { original = client.getRun(run.retryOf()); }}</pre>
   *
   * @return the id of the retried run, or null when the run is no retry or the vendor does not say
   */
  public String retryOf() {
    return retryOf;
  }

  /**
   * The run's tags.
   *
   * @return an unmodifiable list, never null
   */
  public List<String> tags() {
    return tags;
  }

  /**
   * The generated vendor model this run was made from.
   *
   * <pre>{@code
   * io.github.flowruns.activepieces.model.FlowRun ap =
   *     run.unwrap(io.github.flowruns.activepieces.model.FlowRun.class);
   * }</pre>
   *
   * @param type the model class (or a supertype of it)
   * @param <T> the model type
   * @return the model
   * @throws IllegalArgumentException if the run holds no model or a model of another type; the
   *     message names both classes
   */
  public <T> T unwrap(Class<T> type) {
    Objects.requireNonNull(type, "type");
    if (raw == null) {
      throw new IllegalArgumentException(
          "This " + vendor.displayName() + " run holds no vendor model to unwrap as " + type.getName());
    }
    if (!type.isInstance(raw)) {
      throw new IllegalArgumentException("Cannot unwrap " + vendor.displayName() + " run as "
          + type.getName() + "; it holds a " + raw.getClass().getName());
    }
    return type.cast(raw);
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Run)) {
      return false;
    }
    Run r = (Run) o;
    return id.equals(r.id)
        && vendor == r.vendor
        && Objects.equals(flowId, r.flowId)
        && status == r.status
        && Objects.equals(rawStatus, r.rawStatus)
        && Objects.equals(startedAt, r.startedAt)
        && Objects.equals(finishedAt, r.finishedAt)
        && Objects.equals(duration, r.duration)
        && Objects.equals(trigger, r.trigger)
        && Objects.equals(failedStep, r.failedStep)
        && Objects.equals(stepsCount, r.stepsCount)
        && steps.equals(r.steps)
        && Objects.equals(parentRunId, r.parentRunId)
        && Objects.equals(retryOf, r.retryOf)
        && tags.equals(r.tags);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, vendor, flowId, status, rawStatus, startedAt, finishedAt, duration,
        trigger, failedStep, stepsCount, steps, parentRunId, retryOf, tags);
  }

  @Override
  public String toString() {
    return "Run{" + vendor.displayName() + " " + id
        + (flowId == null ? "" : " flow=" + flowId)
        + " " + status + (rawStatus == null ? "" : "(" + rawStatus + ")")
        + (startedAt == null ? "" : " startedAt=" + startedAt) + "}";
  }

  /** Builds a {@link Run}. {@code id} and {@code vendor} are required; a null status is UNKNOWN. */
  public static final class Builder {
    private String id;
    private Vendor vendor;
    private String flowId;
    private RunStatus status;
    private String rawStatus;
    private Instant startedAt;
    private Instant finishedAt;
    private Duration duration;
    private String trigger;
    private FailedStep failedStep;
    private Integer stepsCount;
    private List<StepResult> steps = List.of();
    private String parentRunId;
    private String retryOf;
    private List<String> tags = List.of();
    private Object raw;

    private Builder() {}

    /**
     * Sets the run id (required).
     *
     * @param id the vendor's run id
     * @return this builder
     */
    public Builder id(String id) {
      this.id = id;
      return this;
    }

    /**
     * Sets the vendor (required).
     *
     * @param vendor the vendor
     * @return this builder
     */
    public Builder vendor(Vendor vendor) {
      this.vendor = vendor;
      return this;
    }

    /**
     * Sets the flow id.
     *
     * @param flowId the flow id
     * @return this builder
     */
    public Builder flowId(String flowId) {
      this.flowId = flowId;
      return this;
    }

    /**
     * Sets the normalised status; null means UNKNOWN.
     *
     * @param status the status
     * @return this builder
     */
    public Builder status(RunStatus status) {
      this.status = status;
      return this;
    }

    /**
     * Sets the vendor's own status text.
     *
     * @param rawStatus the raw value
     * @return this builder
     */
    public Builder rawStatus(String rawStatus) {
      this.rawStatus = rawStatus;
      return this;
    }

    /**
     * Sets the start time.
     *
     * @param startedAt the time
     * @return this builder
     */
    public Builder startedAt(Instant startedAt) {
      this.startedAt = startedAt;
      return this;
    }

    /**
     * Sets the finish time.
     *
     * @param finishedAt the time
     * @return this builder
     */
    public Builder finishedAt(Instant finishedAt) {
      this.finishedAt = finishedAt;
      return this;
    }

    /**
     * Sets the duration; when not set it is computed from the start and finish times.
     *
     * @param duration the duration
     * @return this builder
     */
    public Builder duration(Duration duration) {
      this.duration = duration;
      return this;
    }

    /**
     * Sets the trigger text.
     *
     * @param trigger the trigger
     * @return this builder
     */
    public Builder trigger(String trigger) {
      this.trigger = trigger;
      return this;
    }

    /**
     * Sets the failed step.
     *
     * @param failedStep the failed step
     * @return this builder
     */
    public Builder failedStep(FailedStep failedStep) {
      this.failedStep = failedStep;
      return this;
    }

    /**
     * Sets the number of steps.
     *
     * @param stepsCount the count
     * @return this builder
     */
    public Builder stepsCount(Integer stepsCount) {
      this.stepsCount = stepsCount;
      return this;
    }

    /**
     * Sets the steps; null means none. The list is copied.
     *
     * @param steps the steps
     * @return this builder
     */
    public Builder steps(Collection<StepResult> steps) {
      if (steps == null || steps.isEmpty()) {
        this.steps = List.of(); // shared: most listed runs carry no steps
        return this;
      }
      for (StepResult s : steps) {
        Objects.requireNonNull(s, "steps element");
      }
      this.steps = List.copyOf(steps);
      return this;
    }

    /**
     * Sets the parent run id.
     *
     * @param parentRunId the parent run id
     * @return this builder
     */
    public Builder parentRunId(String parentRunId) {
      this.parentRunId = parentRunId;
      return this;
    }

    /**
     * Sets the id of the run this run retries.
     *
     * @param retryOf the retried run's id, or null
     * @return this builder
     */
    public Builder retryOf(String retryOf) {
      this.retryOf = retryOf;
      return this;
    }

    /**
     * Sets the tags; null means none, null elements are dropped. The list is copied.
     *
     * @param tags the tags
     * @return this builder
     */
    public Builder tags(Collection<String> tags) {
      if (tags == null || tags.isEmpty()) {
        this.tags = List.of();
        return this;
      }
      // Not tags.contains(null): some collections (List.of, TreeSet) throw on it.
      boolean hasNull = false;
      for (String t : tags) {
        if (t == null) {
          hasNull = true;
          break;
        }
      }
      if (!hasNull) {
        // The usual case, one copy: a run's one or two tags become an immutable List.of (24
        // bytes) instead of a filtered ArrayList copied again (~70 bytes a run, FacadeBenchmark).
        this.tags = List.copyOf(tags);
        return this;
      }
      List<String> kept = new ArrayList<>(tags.size());
      for (String t : tags) {
        if (t != null) {
          kept.add(t);
        }
      }
      this.tags = List.copyOf(kept);
      return this;
    }

    /**
     * Sets the generated vendor model the run was made from, returned by {@link Run#unwrap(Class)}.
     *
     * @param raw the model
     * @return this builder
     */
    public Builder raw(Object raw) {
      this.raw = raw;
      return this;
    }

    /**
     * Builds the run.
     *
     * @return the immutable run
     * @throws IllegalStateException if {@code id} or {@code vendor} is missing
     */
    public Run build() {
      if (vendor == null) {
        throw new IllegalStateException("Run.vendor is required");
      }
      if (id == null) {
        throw new IllegalStateException(vendor.displayName() + " run has no id");
      }
      return new Run(this);
    }
  }
}
