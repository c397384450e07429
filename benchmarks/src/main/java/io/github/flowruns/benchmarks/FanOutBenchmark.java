package io.github.flowruns.benchmarks;

import io.github.flowruns.Run;
import io.github.flowruns.RunQuery;
import io.github.flowruns.flowstack.FlowStackClient;
import io.github.flowruns.testing.FlowStackSimulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * "The newest {@code runs} runs across {@code flows} flows" at FlowStack, which lists one flow at
 * a time (vendors.md, FlowStack: runs are listed under {@code /api/v1/flows/{flowId}/runs}): the
 * simulator waits {@code latencyMs} before every answer, and the same query runs through a client
 * at the default {@code listingConcurrency} (16) and through one at 1 (each flow's first page
 * after the other, as before the fan-out). Both must list the same runs in the same order, which
 * {@link #setUp()} checks (so the smoke test does too). The speed-up is sequential / concurrent.
 *
 * <p>Usage: {@code java -jar benchmarks/target/benchmarks.jar FanOutBenchmark -f 1 -wi 2 -i 3
 * -prof io.github.flowruns.benchmarks.CpuTimeProfiler}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
@Fork(1)
public class FanOutBenchmark {
  @Param("50")
  public int flows;

  /** The query's limit: the newest this many runs of all the flows. */
  @Param("100")
  public int runs;

  @Param("20")
  public int latencyMs;

  /**
   * Runs per flow in the simulator's history. Every flow's first page is needed whatever its
   * size; a bigger one costs the simulator (in this JVM, on the same two cores) CPU that a real
   * server spends on its own machine, so the default keeps pages small (BENCHMARKS.md, 6).
   */
  @Param("40")
  public int runsPerFlow;

  FlowStackSimulator simulator;
  FlowStackClient concurrent;
  FlowStackClient sequential;
  RunQuery query;

  @Setup(Level.Trial)
  public void setUp() {
    simulator = FlowStackSimulator.builder().flows(flows).runs(flows * runsPerFlow).seed(14)
        .build().start();
    concurrent = FlowStackClient.builder().apiKey(simulator.apiKey())
        .baseUrl(simulator.baseUrl()).build();
    sequential = concurrent.newBuilder().listingConcurrency(1).build();
    query = RunQuery.builder().flowIds(simulator.flowIds()).limit(runs).build();
    List<String> fromConcurrent = ids(concurrent);
    List<String> fromSequential = ids(sequential);
    if (fromConcurrent.size() != Math.min(runs, simulator.runCount())
        || !fromConcurrent.equals(fromSequential)) {
      throw new IllegalStateException("the concurrent and the sequential listings differ: "
          + fromConcurrent.size() + " and " + fromSequential.size() + " runs");
    }
    simulator.latency(Duration.ofMillis(latencyMs));
  }

  private List<String> ids(FlowStackClient client) {
    List<String> out = new ArrayList<>();
    for (Run run : client.listRuns(query)) {
      out.add(run.id());
    }
    return out;
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    concurrent.close();
    sequential.close();
    simulator.close();
  }

  @Benchmark
  public long concurrent(Blackhole bh) {
    return consume(concurrent, bh);
  }

  @Benchmark
  public long sequential(Blackhole bh) {
    return consume(sequential, bh);
  }

  private long consume(FlowStackClient client, Blackhole bh) {
    long n = 0;
    for (Run run : client.listRuns(query)) {
      bh.consume(run.id());
      n++;
    }
    if (n != Math.min(runs, simulator.runCount())) {
      throw new IllegalStateException("listed " + n + " runs, expected " + runs);
    }
    return n;
  }
}
