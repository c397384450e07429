package io.github.flowruns.cli;

import io.github.flowruns.FlowRunsClient;
import java.util.function.Supplier;

/** An open client, and the embedded simulator it talks to when there is one; closes both. */
final class Connection implements AutoCloseable {
  private final FlowRunsClient client;
  private final Simulator simulator;
  private final Supplier<FlowRunsClient> another;

  Connection(FlowRunsClient client, Simulator simulator) {
    this(client, simulator, null);
  }

  Connection(FlowRunsClient client, Simulator simulator, Supplier<FlowRunsClient> another) {
    this.client = client;
    this.simulator = simulator;
    this.another = another;
  }

  /**
   * A second client with the same settings, to be closed by the caller, e.g. for work beside the
   * main one that must be abandoned without disturbing it; null if there is none.
   */
  FlowRunsClient openAnother() {
    return another == null ? null : another.get();
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
