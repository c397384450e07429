package io.github.flowruns.cli;

import io.github.flowruns.Capabilities;
import io.github.flowruns.FlowRunsClient;
import io.github.flowruns.FlowRunsClients;
import io.github.flowruns.Vendor;
import io.github.flowruns.spi.VendorDescriptor;
import io.github.flowruns.testing.VendorSimulator;
import java.util.ArrayList;
import java.util.List;

/** Simulators for CLI tests, and what the CLI needs to be told about them. */
final class Sims {
  /** Every vendor module on the class path, by its descriptor's name. */
  static final List<String> VENDORS = FlowRunsClients.descriptors().stream()
      .map(VendorDescriptor::name).toList();

  private Sims() {}

  /** For JUnit's {@code @MethodSource}. */
  static List<String> vendors() {
    return VENDORS;
  }

  /** Starts the simulator the vendor's descriptor names. */
  static VendorSimulator start(String vendor, int runs) {
    return VendorSimulator.forVendor(FlowRunsClients.descriptor(vendor).simulator())
        .runs(runs).flows(3).build().start();
  }

  /** {@code --flow-id F} for every flow of the simulator, for vendors that list flow by flow. */
  static List<String> flowArgs(VendorSimulator sim) {
    List<String> args = new ArrayList<>();
    if (FlowRunsClients.descriptor(sim.vendor()).listsPerFlow()) {
      for (String f : sim.flowIds()) {
        args.add("--flow-id");
        args.add(f);
      }
    }
    return args;
  }

  /** The runs subcommand with the connection to the simulator and the given options. */
  static String[] runs(String command, VendorSimulator sim, String... rest) {
    return Cli.args(List.of("runs", command), sim, rest);
  }

  /** Like {@link #runs}, plus the flow ids where the vendor needs them. */
  static String[] runsAllFlows(String command, VendorSimulator sim, String... rest) {
    List<String> all = new ArrayList<>(flowArgs(sim));
    all.addAll(List.of(rest));
    return runs(command, sim, all.toArray(new String[0]));
  }

  static Capabilities capabilities(VendorSimulator sim) {
    try (FlowRunsClient client = FlowRunsClients.create(Vendor.fromName(sim.vendor()),
        EmbeddedSimulator.of(sim).clientSettings())) {
      return client.capabilities();
    }
  }

  static String displayName(VendorSimulator sim) {
    return Vendor.fromName(sim.vendor()).displayName();
  }
}
