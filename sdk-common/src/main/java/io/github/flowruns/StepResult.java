package io.github.flowruns;

import java.time.Duration;
import java.util.Objects;

/**
 * One step of a run, where the vendor gives steps ({@link FlowRunsClient#getRun(String)} on
 * Activepieces and FlowStack).
 *
 * <pre>{@code
 * for (StepResult s : client.getRun(id).steps()) {
 *   System.out.println(s.name() + " " + s.status() + " " + s.duration());
 * }
 * }</pre>
 */
public final class StepResult {
  private final String name;
  private final RunStatus status;
  private final String rawStatus;
  private final Duration duration;

  private StepResult(String name, RunStatus status, String rawStatus, Duration duration) {
    this.name = Objects.requireNonNull(name, "name");
    this.status = status == null ? RunStatus.UNKNOWN : status;
    this.rawStatus = rawStatus;
    this.duration = duration;
  }

  /**
   * Creates a step result.
   *
   * <pre>{@code StepResult.of("http_get", RunStatus.SUCCEEDED, "SUCCEEDED", Duration.ofMillis(120))}</pre>
   *
   * @param name the step name, required
   * @param status the normalised status; null becomes {@link RunStatus#UNKNOWN}
   * @param rawStatus the vendor's own status text, may be null
   * @param duration how long the step took, may be null
   * @return the value
   */
  public static StepResult of(String name, RunStatus status, String rawStatus, Duration duration) {
    return new StepResult(name, status, rawStatus, duration);
  }

  /**
   * The step's name.
   *
   * @return the name, never null
   */
  public String name() {
    return name;
  }

  /**
   * The normalised status.
   *
   * @return the status, never null
   */
  public RunStatus status() {
    return status;
  }

  /**
   * The vendor's own status text.
   *
   * @return the text, or null
   */
  public String rawStatus() {
    return rawStatus;
  }

  /**
   * How long the step took.
   *
   * @return the duration, or null if unknown
   */
  public Duration duration() {
    return duration;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof StepResult)) {
      return false;
    }
    StepResult s = (StepResult) o;
    return name.equals(s.name)
        && status == s.status
        && Objects.equals(rawStatus, s.rawStatus)
        && Objects.equals(duration, s.duration);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, status, rawStatus, duration);
  }

  @Override
  public String toString() {
    return "StepResult{" + name + " " + status + (duration == null ? "" : " " + duration) + "}";
  }
}
