package io.github.flowruns.analytics;

import io.github.flowruns.RunStatus;
import io.github.flowruns.analytics.model.FlowRunState;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * StackAI {@code state} (with {@code is_flow_successful}) to {@link RunStatus} and back, as the
 * status table of {@code api.md} says.
 *
 * <p>A run with no {@code state} at all (StackAI recorded none) is {@link RunStatus#UNKNOWN}, even
 * when {@code is_flow_successful} is set: the {@code state} filter of the server can never select
 * such a run, so classifying it as SUCCEEDED or FAILED would make a server-side status filter and
 * the same filter applied client-side disagree.
 */
final class StatusMapping {
  private StatusMapping() {}

  /**
   * The normalised status of a run.
   *
   * @param state the run's state, may be null
   * @param successful the run's {@code is_flow_successful}, may be null
   * @return the status, never null
   */
  static RunStatus toStatus(FlowRunState state, Boolean successful) {
    if (state == null || !state.isKnown()) {
      return RunStatus.UNKNOWN;
    }
    switch (state.name()) {
      case "PENDING":
        return RunStatus.QUEUED;
      case "RESUMED":
        return RunStatus.RUNNING;
      case "PAUSED":
        return RunStatus.PAUSED;
      case "COMPLETED":
        // Only an explicit false is a failure: null means StackAI did not say.
        return Boolean.FALSE.equals(successful) ? RunStatus.FAILED : RunStatus.SUCCEEDED;
      case "FAILED":
        return RunStatus.FAILED;
      case "CANCELLED":
        return RunStatus.CANCELLED;
      default:
        return RunStatus.UNKNOWN;
    }
  }

  /**
   * The StackAI states a normalised status can come from, in the order of the spec's enum.
   *
   * @param status the normalised status
   * @return the states; empty for a status StackAI never reports (TIMED_OUT,
   *     PARTIALLY_SUCCEEDED) and for UNKNOWN (which only a client-side check can select)
   */
  static Set<FlowRunState> toStates(RunStatus status) {
    Set<FlowRunState> states = new LinkedHashSet<>();
    switch (status) {
      case QUEUED:
        states.add(FlowRunState.PENDING);
        break;
      case RUNNING:
        states.add(FlowRunState.RESUMED);
        break;
      case PAUSED:
        states.add(FlowRunState.PAUSED);
        break;
      case SUCCEEDED:
        states.add(FlowRunState.COMPLETED);
        break;
      case FAILED:
        states.add(FlowRunState.FAILED);
        states.add(FlowRunState.COMPLETED);
        break;
      case CANCELLED:
        states.add(FlowRunState.CANCELLED);
        break;
      default:
        break;
    }
    return states;
  }

  /**
   * The value of the {@code state} query parameter for a status filter: every state any of the
   * statuses can come from, comma-separated in the order of the spec's enum.
   *
   * @param statuses the statuses, not empty, without UNKNOWN
   * @return the parameter value, or null if no state can match (the query matches nothing)
   */
  static String stateParameter(Collection<RunStatus> statuses) {
    Set<FlowRunState> wanted = new LinkedHashSet<>();
    for (RunStatus status : statuses) {
      wanted.addAll(toStates(status));
    }
    StringBuilder sb = new StringBuilder();
    for (FlowRunState state : FlowRunState.values()) {
      if (wanted.contains(state)) {
        if (sb.length() > 0) {
          sb.append(',');
        }
        sb.append(state.raw());
      }
    }
    return sb.length() == 0 ? null : sb.toString();
  }
}
