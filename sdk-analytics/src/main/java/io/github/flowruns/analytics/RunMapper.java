package io.github.flowruns.analytics;

import io.github.flowruns.FailedStep;
import io.github.flowruns.Run;
import io.github.flowruns.RunStatus;
import io.github.flowruns.Vendor;
import io.github.flowruns.analytics.model.FlowRunSummary;
import java.time.Duration;

/**
 * A StackAI run summary as a facade {@link Run}:
 *
 * <ul>
 *   <li>{@code id} = {@code run_id}; {@code flowId} = the flow the run was listed under (the
 *       summary does not carry it);</li>
 *   <li>{@code status} from {@code state} and {@code is_flow_successful} ({@link StatusMapping}),
 *       {@code rawStatus} = the {@code state} text as sent (still {@code COMPLETED} for a completed
 *       but unsuccessful run; null when there is no state);</li>
 *   <li>{@code startedAt} = {@code date}; {@code finishedAt} null (StackAI does not say whether
 *       {@code date} marks the start or the end, so no end time is derived from it);</li>
 *   <li>{@code duration} = {@code latency} seconds, fractions kept to the nanosecond; null when
 *       absent, negative, not finite or absurdly large;</li>
 *   <li>{@code failedStep} = {@code FailedStep(null, error)} for a FAILED run with an error text;
 *       StackAI names no step;</li>
 *   <li>{@code trigger} = {@code run_type} as sent (e.g. {@code api}, {@code scheduled});
 *       {@code parentRunId} = {@code parent_run_id}; no steps, no step count, no tags.</li>
 * </ul>
 */
final class RunMapper {
  private static final double NANOS_PER_SECOND = 1_000_000_000d;
  /** Beyond this a latency is nonsense, and {@link Duration} arithmetic could overflow. */
  private static final double MAX_SECONDS = 1e15;

  private RunMapper() {}

  /**
   * @param flowId the flow the run was listed under
   * @param summary the run summary, with a {@code run_id}
   * @return the run
   */
  static Run toRun(String flowId, FlowRunSummary summary) {
    RunStatus status = StatusMapping.toStatus(summary.getState(), summary.getIsFlowSuccessful());
    Run.Builder run = Run.builder()
        .id(summary.getRunId())
        .vendor(Vendor.STACKAI)
        .flowId(flowId)
        .status(status)
        .rawStatus(summary.getState() == null ? null : summary.getState().raw())
        .startedAt(summary.getDate() == null ? null : summary.getDate().toInstant())
        .duration(seconds(summary.getLatency()))
        .trigger(summary.getRunType() == null ? null : summary.getRunType().raw())
        .parentRunId(summary.getParentRunId())
        .raw(summary);
    String error = summary.getError();
    if (status == RunStatus.FAILED && error != null && !error.isBlank()) {
      run.failedStep(FailedStep.of(null, error));
    }
    return run.build();
  }

  static Duration seconds(Double latency) {
    if (latency == null || latency.isNaN() || latency.isInfinite() || latency < 0
        || latency > MAX_SECONDS) {
      return null;
    }
    long whole = (long) Math.floor(latency);
    long nanos = Math.round((latency - whole) * NANOS_PER_SECOND);
    return Duration.ofSeconds(whole, nanos);
  }
}
