package io.github.flowruns.http;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * When and how long to wait before retrying a failed request. Immutable and shareable.
 *
 * <p>Retried: connection failures, timeouts, HTTP 408, 429, 502, 503, 504, and 500 for GET. A
 * non-idempotent request (POST: retry, stop, trigger, bulk) is retried only when it never reached
 * the server (connection refused) or the server refused it unprocessed (429), unless the call opts
 * in with {@link RequestOptions.Builder#retryNonIdempotent(boolean)}. The wait is capped exponential
 * back-off with full jitter ({@code random(0, min(maxDelay, baseDelay * 2^retry))}), or the server's
 * {@code Retry-After} (seconds or HTTP date) / {@code X-RateLimit-Reset} (Unix seconds) when it sends
 * one. No wait may run past the total time budget: a request whose next wait would exceed it fails
 * at once with the last error.
 *
 * <pre>{@code
 * RetryPolicy policy = RetryPolicy.builder()
 *     .maxRetries(5)
 *     .baseDelay(Duration.ofMillis(200))
 *     .maxDelay(Duration.ofSeconds(10))
 *     .totalBudget(Duration.ofMinutes(1))
 *     .build();
 * FlowStackClient client = FlowStackClient.builder().apiKey(key).retryPolicy(policy).build();
 * }</pre>
 */
public final class RetryPolicy {
  private static final RetryPolicy DEFAULTS = builder().build();
  private static final RetryPolicy NONE = builder().maxRetries(0).build();

  private final int maxRetries;
  private final Duration baseDelay;
  private final Duration maxDelay;
  private final Duration totalBudget;
  private final Clock clock;
  private final Sleeper sleeper;
  private final DoubleSupplier random;

  private RetryPolicy(Builder b) {
    this.maxRetries = b.maxRetries;
    this.baseDelay = b.baseDelay;
    this.maxDelay = b.maxDelay;
    this.totalBudget = b.totalBudget;
    this.clock = b.clock;
    this.sleeper = b.sleeper;
    this.random = b.random;
  }

  /**
   * The default policy: 3 retries, 500 ms base, 20 s cap, full jitter, 2 minute budget.
   *
   * @return the shared default policy
   */
  public static RetryPolicy defaults() {
    return DEFAULTS;
  }

  /**
   * A policy that never retries.
   *
   * <pre>{@code PatchworksClient.builder().apiKey(k).retryPolicy(RetryPolicy.none()).build()}</pre>
   *
   * @return the no-retry policy
   */
  public static RetryPolicy none() {
    return NONE;
  }

  /**
   * Starts a builder with the default values.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding this policy's values.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.maxRetries = maxRetries;
    b.baseDelay = baseDelay;
    b.maxDelay = maxDelay;
    b.totalBudget = totalBudget;
    b.clock = clock;
    b.sleeper = sleeper;
    b.random = random;
    return b;
  }

  /** {@return the most retries after the first attempt} */
  public int maxRetries() {
    return maxRetries;
  }

  /** {@return the back-off base} */
  public Duration baseDelay() {
    return baseDelay;
  }

  /** {@return the cap of one back-off wait} */
  public Duration maxDelay() {
    return maxDelay;
  }

  /** {@return the most time all attempts and waits of one call may take} */
  public Duration totalBudget() {
    return totalBudget;
  }

  /** {@return the clock used for the budget and HTTP-date {@code Retry-After}} */
  public Clock clock() {
    return clock;
  }

  /** {@return the sleeper that waits between attempts} */
  public Sleeper sleeper() {
    return sleeper;
  }

  /**
   * The jittered back-off before a retry: a random duration between zero and
   * {@code min(maxDelay, baseDelay * 2^(retry-1))}.
   *
   * <pre>{@code policy.backoff(1); // somewhere in [0, 500 ms] with the defaults}</pre>
   *
   * @param retry the retry number, 1 for the first retry
   * @return the wait
   */
  public Duration backoff(int retry) {
    int exp = Math.max(0, Math.min(retry - 1, 30));
    double ceilingMs = Math.min((double) maxDelay.toMillis(), baseDelay.toMillis() * Math.pow(2, exp));
    double r = random.getAsDouble();
    if (r < 0 || r >= 1 || Double.isNaN(r)) {
      r = 0.5;
    }
    return Duration.ofMillis((long) (ceilingMs * r));
  }

  @Override
  public String toString() {
    return "RetryPolicy{maxRetries=" + maxRetries + ", baseDelay=" + baseDelay + ", maxDelay="
        + maxDelay + ", totalBudget=" + totalBudget + "}";
  }

  /** Builds a {@link RetryPolicy}. */
  public static final class Builder {
    private int maxRetries = 3;
    private Duration baseDelay = Duration.ofMillis(500);
    private Duration maxDelay = Duration.ofSeconds(20);
    private Duration totalBudget = Duration.ofMinutes(2);
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.system();
    private DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();

    private Builder() {}

    /**
     * Sets how many retries may follow the first attempt, 0 to never retry.
     *
     * @param maxRetries retries after the first attempt, 0 to never retry
     * @return this builder
     */
    public Builder maxRetries(int maxRetries) {
      if (maxRetries < 0) {
        throw new IllegalArgumentException("maxRetries must not be negative, was " + maxRetries);
      }
      this.maxRetries = maxRetries;
      return this;
    }

    /**
     * Sets the back-off base.
     *
     * @param baseDelay the back-off base, positive
     * @return this builder
     */
    public Builder baseDelay(Duration baseDelay) {
      this.baseDelay = positive(baseDelay, "baseDelay");
      return this;
    }

    /**
     * Sets the cap of one back-off wait.
     *
     * @param maxDelay the cap of one back-off wait, positive
     * @return this builder
     */
    public Builder maxDelay(Duration maxDelay) {
      this.maxDelay = positive(maxDelay, "maxDelay");
      return this;
    }

    /**
     * Sets the most time all attempts and waits of one call may take.
     *
     * @param totalBudget the most time all attempts and waits of one call may take, positive
     * @return this builder
     */
    public Builder totalBudget(Duration totalBudget) {
      this.totalBudget = positive(totalBudget, "totalBudget");
      return this;
    }

    /**
     * Sets the time source (tests pass a virtual clock).
     *
     * @param clock the time source (tests pass a virtual clock)
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets what waits between attempts (tests pass one that advances a virtual clock).
     *
     * @param sleeper what waits between attempts (tests pass one that advances a virtual clock)
     * @return this builder
     */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /**
     * Sets the jitter source, giving values in [0, 1) (tests pass a fixed one).
     *
     * @param random jitter source giving values in [0, 1) (tests pass a fixed one)
     * @return this builder
     */
    public Builder random(DoubleSupplier random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    /**
     * {@return the immutable policy}
     * @throws IllegalArgumentException if {@code baseDelay} exceeds {@code maxDelay}
     */
    public RetryPolicy build() {
      if (baseDelay.compareTo(maxDelay) > 0) {
        throw new IllegalArgumentException(
            "baseDelay (" + baseDelay + ") must not exceed maxDelay (" + maxDelay + ")");
      }
      return new RetryPolicy(this);
    }

    private static Duration positive(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isZero() || d.isNegative()) {
        throw new IllegalArgumentException(name + " must be positive, was " + d);
      }
      return d;
    }
  }
}
