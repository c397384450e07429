package io.github.flowruns.activepieces;

import io.github.flowruns.contract.FlowRunsContract;

/** The facade's contract, against this module's vendor and its simulator. */
class ActivepiecesContractTest extends FlowRunsContract {}
