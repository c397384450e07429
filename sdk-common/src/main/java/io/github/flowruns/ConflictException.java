package io.github.flowruns;

/**
 * The request conflicts with the resource's state (HTTP 409), e.g. stopping a run that already finished.
 *
 * <pre>{@code
 * catch (ConflictException e) { log.info("run already finished"); }
 * }</pre>
 */
public final class ConflictException extends FlowRunsException {
  private static final long serialVersionUID = 1L;

  ConflictException(ErrorDetails details) {
    super(details);
  }
}
