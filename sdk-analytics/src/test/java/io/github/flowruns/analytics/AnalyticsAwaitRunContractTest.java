package io.github.flowruns.analytics;

import io.github.flowruns.contract.AwaitRunContract;

/** awaitRun's contract, against this module's vendor and its living simulator. */
class AnalyticsAwaitRunContractTest extends AwaitRunContract {}
