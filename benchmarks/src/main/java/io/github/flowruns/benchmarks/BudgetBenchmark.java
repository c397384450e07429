package io.github.flowruns.benchmarks;

import io.github.flowruns.Run;
import io.github.flowruns.RunQuery;
import io.github.flowruns.flowstack.FlowStackClient;
import io.github.flowruns.http.RequestBudget;
import io.github.flowruns.testing.FlowStackSimulator;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.AuxCounters;
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
 * An export of {@code runs} runs (pages of {@code pageSize}) from a FlowStack simulator that enforces
 * {@code limit} requests per {@code windowSeconds} (a fixed window, with FlowStack's
 * {@code X-RateLimit-*} headers and a 429 with {@code Retry-After} past the limit, vendors.md),
 * with the client's {@link RequestBudget} {@code adaptive()} (the default) and {@code off()}, in
 * one run. One export per invocation (single shot: an export is ~20 s at the default sizes); each
 * starts with a fresh client and a fresh window. The secondary results {@code requests} and
 * {@code tooMany} count the attempts and the 429 answers of the measured exports: the 429 share is
 * {@code tooMany / requests}; the throughput as a share of the enforced limit is
 * {@code requests / time / (limit / windowSeconds)}.
 *
 * <p>Usage: {@code java -jar benchmarks/target/benchmarks.jar BudgetBenchmark -f 1 -wi 0 -i 3
 * -prof io.github.flowruns.benchmarks.CpuTimeProfiler}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 3)
@Fork(1)
public class BudgetBenchmark {
  @Param("20000")
  public int runs;

  /** Runs a page: smaller pages make more requests, so an export spans more windows. */
  @Param("100")
  public int pageSize;

  @Param("100")
  public int limit;

  @Param("10")
  public int windowSeconds;

  @Param({"adaptive", "off"})
  public String budget;

  FlowStackSimulator sim;
  FlowStackClient client;
  RunQuery query;
  final AtomicLong attempts = new AtomicLong();
  final AtomicLong refused = new AtomicLong();

  /** What one iteration's exports asked of the server, as JMH secondary results. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class Answers {
    /** Attempts sent. */
    public long requests;
    /** Attempts answered 429. */
    public long tooMany;
  }

  @Setup(Level.Trial)
  public void startSimulator() {
    // The wall clock: the simulator's Date header must move, or its Reset would look ever later.
    sim = FlowStackSimulator.builder().runs(runs).flows(1).seed(14).wallClock(true).build().start();
    query = RunQuery.builder().pageSize(pageSize).limit(runs).build();
  }

  @Setup(Level.Invocation)
  public void freshClientAndWindow() {
    sim.rateLimit(limit, Duration.ofSeconds(windowSeconds));
    client = FlowStackClient.builder().apiKey(sim.apiKey()).baseUrl(sim.baseUrl())
        .flowId(sim.flowIds().get(0))
        .requestBudget("off".equals(budget) ? RequestBudget.off() : RequestBudget.adaptive())
        .listener(e -> {
          attempts.incrementAndGet();
          if (e.status() != null && e.status() == 429) {
            refused.incrementAndGet();
          }
        })
        .build();
  }

  @TearDown(Level.Invocation)
  public void closeClient() {
    client.close();
  }

  @TearDown(Level.Trial)
  public void stopSimulator() {
    sim.close();
  }

  @Benchmark
  public long export(Answers answers, Blackhole bh) {
    long before = attempts.get();
    long refusedBefore = refused.get();
    long n = 0;
    for (Run run : client.listRuns(query)) {
      bh.consume(run.id());
      n++;
    }
    if (n != runs) {
      throw new IllegalStateException("exported " + n + " runs, expected " + runs);
    }
    answers.requests += attempts.get() - before;
    answers.tooMany += refused.get() - refusedBefore;
    return n;
  }
}
