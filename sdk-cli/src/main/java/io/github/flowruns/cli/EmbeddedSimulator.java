package io.github.flowruns.cli;

import io.github.flowruns.Vendor;
import io.github.flowruns.testing.SimulatedRun;
import io.github.flowruns.testing.VendorSimulator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A simulator of sdk-testing, started on loopback, as the command line sees it. */
final class EmbeddedSimulator implements Simulator {
  private final VendorSimulator simulator;

  private EmbeddedSimulator(VendorSimulator simulator) {
    this.simulator = simulator;
  }

  /**
   * How often a new run arrives in a simulator the command line starts: often enough that
   * {@code runs watch} shows events within seconds of starting.
   */
  static final Duration ARRIVALS = Duration.ofSeconds(5);

  /**
   * Starts the simulator of {@code vendor} (the one its descriptor names) with {@code runs} seeded
   * runs on {@code port} (0: any), on wall-clock time: runs start, finish and arrive (one every
   * {@code arrivals}; zero for none) as time passes, so {@code runs watch} has something to show
   * and {@code --wait} ends.
   */
  static Simulator start(Vendor vendor, int port, int runs, Duration arrivals) {
    VendorSimulator sim = VendorSimulator.forVendor(CliVendors.of(vendor).simulator())
        .runs(runs).port(port).wallClock(true).arrivals(arrivals).build().start();
    return new EmbeddedSimulator(sim);
  }

  /** Wraps a simulator someone else started (and will close), e.g. a test's. */
  static Simulator of(VendorSimulator simulator) {
    return new EmbeddedSimulator(simulator);
  }

  VendorSimulator unwrap() {
    return simulator;
  }

  @Override
  public String baseUrl() {
    return simulator.baseUrl();
  }

  @Override
  public Map<String, String> clientSettings() {
    return simulator.clientSettings();
  }

  @Override
  public List<String> flowIds() {
    return simulator.flowIds();
  }

  @Override
  public Optional<String> flowOf(String runId) {
    return simulator.findRun(runId).map(SimulatedRun::flowId);
  }

  @Override
  public void close() {
    simulator.close();
  }
}
