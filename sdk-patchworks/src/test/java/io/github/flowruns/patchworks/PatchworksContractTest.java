package io.github.flowruns.patchworks;

import io.github.flowruns.contract.FlowRunsContract;

/** The facade's contract, against this module's vendor and its simulator. */
class PatchworksContractTest extends FlowRunsContract {}
