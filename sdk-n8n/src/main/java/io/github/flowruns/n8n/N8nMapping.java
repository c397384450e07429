package io.github.flowruns.n8n;

import io.github.flowruns.FailedStep;
import io.github.flowruns.Run;
import io.github.flowruns.RunStatus;
import io.github.flowruns.internal.StatusTable;
import io.github.flowruns.internal.Times;
import io.github.flowruns.n8n.model.Execution;
import io.github.flowruns.n8n.model.ExecutionError;
import io.github.flowruns.n8n.model.ExecutionResultData;
import io.github.flowruns.n8n.model.ExecutionStatus;
import io.github.flowruns.n8n.model.ExecutionStatusFilter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** n8n values to facade values and back: the n8n column of the status table and the run mapping. */
final class N8nMapping {

  /**
   * success is SUCCEEDED, error and crashed FAILED, canceled CANCELLED, running RUNNING, waiting
   * PAUSED, new QUEUED; anything else (n8n's own {@code unknown}, a value added later, null) is
   * UNKNOWN with the value kept in {@link Run#rawStatus()} (the statuses of vendors.md, n8n).
   */
  static final StatusTable<ExecutionStatus> STATUSES = StatusTable.builder(ExecutionStatus::raw)
      .map(RunStatus.QUEUED, ExecutionStatus.NEW)
      .map(RunStatus.RUNNING, ExecutionStatus.RUNNING)
      .map(RunStatus.PAUSED, ExecutionStatus.WAITING)
      .map(RunStatus.SUCCEEDED, ExecutionStatus.SUCCESS)
      .map(RunStatus.FAILED, ExecutionStatus.ERROR, ExecutionStatus.CRASHED)
      .map(RunStatus.CANCELLED, ExecutionStatus.CANCELED)
      .build();

  /**
   * Newest first as n8n lists, by id: ids are increasing integers sent as text, so a longer id
   * is newer, and among ids of one length the text order is the numeric one.
   */
  static final Comparator<Run> NEWEST_FIRST = Comparator
      .comparing((Run r) -> r.id().length())
      .thenComparing(Run::id)
      .reversed();

  private N8nMapping() {}

  /**
   * The values to send as {@code status}, one request each, for the vendor values of a status
   * filter; null when some wanted value is no filter value ({@code new}, {@code unknown}), so the
   * SDK must look at the unfiltered listing. {@code crashed} needs no request of its own:
   * {@code status=error} also matches crashed executions, and {@code status=crashed} is refused
   * with 400 (vendors.md, n8n).
   */
  static List<ExecutionStatusFilter> filterValues(Collection<ExecutionStatus> wanted) {
    List<ExecutionStatusFilter> out = new ArrayList<>();
    for (ExecutionStatus value : wanted) {
      String raw = value.equals(ExecutionStatus.CRASHED) ? ExecutionStatus.ERROR.raw() : value.raw();
      ExecutionStatusFilter filter = null;
      for (ExecutionStatusFilter f : ExecutionStatusFilter.values()) {
        if (f.raw().equals(raw)) {
          filter = f;
        }
      }
      if (filter == null) {
        return null;
      }
      if (!out.contains(filter)) {
        out.add(filter);
      }
    }
    return out;
  }

  /**
   * A facade run. In a listing there is no data, so no failed step; {@code getRun} asks for
   * {@code includeData=true}, which brings {@code data.resultData.error.message} and
   * {@code lastNodeExecuted}: why and where it failed (vendors.md, n8n).
   */
  static Run toRun(Execution model) {
    ExecutionStatus status = model.getStatus();
    RunStatus facade = STATUSES.toRunStatus(status);
    Instant started = Times.instant(model.getStartedAt());
    // A waiting execution has a stoppedAt too, the moment it parked (observed on 2.41.1 by the
    // live suite): it has not finished, so only an ended execution's stoppedAt is its end.
    Instant stopped = facade.isTerminal() ? Times.instant(model.getStoppedAt()) : null;
    return Run.builder()
        .id(model.getId())
        .vendor(N8nClient.N8N)
        .flowId(model.getWorkflowId())
        .status(facade)
        .rawStatus(status == null ? null : status.raw())
        .startedAt(started)
        .finishedAt(stopped)
        .duration(started != null && stopped != null && !stopped.isBefore(started)
            ? Duration.between(started, stopped) : null)
        .trigger(model.getMode())
        .failedStep(failedStep(model))
        .retryOf(model.getRetryOf())
        .raw(model)
        .build();
  }

  private static FailedStep failedStep(Execution model) {
    ExecutionResultData result = model.getData() == null ? null : model.getData().getResultData();
    ExecutionError error = result == null ? null : result.getError();
    if (error == null || (error.getMessage() == null && result.getLastNodeExecuted() == null)) {
      return null;
    }
    return FailedStep.of(result.getLastNodeExecuted(), error.getMessage());
  }
}
