package io.github.flowruns.patchworks;

import io.github.flowruns.contract.AwaitRunContract;

/** awaitRun's contract, against this module's vendor and its living simulator. */
class PatchworksAwaitRunContractTest extends AwaitRunContract {}
