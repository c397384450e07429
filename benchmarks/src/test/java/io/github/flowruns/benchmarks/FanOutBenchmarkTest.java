package io.github.flowruns.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What {@link FanOutBenchmark} compares is comparable: both clients list the same runs in the
 * same order (its setup throws otherwise) with the same number of requests. Nothing here is about
 * time.
 */
class FanOutBenchmarkTest {
  private final FanOutBenchmark bench = new FanOutBenchmark();
  private final Blackhole bh = new Blackhole(
      "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");

  @AfterEach
  void tearDown() {
    bench.tearDown();
    bh.evaporate("Yes, I am Stephen Hawking, and know a thing or two about black holes.");
  }

  @Test
  void concurrentAndSequentialListTheSameRunsWithTheSameRequests() {
    bench.flows = 12;
    bench.runs = 30;
    bench.latencyMs = 0;
    bench.runsPerFlow = 40;
    bench.setUp();               // throws if the two listings differ

    int before = bench.simulator.requestCount();
    assertEquals(30, bench.concurrent(bh));
    int concurrentRequests = bench.simulator.requestCount() - before;
    assertEquals(30, bench.sequential(bh));
    int sequentialRequests = bench.simulator.requestCount() - before - concurrentRequests;

    assertEquals(sequentialRequests, concurrentRequests);
    assertEquals(12, concurrentRequests);          // one first page per flow, nothing more
  }
}
