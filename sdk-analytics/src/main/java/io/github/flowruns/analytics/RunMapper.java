package io.github.flowruns.analytics;

import io.github.flowruns.FailedStep;
import io.github.flowruns.Run;
import io.github.flowruns.RunStatus;
import io.github.flowruns.Vendor;
import io.github.flowruns.analytics.model.FlowRunState;
import io.github.flowruns.analytics.model.FlowRunSummary;
import io.github.flowruns.internal.StatusTable;
import io.github.flowruns.internal.Times;

/**
 * A StackAI run summary as a facade {@link Run}:
 *
 * <ul>
 *   <li>{@code id} = {@code run_id}; {@code flowId} = the flow the run was listed under (the
 *       summary does not carry it);</li>
 *   <li>{@code status} from {@code state} and {@code is_flow_successful} ({@link #toStatus}),
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
  /**
   * The StackAI column of the status table, in the order of the spec's enum. COMPLETED is
   * SUCCEEDED unless {@code is_flow_successful} is false ({@link #toStatus}), so a FAILED filter
   * asks for COMPLETED too.
   */
  static final StatusTable<FlowRunState> STATES = StatusTable.builder(FlowRunState::raw)
      .map(RunStatus.QUEUED, FlowRunState.PENDING).map(RunStatus.PAUSED, FlowRunState.PAUSED)
      .map(RunStatus.RUNNING, FlowRunState.RESUMED).map(RunStatus.SUCCEEDED, FlowRunState.COMPLETED)
      .map(RunStatus.FAILED, FlowRunState.FAILED).map(RunStatus.CANCELLED, FlowRunState.CANCELLED)
      .alsoSelects(RunStatus.FAILED, FlowRunState.COMPLETED).build();

  private RunMapper() {}

  /**
   * The normalised status of a run. A run with no {@code state} at all (StackAI recorded none)
   * is UNKNOWN, even when {@code is_flow_successful} is set: the {@code state} filter of the
   * server can never select such a run, so classifying it as SUCCEEDED or FAILED would make a
   * server-side status filter and the same filter applied client-side disagree.
   *
   * @param state the run's state, may be null
   * @param successful the run's {@code is_flow_successful}, may be null
   * @return the status, never null
   */
  static RunStatus toStatus(FlowRunState state, Boolean successful) {
    RunStatus status = STATES.toRunStatus(state);
    // Only an explicit false is a failure: null means StackAI did not say.
    return status == RunStatus.SUCCEEDED && Boolean.FALSE.equals(successful)
        ? RunStatus.FAILED : status;
  }

  /**
   * @param flowId the flow the run was listed under
   * @param summary the run summary, with a {@code run_id}
   * @return the run
   */
  static Run toRun(String flowId, FlowRunSummary summary) {
    RunStatus status = toStatus(summary.getState(), summary.getIsFlowSuccessful());
    Run.Builder run = Run.builder()
        .id(summary.getRunId())
        .vendor(Vendor.STACKAI)
        .flowId(flowId)
        .status(status)
        .rawStatus(summary.getState() == null ? null : summary.getState().raw())
        .startedAt(Times.instant(summary.getDate()))
        .duration(Times.seconds(summary.getLatency()))
        .trigger(summary.getRunType() == null ? null : summary.getRunType().raw())
        .parentRunId(summary.getParentRunId())
        .raw(summary);
    String error = summary.getError();
    if (status == RunStatus.FAILED && error != null && !error.isBlank()) {
      run.failedStep(FailedStep.of(null, error));
    }
    return run.build();
  }
}
