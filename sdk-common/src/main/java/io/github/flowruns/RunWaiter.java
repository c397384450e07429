package io.github.flowruns;

import io.github.flowruns.http.RequestOptions;
import io.github.flowruns.http.Sleeper;
import io.github.flowruns.internal.ServerClock;
import io.github.flowruns.internal.Transport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * {@link FlowRunsClient#awaitRun(String, Duration, RequestOptions)}'s polling. Not API.
 *
 * <p>One deadline, fixed at the start on the client's retry-policy clock (virtual in tests): the
 * loop starts no poll after it, caps each poll's timeout by what is left of it (so the policy's
 * retries and {@code Retry-After} sleeps inside a poll end by it too, see
 * {@code RetryInterceptor}), and sleeps at most until it. Between polls it waits the longest of:
 * its own back-off ({@link #interval(int, double)}), the {@code Retry-After} of a failed poll, and
 * the rest of the vendor's rate-limit window when the last answer said the quota was used up
 * ({@link ServerClock#quotaWait(Clock)}). When the next poll would not fit before the deadline, it
 * takes one last look about {@link #LAST_LOOK} before it (unless the server asked to wait past
 * that), so a run that ends shortly before the deadline is still returned.
 */
final class RunWaiter {
  /** The first interval between polls. */
  static final Duration FIRST_INTERVAL = Duration.ofSeconds(1);
  /** The longest interval between polls. */
  static final Duration MAX_INTERVAL = Duration.ofSeconds(30);
  /** Each interval is this much longer than the one before, until {@link #MAX_INTERVAL}. */
  static final double GROWTH = 1.5;
  /** Jitter takes up to this fraction off an interval, so waiters started together drift apart. */
  static final double JITTER = 0.2;
  /** The time the last look before the deadline leaves for its poll. */
  static final Duration LAST_LOOK = Duration.ofSeconds(1);
  /** Polls closer than this to the one before are not worth a last look. */
  static final Duration MIN_GAP = Duration.ofMillis(500);
  /** A poll timeout this long is no cap: the client's own timeouts apply (and nanos fit a long). */
  private static final Duration NO_CAP = Duration.ofDays(1);

  private RunWaiter() {}

  static Run await(FlowRunsClient client, String runId, Duration timeout, RequestOptions options) {
    if (runId == null || runId.isBlank()) {
      // As getRun says it (ClientCore.requireId), before any request.
      throw new IllegalArgumentException("runId must not be null or blank");
    }
    if (timeout == null || timeout.isZero() || timeout.isNegative()) {
      throw new IllegalArgumentException("timeout must be positive, was " + timeout);
    }
    RequestOptions opts = options == null ? RequestOptions.defaults() : options;
    ServerClock server = ServerClock.of(client);
    return new Wait(client, runId, timeout, opts, server).run();
  }

  /**
   * The nominal interval after the {@code poll}-th poll, with jitter {@code random} in [0, 1):
   * {@code min(30 s, 1 s * 1.5^(poll-1)) * (1 - 0.2 * random)}.
   */
  static Duration interval(int poll, double random) {
    double nominalMs = Math.min((double) MAX_INTERVAL.toMillis(),
        FIRST_INTERVAL.toMillis() * Math.pow(GROWTH, Math.max(0, Math.min(poll - 1, 60))));
    double r = random < 0 || random >= 1 || Double.isNaN(random) ? 0 : random;
    return Duration.ofMillis((long) (nominalMs * (1 - JITTER * r)));
  }

  /** One wait's state: what the timeout exception and the interrupt exception report. */
  private static final class Wait {
    private final FlowRunsClient client;
    private final String runId;
    private final Duration timeout;
    private final RequestOptions options;
    private final ServerClock server;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Instant start;
    private final Instant deadline;
    private int polls;
    private Run lastSeen;
    private FlowRunsException lastFailure;

    Wait(FlowRunsClient client, String runId, Duration timeout, RequestOptions options,
        ServerClock server) {
      this.client = client;
      this.runId = runId;
      this.timeout = timeout;
      this.options = options;
      this.server = server;
      this.clock = server.waitClock();
      this.sleeper = server.sleeper();
      this.start = clock.instant();
      // Compared as a duration first: a timeout of centuries does not fit an Instant.
      this.deadline = timeout.compareTo(Duration.between(start, Instant.MAX)) >= 0
          ? Instant.MAX : start.plus(timeout);
    }

    Run run() {
      boolean lastLookTaken = false;
      boolean sleptToDeadline = false;
      while (true) {
        if (Thread.currentThread().isInterrupted()) {
          throw interrupted(null);
        }
        Duration left = left();
        if (sleptToDeadline || left.isZero() || left.isNegative()) {
          throw timedOut();
        }
        polls++;
        Duration serverWait = Duration.ZERO;
        try {
          Run run = client.getRun(runId, pollOptions(left));
          lastSeen = run;
          lastFailure = null;
          if (run.status().isTerminal()) {
            return run;
          }
        } catch (FlowRunsException e) {
          if (Thread.currentThread().isInterrupted()) {
            throw interrupted(e);
          }
          if (!curable(e)) {
            throw e;
          }
          lastFailure = e;
          if (e.details().retryAfter() != null) {
            serverWait = e.details().retryAfter();
          }
        }
        serverWait = max(serverWait, server.quotaWait(clock));
        Duration wait = max(interval(polls, server.jitter()), serverWait);
        left = left();
        if (wait.compareTo(left.minus(LAST_LOOK)) > 0) {
          // The next poll would start too late to get an answer before the deadline: one last
          // look while it still can, unless the server asked us to wait past it.
          Duration look = left.minus(LAST_LOOK);
          if (!lastLookTaken && look.compareTo(MIN_GAP) >= 0 && look.compareTo(serverWait) >= 0) {
            wait = look;
            lastLookTaken = true;
          } else {
            wait = left.isNegative() ? Duration.ZERO : left;
            sleptToDeadline = true;
          }
        }
        try {
          sleeper.sleep(wait);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw interrupted(e);
        }
      }
    }

    private Duration left() {
      return Duration.between(clock.instant(), deadline);
    }

    /** The caller's options, with the poll's timeout capped by what is left of the deadline. */
    private RequestOptions pollOptions(Duration left) {
      Duration own = options.timeout() != null ? options.timeout() : server.callTimeout();
      if (own != null && own.compareTo(left) <= 0) {
        return options;
      }
      if (own == null && left.compareTo(NO_CAP) >= 0) {
        return options;
      }
      return options.toBuilder().timeout(left).build();
    }

    /**
     * Whether waiting can cure the failure: the vendor was busy (429, 5xx, 408) or the network
     * failed, after the client's retry policy gave up on it. An answer about the request itself
     * (401, 403, 404, 400, 422, 409, 410), an unreadable body, a redirect or a closed client is
     * the same on every poll.
     */
    private static boolean curable(FlowRunsException e) {
      switch (e.details().kind()) {
        case RATE_LIMIT:
        case SERVER:
          return true;
        case TRANSPORT:
          return !Transport.isClientClosed(e);
        default:
          return e.details().httpStatus() != null && e.details().httpStatus() == 408;
      }
    }

    private RunWaitTimeoutException timedOut() {
      String message = "run " + runId + " is not terminal after " + describe(timeout)
          + ": last seen " + (lastSeen == null ? "never (no poll succeeded)" : lastSeen.status())
          + ", " + polls + (polls == 1 ? " poll" : " polls") + " in " + describe(waited())
          + (lastFailure == null ? "" : "; the last poll failed: " + lastFailure.getMessage());
      return new RunWaitTimeoutException(ErrorDetails.builder().vendor(client.vendor())
          .operation("awaitRun").kind(ErrorDetails.Kind.OTHER).attempts(polls).message(message)
          .cause(lastFailure).build(), lastSeen);
    }

    /**
     * Interrupted: a {@link TransportException} (the wait, like a request, was cut short from
     * outside), with the thread's interrupt flag kept.
     */
    private FlowRunsException interrupted(Throwable cause) {
      Thread.currentThread().interrupt();
      return FlowRunsException.forStatus(ErrorDetails.builder().vendor(client.vendor())
          .operation("awaitRun").kind(ErrorDetails.Kind.TRANSPORT).attempts(polls)
          .message("interrupted while waiting for run " + runId + " (last seen "
              + (lastSeen == null ? "never" : lastSeen.status()) + ", " + polls
              + (polls == 1 ? " poll" : " polls") + " in " + describe(waited()) + ")")
          .cause(cause).build());
    }

    private Duration waited() {
      Duration d = Duration.between(start, clock.instant());
      return d.isNegative() ? Duration.ZERO : d;
    }

    private static Duration max(Duration a, Duration b) {
      return a.compareTo(b) >= 0 ? a : b;
    }

    /** {@code 1.5 s}, {@code 120.0 s}: one unit, readable in a log line. */
    private static String describe(Duration d) {
      if (d.getSeconds() > 100_000_000L) {
        return d.toString();
      }
      return String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
  }
}
