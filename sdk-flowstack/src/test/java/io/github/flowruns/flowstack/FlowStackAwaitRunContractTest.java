package io.github.flowruns.flowstack;

import io.github.flowruns.contract.AwaitRunContract;

/** awaitRun's contract, against this module's vendor and its living simulator. */
class FlowStackAwaitRunContractTest extends AwaitRunContract {}
