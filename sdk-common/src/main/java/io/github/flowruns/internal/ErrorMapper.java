package io.github.flowruns.internal;

import io.github.flowruns.ErrorDetails;
import io.github.flowruns.FlowRunsException;
import io.github.flowruns.Vendor;
import java.time.Clock;
import java.time.Duration;
import java.util.function.UnaryOperator;
import okhttp3.Headers;

/**
 * Turns a non-2xx response into the typed {@link FlowRunsException}: the status picks the class
 * (400/422 invalid request, 401, 403, 404, 409, 410, 429, 5xx server, others the base class)
 * unless the vendor's {@link VendorError#kind()} overrides it; the vendor's parser fills code,
 * message and field errors; the headers give the request id and the wait. Not API.
 *
 * <pre>{@code
 * throw ErrorMapper.map(Vendor.FLOWSTACK, "getRun", 404, response.headers(), body, parser, 1);
 * }</pre>
 */
public final class ErrorMapper {
  private ErrorMapper() {}

  /**
   * Maps an error response.
   *
   * @param vendor the vendor
   * @param operation the operation
   * @param status the HTTP status
   * @param headers the response headers
   * @param body the (possibly partial) body text, may be null
   * @param parser the vendor's error body parser; whatever it throws is ignored
   * @param attempts attempts made
   * @return the exception to throw
   */
  public static FlowRunsException map(Vendor vendor, String operation, int status, Headers headers,
      String body, ErrorBodyParser parser, int attempts) {
    return map(vendor, operation, status, headers, body, parser, attempts, Redaction::redactText);
  }

  /**
   * Maps an error response, passing the vendor's message and body through a redactor that knows
   * the call's secrets.
   *
   * @param vendor the vendor
   * @param operation the operation
   * @param status the HTTP status
   * @param headers the response headers
   * @param body the (possibly partial) body text, may be null
   * @param parser the vendor's error body parser; whatever it throws is ignored
   * @param attempts attempts made
   * @param redactor removes secrets from text
   * @return the exception to throw
   */
  public static FlowRunsException map(Vendor vendor, String operation, int status, Headers headers,
      String body, ErrorBodyParser parser, int attempts, UnaryOperator<String> redactor) {
    String text = body == null ? "" : body;
    String contentType = headers == null ? null : headers.get("Content-Type");
    VendorError ve = null;
    if (parser != null && !text.isBlank()) {
      try {
        ve = parser.parse(status, contentType, text);
      } catch (RuntimeException | StackOverflowError unreadable) {
        ve = null;
      }
    }
    if (ve == null) {
      ve = VendorError.empty();
    }
    Duration wait = RetryAfter.parse(status, headers, Clock.systemUTC());
    if (wait == null) {
      wait = ve.retryAfter();
    }
    String message = ve.message();
    if (message == null || message.isBlank()) {
      message = looksLikeHtml(contentType, text) ? "(HTML error page)" : null;
    }
    ErrorDetails details = ErrorDetails.builder()
        .vendor(vendor)
        .operation(operation)
        .httpStatus(status)
        .errorCode(ve.code())
        .message(message)
        .requestId(requestId(headers))
        .attempts(attempts)
        .body(text.isEmpty() ? null : text)
        .fieldErrors(ve.fieldErrors())
        .retryAfter(status == 429 || status == 503 ? wait : null)
        .kind(ve.kind())
        // Every field above came from the server: the redactor (the call's, knowing the client's
        // credentials) runs over each of them, field errors and request id included.
        .redactor(redactor)
        .build();
    return FlowRunsException.forStatus(details);
  }

  /**
   * The request id header of a response: {@code X-Request-Id}, else {@code Request-Id}.
   *
   * @param headers the headers, may be null
   * @return the id, or null
   */
  public static String requestId(Headers headers) {
    if (headers == null) {
      return null;
    }
    String id = headers.get("X-Request-Id");
    if (id == null || id.isBlank()) {
      id = headers.get("Request-Id");
    }
    return id == null || id.isBlank() ? null : id.trim();
  }

  static boolean looksLikeHtml(String contentType, String body) {
    if (contentType != null && contentType.toLowerCase(java.util.Locale.ROOT).contains("html")) {
      return true;
    }
    String t = body == null ? "" : body.stripLeading();
    return t.startsWith("<");
  }
}
