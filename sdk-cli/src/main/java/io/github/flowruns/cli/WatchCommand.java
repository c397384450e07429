package io.github.flowruns.cli;

import io.github.flowruns.Capabilities;
import io.github.flowruns.FlowRunsException;
import io.github.flowruns.RateLimitException;
import io.github.flowruns.RetryMode;
import io.github.flowruns.Run;
import io.github.flowruns.RunEvent;
import io.github.flowruns.RunFeed;
import io.github.flowruns.RunQuery;
import io.github.flowruns.ServerException;
import io.github.flowruns.TransportException;
import io.github.flowruns.WatchOptions;
import io.github.flowruns.spi.VendorDescriptor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code flowruns runs watch}: prints new runs and status changes as they happen, from
 * {@link io.github.flowruns.FlowRunsClient#watchRuns}; stores where it is in {@code --checkpoint
 * FILE} after each printed batch and resumes from it; with {@code --retry MODE}, retries each
 * failed run it reports, at most {@code --max-retries} times per original run, remembered in the
 * same file.
 *
 * <p>Retries are counted before they are made: the file records the attempt, then the retry is
 * sent. A crash between the two loses that retry rather than making it twice.
 */
@Command(name = "watch", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = {"Print new runs and status changes as they happen, one event a line.",
        "Polls every --interval until Ctrl-C (exit 0, checkpoint kept), or once with --once "
            + "(for cron). Events: NEW, STATUS_CHANGED, and RETRIED with --retry.",
        "Against the embedded simulator each invocation starts a new simulator, so --checkpoint "
            + "resumes only against a running 'flowruns simulator' or a real account."})
