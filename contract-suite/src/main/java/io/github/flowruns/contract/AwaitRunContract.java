package io.github.flowruns.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.flowruns.Capabilities.Operation;
import io.github.flowruns.FlowRunsClient;
import io.github.flowruns.NotFoundException;
import io.github.flowruns.RetryMode;
import io.github.flowruns.Run;
import io.github.flowruns.RunStatus;
import io.github.flowruns.RunWaitTimeoutException;
import io.github.flowruns.spi.VendorDescriptor;
import io.github.flowruns.testsupport.SecretAssert;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What {@code awaitRun} promises for any vendor, against the vendor's living simulator: a run set
 * moving (triggered, or retried where the vendor cannot trigger) and planned with
 * {@code planNext} is awaited to its planned end while a background thread moves the simulator's
 * clock; a run planned to outlive the timeout times out with the last run seen. A vendor module
 * runs it with one empty subclass in its tests:
 *
 * <pre>{@code class FlowStackAwaitRunContractTest extends AwaitRunContract {}}</pre>
 *
 * <p>The client is made by {@code FlowRunsClients.create} with its default retry policy, so the
 * waits are real: each test takes a few seconds of the wait's first poll intervals, no more.
 */
public abstract class AwaitRunContract {

  static Stream<Named<VendorDescriptor>> vendors() {
    return FlowRunsContract.vendors();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vendors")
  void capabilitiesSayAwaitRunExactlyWhereGetRunIsAndAVendorWithoutItRefusesIt(VendorDescriptor v)
      throws InterruptedException {
    try (ContractFixture f = ContractFixture.start(v)) {
      FlowRunsClient client = f.client();
      boolean getRun = client.capabilities().supports(Operation.GET_RUN);
      assertEquals(getRun, client.capabilities().supports(Operation.AWAIT_RUN));
      if (!getRun) {
        String id = f.listAll(f.oneFlow().limit(1).build()).get(0).id();
        f.requests();
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
            () -> client.awaitRun(id, Duration.ofSeconds(5)));
        assertTrue(e.getMessage().contains(v.displayName()) && e.getMessage().contains("awaitRun"),
            e.getMessage());
        assertTrue(f.requests().isEmpty(), "refused before any request");
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vendors")
  void aRunThatEndsWhileAwaitedIsReturnedInItsPlannedStatus(VendorDescriptor v) throws Exception {
    try (ContractFixture f = withGetRun(v)) {
      Run model = seeded(f, RunStatus.SUCCEEDED);
      f.sim().planNext(model.rawStatus(), Duration.ofSeconds(20));
      Run started = start(f);
      assertFalse(started.status().isTerminal(), "started, not yet ended: " + started.status());
      f.requests();

      Thread clock = movingClock(f);
      Run done;
      try {
        done = f.client().awaitRun(started.id(), Duration.ofMinutes(2));
      } finally {
        clock.interrupt();
        clock.join(TimeUnit.SECONDS.toMillis(10));
      }

      assertEquals(started.id(), done.id(), "the id the start gave is the id awaited");
      assertEquals(RunStatus.SUCCEEDED, done.status());
      assertEquals(model.rawStatus(), done.rawStatus(), "the planned outcome");
      // The simulator ends the run within half a second of real time: a poll or two after the
      // first, backing off from a second; not a hot loop.
      int polls = f.requests().size();
      assertTrue(polls >= 1 && polls <= 6, polls + " polls");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vendors")
  void aRunPlannedToOutliveTheTimeoutTimesOutWithTheLastRunSeen(VendorDescriptor v)
      throws Exception {
    try (ContractFixture f = withGetRun(v)) {
      f.sim().planNext(seeded(f, RunStatus.SUCCEEDED).rawStatus(), Duration.ofHours(1));
      Run started = start(f);
      f.requests();

      long t0 = System.nanoTime();
      RunWaitTimeoutException e = assertThrows(RunWaitTimeoutException.class,
          () -> f.client().awaitRun(started.id(), Duration.ofSeconds(2)));
      long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);

      assertTrue(ms >= 1900 && ms < 15_000, "ends at the deadline: " + ms + " ms");
      assertNotNull(e.lastSeen(), "a poll succeeded");
      assertEquals(started.id(), e.lastSeen().id());
      assertFalse(e.lastSeen().status().isTerminal(), e.lastSeen().status().toString());
      int polls = f.requests().size();
      assertEquals(polls, e.attempts(), "every poll counted");
      assertTrue(polls >= 2 && polls <= 4, polls + " polls in 2 s");
      assertEquals(v.vendor(), e.vendor());
      assertEquals("awaitRun", e.operation());
      assertTrue(e.getMessage().contains(v.displayName()) && e.getMessage().contains(started.id())
          && e.getMessage().contains(e.lastSeen().status().toString()), e.getMessage());
      SecretAssert.assertNoneOf(e, List.of(f.sim().apiKey()));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vendors")
  void serverErrorsBeyondTheClientsRetriesKeepTheWaitGoing(VendorDescriptor v) throws Exception {
    try (ContractFixture f = withGetRun(v)) {
      Run ended = seeded(f, RunStatus.FAILED);
      f.requests();
      // The default policy makes 4 attempts: the first poll fails with all of them.
      f.sim().failNext(4, 503);

      Run done = f.client().awaitRun(ended.id(), Duration.ofMinutes(1));

      assertEquals(ended.id(), done.id());
      assertEquals(RunStatus.FAILED, done.status());
      assertEquals(5, f.requests().size(), "a failed poll of 4 attempts, then one that succeeded");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vendors")
  void anUnknownRunIsNotFoundAtOnceNotAWait(VendorDescriptor v) throws Exception {
    try (ContractFixture f = withGetRun(v)) {
      String unknown = FlowRunsContract.unknownId(f.listAll(f.oneFlow().limit(1).build()).get(0).id());
      f.requests();

      NotFoundException e = assertThrows(NotFoundException.class,
          () -> f.client().awaitRun(unknown, Duration.ofMinutes(5)));

      assertEquals("getRun", e.operation(), "the poll's own exception");
      assertEquals(1, f.requests().size());
    }
  }

  /** A fixture of a vendor with getRun; the test is skipped for one without it. */
  private static ContractFixture withGetRun(VendorDescriptor v) {
    ContractFixture f = ContractFixture.start(v);
    if (!f.client().capabilities().supports(Operation.GET_RUN)) {
      f.close();
      assumeTrue(false, v + " has no getRun");
    }
    return f;
  }

  /** The newest seeded run in {@code status}: its raw status is a value the vendor really sends. */
  private static Run seeded(ContractFixture f, RunStatus status) {
    List<Run> runs = f.listAll(f.base().statuses(status).limit(1).build());
    assertFalse(runs.isEmpty(), "the seeded history has a " + status + " run");
    return runs.get(0);
  }

  /**
   * A run set moving as a user would: triggered where the vendor can trigger (FlowStack), else a
   * failed run retried (re-queued in place or as a new run, as the vendor does; vendors.md).
   */
  private static Run start(ContractFixture f) {
    FlowRunsClient client = f.client();
    if (client.capabilities().supports(Operation.TRIGGER_RUN)) {
      return client.triggerRun(f.sim().flowIds().get(0), Map.of());
    }
    assumeTrue(client.capabilities().supports(Operation.RETRY_RUN), "no way to start a run");
    return client.retryRun(seeded(f, RunStatus.FAILED).id(), RetryMode.DEFAULT);
  }

  /** A daemon thread moving the simulator's clock 5 s every 50 ms, until interrupted. */
  private static Thread movingClock(ContractFixture f) {
    Thread t = new Thread(() -> {
      try {
        while (!Thread.currentThread().isInterrupted()) {
          f.sim().advance(Duration.ofSeconds(5));
          Thread.sleep(50);
        }
      } catch (InterruptedException stop) {
        // stopped by the test
      }
    }, "simulator-clock");
    t.setDaemon(true);
    t.start();
    return t;
  }
}
