package io.github.flowruns.http;

import java.time.Duration;
import java.util.Objects;

/**
 * Client-wide timeouts: connect, read (between bytes), and call (a whole call, retries included;
 * {@link RequestOptions#timeout()} overrides it per call). Immutable.
 *
 * <pre>{@code
 * Timeouts t = Timeouts.builder().connect(Duration.ofSeconds(5)).call(Duration.ofSeconds(30)).build();
 * ActivepiecesClient.builder().apiKey(k).projectId(p).timeouts(t).build();
 * }</pre>
 */
public final class Timeouts {
  private static final Timeouts DEFAULTS = builder().build();

  private final Duration connect;
  private final Duration read;
  private final Duration call;

  private Timeouts(Builder b) {
    this.connect = b.connect;
    this.read = b.read;
    this.call = b.call;
  }

  /**
   * Connect 10 s, read 30 s, call 2 min.
   *
   * @return the default timeouts
   */
  public static Timeouts defaults() {
    return DEFAULTS;
  }

  /**
   * Starts a builder with the default values.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return the connect timeout} */
  public Duration connect() {
    return connect;
  }

  /** {@return the read timeout (the longest silence while reading)} */
  public Duration read() {
    return read;
  }

  /** {@return the whole-call timeout, retries included} */
  public Duration call() {
    return call;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Timeouts && connect.equals(((Timeouts) o).connect)
        && read.equals(((Timeouts) o).read) && call.equals(((Timeouts) o).call);
  }

  @Override
  public int hashCode() {
    return Objects.hash(connect, read, call);
  }

  @Override
  public String toString() {
    return "Timeouts{connect=" + connect + ", read=" + read + ", call=" + call + "}";
  }

  /** Builds {@link Timeouts}. */
  public static final class Builder {
    private Duration connect = Duration.ofSeconds(10);
    private Duration read = Duration.ofSeconds(30);
    private Duration call = Duration.ofMinutes(2);

    private Builder() {}

    /**
     * Sets the connect timeout.
     *
     * @param connect positive
     * @return this builder
     */
    public Builder connect(Duration connect) {
      this.connect = positive(connect, "connect");
      return this;
    }

    /**
     * Sets the read timeout: the longest silence while reading.
     *
     * @param read positive
     * @return this builder
     */
    public Builder read(Duration read) {
      this.read = positive(read, "read");
      return this;
    }

    /**
     * Sets the whole-call timeout, retries and budget waits included.
     *
     * @param call positive
     * @return this builder
     */
    public Builder call(Duration call) {
      this.call = positive(call, "call");
      return this;
    }

    /** {@return the immutable timeouts} */
    public Timeouts build() {
      return new Timeouts(this);
    }

    private static Duration positive(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isZero() || d.isNegative()) {
        throw new IllegalArgumentException(name + " timeout must be positive, was " + d);
      }
      return d;
    }
  }
}
