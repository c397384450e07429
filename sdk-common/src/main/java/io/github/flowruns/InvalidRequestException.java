package io.github.flowruns;

import java.util.List;
import java.util.Map;

/**
 * The vendor rejected the request as invalid (HTTP 400 or 422; Activepieces 409 validation). {@link #fieldErrors()} holds the per-field messages of the vendor's error shape.
 *
 * <pre>{@code
 * catch (InvalidRequestException e) { e.fieldErrors().forEach((f, m) -> System.err.println(f + ": " + m)); }
 * }</pre>
 */
public final class InvalidRequestException extends FlowRunsException {
  private static final long serialVersionUID = 1L;

  InvalidRequestException(ErrorDetails details) {
    super(details);
  }

  /**
   * The per-field messages the vendor sent (Laravel {@code errors}, FastAPI {@code detail[].loc},
   * Activepieces {@code params}).
   *
   * @return field name to messages; empty when the vendor gave none
   */
  public Map<String, List<String>> fieldErrors() {
    return details().fieldErrors();
  }
}
