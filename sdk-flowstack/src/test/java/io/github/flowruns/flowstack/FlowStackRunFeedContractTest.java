package io.github.flowruns.flowstack;

import io.github.flowruns.contract.RunFeedContract;

/** The run feed's property, against this module's vendor and its living simulator. */
class FlowStackRunFeedContractTest extends RunFeedContract {}
