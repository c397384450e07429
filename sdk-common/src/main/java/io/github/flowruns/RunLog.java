package io.github.flowruns;

import java.time.Instant;
import java.util.Objects;

/**
 * One log entry of a run (Patchworks run logs, kept by the vendor for seven days).
 *
 * <pre>{@code
 * for (RunLog log : client.listLogs(runId)) {
 *   System.out.println(log.createdAt() + " " + log.level() + " " + log.message());
 * }
 * }</pre>
 */
public final class RunLog {
  private final String id;
  private final String runId;
  private final String level;
  private final String message;
  private final Instant createdAt;
  private final String stepId;
  private final String payloadId;

  private RunLog(Builder b) {
    this.id = b.id;
    this.runId = b.runId;
    this.level = b.level;
    this.message = b.message;
    this.createdAt = b.createdAt;
    this.stepId = b.stepId;
    this.payloadId = b.payloadId;
  }

  /**
   * Starts a builder; used by vendor modules.
   *
   * <pre>{@code RunLog.builder().id("7").runId("42").level("error").message("boom").build()}</pre>
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The log entry's id.
   *
   * @return the id, or null if the vendor gives none
   */
  public String id() {
    return id;
  }

  /**
   * The run this entry belongs to.
   *
   * @return the run id, or null
   */
  public String runId() {
    return runId;
  }

  /**
   * The vendor's log level text, e.g. {@code "info"} or {@code "error"}.
   *
   * @return the level, or null
   */
  public String level() {
    return level;
  }

  /**
   * The log message.
   *
   * @return the message, or null
   */
  public String message() {
    return message;
  }

  /**
   * When the entry was written.
   *
   * @return the time, or null
   */
  public Instant createdAt() {
    return createdAt;
  }

  /**
   * The step (flow step id) that wrote the entry.
   *
   * @return the step id, or null
   */
  public String stepId() {
    return stepId;
  }

  /**
   * The payload the entry is about, where the vendor names one (Patchworks
   * {@code payload_metadata_id}, whose payload can be downloaded for 72 hours).
   *
   * <pre>{@code if (log.payloadId() != null) { download(log.payloadId()); }}</pre>
   *
   * @return the payload id, or null
   */
  public String payloadId() {
    return payloadId;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof RunLog)) {
      return false;
    }
    RunLog r = (RunLog) o;
    return Objects.equals(id, r.id)
        && Objects.equals(runId, r.runId)
        && Objects.equals(level, r.level)
        && Objects.equals(message, r.message)
        && Objects.equals(createdAt, r.createdAt)
        && Objects.equals(stepId, r.stepId)
        && Objects.equals(payloadId, r.payloadId);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, runId, level, message, createdAt, stepId, payloadId);
  }

  @Override
  public String toString() {
    return "RunLog{id=" + id + ", runId=" + runId + ", level=" + level + ", createdAt=" + createdAt + "}";
  }

  /** Builds a {@link RunLog}; every field is optional. */
  public static final class Builder {
    private String id;
    private String runId;
    private String level;
    private String message;
    private Instant createdAt;
    private String stepId;
    private String payloadId;

    private Builder() {}

    /**
     * Sets the entry id.
     *
     * @param id the id
     * @return this builder
     */
    public Builder id(String id) {
      this.id = id;
      return this;
    }

    /**
     * Sets the run id.
     *
     * @param runId the run id
     * @return this builder
     */
    public Builder runId(String runId) {
      this.runId = runId;
      return this;
    }

    /**
     * Sets the level.
     *
     * @param level the vendor's level text
     * @return this builder
     */
    public Builder level(String level) {
      this.level = level;
      return this;
    }

    /**
     * Sets the message.
     *
     * @param message the message
     * @return this builder
     */
    public Builder message(String message) {
      this.message = message;
      return this;
    }

    /**
     * Sets the creation time.
     *
     * @param createdAt the time
     * @return this builder
     */
    public Builder createdAt(Instant createdAt) {
      this.createdAt = createdAt;
      return this;
    }

    /**
     * Sets the step id.
     *
     * @param stepId the step id
     * @return this builder
     */
    public Builder stepId(String stepId) {
      this.stepId = stepId;
      return this;
    }

    /**
     * Sets the payload id.
     *
     * @param payloadId the vendor's payload id
     * @return this builder
     */
    public Builder payloadId(String payloadId) {
      this.payloadId = payloadId;
      return this;
    }

    /**
     * Builds the entry.
     *
     * @return the immutable entry
     */
    public RunLog build() {
      return new RunLog(this);
    }
  }
}
