package io.github.flowruns.activepieces;

import io.github.flowruns.RunStatus;
import io.github.flowruns.activepieces.model.FlowRunStatus;
import io.github.flowruns.activepieces.model.StepOutputStatus;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;

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
  private static final Map<String, RunStatus> TABLE = Map.ofEntries(
      Map.entry("QUEUED", RunStatus.QUEUED),
      Map.entry("RUNNING", RunStatus.RUNNING),
      Map.entry("PAUSED", RunStatus.PAUSED),
      Map.entry("SUCCEEDED", RunStatus.SUCCEEDED),
      Map.entry("FAILED", RunStatus.FAILED),
      Map.entry("INTERNAL_ERROR", RunStatus.FAILED),
      Map.entry("QUOTA_EXCEEDED", RunStatus.FAILED),
      Map.entry("MEMORY_LIMIT_EXCEEDED", RunStatus.FAILED),
      Map.entry("LOG_SIZE_EXCEEDED", RunStatus.FAILED),
      Map.entry("TIMEOUT", RunStatus.TIMED_OUT),
      Map.entry("CANCELED", RunStatus.CANCELLED),
      Map.entry("STOPPED", RunStatus.CANCELLED));

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
   * @param raw the vendor's status text, may be null
   * @return the normalised status; UNKNOWN for null or an unknown value
   */
  static RunStatus toRunStatus(String raw) {
    return raw == null ? RunStatus.UNKNOWN : TABLE.getOrDefault(raw, RunStatus.UNKNOWN);
  }

  /**
   * @param status the run status, may be null
   * @return the normalised status
   */
  static RunStatus toRunStatus(FlowRunStatus status) {
    return status == null ? RunStatus.UNKNOWN : toRunStatus(status.raw());
  }

  /**
   * @param status the step status, may be null
   * @return the normalised status
   */
  static RunStatus toRunStatus(StepOutputStatus status) {
    return status == null ? RunStatus.UNKNOWN : toRunStatus(status.raw());
  }

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

  /**
   * The server-side status filter for a set of normalised statuses: every documented vendor value
   * that maps to one of them, in the order of the spec.
   *
   * @param statuses normalised statuses
   * @return the vendor values; null when there is no filter or it cannot be said server-side
   *     (UNKNOWN means "any value this SDK does not know", which no list of values expresses)
   */
  static List<FlowRunStatus> toVendor(Collection<RunStatus> statuses) {
    if (statuses.isEmpty() || statuses.contains(RunStatus.UNKNOWN)) {
      return null;
    }
    List<FlowRunStatus> out = new ArrayList<>();
    for (FlowRunStatus s : FlowRunStatus.values()) {
      if (statuses.contains(toRunStatus(s))) {
        out.add(s);
      }
    }
    return Collections.unmodifiableList(out);
  }
}
