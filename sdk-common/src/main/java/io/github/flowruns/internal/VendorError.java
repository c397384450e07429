package io.github.flowruns.internal;

import io.github.flowruns.ErrorDetails;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a vendor's error body says, as its {@link ErrorBodyParser} read it. Every field is optional.
 * Not API.
 *
 * <pre>{@code
 * VendorError.builder().code("ENTITY_NOT_FOUND").message("Flow run not found").build()
 * }</pre>
 */
public final class VendorError {
  private static final VendorError EMPTY = builder().build();

  private final String code;
  private final String message;
  private final Map<String, List<String>> fieldErrors;
  private final Duration retryAfter;
  private final ErrorDetails.Kind kind;

  private VendorError(Builder b) {
    this.code = b.code;
    this.message = b.message;
    Map<String, List<String>> fe = new LinkedHashMap<>();
    b.fieldErrors.forEach((k, v) -> fe.put(k, Collections.unmodifiableList(new ArrayList<>(v))));
    this.fieldErrors = Collections.unmodifiableMap(fe);
    this.retryAfter = b.retryAfter;
    this.kind = b.kind;
  }

  /** @return an error that says nothing */
  public static VendorError empty() {
    return EMPTY;
  }

  /**
   * @param code the vendor's error code, or null
   * @param message the message, or null
   * @return the error
   */
  public static VendorError of(String code, String message) {
    return builder().code(code).message(message).build();
  }

  /** @return a new builder */
  public static Builder builder() {
    return new Builder();
  }

  /** @return the vendor's error code, or null */
  public String code() {
    return code;
  }

  /** @return the message, or null */
  public String message() {
    return message;
  }

  /** @return field name to messages, never null */
  public Map<String, List<String>> fieldErrors() {
    return fieldErrors;
  }

  /** @return a wait the body asked for, or null (headers are read separately) */
  public Duration retryAfter() {
    return retryAfter;
  }

  /** @return the exception kind overriding the status mapping, or null */
  public ErrorDetails.Kind kind() {
    return kind;
  }

  /** Builds a {@link VendorError}. */
  public static final class Builder {
    private String code;
    private String message;
    private final Map<String, List<String>> fieldErrors = new LinkedHashMap<>();
    private Duration retryAfter;
    private ErrorDetails.Kind kind;

    private Builder() {}

    /** @param code error code @return this builder */
    public Builder code(String code) {
      this.code = code;
      return this;
    }

    /** @param message message @return this builder */
    public Builder message(String message) {
      this.message = message;
      return this;
    }

    /**
     * Adds a message for a field.
     *
     * @param field the field name (for nested locations, joined with dots)
     * @param message the message
     * @return this builder
     */
    public Builder fieldError(String field, String message) {
      if (field != null && message != null) {
        fieldErrors.computeIfAbsent(field, k -> new ArrayList<>()).add(message);
      }
      return this;
    }

    /** @param retryAfter a wait from the body @return this builder */
    public Builder retryAfter(Duration retryAfter) {
      this.retryAfter = retryAfter;
      return this;
    }

    /**
     * @param kind the exception kind to use instead of the status mapping (e.g. Activepieces 409
     *     validation is {@link ErrorDetails.Kind#INVALID_REQUEST})
     * @return this builder
     */
    public Builder kind(ErrorDetails.Kind kind) {
      this.kind = kind;
      return this;
    }

    /** @return the error */
    public VendorError build() {
      return new VendorError(this);
    }
  }
}
