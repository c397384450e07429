package io.github.flowruns.http;

import io.github.flowruns.internal.Redaction;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Per-call settings: a timeout for the whole call (retries and every page included), the maximum
 * number of retries, extra headers, and opt-ins. Immutable; pass it as the last argument of any
 * {@link io.github.flowruns.FlowRunsClient} method. For a {@link io.github.flowruns.Paged} result
 * the options apply to every page.
 *
 * <pre>{@code
 * RequestOptions opts = RequestOptions.builder()
 *     .timeout(Duration.ofSeconds(10))
 *     .maxRetries(0)
 *     .header("X-Correlation-Id", correlationId)
 *     .build();
 * Run run = client.getRun(id, opts);
 * }</pre>
 */
public final class RequestOptions {
  private static final RequestOptions DEFAULTS = builder().build();

  private final Duration timeout;
  private final Integer maxRetries;
  private final Map<String, String> headers;
  private final boolean retryNonIdempotent;
  private final boolean prefetch;

  private RequestOptions(Builder b) {
    this.timeout = b.timeout;
    this.maxRetries = b.maxRetries;
    this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(b.headers));
    this.retryNonIdempotent = b.retryNonIdempotent;
    this.prefetch = b.prefetch;
  }

  /**
   * The options that change nothing: the client's timeouts and retry policy apply.
   *
   * <pre>{@code client.getRun(id, RequestOptions.defaults())}</pre>
   *
   * @return the shared default instance
   */
  public static RequestOptions defaults() {
    return DEFAULTS;
  }

  /**
   * Starts a builder.
   *
   * @return a new builder with no settings
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding these options.
   *
   * <pre>{@code RequestOptions longer = opts.toBuilder().timeout(Duration.ofMinutes(1)).build();}</pre>
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.timeout = timeout;
    b.maxRetries = maxRetries;
    b.headers.putAll(headers);
    b.retryNonIdempotent = retryNonIdempotent;
    b.prefetch = prefetch;
    return b;
  }

  /**
   * The time the whole call may take, retries and back-off included.
   *
   * @return the timeout, or null for the client's call timeout
   */
  public Duration timeout() {
    return timeout;
  }

  /**
   * The most retries for this call.
   *
   * @return the count, or null for the client's retry policy
   */
  public Integer maxRetries() {
    return maxRetries;
  }

  /**
   * Extra headers, in the order added; they replace headers of the same name.
   *
   * @return an unmodifiable, ordered map
   */
  public Map<String, String> headers() {
    return headers;
  }

  /**
   * Whether a non-idempotent request (POST) may be retried after the server may have received it
   * (e.g. on a 503). Off by default: such a retry could trigger or retry a run twice.
   *
   * @return true if opted in
   */
  public boolean retryNonIdempotent() {
    return retryNonIdempotent;
  }

  /**
   * Whether paged results fetch the next page on a background thread while the current one is
   * consumed. The items, their order and the requests made are those of sequential paging (never
   * a page past the limit or the last page); two pages are held in memory instead of one.
   *
   * @return true if opted in
   */
  public boolean prefetch() {
    return prefetch;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof RequestOptions)) {
      return false;
    }
    RequestOptions r = (RequestOptions) o;
    return Objects.equals(timeout, r.timeout) && Objects.equals(maxRetries, r.maxRetries)
        && headers.equals(r.headers) && retryNonIdempotent == r.retryNonIdempotent
        && prefetch == r.prefetch;
  }

  @Override
  public int hashCode() {
    return Objects.hash(timeout, maxRetries, headers, retryNonIdempotent, prefetch);
  }

  /** Prints the options with the values of Authorization-like headers masked. */
  @Override
  public String toString() {
    return "RequestOptions{timeout=" + timeout + ", maxRetries=" + maxRetries
        + ", headers=" + Redaction.redactHeaders(headers)
        + ", retryNonIdempotent=" + retryNonIdempotent + ", prefetch=" + prefetch + "}";
  }

  /** Builds {@link RequestOptions}. */
  public static final class Builder {
    private Duration timeout;
    private Integer maxRetries;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private boolean retryNonIdempotent;
    private boolean prefetch;

    private Builder() {}

    /**
     * The time the whole call may take, retries included.
     *
     * @param timeout a positive duration, or null for the client's default
     * @return this builder
     * @throws IllegalArgumentException if zero or negative
     */
    public Builder timeout(Duration timeout) {
      if (timeout != null && (timeout.isZero() || timeout.isNegative())) {
        throw new IllegalArgumentException("timeout must be positive, was " + timeout);
      }
      this.timeout = timeout;
      return this;
    }

    /**
     * The most retries for this call; 0 disables retries.
     *
     * @param maxRetries zero or more, or null for the client's policy
     * @return this builder
     * @throws IllegalArgumentException if negative
     */
    public Builder maxRetries(Integer maxRetries) {
      if (maxRetries != null && maxRetries < 0) {
        throw new IllegalArgumentException("maxRetries must not be negative, was " + maxRetries);
      }
      this.maxRetries = maxRetries;
      return this;
    }

    /**
     * Adds (or replaces) an extra header.
     *
     * @param name the header name
     * @param value the value
     * @return this builder
     * @throws IllegalArgumentException if the name is blank or either contains CR, LF or another
     *     control character
     */
    public Builder header(String name, String value) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
      if (name.isBlank()) {
        throw new IllegalArgumentException("header name must not be blank");
      }
      checkHeaderText(name, "header name");
      checkHeaderText(value, "value of header " + name);
      headers.put(name, value);
      return this;
    }

    /**
     * Replaces all extra headers.
     *
     * @param headers name to value, in order
     * @return this builder
     */
    public Builder headers(Map<String, String> headers) {
      this.headers.clear();
      Objects.requireNonNull(headers, "headers").forEach(this::header);
      return this;
    }

    /**
     * Allows retrying POSTs the server may have received (see {@link #retryNonIdempotent()}).
     *
     * @param retryNonIdempotent true to opt in
     * @return this builder
     */
    public Builder retryNonIdempotent(boolean retryNonIdempotent) {
      this.retryNonIdempotent = retryNonIdempotent;
      return this;
    }

    /**
     * Lets paged results fetch page N+1 while page N is consumed, so a consumer that spends about
     * as long on a page as the server takes to answer one gets close to twice the throughput.
     * Closing the stream, or dropping the iterator, cancels the fetch in flight.
     *
     * <pre>{@code
     * client.listRuns(query, RequestOptions.builder().prefetch(true).build()).forEach(this::store);
     * }</pre>
     *
     * @param prefetch true to opt in
     * @return this builder
     */
    public Builder prefetch(boolean prefetch) {
      this.prefetch = prefetch;
      return this;
    }

    /**
     * Builds the options.
     *
     * @return the immutable options
     */
    public RequestOptions build() {
      return new RequestOptions(this);
    }

    private static void checkHeaderText(String s, String what) {
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if ((c < 0x20 && c != '\t') || c == 0x7f) {
          throw new IllegalArgumentException(what + " must not contain CR, LF or control characters");
        }
      }
    }
  }
}