final class WatchCommand extends ClientCommand {
  /** The poll interval against a vendor unless {@code --interval} says. */
  static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);
  /** The poll interval against the embedded simulator, whose runs move every few seconds. */
  static final Duration SIMULATOR_INTERVAL = Duration.ofSeconds(2);
  static final int MAX_RETRIES_LIMIT = 10;
  /** How long Ctrl-C waits for the batch under way to be printed and stored. */
  private static final Duration STOP_GRACE = Duration.ofSeconds(30);

  @Mixin
  FilterOptions filters;

  @Option(names = "--interval", paramLabel = "DURATION",
      converter = Converters.DurationConverter.class,
      description = "Time between polls (default: 30s; 2s against the embedded simulator): "
          + "500ms, 30s, 5m, 2h or ISO-8601 (PT30S).")
  Duration interval;

  @Option(names = "--checkpoint", paramLabel = "FILE",
      description = "Resume from FILE if it exists, and store where the watch is (and the retries "
          + "made) in it after each batch, atomically. A file this flowruns cannot read is an "
          + "error, never a new watch.")
  Path checkpoint;

  @Option(names = "--once", description = "Make one sweep, print what happened and exit (cron).")
  boolean once;

  @Option(names = "--retry", paramLabel = "MODE",
      converter = Converters.WatchRetryModeConverter.class,
      completionCandidates = Converters.WatchRetryModes.class,
      description = "Retry each failed (or timed-out) run reported: ${COMPLETION-CANDIDATES} "
          + "(default: the vendor's own kind). A retry that fails is reported on standard error "
          + "and the watch goes on.")
  RetryMode retry;

  @Option(names = "--max-retries", paramLabel = "N",
      description = "With --retry: retry each original run (following its retries) at most N "
          + "times, 1.." + MAX_RETRIES_LIMIT + " (default: 1); remembered in --checkpoint for the "
          + WatchState.MAX_ORIGINALS + " runs retried most recently.")
  Integer maxRetries;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "jsonl",
      converter = OutputFormat.Converter.class,
      completionCandidates = WatchFormats.class,
      description = "jsonl | table (default: ${DEFAULT-VALUE}). jsonl: the run's fields plus "
          + "event, previousStatus, retryOf, eventId and observedAt.")
  OutputFormat format;

  /** For tests: stop by itself after this long, as Ctrl-C would. */
  @Option(names = "--stop-after", hidden = true, paramLabel = "DURATION",
      converter = Converters.DurationConverter.class)
  Duration stopAfter;

  private WatchState state;
  private volatile int exitStatus;

  @Override
  void validate() {
    VendorDescriptor vendor = CliVendors.of(connection.vendor);
    if (format != OutputFormat.JSONL && format != OutputFormat.TABLE) {
      throw new UsageException("watch prints jsonl or table, not " + format.cliName());
    }
    if (maxRetries != null && retry == null) {
      throw new UsageException("--max-retries needs --retry MODE");
    }
    if (maxRetries != null && (maxRetries < 1 || maxRetries > MAX_RETRIES_LIMIT)) {
      throw new UsageException("--max-retries must be 1.." + MAX_RETRIES_LIMIT + ", not "
          + maxRetries);
    }
    if (!vendor.capabilities().supports(Capabilities.Operation.WATCH_RUNS)) {
      throw new UsageException(vendor.displayName() + " cannot list runs, so they cannot be "
          + "watched");
    }
    if (retry != null && !vendor.capabilities().supports(Capabilities.Operation.RETRY_RUN)) {
      throw new UsageException(vendor.displayName() + " cannot retry runs: --retry is not "
          + "available for --vendor " + vendor.name());
    }
    if (retry != null) {
      Converters.checkRetryMode(vendor, retry, "--retry");
    }
    Queries.build(filters.toQuery());
    state = WatchState.fresh(CliVendors.name(connection.vendor));
    if (checkpoint != null) {
      Path file = checkpoint.toAbsolutePath();
      if (Files.isDirectory(file)) {
        throw new UsageException("--checkpoint " + checkpoint + " is a directory");
      }
      if (!Files.isDirectory(file.getParent())) {
        throw new UsageException("--checkpoint " + checkpoint + ": the directory "
            + file.getParent() + " does not exist");
      }
      state = WatchState.load(checkpoint, CliVendors.name(connection.vendor));
    }
  }

  @Override
  int run(Connection c) throws Exception {
    RunQuery.Builder q = filters.toQuery();
    q.flowIds(flowIds(c, filters.flowIds));
    RunQuery query = Queries.build(q);
    RunFeed feed = open(c, query);
    Duration every = interval != null ? interval
        : c.simulator() != null ? SIMULATOR_INTERVAL : DEFAULT_INTERVAL;
    EventSink sink = new EventSink(context().out(), format);
    CountDownLatch stop = new CountDownLatch(1);
    CountDownLatch finished = new CountDownLatch(1);
    Thread hook = once ? null : new Thread(() -> {
      // Ctrl-C: let the batch under way be printed and stored, then end with its status (0
      // unless it failed) instead of the JVM's 130 for a signal.
      stop.countDown();
      try {
        finished.await(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      context().out().flush();
      context().err().flush();
      Runtime.getRuntime().halt(exitStatus);
    }, "flowruns-watch-stop");
    if (hook != null) {
      Runtime.getRuntime().addShutdownHook(hook);
    }
    long started = System.nanoTime();
    try {
      while (true) {
        List<RunEvent> batch;
        try {
          batch = feed.poll();
        } catch (RateLimitException | ServerException | TransportException e) {
          if (once) {
            throw e;
          }
          // A long-running watch outlives a vendor's bad minute: say so and poll again later.
          context().err().println("flowruns: " + Errors.describe(e) + "; polling again in "
              + Converters.DurationConverter.text(every));
          context().err().flush();
          batch = null;
        }
        if (batch != null) {
          if (!handle(c, feed, batch, sink)) {
            exitStatus = Errors.FAILURE;
            return exitStatus;
          }
        }
        long wait = every.toNanos();
        if (stopAfter != null) {
          wait = Math.min(wait, stopAfter.toNanos() - (System.nanoTime() - started));
        }
        if (once || wait <= 0 || stop.await(wait, TimeUnit.NANOSECONDS)) {
          return exitStatus;
        }
      }
    } catch (RuntimeException | IOException e) {
      // What Errors will make of it, for a Ctrl-C hook that ends the process first.
      exitStatus = e instanceof UsageException ? Errors.USAGE : Errors.FAILURE;
      throw e;
    } finally {
      finished.countDown();
      if (hook != null) {
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
          // the hook is running and ends the process once this batch is stored
        }
      }
    }
  }

  private RunFeed open(Connection c, RunQuery query) {
    WatchOptions.Builder options = WatchOptions.builder().checkpoint(state.feed());
    if (filters.since != null) {
      options.since(filters.since);
    }
    try {
      return c.client().watchRuns(query, options.build());
    } catch (IllegalArgumentException e) {
      if (state.feed() == null) {
        throw e;
      }
      throw new UsageException("--checkpoint " + checkpoint + " cannot be resumed with these "
          + "options: " + e.getMessage() + "; move it away to start a new watch");
    }
  }

  /**
   * Prints a batch, retries its failures, and stores the checkpoint; false when standard output
   * is gone (the events were not delivered, so the checkpoint is not moved past them).
   */
  private boolean handle(Connection c, RunFeed feed, List<RunEvent> batch, EventSink sink)
      throws IOException {
    for (RunEvent e : batch) {
      sink.print(e.type().name(), e.id(), e.run(), e.previousStatus(), e.run().retryOf(),
          e.observedAt());
    }
    sink.flush();
    if (context().out().checkError()) {
      context().err().println("flowruns: standard output is closed; stopped without storing "
          + "the checkpoint past the last batch");
      return false;
    }
    if (retry != null) {
      retryFailures(c, batch, sink);
    }
    state.feed(feed.checkpoint());
    store();
    return true;
  }

  private void retryFailures(Connection c, List<RunEvent> batch, EventSink sink)
      throws IOException {
    int max = maxRetries == null ? 1 : maxRetries;
    List<Due> due = new ArrayList<>();
    for (RunEvent e : batch) {
      if (!e.run().status().isFailure()) {
        continue;
      }
      String original = state.originalOf(e.run());
      if (state.handled(original, e)) {
        continue;
      }
      if (state.attempts(original) >= max) {
        context().err().println("flowruns: run " + e.run().id() + " " + e.run().status()
            + "; not retried: its original run " + original + " was retried " + max
            + (max == 1 ? " time" : " times") + " already (--max-retries)");
        continue;
      }
      state.reserve(original, e);
      due.add(new Due(e, original));
    }
    if (due.isEmpty()) {
      return;
    }
    // The attempts are on disk before any retry is sent: a crash now loses a retry, never
    // makes one twice.
    store();
    for (Due d : due) {
      RunEvent failure = d.failure();
      String original = d.original();
      Run failed = failure.run();
      Run retried;
      try {
        retried = c.client().retryRun(failed.id(), retry);
      } catch (IllegalArgumentException | UnsupportedOperationException e) {
        // Not a bad minute but a wrong option (e.g. a mode the vendor lacks): stop, keeping the
        // memory as it was before this retry.
        state.release(original, failure);
        store();
        throw new UsageException("--retry " + retry.name().toLowerCase(Locale.ROOT)
            .replace('_', '-') + ": " + e.getMessage());
      } catch (FlowRunsException e) {
        context().err().println("flowruns: retry of run " + failed.id() + " failed: "
            + Errors.describe(e));
        context().err().flush();
        continue;
      }
      state.retried(original, retried);
      // On the vendor's clock, as every other event: the retry was sent in the poll that saw it.
      sink.print(EventSink.RETRIED, retryEventId(failure), retried, failed.status(), failed.id(),
          failure.observedAt());
    }
    sink.flush();
  }

  private void store() throws IOException {
    if (checkpoint != null) {
      state.save(checkpoint);
    }
  }

  /** The same failure always gives the same RETRIED id, whichever invocation reports it. */
  static String retryEventId(RunEvent failure) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(("RETRIED\n" + failure.id()).getBytes(StandardCharsets.UTF_8));
      StringBuilder hex = new StringBuilder(32);
      for (int i = 0; i < 16; i++) {
        hex.append(String.format("%02x", digest[i]));
      }
      return hex.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }

  /** A failure to retry, and the original run its attempt counts against. */
  private record Due(RunEvent failure, String original) {}

  /** Completion candidates of {@code runs watch --format}. */
  static final class WatchFormats implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return List.of("jsonl", "table").iterator();
    }
  }
}
