package io.github.flowruns.cli;

import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The run a command acts on: {@code RUN_ID} and, for a vendor that addresses runs within their
 * flow (e.g. FlowStack), its flow. A picocli mixin.
 */
final class RunRefOptions {
  @Parameters(index = "0", paramLabel = "RUN_ID", description = "The run id.")
  String runId;

  @Option(names = "--flow-id", paramLabel = "F",
      description = "The run's flow, for vendors that address runs within their flow "
          + "(or give RUN_ID as FLOW/RUN).")
  String flowId;
}
