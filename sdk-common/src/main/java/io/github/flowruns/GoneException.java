package io.github.flowruns;

/**
 * The resource existed but is no longer available (HTTP 410), e.g. retrying a run past its retention period.
 *
 * <pre>{@code
 * catch (GoneException e) { System.err.println("too old to retry: " + e.getMessage()); }
 * }</pre>
 */
public final class GoneException extends FlowRunsException {
  private static final long serialVersionUID = 1L;

  GoneException(ErrorDetails details) {
    super(details);
  }
}
