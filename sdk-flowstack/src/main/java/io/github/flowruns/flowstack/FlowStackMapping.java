package io.github.flowruns.flowstack;

import io.github.flowruns.FailedStep;
import io.github.flowruns.Run;
import io.github.flowruns.RunStatus;
import io.github.flowruns.StepResult;
import io.github.flowruns.Vendor;
import io.github.flowruns.flowstack.model.FlowRun;
import io.github.flowruns.flowstack.model.FlowRunStatus;
import io.github.flowruns.flowstack.model.RunError;
import io.github.flowruns.internal.StatusTable;
import io.github.flowruns.internal.Times;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** FlowStack values to facade values and back: the status table of api.md and the run mapping. */
final class FlowStackMapping {

  /**
   * The FlowStack column of the status table: QUEUED, RUNNING, PAUSED, SUCCEEDED and FAILED map
   * to themselves, CANCELED and STOPPED to CANCELLED, TIMEOUT to TIMED_OUT; anything else,
   * including null, is UNKNOWN. Step statuses use the same values.
   */
  static final StatusTable<FlowRunStatus> STATUSES = StatusTable.builder(FlowRunStatus::raw)
      .sameNames(FlowRunStatus::fromValue, RunStatus.QUEUED, RunStatus.RUNNING, RunStatus.PAUSED,
          RunStatus.SUCCEEDED, RunStatus.FAILED)
      .map(RunStatus.CANCELLED, FlowRunStatus.CANCELED, FlowRunStatus.STOPPED)
      .map(RunStatus.TIMED_OUT, FlowRunStatus.TIMEOUT).build();

  private FlowStackMapping() {}

  /**
   * Whether FlowStack documents the value as a {@code status} filter: SUCCEEDED, FAILED and
   * RUNNING only (vendors.md, FlowStack); the others may show through in answers but are filtered
   * by the SDK.
   */
  static boolean isDocumentedFilter(FlowRunStatus value) {
    switch (value.raw()) {
      case "SUCCEEDED":
      case "FAILED":
      case "RUNNING":
        return true;
      default:
        return false;
    }
  }

  /**
   * A facade run. {@code fallbackFlowId} is the flow the request named, used when the body does
   * not repeat it (a freshly triggered run may carry only the fields known at start).
   */
  static Run toRun(FlowRun model, String fallbackFlowId) {
    FlowRunStatus status = model.getStatus();
    RunError error = model.getError();
    FailedStep failedStep = error == null || (error.getStep() == null && error.getMessage() == null)
        ? null
        : FailedStep.of(error.getStep(), error.getMessage());
    String flowId = model.getFlowId() != null ? model.getFlowId() : fallbackFlowId;
    return Run.builder()
        .id(runRef(flowId, model.getId()))
        .vendor(Vendor.FLOWSTACK)
        .flowId(flowId)
        .status(STATUSES.toRunStatus(status))
        .rawStatus(status == null ? null : status.raw())
        .startedAt(Times.instant(model.getStartTime()))
        .finishedAt(Times.instant(model.getFinishTime()))
        .duration(Times.millis(model.getDuration()))
        .trigger(model.getTriggerType() == null ? null : model.getTriggerType().raw())
        .failedStep(failedStep)
        .stepsCount(model.getStepsCount())
        .steps(steps(model.getSteps()))
        .raw(model)
        .build();
  }

  /**
   * The id the facade hands out: {@code "<flowId>/<runId>"}, because FlowStack addresses a run
   * within its flow and api.md's ids round-trip with no other setting. Null stays null (the run
   * builder reports it).
   */
  static String runRef(String flowId, String runId) {
    if (runId == null || flowId == null || runId.indexOf('/') >= 0) {
      return runId;
    }
    return flowId + "/" + runId;
  }

  private static List<StepResult> steps(List<io.github.flowruns.flowstack.model.StepResult> steps) {
    if (steps == null || steps.isEmpty()) {
      return Collections.emptyList();
    }
    List<StepResult> out = new ArrayList<>(steps.size());
    for (int i = 0; i < steps.size(); i++) {
      io.github.flowruns.flowstack.model.StepResult s = steps.get(i);
      if (s == null) {
        continue;
      }
      // A step always has a name in the facade; FlowStack documents one, so a nameless step is
      // named by its position rather than dropped.
      String name = s.getName() != null ? s.getName() : "#" + (i + 1);
      FlowRunStatus st = s.getStatus();
      out.add(StepResult.of(name, STATUSES.toRunStatus(st), st == null ? null : st.raw(),
          Times.millis(s.getDuration())));
    }
    return out;
  }
}
