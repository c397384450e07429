package io.github.flowruns.patchworks;

import io.github.flowruns.RunStatus;
import io.github.flowruns.patchworks.model.FlowRunStatus;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The Patchworks run status codes and the facade's {@link RunStatus}, both ways, as the table in
 * {@code api.md} says: 1 STARTED running, 2 SUCCESS succeeded, 3 FAILURE failed, 4 STOPPED
 * cancelled, 5 PARTIAL_SUCCESS partially succeeded, anything else unknown.
 */
final class PatchworksStatuses {
  private static final Map<FlowRunStatus, RunStatus> TO_RUN_STATUS = Map.of(
      FlowRunStatus.STARTED, RunStatus.RUNNING,
      FlowRunStatus.SUCCESS, RunStatus.SUCCEEDED,
      FlowRunStatus.FAILURE, RunStatus.FAILED,
      FlowRunStatus.STOPPED, RunStatus.CANCELLED,
      FlowRunStatus.PARTIAL_SUCCESS, RunStatus.PARTIALLY_SUCCEEDED);

  private PatchworksStatuses() {}

  /** The normalised status; null or an undocumented value is UNKNOWN. */
  static RunStatus toRunStatus(FlowRunStatus status) {
    if (status == null) {
      return RunStatus.UNKNOWN;
    }
    return TO_RUN_STATUS.getOrDefault(status, RunStatus.UNKNOWN);
  }

  /**
   * Every Patchworks status that maps to {@code status}: one for the five that Patchworks has,
   * none for QUEUED, PAUSED, TIMED_OUT and UNKNOWN.
   */
  static List<FlowRunStatus> toPatchworks(RunStatus status) {
    return TO_RUN_STATUS.entrySet().stream()
        .filter(e -> e.getValue() == status)
        .map(Map.Entry::getKey)
        .toList();
  }

  /** The sorted integer codes for several statuses, e.g. {@code [3, 5]}; empty if none has one. */
  static TreeSet<Integer> codes(Collection<RunStatus> statuses) {
    TreeSet<Integer> codes = new TreeSet<>();
    for (RunStatus s : statuses) {
      for (FlowRunStatus p : toPatchworks(s)) {
        codes.add(p.getValue());
      }
    }
    return codes;
  }
}
