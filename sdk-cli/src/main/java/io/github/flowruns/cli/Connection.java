package io.github.flowruns.cli;

import io.github.flowruns.FlowRunsClient;

/** An open client, and the embedded simulator it talks to when there is one; closes both. */
final class Connection implements AutoCloseable {
  private final FlowRunsClient client;
  private final Simulator simulator;

  Connection(FlowRunsClient client, Simulator simulator) {
    this.client = client;
    this.simulator = simulator;
  }

  FlowRunsClient client() {
    return client;
  }

  /** The embedded simulator, or null when talking to a real (or given) server. */
  Simulator simulator() {
    return simulator;
  }

  @Override
  public void close() {
    try {
      client.close();
    } finally {
      if (simulator != null) {
        simulator.close();
      }
    }
  }
}
