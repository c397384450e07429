package io.github.flowruns.n8n;

import io.github.flowruns.contract.RunFeedContract;

/** The run feed's property, against this module's vendor and its living simulator. */
class N8nRunFeedContractTest extends RunFeedContract {}
