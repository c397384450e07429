package io.github.flowruns.cli;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A running simulator of one vendor: where it listens and what a client needs to talk to it. */
interface Simulator extends AutoCloseable {

  /** The URL to give the client as its base URL. */
  String baseUrl();

  /**
   * The client settings that reach this simulator ({@code baseUrl}, {@code apiKey} and the
   * vendor's context: {@code projectId} or {@code orgId}), as keys of
   * {@link io.github.flowruns.FlowRunsClients}.
   */
  Map<String, String> clientSettings();

  /** The ids of the simulated flows. */
  List<String> flowIds();

  /** The flow of a run the simulator holds, if it holds that run. */
  Optional<String> flowOf(String runId);

  /** Stops listening. */
  @Override
  void close();
}
