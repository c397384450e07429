package io.github.flowruns;

import java.util.Locale;
import java.util.Objects;

/**
 * The normalised status of a run. Every vendor value maps to exactly one of these (see the status
 * table in the SDK documentation); a value the SDK does not know becomes {@link #UNKNOWN} and the
 * vendor's text stays available as {@link Run#rawStatus()}.
 *
 * <pre>{@code
 * if (run.status().isFailure()) {
 *   client.retryRun(run.id(), RetryMode.FROM_FAILED_STEP);
 * }
 * }</pre>
 *
 * <p>Classification: {@link #isTerminal()} is true for SUCCEEDED, PARTIALLY_SUCCEEDED, FAILED,
 * CANCELLED and TIMED_OUT. {@link #isFailure()} is true for FAILED and TIMED_OUT only: a
 * partially successful run finished and did part of its work, so it is terminal but not a failure;
 * a cancelled run was stopped on purpose, so it is terminal but not a failure. UNKNOWN is neither.
 */
public enum RunStatus {
  /** Accepted, not started yet. */
  QUEUED,
  /** Executing. */
  RUNNING,
  /** Waiting (a delay, a webhook, a human). */
  PAUSED,
  /** Finished successfully. */
  SUCCEEDED,
  /** Finished; some steps failed (Patchworks PARTIAL_SUCCESS). */
  PARTIALLY_SUCCEEDED,
  /** Finished with an error. */
  FAILED,
  /** Stopped or cancelled before finishing. */
  CANCELLED,
  /** Exceeded its time limit. */
  TIMED_OUT,
  /** A vendor value this SDK does not know; see {@link Run#rawStatus()}. */
  UNKNOWN;

  /**
   * Whether a run in this status will not change any more.
   *
   * <pre>{@code RunStatus.PARTIALLY_SUCCEEDED.isTerminal(); // true}</pre>
   *
   * @return true for SUCCEEDED, PARTIALLY_SUCCEEDED, FAILED, CANCELLED, TIMED_OUT
   */
  public boolean isTerminal() {
    switch (this) {
      case SUCCEEDED:
      case PARTIALLY_SUCCEEDED:
      case FAILED:
      case CANCELLED:
      case TIMED_OUT:
        return true;
      default:
        return false;
    }
  }

  /**
   * Whether this status means the run failed.
   *
   * <pre>{@code RunStatus.TIMED_OUT.isFailure(); // true}</pre>
   *
   * @return true for FAILED and TIMED_OUT only
   */
  public boolean isFailure() {
    return this == FAILED || this == TIMED_OUT;
  }

  /**
   * Parses a status name in any case, with {@code -} or space accepted for {@code _}, and the
   * spellings {@code CANCELED} and {@code TIMEOUT}; meant for command lines and configuration.
   *
   * <pre>{@code RunStatus.parse("timed-out"); // TIMED_OUT}</pre>
   *
   * @param text e.g. {@code "failed"}, {@code "Partially_Succeeded"}
   * @return the status
   * @throws IllegalArgumentException if the text names no status; the message lists the valid ones
   */
  public static RunStatus parse(String text) {
    Objects.requireNonNull(text, "text");
    String n = text.trim().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
    switch (n) {
      case "CANCELED":
        return CANCELLED;
      case "TIMEOUT":
        return TIMED_OUT;
      default:
        break;
    }
    for (RunStatus s : values()) {
      if (s.name().equals(n)) {
        return s;
      }
    }
    throw new IllegalArgumentException(
        "Unknown run status '" + text + "'; expected one of " + java.util.Arrays.toString(values()));
  }
}
