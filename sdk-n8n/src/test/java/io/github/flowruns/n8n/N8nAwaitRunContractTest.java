package io.github.flowruns.n8n;

import io.github.flowruns.contract.AwaitRunContract;

/** awaitRun's contract, against this module's vendor and its living simulator. */
class N8nAwaitRunContractTest extends AwaitRunContract {}
