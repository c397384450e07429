package io.github.flowruns.analytics;

import io.github.flowruns.contract.FlowRunsContract;

/** The facade's contract, against this module's vendor and its simulator. */
class AnalyticsContractTest extends FlowRunsContract {}
