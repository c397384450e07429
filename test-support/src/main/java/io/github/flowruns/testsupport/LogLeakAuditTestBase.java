package io.github.flowruns.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The last test of a module: everything logged by the SDK and OkHttp during the whole test run,
 * at every level, holds no secret. Subclass it in each module as
 * {@code @Order(Integer.MAX_VALUE) class LogLeakAuditTest extends LogLeakAuditTestBase {}};
 * {@code junit-platform.properties} (in this jar) orders classes by {@code @Order}.
 */
public abstract class LogLeakAuditTestBase {

  @Test
  void nothingLoggedDuringTheWholeTestRunContainsASecret() {
    assertTrue(LogCapture.installed(), "the log capture listener was not loaded");
    List<String> leaks = LogLeakAudit.leaks(LogCapture.lines(), SecretCatalog.secrets());
    assertEquals(List.of(), leaks, () -> leaks.size() + " secret(s) logged; first: " + leaks.get(0));
    assertEquals(0, LogCapture.dropped(), "some log lines were not captured, so not scanned");
  }
}
