package io.github.flowruns;

/**
 * The vendor failed (HTTP 5xx) and the retries, if any, did not help.
 *
 * <pre>{@code
 * catch (ServerException e) { alert(e.vendor(), e.requestId()); }
 * }</pre>
 */
public final class ServerException extends FlowRunsException {
  private static final long serialVersionUID = 1L;

  ServerException(ErrorDetails details) {
    super(details);
  }
}
