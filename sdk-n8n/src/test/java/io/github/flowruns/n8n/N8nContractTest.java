package io.github.flowruns.n8n;

import io.github.flowruns.contract.FlowRunsContract;

/** The facade's contract, against this module's vendor and its simulator. */
class N8nContractTest extends FlowRunsContract {}
