package io.github.flowruns.n8n;

import io.github.flowruns.testsupport.LogLeakAuditTestBase;
import org.junit.jupiter.api.Order;

/** Runs last: nothing this module's tests made the SDK or OkHttp log, at any level, holds a secret. */
@Order(Integer.MAX_VALUE)
class LogLeakAuditTest extends LogLeakAuditTestBase {}
