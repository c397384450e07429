package io.github.flowruns.cli;

import io.github.flowruns.Capabilities;
import io.github.flowruns.FlowRunsClient;
import io.github.flowruns.FlowRunsClients;
import io.github.flowruns.spi.VendorDescriptor;
import io.github.flowruns.testing.VendorSimulator;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

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

  // The vendor each simulator was started for: a simulator may serve several vendors (a
  // white-label copy names another vendor's simulator), so its own name does not say which.
  private static final Map<VendorSimulator, String> VENDOR_OF =
      Collections.synchronizedMap(new IdentityHashMap<>());

  /** Starts the simulator the vendor's descriptor names. */
  static VendorSimulator start(String vendor, int runs) {
    VendorSimulator sim = VendorSimulator.forVendor(FlowRunsClients.descriptor(vendor).simulator())
        .runs(runs).flows(3).build().start();
    VENDOR_OF.put(sim, vendor);
    return sim;
  }

  /** The vendor a simulator was started for by {@link #start}, else the simulator's own name. */
  static String vendorOf(VendorSimulator sim) {
    return VENDOR_OF.getOrDefault(sim, sim.vendor());
  }

  /** The descriptor of the vendor a simulator was started for. */
  static VendorDescriptor descriptorOf(VendorSimulator sim) {
    return FlowRunsClients.descriptor(vendorOf(sim));
  }

  /** {@code --flow-id F} for every flow of the simulator, for vendors that list flow by flow. */
  static List<String> flowArgs(VendorSimulator sim) {
    List<String> args = new ArrayList<>();
    if (descriptorOf(sim).listsPerFlow()) {
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
    try (FlowRunsClient client = FlowRunsClients.create(descriptorOf(sim).vendor(),
        EmbeddedSimulator.of(sim).clientSettings())) {
      return client.capabilities();
    }
  }

  static String displayName(VendorSimulator sim) {
    return descriptorOf(sim).vendor().displayName();
  }
}
