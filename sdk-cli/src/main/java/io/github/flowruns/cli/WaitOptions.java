package io.github.flowruns.cli;

import io.github.flowruns.Capabilities;
import io.github.flowruns.FlowRunsClient;
import io.github.flowruns.Run;
import io.github.flowruns.RunStatus;
import io.github.flowruns.RunWaitTimeoutException;
import io.github.flowruns.spi.VendorDescriptor;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * {@code --wait [--timeout DURATION]} of the commands that start a run ({@code trigger},
 * {@code retry}): wait with {@link FlowRunsClient#awaitRun} and print the terminal run instead of
 * the run as it started. A picocli mixin.
 */
final class WaitOptions {
  /** How long {@code --wait} waits unless {@code --timeout} says. */
  static final String DEFAULT_TIMEOUT = "10m";

  @Option(names = "--wait",
      description = {"Wait until the run ends and print it as it ended. Exit status: 0 it "
          + "SUCCEEDED; 3 it ended otherwise (FAILED, CANCELLED, TIMED_OUT or "
          + "PARTIALLY_SUCCEEDED); 4 --timeout passed first (the last status seen is printed "
          + "on standard error)."})
  boolean wait;

  @Option(names = "--timeout", paramLabel = "DURATION",
      converter = Converters.DurationConverter.class,
      description = "How long --wait waits in all (default: " + DEFAULT_TIMEOUT + "): 500ms, 30s, "
          + "5m, 2h or ISO-8601 (PT30S).")
  Duration timeout;

  /** Checks the options against the vendor before anything is started. */
  void validate(VendorDescriptor vendor) {
    if (timeout != null && !wait) {
      throw new UsageException("--timeout needs --wait");
    }
    if (wait && !vendor.capabilities().supports(Capabilities.Operation.AWAIT_RUN)) {
      throw new UsageException(vendor.displayName() + " cannot --wait: it has no way to read "
          + "one run (getRun)");
    }
  }

  Duration timeout() {
    return timeout == null ? new Converters.DurationConverter().convert(DEFAULT_TIMEOUT) : timeout;
  }

  /**
   * Prints the run a command started, or, with {@code --wait}, waits for it to end and prints it
   * then; returns the exit status.
   */
  int printOrWait(CliContext ctx, FlowRunsClient client, Run started, OutputFormat format)
      throws IOException {
    if (!wait) {
      SingleRun.print(ctx.out(), format, started, false);
      return 0;
    }
    PrintStream err = ctx.err();
    Duration limit = timeout();
    // The id first, on stderr: whoever interrupts the wait still knows which run to look up.
    err.println("flowruns: waiting up to " + Converters.DurationConverter.text(limit)
        + " for run " + started.id() + " (" + started.status() + ")");
    err.flush();
    Run ended;
    try {
      ended = client.awaitRun(started.id(), limit);
    } catch (RunWaitTimeoutException e) {
      Run last = e.lastSeen() == null ? started : e.lastSeen();
      err.println("flowruns: run " + started.id() + " was still " + last.status() + " after "
          + Converters.DurationConverter.text(limit) + " (" + e.attempts() + " polls); "
          + "stopped waiting");
      err.flush();
      return Errors.WAIT_TIMED_OUT;
    }
    SingleRun.print(ctx.out(), format, ended, false);
    if (ended.status() == RunStatus.SUCCEEDED) {
      return 0;
    }
    err.println("flowruns: run " + ended.id() + " ended " + ended.status());
    err.flush();
    return Errors.RUN_NOT_SUCCEEDED;
  }
}
