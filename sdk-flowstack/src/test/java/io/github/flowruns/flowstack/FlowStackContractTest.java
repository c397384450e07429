package io.github.flowruns.flowstack;

import io.github.flowruns.contract.FlowRunsContract;

/** The facade's contract, against this module's vendor and its simulator. */
class FlowStackContractTest extends FlowRunsContract {}
