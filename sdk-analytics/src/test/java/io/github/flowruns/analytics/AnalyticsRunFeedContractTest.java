package io.github.flowruns.analytics;

import io.github.flowruns.contract.RunFeedContract;

/** The run feed's property, against this module's vendor and its living simulator. */
class AnalyticsRunFeedContractTest extends RunFeedContract {}
