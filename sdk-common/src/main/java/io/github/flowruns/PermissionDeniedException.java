package io.github.flowruns;

/**
 * The credentials are valid but may not do this (HTTP 403), e.g. a read-only key retrying a run.
 *
 * <pre>{@code
 * catch (PermissionDeniedException e) { System.err.println("key lacks write scope: " + e.getMessage()); }
 * }</pre>
 */
public final class PermissionDeniedException extends FlowRunsException {
  private static final long serialVersionUID = 1L;

  PermissionDeniedException(ErrorDetails details) {
    super(details);
  }
}
