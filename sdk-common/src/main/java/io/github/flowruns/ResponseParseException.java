package io.github.flowruns;

/**
 * The vendor answered with a body the SDK cannot read: malformed or truncated JSON, an unexpected type, an HTML page, an empty body where one was needed, or a body over the size limit.
 *
 * <pre>{@code
 * catch (ResponseParseException e) { log(e.getMessage() + " " + e.bodyExcerpt()); }
 * }</pre>
 */
public final class ResponseParseException extends FlowRunsException {
  private static final long serialVersionUID = 1L;

  ResponseParseException(ErrorDetails details) {
    super(details);
  }
}
