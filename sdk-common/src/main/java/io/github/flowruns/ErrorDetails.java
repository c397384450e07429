package io.github.flowruns;

import io.github.flowruns.internal.RedactedThrowable;
import io.github.flowruns.internal.Redaction;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The facts of a failed call, from which {@link FlowRunsException#forStatus(ErrorDetails)} makes
 * the right exception. Vendor modules and tests use it; applications read the exception instead.
 *
 * <pre>{@code
 * throw FlowRunsException.forStatus(ErrorDetails.builder()
 *     .vendor(Vendor.FLOWSTACK).operation("getRun")
 *     .httpStatus(404).errorCode("NOT_FOUND").message("Run not found")
 *     .requestId("r-1").build());        // a NotFoundException
 * }</pre>
 *
 * <p>Every text a server may have chosen (error code, message, request id, body, field names and
 * messages, the messages of the cause chain) passes through the builder's
 * {@linkplain Builder#redactor(UnaryOperator) redactor}, which knows the client's credentials, and
 * through {@link Redaction#redactText(String)}'s patterns, before anything is kept; the body is
 * redacted before it is cut to the excerpt, so a secret across the cut leaves no half behind.
 * Serializable, so an exception keeps its facts across Java serialization.
 */
public final class ErrorDetails implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Most bytes of a response body an exception keeps. */
  public static final int MAX_EXCERPT_BYTES = 2048;

  /** Which exception class an error becomes, when the HTTP status alone does not say. */
  public enum Kind {
    /** {@link AuthenticationException}. */
    AUTHENTICATION,
    /** {@link PermissionDeniedException}. */
    PERMISSION_DENIED,
    /** {@link NotFoundException}. */
    NOT_FOUND,
    /** {@link ConflictException}. */
    CONFLICT,
    /** {@link GoneException}. */
    GONE,
    /** {@link InvalidRequestException}. */
    INVALID_REQUEST,
    /** {@link RateLimitException}. */
    RATE_LIMIT,
    /** {@link ServerException}. */
    SERVER,
    /** {@link ResponseParseException}. */
    RESPONSE_PARSE,
    /** {@link TransportException}. */
    TRANSPORT,
    /** A plain {@link FlowRunsException}. */
    OTHER;

    /**
     * The kind an HTTP status maps to: 400/422 INVALID_REQUEST, 401, 403, 404, 409, 410, 429,
     * 5xx SERVER, anything else OTHER.
     *
     * <pre>{@code Kind.forStatus(422); // INVALID_REQUEST}</pre>
     *
     * @param status the HTTP status
     * @return the kind
     */
    public static Kind forStatus(int status) {
      switch (status) {
        case 400:
        case 422:
          return INVALID_REQUEST;
        case 401:
          return AUTHENTICATION;
        case 403:
          return PERMISSION_DENIED;
        case 404:
          return NOT_FOUND;
        case 409:
          return CONFLICT;
        case 410:
          return GONE;
        case 429:
          return RATE_LIMIT;
        default:
          return status >= 500 && status <= 599 ? SERVER : OTHER;
      }
    }
  }

  /** The vendor, or null outside a vendor client. */
  private final Vendor vendor;
  /** The operation, e.g. {@code "getRun"}. */
  private final String operation;
  /** The HTTP status, or null if no response was received. */
  private final Integer httpStatus;
  /** The vendor's error code, redacted. */
  private final String errorCode;
  /** The vendor's message, redacted. */
  private final String message;
  /** The request id header, redacted. */
  private final String requestId;
  /** Attempts made, at least 1. */
  private final int attempts;
  /** The start of the response body, redacted. */
  private final String bodyExcerpt;
  /** Field name to messages, redacted. */
  private final Map<String, List<String>> fieldErrors;
  /** How long the server asked to wait, or null. */
  private final Duration retryAfter;
  /** The exception kind. */
  private final Kind kind;
  /** The underlying cause, or null. */
  private final Throwable cause;

  private ErrorDetails(Builder b) {
    UnaryOperator<String> r = b.redactor == null
        ? Redaction::redactText
        : text -> text == null ? null : Redaction.redactText(b.redactor.apply(text));
    this.vendor = b.vendor;
    this.operation = b.operation;
    this.httpStatus = b.httpStatus;
    this.errorCode = r.apply(b.errorCode);
    this.message = r.apply(b.message);
    this.requestId = r.apply(b.requestId);
    this.attempts = Math.max(0, b.attempts);
    this.bodyExcerpt = Redaction.excerpt(r.apply(b.body), MAX_EXCERPT_BYTES);
    Map<String, List<String>> fe = new LinkedHashMap<>();
    b.fieldErrors.forEach((k, v) -> {
      List<String> messages = new ArrayList<>(v.size());
      v.forEach(m -> messages.add(r.apply(m)));
      fe.merge(r.apply(k), messages, (x, y) -> {
        List<String> both = new ArrayList<>(x);
        both.addAll(y);
        return both;
      });
    });
    fe.replaceAll((k, v) -> Collections.unmodifiableList(v));
    this.fieldErrors = Collections.unmodifiableMap(fe);
    this.retryAfter = b.retryAfter;
    this.kind = b.kind != null ? b.kind
        : httpStatus != null ? Kind.forStatus(httpStatus) : Kind.OTHER;
    this.cause = RedactedThrowable.scrub(b.cause, r);
  }

  /**
   * Starts a builder.
   *
   * @return a new builder; attempts default to 1
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding these details, e.g. to change the attempt count.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.vendor = vendor;
    b.operation = operation;
    b.httpStatus = httpStatus;
    b.errorCode = errorCode;
    b.message = message;
    b.requestId = requestId;
    b.attempts = attempts;
    b.body = bodyExcerpt;
    b.fieldErrors.putAll(fieldErrors);
    b.retryAfter = retryAfter;
    b.kind = kind;
    b.cause = cause;
    return b;
  }

  /** {@return the vendor, may be null} */
  public Vendor vendor() {
    return vendor;
  }

  /** {@return the operation (facade method name or vendor operation), may be null} */
  public String operation() {
    return operation;
  }

  /** {@return the HTTP status, or null when no response was received} */
  public Integer httpStatus() {
    return httpStatus;
  }

  /** {@return the vendor's error code, may be null} */
  public String errorCode() {
    return errorCode;
  }

  /** {@return the vendor's (redacted) message, may be null} */
  public String message() {
    return message;
  }

  /** {@return the request id header of the response, may be null} */
  public String requestId() {
    return requestId;
  }

  /** {@return the number of attempts made} */
  public int attempts() {
    return attempts;
  }

  /** {@return the redacted body excerpt, at most {@link #MAX_EXCERPT_BYTES} bytes, may be null} */
  public String bodyExcerpt() {
    return bodyExcerpt;
  }

  /** {@return field name to messages, never null} */
  public Map<String, List<String>> fieldErrors() {
    return fieldErrors;
  }

  /** {@return how long the server asked to wait, may be null} */
  public Duration retryAfter() {
    return retryAfter;
  }

  /** {@return the exception kind, from the explicit kind or else the status} */
  public Kind kind() {
    return kind;
  }

  /** {@return the underlying cause, may be null} */
  public Throwable cause() {
    return cause;
  }

  /**
   * The one-line exception message:
   * {@code Activepieces getRun: HTTP 404 (ENTITY_NOT_FOUND) Flow run not found [request id r-1, 1 attempt]}.
   *
   * @return the message
   */
  String formatMessage() {
    StringBuilder sb = new StringBuilder();
    sb.append(vendor == null ? "flowruns" : vendor.displayName());
    if (operation != null) {
      sb.append(' ').append(operation);
    }
    sb.append(':');
    if (httpStatus != null) {
      sb.append(" HTTP ").append(httpStatus);
    }
    if (errorCode != null && !errorCode.isBlank()) {
      sb.append(" (").append(oneLine(errorCode, 100)).append(')');
    }
    if (message != null && !message.isBlank()) {
      sb.append(' ').append(oneLine(message, 500));
    } else if (httpStatus == null && cause != null && cause.getMessage() != null) {
      sb.append(' ').append(oneLine(Redaction.redactText(cause.getMessage()), 500));
    }
    if (retryAfter != null) {
      sb.append(" (retry after ").append(retryAfter.toMillis() % 1000 == 0
          ? retryAfter.getSeconds() + " s" : retryAfter.toMillis() + " ms").append(')');
    }
    sb.append(" [");
    if (requestId != null) {
      sb.append("request id ").append(oneLine(requestId, 100)).append(", ");
    }
    sb.append(attempts).append(attempts == 1 ? " attempt]" : " attempts]");
    return sb.toString();
  }

  private static String oneLine(String s, int max) {
    String t = s.replaceAll("[\\r\\n\\t]+", " ").trim();
    return t.length() <= max ? t : t.substring(0, max) + "…";
  }

  @Override
  public String toString() {
    return "ErrorDetails{" + formatMessage() + "}";
  }

  /** Builds {@link ErrorDetails}. */
  public static final class Builder {
    private Vendor vendor;
    private String operation;
    private Integer httpStatus;
    private String errorCode;
    private String message;
    private String requestId;
    private int attempts = 1;
    private String body;
    private final Map<String, List<String>> fieldErrors = new LinkedHashMap<>();
    private Duration retryAfter;
    private Kind kind;
    private Throwable cause;
    private UnaryOperator<String> redactor;

    private Builder() {}

    /**
     * Sets the vendor.
     *
     * @param vendor the vendor

     * @return this builder

     */
    public Builder vendor(Vendor vendor) {
      this.vendor = vendor;
      return this;
    }

    /**
     * Sets the operation name, e.g. {@code "getRun"}.
     *
     * @param operation the operation name, e.g. {@code "getRun"}

     * @return this builder

     */
    public Builder operation(String operation) {
      this.operation = operation;
      return this;
    }

    /**
     * Sets the HTTP status, or null if none was received.
     *
     * @param httpStatus the HTTP status, or null if none was received

     * @return this builder

     */
    public Builder httpStatus(Integer httpStatus) {
      this.httpStatus = httpStatus;
      return this;
    }

    /**
     * Sets the vendor's error code.
     *
     * @param errorCode the vendor's error code

     * @return this builder

     */
    public Builder errorCode(String errorCode) {
      this.errorCode = errorCode;
      return this;
    }

    /**
     * Sets the vendor's message; secrets are removed.
     *
     * @param message the vendor's message; secrets are removed

     * @return this builder

     */
    public Builder message(String message) {
      this.message = message;
      return this;
    }

    /**
     * Sets the request id header.
     *
     * @param requestId the request id header

     * @return this builder

     */
    public Builder requestId(String requestId) {
      this.requestId = requestId;
      return this;
    }

    /**
     * Sets the number of attempts made (default 1).
     *
     * @param attempts attempts made, default 1

     * @return this builder

     */
    public Builder attempts(int attempts) {
      this.attempts = attempts;
      return this;
    }

    /**
     * Sets the response body; redacted and cut to {@link #MAX_EXCERPT_BYTES}.
     *
     * @param body the response body; redacted and cut to {@link #MAX_EXCERPT_BYTES}
     * @return this builder
     */
    public Builder body(String body) {
      this.body = body;
      return this;
    }

    /**
     * Sets the field errors: field name to messages; copied, null ignored.
     *
     * @param fieldErrors field name to messages; copied, null ignored
     * @return this builder
     */
    public Builder fieldErrors(Map<String, List<String>> fieldErrors) {
      this.fieldErrors.clear();
      if (fieldErrors != null) {
        fieldErrors.forEach((k, v) -> {
          if (k != null && v != null) {
            this.fieldErrors.put(k, v);
          }
        });
      }
      return this;
    }

    /**
     * Sets how long the server asked to wait.
     *
     * @param retryAfter how long the server asked to wait

     * @return this builder

     */
    public Builder retryAfter(Duration retryAfter) {
      this.retryAfter = retryAfter;
      return this;
    }

    /**
     * Sets the exception kind, overriding the one the status implies.
     *
     * @param kind the exception kind, overriding the one the status implies (e.g. Activepieces
     *     answers validation errors with 409)
     * @return this builder
     */
    public Builder kind(Kind kind) {
      this.kind = kind;
      return this;
    }

    /**
     * Sets the underlying cause.
     *
     * @param cause the underlying cause

     * @return this builder

     */
    public Builder cause(Throwable cause) {
      this.cause = cause;
      return this;
    }

    /**
     * Removes the client's credentials from every text of the details (code, message, request id,
     * body, field errors, the cause chain's messages) before the patterns of
     * {@link Redaction#redactText(String)} run; the transport passes the redactor of the call,
     * which knows the key, password and tokens of its client.
     *
     * <pre>{@code ErrorDetails.builder().redactor(text -> text.replace(key, "[redacted]"))}</pre>
     *
     * @param redactor returns its argument with secrets masked (null in, null out), or null for
     *     the patterns alone
     * @return this builder
     */
    public Builder redactor(UnaryOperator<String> redactor) {
      this.redactor = redactor;
      return this;
    }

    /** {@return the immutable details} */
    public ErrorDetails build() {
      return new ErrorDetails(this);
    }
  }
}
