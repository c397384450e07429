package io.github.flowruns.activepieces;

import io.github.flowruns.RunStatus;
import io.github.flowruns.activepieces.model.FlowRunStatus;
import io.github.flowruns.internal.StatusTable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The Activepieces status table of {@code api.md}, both ways. Run statuses:
 *
 * <table>
 *   <caption>Activepieces run status to {@link RunStatus}</caption>
 *   <tr><th>Activepieces</th><th>RunStatus</th></tr>
 *   <tr><td>QUEUED, RUNNING, PAUSED, SUCCEEDED</td><td>the same name</td></tr>
 *   <tr><td>FAILED, INTERNAL_ERROR, QUOTA_EXCEEDED, MEMORY_LIMIT_EXCEEDED, LOG_SIZE_EXCEEDED</td>
 *       <td>FAILED</td></tr>
 *   <tr><td>TIMEOUT</td><td>TIMED_OUT</td></tr>
 *   <tr><td>CANCELED, STOPPED (older servers)</td><td>CANCELLED</td></tr>
 *   <tr><td>anything else</td><td>UNKNOWN</td></tr>
 * </table>
 *
 * <p>Step statuses (RUNNING, SUCCEEDED, FAILED, PAUSED, STOPPED) use the same table, so a step
 * of a Stop piece reads CANCELLED like a STOPPED run. Values are matched exactly, as the server
 * writes them.
 */
final class ActivepiecesStatuses {
  /** The table, in the order of the spec's enum (the order a status filter is sent in). */
  static final StatusTable<FlowRunStatus> STATUSES = StatusTable.builder(FlowRunStatus::raw)
      .sameNames(FlowRunStatus::fromValue,
          RunStatus.QUEUED, RunStatus.RUNNING, RunStatus.PAUSED, RunStatus.SUCCEEDED)
      .map(RunStatus.FAILED, FlowRunStatus.FAILED, FlowRunStatus.QUOTA_EXCEEDED,
          FlowRunStatus.INTERNAL_ERROR, FlowRunStatus.MEMORY_LIMIT_EXCEEDED)
      .map(RunStatus.TIMED_OUT, FlowRunStatus.TIMEOUT)
      .map(RunStatus.CANCELLED, FlowRunStatus.CANCELED)
      .map(RunStatus.FAILED, FlowRunStatus.LOG_SIZE_EXCEEDED)    // not on the oldest servers
      .map(RunStatus.CANCELLED, FlowRunStatus.STOPPED)           // older servers only
      .build();

  /**
   * What a server of each generation knows, as the values it does not (vendors.md): some servers
   * knew every value; a current one dropped STOPPED; an older one lacks LOG_SIZE_EXCEEDED. They are
   * tried in this order: a filter is first sent whole, and a value is left out only after the
   * server refused the filter with it, so a value is never left out for a server that has runs in
   * it. The last entry holds only the values every version knows.
   */
  static final List<List<String>> GENERATIONS = List.of(
      List.of(),                                // every value
      List.of("STOPPED"),                       // current
      List.of("LOG_SIZE_EXCEEDED"),             // older
      List.of("STOPPED", "LOG_SIZE_EXCEEDED")); // only the values every version knows

  /** The statuses bulk cancel accepts. */
  static final List<FlowRunStatus> CANCELLABLE = List.of(FlowRunStatus.QUEUED, FlowRunStatus.PAUSED);

  private ActivepiecesStatuses() {}

  /**
   * The values of {@code wanted} that a server of {@code generation} knows.
   *
   * @param wanted vendor values, may be null (no filter)
   * @param generation an index into {@link #GENERATIONS}
   * @return the values to send, or null for no filter
   */
  static List<FlowRunStatus> knownTo(List<FlowRunStatus> wanted, int generation) {
    if (wanted == null) {
      return null;
    }
    List<FlowRunStatus> out = new ArrayList<>(wanted);
    out.removeIf(s -> GENERATIONS.get(generation).contains(s.raw()));
    return Collections.unmodifiableList(out);
  }

  /**
   * @param values vendor values, may be null
   * @return whether some server version does not know one of them
   */
  static boolean versionDependent(List<FlowRunStatus> values) {
    if (values == null) {
      return false;
    }
    for (FlowRunStatus s : values) {
      if (GENERATIONS.get(GENERATIONS.size() - 1).contains(s.raw())) {
        return true;
      }
    }
    return false;
  }
}
