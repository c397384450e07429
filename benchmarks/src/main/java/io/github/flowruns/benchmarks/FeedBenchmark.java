package io.github.flowruns.benchmarks;

import io.github.flowruns.FlowRunsClient;
import io.github.flowruns.FlowRunsClients;
import io.github.flowruns.RunEvent;
import io.github.flowruns.RunFeed;
import io.github.flowruns.RunQuery;
import io.github.flowruns.WatchOptions;
import io.github.flowruns.spi.VendorDescriptor;
import io.github.flowruns.testing.VendorSimulator;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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

/**
 * A feed's steady poll (issue 14, item 3d): {@code watchRuns} over an account whose history holds
 * {@code runs} runs, all older than the feed's window, polled with nothing new. Each vendor's
 * loopback simulator ({@code sdk-testing}) answers; its clock stands still, so every poll sees
 * the same account. The goal is a poll whose cost does not grow with the history: the same
 * number of requests (counted at the simulator) and about the same CPU for 1,000 and 100,000
 * runs.
 *
 * <p>Time per poll is JMH's score; requests per poll and the CPU time the polling thread spent
 * per poll (the client's own work: OkHttp reads and writes on the calling thread) are printed
 * after each iteration. {@code -prof io.github.flowruns.benchmarks.CpuTimeProfiler} adds the
 * process CPU per poll (client and simulator together).
 *
 * <p>Usage: {@code java -jar benchmarks/target/benchmarks.jar FeedBenchmark -f 1 -wi 2 -i 3
 * -prof io.github.flowruns.benchmarks.CpuTimeProfiler}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class FeedBenchmark {
  /** Runs in the account's history (named {@code runs} so the smoke test can shrink it). */
  @Param({"1000", "10000", "100000"})
  public int runs;

  @Param({"activepieces", "flowstack", "patchworks", "analytics"})
  public String vendor;

  VendorSimulator sim;
  FlowRunsClient client;
  RunFeed feed;
  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private int requestsBefore;
  private long cpuBefore;
  private long polls;

  @Setup(Level.Trial)
  public void setUp() {
    VendorDescriptor d = FlowRunsClients.descriptors().stream().filter(v -> v.answersTo(vendor))
        .findFirst().orElseThrow(() -> new IllegalStateException("no module for " + vendor));
    // The history ends two hours before the simulator's now, past the feed's window (10 minutes
    // of lookback), and spreads over 30 days: at 100,000 runs, about one run every 26 seconds.
    sim = VendorSimulator.forVendor(d.simulator()).runs(runs).flows(2).seed(7)
        .newestAt(Instant.now().minus(Duration.ofHours(2))).history(Duration.ofDays(30))
        .arrivals(Duration.ZERO).build().start();
    Map<String, String> settings = new LinkedHashMap<>(sim.clientSettings());
    settings.put(FlowRunsClients.API_KEY, sim.apiKey());
    client = FlowRunsClients.create(d.vendor(), settings);
    // Every run of the account: its flows where the vendor lists flow by flow (vendors.md:
    // StackAI and FlowStack list one flow at a time).
    RunQuery query = d.listsPerFlow() ? RunQuery.builder().flowIds(sim.flowIds()).build()
        : RunQuery.all();
    feed = client.watchRuns(query, WatchOptions.builder()
        .since(sim.now().minus(Duration.ofMinutes(30))).build());
    feed.poll();   // the first poll learns the vendor's clock; the next ones are the steady state
    feed.poll();
  }

  @Setup(Level.Iteration)
  public void startCounting() {
    requestsBefore = sim.requestCount();
    cpuBefore = threads.getCurrentThreadCpuTime();
    polls = 0;
  }

  @TearDown(Level.Iteration)
  public void report() {
    if (polls == 0) {
      return;
    }
    // Level.Iteration fixtures run on the benchmark thread: the CPU read here is the polls'.
    long cpu = threads.getCurrentThreadCpuTime() - cpuBefore;
    System.out.printf(Locale.ROOT, "%n%s runs=%d: %.2f requests/poll, %.1f us CPU/poll"
        + " (polling thread), %d polls%n", vendor, runs,
        (sim.requestCount() - requestsBefore) / (double) polls, cpu / 1e3 / polls, polls);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    client.close();
    sim.close();
  }

  @Benchmark
  public List<RunEvent> poll() {
    List<RunEvent> events = feed.poll();
    if (!events.isEmpty()) {
      throw new IllegalStateException("nothing is new, yet the feed reported " + events);
    }
    polls++;
    return events;
  }
}
