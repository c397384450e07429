package io.github.flowruns;

/**
 * The run, flow or project does not exist, or is not visible to these credentials (HTTP 404).
 *
 * <pre>{@code
 * try { client.getRun(id); } catch (NotFoundException e) { return Optional.empty(); }
 * }</pre>
 */
public final class NotFoundException extends FlowRunsException {
  private static final long serialVersionUID = 1L;

  NotFoundException(ErrorDetails details) {
    super(details);
  }
}
