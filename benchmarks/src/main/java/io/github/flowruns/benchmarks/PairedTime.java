package io.github.flowruns.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * The time of two sides of a comparison (the SDK, {@link Side#SDK}, and its baseline,
 * {@link Side#BASELINE}) run one after the other within each benchmark invocation, in alternating
 * order, and their ratios per iteration as JMH secondary results: wall time, CPU time of the whole
 * JVM, and CPU time of the benchmark's own thread (the one that iterates, where both sides parse
 * what they read; the loopback server's threads are not in it).
 *
 * <p>Why: on a shared 2-core machine a burst of another process's work lands on whichever
 * benchmark runs at that moment, so two benchmarks measured apart (even in the same fork) give
 * ratios that swing by 2x. Here both sides of a ratio run within the same few hundred
 * milliseconds, in both orders, so load falls on both alike; and the consuming thread's CPU time
 * does not count time the thread spent descheduled at all.
 *
 * <p>Usage: in the benchmark, {@code PairedTime.Side.SDK.measure(() -> ...)}; run with
 * {@code -prof io.github.flowruns.benchmarks.PairedTime}.
 */
public final class PairedTime implements InternalProfiler {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  /** One side of the comparison, with what it has spent this iteration. */
  public enum Side {
    SDK, BASELINE;

    final LongAdder wall = new LongAdder();
    final LongAdder jvmCpu = new LongAdder();
    final LongAdder threadCpu = new LongAdder();

    /**
     * Runs {@code work} on this thread and adds its wall, JVM CPU and thread CPU time to this side.
     *
     * @param work what to time
     * @return what {@code work} returned
     * @throws Exception what {@code work} threw
     */
    public long measure(Work work) throws Exception {
      long wall0 = System.nanoTime();
      long jvm0 = OS.getProcessCpuTime();
      long thread0 = THREADS.getCurrentThreadCpuTime();
      long result = work.run();
      threadCpu.add(THREADS.getCurrentThreadCpuTime() - thread0);
      jvmCpu.add(OS.getProcessCpuTime() - jvm0);
      wall.add(System.nanoTime() - wall0);
      return result;
    }

    void reset() {
      wall.reset();
      jvmCpu.reset();
      threadCpu.reset();
    }
  }

  /** Timed work. */
  @FunctionalInterface
  public interface Work {
    long run() throws Exception;
  }

  @Override
  public String getDescription() {
    return "SDK / baseline ratios of wall, JVM CPU and benchmark-thread CPU time, both sides in each invocation";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    for (Side s : Side.values()) {
      s.reset();
    }
  }

  @Override
  public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams,
      IterationParams iterationParams, IterationResult result) {
    long ops = Math.max(1, result.getMetadata().getAllOps());
    Side sdk = Side.SDK;
    Side base = Side.BASELINE;
    return List.of(
        ratio("paired.wall.ratio", sdk.wall.sum(), base.wall.sum()),
        ratio("paired.jvmCpu.ratio", sdk.jvmCpu.sum(), base.jvmCpu.sum()),
        ratio("paired.threadCpu.ratio", sdk.threadCpu.sum(), base.threadCpu.sum()),
        perOp("paired.sdk.threadCpu", sdk.threadCpu.sum(), ops),
        perOp("paired.baseline.threadCpu", base.threadCpu.sum(), ops));
  }

  private static Result ratio(String label, long sdk, long baseline) {
    return new ScalarResult(label, baseline == 0 ? Double.NaN : (double) sdk / baseline, "ratio",
        AggregationPolicy.AVG);
  }

  private static Result perOp(String label, long nanos, long ops) {
    return new ScalarResult(label, nanos / 1e6 / ops, "ms/op", AggregationPolicy.AVG);
  }
}
