package io.github.flowruns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RunStatusTest {

  @Test
  void terminalStatusesAreTheFinishedOnes() {
    Set<RunStatus> terminal = EnumSet.noneOf(RunStatus.class);
    for (RunStatus s : RunStatus.values()) {
      if (s.isTerminal()) {
        terminal.add(s);
      }
    }
    assertEquals(EnumSet.of(RunStatus.SUCCEEDED, RunStatus.PARTIALLY_SUCCEEDED, RunStatus.FAILED,
        RunStatus.CANCELLED, RunStatus.TIMED_OUT), terminal);
  }

  @Test
  void onlyFailedAndTimedOutAreFailures() {
    Set<RunStatus> failures = EnumSet.noneOf(RunStatus.class);
    for (RunStatus s : RunStatus.values()) {
      if (s.isFailure()) {
        failures.add(s);
        assertTrue(s.isTerminal());
      }
    }
    assertEquals(EnumSet.of(RunStatus.FAILED, RunStatus.TIMED_OUT), failures);
  }

  @Test
  void parseAcceptsAnyCaseAndCommonSpellings() {
    assertEquals(RunStatus.FAILED, RunStatus.parse("failed"));
    assertEquals(RunStatus.PARTIALLY_SUCCEEDED, RunStatus.parse("Partially-Succeeded"));
    assertEquals(RunStatus.TIMED_OUT, RunStatus.parse(" timed_out "));
    assertEquals(RunStatus.TIMED_OUT, RunStatus.parse("timeout"));
    assertEquals(RunStatus.CANCELLED, RunStatus.parse("canceled"));
    for (RunStatus s : RunStatus.values()) {
      assertEquals(s, RunStatus.parse(s.name().toLowerCase()));
    }
  }

  @Test
  void parseRefusesUnknownTextNamingTheValidValues() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> RunStatus.parse("exploded"));
    assertTrue(e.getMessage().contains("exploded") && e.getMessage().contains("QUEUED"));
  }

  @Test
  void vendorFromNameAcceptsEnumDisplayAndModuleNames() {
    assertEquals(Vendor.STACKAI, Vendor.fromName("analytics"));
    assertEquals(Vendor.STACKAI, Vendor.fromName("StackAI"));
    assertEquals(Vendor.STACKAI, Vendor.fromName("sdk-analytics"));
    assertEquals(Vendor.FLOWSTACK, Vendor.fromName("FLOWSTACK"));
    assertEquals(Vendor.PATCHWORKS, Vendor.fromName("patchworks"));
    assertEquals(Vendor.ACTIVEPIECES, Vendor.fromName("ActivePieces"));
    assertThrows(IllegalArgumentException.class, () -> Vendor.fromName("zapier"));
    assertEquals("sdk-analytics", Vendor.STACKAI.moduleArtifactId());
  }
}
