package io.github.flowruns;

/**
 * The credentials were refused (HTTP 401): a wrong, revoked or expired key or token.
 *
 * <pre>{@code
 * try { client.listRuns(q).iterator().hasNext(); } catch (AuthenticationException e) { askForNewKey(); }
 * }</pre>
 */
public final class AuthenticationException extends FlowRunsException {
  private static final long serialVersionUID = 1L;

  AuthenticationException(ErrorDetails details) {
    super(details);
  }
}
