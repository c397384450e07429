package io.github.flowruns;

import java.util.Objects;

/**
 * A bulk action ({@link FlowRunsClient#retryRuns}, {@link FlowRunsClient#stopRuns}) could not go
 * on: the listing of its runs failed midway, or the client was closed. The work already done is
 * not lost: {@link #partialResult()} holds every run acted on so far, and the cause is the failure
 * that stopped the action. The facts (vendor, HTTP status, error code, request id, attempts, body
 * excerpt) are the cause's; the operation is the bulk action's.
 *
 * <pre>{@code
 * try {
 *   client.stopRuns(running);
 * } catch (BulkActionException e) {
 *   BulkResult done = e.partialResult();       // these runs were stopped before the failure
 *   log.warn("{} runs stopped before: {}", done.succeeded().size(), e.getCause().getMessage());
 * }
 * }</pre>
 */
public final class BulkActionException extends FlowRunsException {
  private static final long serialVersionUID = 1L;

  /** What succeeded and failed before the action stopped. */
  private final BulkResult partialResult;

  private BulkActionException(ErrorDetails details, BulkResult partialResult) {
    super(details);
    this.partialResult = partialResult;
  }

  /**
   * Wraps the failure that stopped a bulk action, with what it did before.
   *
   * <pre>{@code throw BulkActionException.of("stopRuns", result.build(), listingFailure);}</pre>
   *
   * @param operation the bulk operation, e.g. {@code "stopRuns"}
   * @param partialResult the runs acted on before the failure
   * @param cause the failure
   * @return the exception, to throw
   */
  public static BulkActionException of(String operation, BulkResult partialResult,
      FlowRunsException cause) {
    Objects.requireNonNull(partialResult, "partialResult");
    Objects.requireNonNull(cause, "cause");
    ErrorDetails facts = cause.details();
    ErrorDetails.Builder b = facts == null
        ? ErrorDetails.builder().kind(ErrorDetails.Kind.OTHER).attempts(cause.attempts())
        : facts.toBuilder();
    String why = facts == null ? cause.getMessage()
        : facts.message() != null ? facts.message() : cause.getMessage();
    b.operation(operation)
        .message("stopped after " + partialResult.total() + " run"
            + (partialResult.total() == 1 ? "" : "s") + " (" + partialResult.succeeded().size()
            + " succeeded, " + partialResult.failed().size() + " failed)"
            + (cause.operation() != null && !cause.operation().equals(operation)
                ? "; " + cause.operation() + " failed" : "")
            + (why == null || why.isBlank() ? "" : ": " + why))
        .cause(cause);
    return new BulkActionException(b.build(), partialResult);
  }

  /**
   * The runs the action was attempted on before it stopped, each with its outcome.
   *
   * @return the partial result, never null
   */
  public BulkResult partialResult() {
    return partialResult;
  }
}
