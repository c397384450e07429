package io.github.flowruns.cli;

import io.github.flowruns.Vendor;
import io.github.flowruns.spi.VendorDescriptor;
import io.github.flowruns.spi.VendorDescriptor.Setting;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code flowruns simulator --vendor V}: runs the vendor's simulator in the foreground until
 * interrupted, and prints the options that reach it. The key it prints is the simulator's own
 * made-up key, which it needs to be given like a real one.
 */
@Command(name = "simulator", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = {"Run the embedded simulator of a vendor on loopback until interrupted (Ctrl-C), "
        + "on wall-clock time: runs arrive, start and finish as time passes.",
        "It prints the connection options to use with the runs commands."})
final class SimulatorCommand implements Callable<Integer> {
  @ParentCommand
  FlowRunsCli root;

  @Option(names = "--vendor", required = true, paramLabel = "V",
      converter = Converters.VendorConverter.class,
      completionCandidates = CliVendors.Names.class,
      description = "${COMPLETION-CANDIDATES}")
  Vendor vendor;

  @Option(names = "--port", paramLabel = "P", defaultValue = "0",
      description = "The loopback port (default: a free one).")
  int port;

  @Option(names = "--runs", paramLabel = "N", defaultValue = "" + Connector.EMBEDDED_RUNS,
      description = "How many runs the simulated history holds (default: ${DEFAULT-VALUE}).")
  int runs;

  @Option(names = "--arrivals", paramLabel = "DURATION", defaultValue = "5s",
      converter = Converters.DurationOrZeroConverter.class,
      description = "How often a new run arrives (default: ${DEFAULT-VALUE}; 0 for none). The "
          + "simulator runs on wall-clock time: runs also start and finish as time passes.")
  Duration arrivals;

  @Option(names = "--debug", description = "On failure, print the stack trace.")
  boolean debug;

  /** For tests: stop by itself after this long instead of waiting for an interrupt. */
  @Option(names = "--stop-after", hidden = true, paramLabel = "DURATION")
  Duration stopAfter;

  @Override
  public Integer call() throws InterruptedException {
    if (port < 0 || port > 65535) {
      throw new UsageException("--port must be 0..65535, not " + port);
    }
    if (runs < 0) {
      throw new UsageException("--runs must be zero or more, not " + runs);
    }
    CliContext context = root.context();
    Simulator simulator = context.connector().startSimulator(vendor, port, runs, arrivals);
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      simulator.close();
      stopped.countDown();
    }, "flowruns-simulator-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      PrintWriter out = context.out();
      String name = CliVendors.name(vendor);
      out.printf("%s simulator listening at %s with %,d runs of %d flows%n", name,
          simulator.baseUrl(), runs, simulator.flowIds().size());
      out.println("connect with:");
      out.println("  " + connectionOptions(CliVendors.of(vendor), simulator.clientSettings()));
      out.println("flows: " + String.join(", ", simulator.flowIds()));
      out.println("press Ctrl-C to stop");
      out.flush();
      if (stopAfter != null) {
        stopped.await(stopAfter.toMillis(), TimeUnit.MILLISECONDS);
      } else {
        stopped.await();
      }
      return 0;
    } finally {
      simulator.close();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running: nothing to remove
      }
    }
  }

  /** The runs commands' options that reach a simulator: the vendor's own ones it needs too. */
  static String connectionOptions(VendorDescriptor vendor, Map<String, String> settings) {
    StringBuilder sb = new StringBuilder("--vendor ").append(vendor.name());
    sb.append(" --base-url ").append(settings.get(Setting.BASE_URL.name()));
    sb.append(" --api-key ").append(settings.get(Setting.API_KEY.name()));
    for (Setting s : vendor.settings()) {
      if (s.option() != null && !s.secret() && !CliVendors.isCommon(s)
          && settings.containsKey(s.name())) {
        sb.append(' ').append(s.option()).append(' ').append(settings.get(s.name()));
      }
    }
    return sb.toString();
  }
}
