package io.github.flowruns.activepieces;

import io.github.flowruns.FailedStep;
import io.github.flowruns.Run;
import io.github.flowruns.StepResult;
import io.github.flowruns.Vendor;
import io.github.flowruns.activepieces.model.FlowRun;
import io.github.flowruns.activepieces.model.StepOutput;
import io.github.flowruns.internal.Times;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns the generated {@link FlowRun} into a facade {@link Run}, and facade times into the
 * server's creation-time bounds.
 *
 * <p>Fields: {@code startedAt} is {@code startTime}, or {@code created} while the run has not
 * started (so every run has a time the filters can compare); {@code duration} is
 * {@code finishTime - startTime}, or the {@code duration} milliseconds of older servers;
 * {@code trigger} is {@code triggeredBy}; {@code failedStep} is {@code failedStep}'s
 * {@code name} (else {@code displayName}, else older servers' {@code failedStepName}) with the
 * {@code errorMessage} of that step in {@code steps} (on {@code getRun} only: listings carry no
 * message); {@code stepsCount} is {@code stepsCount}, else older servers'
 * {@code tasks}; {@code steps} come from the {@code steps} map (name = key), present on
 * {@code getRun} only.
 */
final class ActivepiecesRuns {
  private ActivepiecesRuns() {}

  static Run toRun(FlowRun fr) {
    Instant start = Times.instant(fr.getStartTime());
    Instant finish = Times.instant(fr.getFinishTime());
    Duration duration = null;
    if (start != null && finish != null && !finish.isBefore(start)) {
      duration = Duration.between(start, finish);
    } else {
      duration = Times.millis(fr.getDuration());
    }
    return Run.builder()
        .vendor(Vendor.ACTIVEPIECES)
        .id(blankToNull(fr.getId()))
        .flowId(fr.getFlowId())
        .status(ActivepiecesStatuses.STATUSES.toRunStatus(fr.getStatus()))
        .rawStatus(fr.getStatus() == null ? null : fr.getStatus().raw())
        .startedAt(start != null ? start : Times.instant(fr.getCreated())) // no Instant when unused
        .finishedAt(finish)
        .duration(duration)
        .trigger(fr.getTriggeredBy())
        .failedStep(failedStep(fr))
        .stepsCount(fr.getStepsCount() != null ? fr.getStepsCount() : fr.getTasks())
        .steps(steps(fr.getSteps()))
        .parentRunId(fr.getParentRunId())
        .tags(fr.getTags())
        .raw(fr)
        .build();
  }

  /**
   * The failed step's name from {@code failedStep} (older servers: {@code failedStepName}), else the
   * first step whose status is FAILED; its message from that step's {@code errorMessage}, which only
   * {@code getRun} carries ({@code failedStep} itself has no message, vendors.md).
   */
  private static FailedStep failedStep(FlowRun fr) {
    String name = null;
    if (fr.getFailedStep() != null) {
      name = blankToNull(fr.getFailedStep().getName());
      if (name == null) {
        name = blankToNull(fr.getFailedStep().getDisplayName());
      }
    }
    if (name == null) {
      name = blankToNull(fr.getFailedStepName());
    }
    Map<String, StepOutput> steps = fr.getSteps();
    if (name == null && steps != null) {
      for (Map.Entry<String, StepOutput> e : steps.entrySet()) {
        if (e.getValue() != null && e.getValue().getStatus() != null
            && "FAILED".equals(e.getValue().getStatus().raw())) {
          name = e.getKey();
          break;
        }
      }
    }
    if (name == null) {
      return null;
    }
    StepOutput step = steps == null ? null : steps.get(name);
    return FailedStep.of(name, step == null ? null : errorText(step.getErrorMessage()));
  }

  /** A step's errorMessage: usually text, sometimes a JSON object (kept as its JSON). */
  private static String errorText(Object error) {
    if (error == null) {
      return null;
    }
    String text = error instanceof String ? (String) error
        : io.github.flowruns.activepieces.invoker.JSON.getGson().toJson(error);
    return text.isBlank() ? null : text;
  }

  private static List<StepResult> steps(Map<String, StepOutput> steps) {
    if (steps == null || steps.isEmpty()) {
      return List.of(); // list items never carry steps
    }
    List<StepResult> out = new ArrayList<>(steps.size());
    for (Map.Entry<String, StepOutput> e : steps.entrySet()) {
      StepOutput s = e.getValue();
      if (e.getKey() == null || s == null) {
        continue;
      }
      String raw = s.getStatus() == null ? null : s.getStatus().raw();
      out.add(StepResult.of(e.getKey(), ActivepiecesStatuses.STATUSES.rawToRunStatus(raw), raw,
          Times.millis(s.getDuration())));
    }
    return out;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  /**
   * The {@code createdAfter} bound for a {@code startedAfter} (both inclusive).
   *
   * @param startedAfter the bound, may be null
   * @return the same instant in UTC, or null
   */
  static OffsetDateTime createdAfter(Instant startedAfter) {
    return Times.utc(startedAfter);
  }

  /**
   * The server's {@code createdBefore} is inclusive, {@code startedBefore} exclusive. Activepieces
   * keeps times to the millisecond, so the last millisecond before the bound is the inclusive
   * equivalent.
   *
   * @param startedBefore the exclusive bound, may be null
   * @return the inclusive bound in UTC, or null
   */
  static OffsetDateTime createdBefore(Instant startedBefore) {
    if (startedBefore == null) {
      return null;
    }
    Instant truncated = startedBefore.truncatedTo(ChronoUnit.MILLIS);
    Instant inclusive = truncated.equals(startedBefore) ? startedBefore.minusMillis(1) : truncated;
    return Times.utc(inclusive);
  }
}
