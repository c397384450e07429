package io.github.flowruns.testing.internal;

import java.util.List;

/**
 * One run in vendor-neutral form. Seeded runs are computed from (seed, serial); runs changed or
 * created by requests are kept as instances of this record in the store's overlay.
 *
 * <p>{@code serial} orders runs: higher is newer. Seeded runs have serials 0..N-1 (N-1 newest);
 * runs created later get N, N+1, ...
 */
public record RunData(
    long serial,
    String id,
    int flow,
    Status status,
    long createdMs,
    Long startedMs,
    Long finishedMs,
    long updatedMs,
    String trigger,
    int totalSteps,
    int stepsRun,
    int failedStep,
    String failedMessage,
    String parentId,
    List<String> tags,
    Long archivedMs,
    int flowVersion,
    String pauseRequestId,
    String userId,
    boolean hasWarnings) {

  public Long durationMs() {
    return startedMs != null && finishedMs != null ? finishedMs - startedMs : null;
  }

  public boolean hasFailedStep() {
    return failedStep >= 0;
  }

  public boolean archived() {
    return archivedMs != null;
  }

  /** The run moved to {@code next} at {@code atMs}; a terminal status also finishes it. */
  public RunData withStatus(Status next, long atMs, int stepsRunNow) {
    Long started = startedMs != null ? startedMs : (next.queued() ? null : atMs);
    Long finished = next.terminal() ? (finishedMs != null ? finishedMs : atMs) : null;
    return new RunData(serial, id, flow, next, createdMs, started, finished, atMs, trigger, totalSteps,
        stepsRunNow, failedStep, failedMessage, parentId, tags, archivedMs, flowVersion,
        next.raw() != null && next.raw().equals("PAUSED") ? pauseRequestId : null, userId, hasWarnings);
  }

  public RunData withArchived(long atMs) {
    return new RunData(serial, id, flow, status, createdMs, startedMs, finishedMs, atMs, trigger, totalSteps,
        stepsRun, failedStep, failedMessage, parentId, tags, atMs, flowVersion, pauseRequestId, userId, hasWarnings);
  }
}
