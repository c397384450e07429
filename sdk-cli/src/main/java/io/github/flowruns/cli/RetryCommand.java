package io.github.flowruns.cli;

import io.github.flowruns.RetryMode;
import io.github.flowruns.Run;
import io.github.flowruns.spi.VendorDescriptor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code flowruns runs retry RUN_ID [--wait [--timeout D]]}: retries a run and prints the new (or
 * re-queued) run, or waits for it to end and prints it then.
 */
@Command(name = "retry", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "Retry a run and print the new (or re-queued) run (with --wait: as it ended).")
final class RetryCommand extends ClientCommand {
  @Mixin
  RunRefOptions target;

  @Option(names = "--mode", paramLabel = "MODE", converter = Converters.RetryModeConverter.class,
      description = "from-failed-step | latest-version, where the vendor offers both; default: "
          + "the vendor's own kind of retry.")
  RetryMode mode;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
      converter = OutputFormat.Converter.class,
      description = "table | json | jsonl | csv (default: ${DEFAULT-VALUE}).")
  OutputFormat format;

  @Mixin
  WaitOptions waiting;

  @Override
  void validate() {
    VendorDescriptor vendor = CliVendors.of(connection.vendor);
    if (mode != null) {
      Converters.checkRetryMode(vendor, mode, "--mode");
    }
    waiting.validate(vendor);
  }

  @Override
  int run(Connection c) throws Exception {
    Run retried = c.client().retryRun(runRef(c, target), mode == null ? RetryMode.DEFAULT : mode);
    return waiting.printOrWait(context(), c.client(), retried, format);
  }
}
