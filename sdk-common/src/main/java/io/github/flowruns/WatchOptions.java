package io.github.flowruns;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How a {@link RunFeed} starts and how far it looks: see
 * {@link FlowRunsClient#watchRuns(RunQuery, WatchOptions)}.
 *
 * <pre>{@code
 * WatchOptions.builder()
 *     .checkpoint(saved)                     // resume; null starts a new feed
 *     .since(Instant.now().minus(Duration.ofHours(1)))
 *     .lookback(Duration.ofMinutes(10))
 *     .trackFor(Duration.ofHours(24))
 *     .build();
 * }</pre>
 */
public final class WatchOptions {
  /** How far each sweep re-reads behind its watermark unless set. */
  public static final Duration DEFAULT_LOOKBACK = Duration.ofMinutes(10);
  /** How long a run that is not terminal is followed unless set. */
  public static final Duration DEFAULT_TRACK_FOR = Duration.ofHours(24);

  private static final WatchOptions DEFAULTS = builder().build();

  private final String checkpoint;
  private final Instant since;
  private final Duration lookback;
  private final Duration trackFor;

  private WatchOptions(Builder b) {
    this.checkpoint = b.checkpoint;
    this.since = b.since;
    this.lookback = b.lookback;
    this.trackFor = b.trackFor;
  }

  /**
   * A new feed from now, with the default lookback and tracking time.
   *
   * @return the defaults
   */
  public static WatchOptions defaults() {
    return DEFAULTS;
  }

  /**
   * A builder with the defaults.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding these options.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    return new Builder().checkpoint(checkpoint).since(since).lookback(lookback).trackFor(trackFor);
  }

  /** {@return the checkpoint to resume from; null for a new feed} */
  public String checkpoint() {
    return checkpoint;
  }

  /**
   * {@return where a new feed starts; null for "now" on the vendor's clock (from its {@code Date}
   *     header), as the first poll finds it. Ignored when resuming from a checkpoint.}
   */
  public Instant since() {
    return since;
  }

  /** {@return how far each sweep re-reads behind its watermark, to catch runs that arrive late} */
  public Duration lookback() {
    return lookback;
  }

  /** {@return how long a run that is not yet terminal is followed after the feed first saw it} */
  public Duration trackFor() {
    return trackFor;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof WatchOptions)) {
      return false;
    }
    WatchOptions w = (WatchOptions) o;
    return Objects.equals(checkpoint, w.checkpoint) && Objects.equals(since, w.since)
        && lookback.equals(w.lookback) && trackFor.equals(w.trackFor);
  }

  @Override
  public int hashCode() {
    return Objects.hash(checkpoint, since, lookback, trackFor);
  }

  /** Shows whether a checkpoint is set, not its text. */
  @Override
  public String toString() {
    return "WatchOptions{checkpoint=" + (checkpoint == null ? "none" : checkpoint.length() + " chars")
        + ", since=" + since + ", lookback=" + lookback + ", trackFor=" + trackFor + "}";
  }

  /** Builds {@link WatchOptions}. */
  public static final class Builder {
    private String checkpoint;
    private Instant since;
    private Duration lookback = DEFAULT_LOOKBACK;
    private Duration trackFor = DEFAULT_TRACK_FOR;

    private Builder() {}

    /**
     * Resumes the feed whose {@link RunFeed#checkpoint()} this is; null (the default) starts a
     * new feed. A checkpoint that cannot be read fails {@code watchRuns} with an
     * {@link IllegalArgumentException}, not silently a new feed.
     *
     * @param checkpoint the stored checkpoint, or null
     * @return this builder
     */
    public Builder checkpoint(String checkpoint) {
      this.checkpoint = checkpoint;
      return this;
    }

    /**
     * Where a new feed starts: runs that started before it are not reported. Null (the default)
     * is the vendor's "now" at the first poll.
     *
     * @param since the start, or null
     * @return this builder
     */
    public Builder since(Instant since) {
      this.since = since;
      return this;
    }

    /**
     * How far each sweep re-reads behind its watermark (default {@link #DEFAULT_LOOKBACK}): a run
     * that becomes visible later than this after its start time is missed. A sweep whose window
     * holds more than the 5,000 runs a poll lists (catching up after downtime, or a lookback that
     * alone holds that many) re-reads only as much of the lookback as fits beside the runs since
     * its watermark: see "Catching up" in
     * {@link io.github.flowruns.FlowRunsClient#watchRuns(RunQuery, WatchOptions)}.
     *
     * <pre>{@code WatchOptions.builder().lookback(Duration.ofMinutes(30)).build()}</pre>
     *
     * @param lookback zero or more
     * @return this builder
     * @throws IllegalArgumentException if negative
     */
    public Builder lookback(Duration lookback) {
      Objects.requireNonNull(lookback, "lookback");
      if (lookback.isNegative()) {
        throw new IllegalArgumentException("lookback must not be negative: " + lookback);
      }
      this.lookback = lookback;
      return this;
    }

    /**
     * How long a run that is not yet terminal is followed after the feed first saw it (default
     * {@link #DEFAULT_TRACK_FOR}); a run still not terminal after that is no longer followed.
     *
     * @param trackFor more than zero
     * @return this builder
     * @throws IllegalArgumentException if zero or negative
     */
    public Builder trackFor(Duration trackFor) {
      Objects.requireNonNull(trackFor, "trackFor");
      if (trackFor.isNegative() || trackFor.isZero()) {
        throw new IllegalArgumentException("trackFor must be positive: " + trackFor);
      }
      this.trackFor = trackFor;
      return this;
    }

    /**
     * Builds the options.
     *
     * @return the immutable value
     */
    public WatchOptions build() {
      return new WatchOptions(this);
    }
  }
}
