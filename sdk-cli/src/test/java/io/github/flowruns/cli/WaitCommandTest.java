package io.github.flowruns.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.flowruns.testing.SimulatedRun;
import io.github.flowruns.testing.VendorSimulator;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code --wait} on {@code runs trigger} and {@code runs retry}, in-process, against simulators
 * whose clock a background thread moves twenty times faster than real time: the exit status says
 * how the run ended (0 succeeded, 3 ended otherwise, 4 still going at {@code --timeout}).
 */
class WaitCommandTest {
  private ScheduledExecutorService clock;

  /** Moves the simulator's clock 1 s every 50 ms until the test ends. */
  static ScheduledExecutorService fastClock(VendorSimulator sim) {
    ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "sim-clock");
      t.setDaemon(true);
      return t;
    });
    clock.scheduleAtFixedRate(() -> sim.advance(Duration.ofSeconds(1)), 50, 50,
        TimeUnit.MILLISECONDS);
    return clock;
  }

  /** A simulator with no arrivals: the planned outcome goes to the run the test starts. */
  static VendorSimulator quiet(String vendor, int runs) {
    return VendorSimulator.forVendor(vendor).runs(runs).flows(3).arrivals(Duration.ZERO).build()
        .start();
  }

  @AfterEach
  void stopClock() {
    if (clock != null) {
      clock.shutdownNow();
    }
  }

  private Cli.Result triggerAndWait(VendorSimulator sim, String plan, String timeout) {
    // FlowStack is the vendor with trigger (vendors.md); its run ends as planned.
    sim.planNext(plan, Duration.ofSeconds(5));
    return Cli.run(Sims.runs("trigger", sim, "--flow-id", sim.flowIds().get(0), "--wait",
        "--timeout", timeout, "--format", "jsonl"));
  }

  @ParameterizedTest
  @CsvSource({"SUCCEEDED, 0", "FAILED, 3", "CANCELED, 3", "TIMEOUT, 3"})
  void triggerWaitExitsZeroWhenTheRunSucceedsAndThreeWhenItEndsOtherwise(String plan, int exit) {
    try (VendorSimulator sim = quiet("flowstack", 5)) {
      clock = fastClock(sim);
      Cli.Result r = triggerAndWait(sim, plan, "90s");
      assertEquals(exit, r.status, r.toString());
      JsonObject run = JsonParser.parseString(r.out).getAsJsonObject();
      assertTrue(r.errLines().get(0).startsWith("flowruns: waiting up to 90s for run "), r.err);
      assertEquals(plan, run.get("rawStatus").getAsString());
      if (exit == 0) {
        assertEquals("SUCCEEDED", run.get("status").getAsString());
        assertEquals(1, r.errLines().size(), r.err);
      } else {
        assertEquals("flowruns: run " + run.get("id").getAsString() + " ended "
            + run.get("status").getAsString(), r.errLines().get(1), r.err);
      }
    }
  }

  @Test
  void triggerWaitExitsFourWithTheLastStatusWhenTheRunOutlivesTheTimeout() {
    try (VendorSimulator sim = quiet("flowstack", 5)) {
      clock = fastClock(sim);
      long start = System.nanoTime();
      // A run planned to stay RUNNING never ends.
      Cli.Result r = triggerAndWait(sim, "RUNNING", "3s");
      long tookMs = (System.nanoTime() - start) / 1_000_000;
      assertEquals(4, r.status, r.toString());
      assertEquals("", r.out, "no terminal run to print");
      assertTrue(r.err.matches("(?s).*flowruns: run \\S+ was still RUNNING after 3s \\(\\d+ polls\\); "
          + "stopped waiting.*"), r.err);
      assertTrue(tookMs < 3000 + 2000, "the deadline holds: " + tookMs + " ms");
    }
  }

  @Test
  void retryWaitWaitsForTheRetriedRun() {
    try (VendorSimulator sim = quiet("activepieces", 60)) {
      SimulatedRun failed = sim.runs().stream().filter(SimulatedRun::failed).findFirst()
          .orElseThrow();
      clock = fastClock(sim);
      // vendors.md, Activepieces: FROM_FAILED_STEP re-queues the same run; it now succeeds.
      sim.planNext("SUCCEEDED", Duration.ofSeconds(5));
      Cli.Result ok = Cli.run(Sims.runs("retry", sim, failed.id(), "--mode", "from-failed-step",
          "--wait", "--format", "jsonl"));
      assertEquals(0, ok.status, ok.toString());
      JsonObject run = JsonParser.parseString(ok.out).getAsJsonObject();
      assertEquals(failed.id(), run.get("id").getAsString());
      assertEquals("SUCCEEDED", run.get("status").getAsString());

      sim.planNext("FAILED", Duration.ofSeconds(5));
      Cli.Result again = Cli.run(Sims.runs("retry", sim, failed.id(), "--mode",
          "from-failed-step", "--wait", "--format", "jsonl"));
      assertEquals(3, again.status, again.toString());
    }
  }

  @Test
  void withoutWaitTheRunIsPrintedAsItStarted() {
    try (VendorSimulator sim = quiet("flowstack", 5)) {
      sim.planNext("SUCCEEDED", Duration.ofSeconds(5));
      Cli.Result r = Cli.run(Sims.runs("trigger", sim, "--flow-id", sim.flowIds().get(0),
          "--format", "jsonl"));
      assertEquals(0, r.status, r.toString());
      String status = JsonParser.parseString(r.out).getAsJsonObject().get("status").getAsString();
      assertTrue(status.equals("QUEUED") || status.equals("RUNNING"), r.out);
      assertEquals("", r.err);
    }
  }
}
