package io.github.flowruns.benchmarks;

import io.github.flowruns.Run;
import io.github.flowruns.RunQuery;
import io.github.flowruns.activepieces.ActivepiecesClient;
import io.github.flowruns.http.RequestOptions;
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
 * Paging with and without {@code RequestOptions.prefetch(true)}: the loopback server waits
 * {@code latencyMs} before each page, and the consumer spends {@code workMs} on each page of 100
 * runs (blocking, as writing them to a database would). Sequential paging pays latency + work per
 * page; prefetch overlaps them. Time per operation is for {@code runs} runs; the speed-up is
 * sequential / prefetch.
 *
 * <p>Usage: {@code java -jar benchmarks/target/benchmarks.jar PrefetchBenchmark -f 1 -wi 2 -i 5}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(1)
public class PrefetchBenchmark {
  @Param("2000")
  public int runs;

  @Param("20")
  public int latencyMs;

  @Param("20")
  public int workMs;

  ActivepiecesServer server;
  ActivepiecesClient client;
  RunQuery query;
  RequestOptions prefetch;

  @Setup(Level.Trial)
  public void setUp() {
    server = ActivepiecesServer.start(runs, latencyMs);
    client = ActivepiecesClient.builder().apiKey("bench-key").projectId(ActivepiecesServer.PROJECT_ID)
        .baseUrl(server.baseUrl()).build();
    query = RunQuery.builder().pageSize(ActivepiecesServer.PAGE_SIZE).limit(runs).build();
    prefetch = RequestOptions.builder().prefetch(true).build();
  }

  @TearDown(Level.Iteration)
  public void forgetRequests() {
    server.drainRecordedRequests();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    client.close();
    server.close();
  }

  @Benchmark
  public long sequential(Blackhole bh) throws InterruptedException {
    return consume(client.listRuns(query), bh);
  }

  @Benchmark
  public long prefetch(Blackhole bh) throws InterruptedException {
    return consume(client.listRuns(query, prefetch), bh);
  }

  private long consume(Iterable<Run> paged, Blackhole bh) throws InterruptedException {
    long n = 0;
    for (Run run : paged) {
      bh.consume(run.id());
      if (++n % ActivepiecesServer.PAGE_SIZE == 0) {
        Thread.sleep(workMs);       // the consumer's work on the page it just read
      }
    }
    if (n != runs) {
      throw new IllegalStateException("iterated " + n + " runs, expected " + runs);
    }
    return n;
  }
}
