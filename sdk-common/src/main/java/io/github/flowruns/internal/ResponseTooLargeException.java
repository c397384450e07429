package io.github.flowruns.internal;

import java.io.IOException;

/**
 * Thrown while reading a response body that exceeds the configured limit; {@link Transport} turns
 * it into a {@link io.github.flowruns.ResponseParseException}. Not API.
 */
public final class ResponseTooLargeException extends IOException {
  private static final long serialVersionUID = 1L;

  private final long limit;

  /**
   * @param limit the limit in bytes
   * @param declaredLength the Content-Length, or -1 when the body was cut while streaming
   */
  public ResponseTooLargeException(long limit, long declaredLength) {
    super(declaredLength >= 0
        ? "response body of " + declaredLength + " bytes exceeds the limit of " + limit + " bytes"
        : "response body exceeds the limit of " + limit + " bytes");
    this.limit = limit;
  }

  /** @return the limit in bytes */
  public long limit() {
    return limit;
  }
}
