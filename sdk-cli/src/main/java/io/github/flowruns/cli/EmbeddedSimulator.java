package io.github.flowruns.cli;

import io.github.flowruns.Vendor;

/** Starts the simulators of sdk-testing. */
final class EmbeddedSimulator {
  private EmbeddedSimulator() {}

  static Simulator start(Vendor vendor, int port, int runs) {
    throw new IllegalStateException("the embedded simulators (sdk-testing) are not built yet");
  }
}
