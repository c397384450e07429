package io.github.flowruns.activepieces;

import io.github.flowruns.contract.AwaitRunContract;

/** awaitRun's contract, against this module's vendor and its living simulator. */
class ActivepiecesAwaitRunContractTest extends AwaitRunContract {}
