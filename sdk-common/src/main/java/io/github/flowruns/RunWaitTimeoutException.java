package io.github.flowruns;

/**
 * {@link FlowRunsClient#awaitRun(String, java.time.Duration)} reached its deadline before the run
 * was terminal.
 *
 * <pre>{@code
 * try {
 *   Run done = client.awaitRun(id, Duration.ofMinutes(30));
 * } catch (RunWaitTimeoutException e) {
 *   System.err.println("still " + (e.lastSeen() == null ? "unknown" : e.lastSeen().status())
 *       + " after " + e.attempts() + " polls");
 * }
 * }</pre>
 */
public final class RunWaitTimeoutException extends FlowRunsException {
  private static final long serialVersionUID = 1L;

  /** Not serialized ({@link Run} is not serializable): null after deserialization. */
  private final transient Run lastSeen;

  RunWaitTimeoutException(ErrorDetails details, Run lastSeen) {
    super(details);
    this.lastSeen = lastSeen;
  }

  /**
   * The last run a poll read, not terminal.
   *
   * @return the run, or null if no poll succeeded
   */
  public Run lastSeen() {
    return lastSeen;
  }

  /**
   * The polls made ({@code getRun} calls started, whether they succeeded or not).
   *
   * @return the number of polls
   */
  @Override
  public int attempts() {
    return super.attempts();
  }
}
