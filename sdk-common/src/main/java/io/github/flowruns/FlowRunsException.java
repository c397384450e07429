package io.github.flowruns;

import java.util.OptionalInt;

/**
 * The root of every error this SDK throws (all unchecked). It carries what a person needs to act:
 * vendor, operation, HTTP status, the vendor's error code, the request id header, the number of
 * attempts made, and an excerpt of the response body with secrets removed. The message is one line:
 * {@code Activepieces getRun: HTTP 404 (ENTITY_NOT_FOUND) Flow run not found [request id r-1, 1 attempt]}.
 *
 * <pre>{@code
 * try {
 *   client.getRun(id);
 * } catch (NotFoundException e) {
 *   // gone or never existed
 * } catch (RateLimitException e) {
 *   sleep(e.retryAfter());
 * } catch (FlowRunsException e) {
 *   log.warn("{} (status {}, request {})", e.getMessage(), e.httpStatus(), e.requestId());
 * }
 * }</pre>
 *
 * <p>Subclasses: {@link AuthenticationException} 401, {@link PermissionDeniedException} 403,
 * {@link NotFoundException} 404, {@link ConflictException} 409, {@link GoneException} 410,
 * {@link InvalidRequestException} 400/422, {@link RateLimitException} 429, {@link ServerException}
 * 5xx, {@link ResponseParseException} (an unreadable body), {@link TransportException} (I/O and
 * timeouts).
 *
 * <p>No text of an exception holds a credential of the client that threw it: its API key, login
 * password and the tokens it obtained are masked in the message, the error code, the request id,
 * the body excerpt, the field errors and the causes' messages, also when a server echoes them
 * JSON-escaped, percent-encoded or in Base64. Exceptions are serializable with all their facts.
 */
public class FlowRunsException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * The facts of the failure. Serialized with the exception (ErrorDetails is Serializable), so a
   * deserialized exception keeps its facts instead of failing in every accessor.
   */
  private final ErrorDetails details;

  FlowRunsException(ErrorDetails details) {
    super(details.formatMessage(), details.cause());
    this.details = details;
  }

  /**
   * Creates the exception an error maps to: by {@link ErrorDetails#kind()} when set, else by the
   * HTTP status (400/422, 401, 403, 404, 409, 410, 429, 5xx; anything else a plain
   * FlowRunsException).
   *
   * <pre>{@code
   * FlowRunsException e = FlowRunsException.forStatus(ErrorDetails.builder()
   *     .vendor(Vendor.PATCHWORKS).operation("retryRun").httpStatus(409).build());  // ConflictException
   * }</pre>
   *
   * @param details the facts of the failure
   * @return the exception, to throw
   */
  public static FlowRunsException forStatus(ErrorDetails details) {
    switch (details.kind()) {
      case AUTHENTICATION:
        return new AuthenticationException(details);
      case PERMISSION_DENIED:
        return new PermissionDeniedException(details);
      case NOT_FOUND:
        return new NotFoundException(details);
      case CONFLICT:
        return new ConflictException(details);
      case GONE:
        return new GoneException(details);
      case INVALID_REQUEST:
        return new InvalidRequestException(details);
      case RATE_LIMIT:
        return new RateLimitException(details);
      case SERVER:
        return new ServerException(details);
      case RESPONSE_PARSE:
        return new ResponseParseException(details);
      case TRANSPORT:
        return new TransportException(details);
      default:
        return new FlowRunsException(details);
    }
  }

  /**
   * All the facts of this failure.
   *
   * @return the details
   */
  public ErrorDetails details() {
    return details;
  }

  /**
   * The vendor that failed.
   *
   * @return the vendor, or null if not known
   */
  public Vendor vendor() {
    return details.vendor();
  }

  /**
   * The operation that failed, e.g. {@code "listRuns"}.
   *
   * @return the operation, or null
   */
  public String operation() {
    return details.operation();
  }

  /**
   * The HTTP status of the response.
   *
   * <pre>{@code if (e.httpStatus().orElse(0) == 404) { ... }}</pre>
   *
   * @return the status, or empty when no response was received
   */
  public OptionalInt httpStatus() {
    Integer s = details.httpStatus();
    return s == null ? OptionalInt.empty() : OptionalInt.of(s);
  }

  /**
   * The vendor's error code, e.g. {@code "ENTITY_NOT_FOUND"}.
   *
   * @return the code, or null
   */
  public String errorCode() {
    return details.errorCode();
  }

  /**
   * The request id the vendor sent ({@code X-Request-Id} or {@code Request-Id}), for support.
   *
   * @return the id, or null
   */
  public String requestId() {
    return details.requestId();
  }

  /**
   * How many attempts were made, retries included.
   *
   * @return the attempt count
   */
  public int attempts() {
    return details.attempts();
  }

  /**
   * The start of the response body (at most 2 KiB) with secrets removed.
   *
   * @return the excerpt, or null when there was no body
   */
  public String bodyExcerpt() {
    return details.bodyExcerpt();
  }
}
