package io.github.flowruns.testing;

import io.github.flowruns.testing.internal.Catalogue;
import io.github.flowruns.testing.internal.RunData;
import io.github.flowruns.testing.internal.VendorProfile;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A run as a simulator holds it, for assertions: the same facts its API serves, in the vendor's own
 * terms ({@link #status()} is the raw wire value, such as {@code "3"} for a Patchworks failure or
 * {@code "FAILED"} for Activepieces).
 *
 * <pre>{@code
 * SimulatedRun newest = sim.run(0);
 * assertEquals(newest.id(), firstItemOfFirstPage.get("id").getAsString());
 * }</pre>
 */
public final class SimulatedRun {
  private final String id;
  private final String flowId;
  private final String flowName;
  private final String status;
  private final Boolean successful;
  private final boolean terminal;
  private final boolean failed;
  private final Instant createdAt;
  private final Instant startedAt;
  private final Instant finishedAt;
  private final String trigger;
  private final String failedStepName;
  private final String failedStepMessage;
  private final int stepsCount;
  private final String parentRunId;
  private final List<String> tags;
  private final Instant archivedAt;

  SimulatedRun(RunData r, VendorProfile profile, String flowId) {
    this.id = r.id();
    this.flowId = flowId;
    this.flowName = Catalogue.flowName(r.flow());
    this.status = r.status().raw();
    this.successful = r.status().successful();
    this.terminal = r.status().terminal();
    this.failed = r.status().failed();
    this.createdAt = Instant.ofEpochMilli(r.createdMs());
    this.startedAt = r.startedMs() == null ? null : Instant.ofEpochMilli(r.startedMs());
    this.finishedAt = r.finishedMs() == null ? null : Instant.ofEpochMilli(r.finishedMs());
    this.trigger = r.trigger();
    this.failedStepName = r.hasFailedStep() ? profile.stepName(r.flow(), r.failedStep()) : null;
    this.failedStepMessage = r.failedMessage();
    this.stepsCount = r.stepsRun();
    this.parentRunId = r.parentId();
    this.tags = r.tags();
    this.archivedAt = r.archivedMs() == null ? null : Instant.ofEpochMilli(r.archivedMs());
  }

  /** {@return the run id as the API sends it} A number as text for Patchworks. */
  public String id() {
    return id;
  }

  /** {@return the flow id as the API sends it} */
  public String flowId() {
    return flowId;
  }

  /** {@return the flow's name, as the API sends it where it sends one} */
  public String flowName() {
    return flowName;
  }

  /** {@return the vendor's status value as text; null only for a StackAI run whose state is null} */
  public String status() {
    return status;
  }

  /** {@return StackAI's {@code is_flow_successful}; null for other vendors and runs without an outcome} */
  public Boolean successful() {
    return successful;
  }

  /** {@return whether the run has ended (in any way)} */
  public boolean terminal() {
    return terminal;
  }

  /** {@return whether the run counts as a failure in the vendor's terms} */
  public boolean failed() {
    return failed;
  }

  /** {@return when the run was created} */
  public Instant createdAt() {
    return createdAt;
  }

  /** {@return when the run started; null while it is queued} */
  public Instant startedAt() {
    return startedAt;
  }

  /** {@return when the run ended; null until it ends} */
  public Instant finishedAt() {
    return finishedAt;
  }

  /** {@return from start to end; null until the run ends} */
  public Duration duration() {
    return startedAt == null || finishedAt == null ? null : Duration.between(startedAt, finishedAt);
  }

  /**
   * {@return what started the run, in the vendor's words} Patchworks' trigger, StackAI's run_type,
   * FlowStack's triggerType.
   */
  public String trigger() {
    return trigger;
  }

  /** {@return the failed step as the vendor names it, or null} */
  public String failedStepName() {
    return failedStepName;
  }

  /** {@return the failed step's message, or null} */
  public String failedStepMessage() {
    return failedStepMessage;
  }

  /** {@return how many steps the run has executed} */
  public int stepsCount() {
    return stepsCount;
  }

  /**
   * {@return the run this one retried, or null} Patchworks' {@code retry_flow_run_id},
   * Activepieces' {@code parentRunId}.
   */
  public String parentRunId() {
    return parentRunId;
  }

  /** {@return the Activepieces tags; empty for other vendors} */
  public List<String> tags() {
    return tags;
  }

  /** {@return when the run was archived (Activepieces), or null} */
  public Instant archivedAt() {
    return archivedAt;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof SimulatedRun r)) return false;
    return id.equals(r.id) && flowId.equals(r.flowId) && Objects.equals(status, r.status)
        && Objects.equals(successful, r.successful) && createdAt.equals(r.createdAt)
        && Objects.equals(startedAt, r.startedAt) && Objects.equals(finishedAt, r.finishedAt)
        && Objects.equals(trigger, r.trigger) && Objects.equals(failedStepName, r.failedStepName)
        && Objects.equals(failedStepMessage, r.failedStepMessage) && stepsCount == r.stepsCount
        && Objects.equals(parentRunId, r.parentRunId) && tags.equals(r.tags)
        && Objects.equals(archivedAt, r.archivedAt);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, status, createdAt);
  }

  @Override
  public String toString() {
    return "SimulatedRun{id=" + id + ", flowId=" + flowId + ", status=" + status + ", createdAt=" + createdAt
        + (failedStepName != null ? ", failedStep=" + failedStepName : "")
        + (parentRunId != null ? ", parentRunId=" + parentRunId : "") + "}";
  }
}
