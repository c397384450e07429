package io.github.flowruns.flowstack;

import io.github.flowruns.FailedStep;
import io.github.flowruns.Run;
import io.github.flowruns.RunStatus;
import io.github.flowruns.StepResult;
import io.github.flowruns.Vendor;
import io.github.flowruns.flowstack.model.FlowRun;
import io.github.flowruns.flowstack.model.FlowRunStatus;
import io.github.flowruns.flowstack.model.RunError;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** FlowStack values to facade values and back: the status table of api.md and the run mapping. */
final class FlowStackMapping {

  /** Normalised status to every FlowStack value that maps to it (the reverse of {@link #status}). */
  private static final Map<RunStatus, List<FlowRunStatus>> VENDOR_VALUES = new EnumMap<>(RunStatus.class);

  static {
    for (RunStatus s : RunStatus.values()) {
      VENDOR_VALUES.put(s, List.of());
    }
    VENDOR_VALUES.put(RunStatus.QUEUED, List.of(FlowRunStatus.QUEUED));
    VENDOR_VALUES.put(RunStatus.RUNNING, List.of(FlowRunStatus.RUNNING));
    VENDOR_VALUES.put(RunStatus.PAUSED, List.of(FlowRunStatus.PAUSED));
    VENDOR_VALUES.put(RunStatus.SUCCEEDED, List.of(FlowRunStatus.SUCCEEDED));
    VENDOR_VALUES.put(RunStatus.FAILED, List.of(FlowRunStatus.FAILED));
    VENDOR_VALUES.put(RunStatus.CANCELLED, List.of(FlowRunStatus.CANCELED, FlowRunStatus.STOPPED));
    VENDOR_VALUES.put(RunStatus.TIMED_OUT, List.of(FlowRunStatus.TIMEOUT));
  }

  private FlowStackMapping() {}

  /**
   * The normalised status of a FlowStack value, exactly as the api.md table says; anything else,
   * including null, is UNKNOWN.
   */
  static RunStatus status(FlowRunStatus value) {
    if (value == null) {
      return RunStatus.UNKNOWN;
    }
    switch (value.raw()) {
      case "QUEUED":
        return RunStatus.QUEUED;
      case "RUNNING":
        return RunStatus.RUNNING;
      case "PAUSED":
        return RunStatus.PAUSED;
      case "SUCCEEDED":
        return RunStatus.SUCCEEDED;
      case "FAILED":
        return RunStatus.FAILED;
      case "CANCELED":
      case "STOPPED":
        return RunStatus.CANCELLED;
      case "TIMEOUT":
        return RunStatus.TIMED_OUT;
      default:
        return RunStatus.UNKNOWN;
    }
  }

  /**
   * Every FlowStack value that maps to one of the statuses, in table order. Empty for statuses
   * FlowStack never reports (PARTIALLY_SUCCEEDED) and for UNKNOWN (which has no value to ask for).
   */
  static Set<FlowRunStatus> vendorValues(Collection<RunStatus> statuses) {
    Set<FlowRunStatus> out = new LinkedHashSet<>();
    for (RunStatus s : RunStatus.values()) {
      if (statuses.contains(s)) {
        out.addAll(VENDOR_VALUES.get(s));
      }
    }
    return out;
  }

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
        .status(status(status))
        .rawStatus(status == null ? null : status.raw())
        .startedAt(instant(model.getStartTime()))
        .finishedAt(instant(model.getFinishTime()))
        .duration(millis(model.getDuration()))
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
      out.add(StepResult.of(name, status(st), st == null ? null : st.raw(), millis(s.getDuration())));
    }
    return out;
  }

  private static Instant instant(OffsetDateTime t) {
    return t == null ? null : t.toInstant();
  }

  private static Duration millis(Long ms) {
    return ms == null || ms < 0 ? null : Duration.ofMillis(ms);
  }
}
