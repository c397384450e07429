package io.github.flowruns.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.flowruns.testing.SimulatedRun;
import io.github.flowruns.testing.VendorSimulator;
import org.junit.jupiter.api.Test;

/**
 * {@code flowruns runs stop} against the Activepieces simulator, which, like the real server
 * (vendors.md), answers a cancel with nothing and silently ignores RUNNING runs and unknown ids.
 */
class ActivepiecesStopTest {

  @Test
  void stopOfARunningRunExitsOneWithOneLineSayingTheVendorDoesNotCancelRunningRuns() {
    try (VendorSimulator sim = Sims.start("activepieces", 60)) {
      SimulatedRun running = sim.runs().stream().filter(r -> "RUNNING".equals(r.status()))
          .findFirst().orElseThrow();

      Cli.Result r = Cli.run(Sims.runs("stop", sim, running.id()));

      VendorCommandsTest.assertOneLineVendorFailure(r,
          "run " + running.id() + " is RUNNING and Activepieces does not cancel running runs");
      assertEquals("", r.out, "no 'stopped' line");
      assertEquals("RUNNING", sim.findRun(running.id()).orElseThrow().status());
    }
  }

  @Test
  void stopOfAnIdThatDoesNotExistExitsOneWithANotFoundLine() {
    try (VendorSimulator sim = Sims.start("activepieces", 20)) {
      Cli.Result r = Cli.run(Sims.runs("stop", sim, "AAAAAAAAAAAAAAAAAAAAA"));

      VendorCommandsTest.assertOneLineVendorFailure(r, "HTTP 404");
      assertTrue(r.err.contains("stopRun"), r.err);
      assertEquals("", r.out);
    }
  }
}
