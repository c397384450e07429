package io.github.flowruns.testsupport;

import org.junit.jupiter.api.Order;

@Order(Integer.MAX_VALUE)
class LogLeakAuditSuiteTest extends LogLeakAuditTestBase {}
