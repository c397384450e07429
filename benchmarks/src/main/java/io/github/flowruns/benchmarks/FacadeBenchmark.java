package io.github.flowruns.benchmarks;

import io.github.flowruns.Run;
import io.github.flowruns.RunQuery;
import io.github.flowruns.activepieces.ActivepiecesClient;
import io.github.flowruns.activepieces.api.FlowRunsApi;
import io.github.flowruns.activepieces.invoker.ApiClient;
import io.github.flowruns.activepieces.invoker.ApiException;
import io.github.flowruns.activepieces.model.FlowRun;
import io.github.flowruns.activepieces.model.FlowRunPage;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
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
 * What the facade costs over the generated client: iterate {@code runs} Activepieces runs (pages of
 * 100 from a loopback server) through {@code client.listRuns(query)} ({@code facadePaged}) and
 * through the generated {@code FlowRunsApi.listFlowRuns} in a hand-written cursor loop
 * ({@code generatedApiLoop}). Both share one OkHttpClient, so one connection pool.
 *
 * <p>Usage: {@code java -jar benchmarks/target/benchmarks.jar FacadeBenchmark -f 1 -wi 3 -i 5}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(1)
public class FacadeBenchmark {
  @Param("20000")
  public int runs;

  ActivepiecesServer server;
  OkHttpClient http;
  ActivepiecesClient client;
  FlowRunsApi api;
  RunQuery query;

  @Setup(Level.Trial)
  public void setUp() {
    server = ActivepiecesServer.start(runs, 0);
    http = new OkHttpClient();
    client = ActivepiecesClient.builder().apiKey("bench-key").projectId(ActivepiecesServer.PROJECT_ID)
        .baseUrl(server.baseUrl()).okHttpClient(http).build();
    ApiClient apiClient = new ApiClient(http);
    apiClient.setBasePath(server.baseUrl());
    apiClient.setBearerToken("bench-key");
    api = new FlowRunsApi(apiClient);
    query = RunQuery.builder().pageSize(ActivepiecesServer.PAGE_SIZE).limit(runs).build();
  }

  @TearDown(Level.Iteration)
  public void forgetRequests() {
    server.drainRecordedRequests();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    client.close();
    server.close();
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }

  @Benchmark
  public long facadePaged(Blackhole bh) {
    long n = 0;
    for (Run run : client.listRuns(query)) {
      bh.consume(run.id());
      n++;
    }
    return check(n);
  }

  @Benchmark
  public long generatedApiLoop(Blackhole bh) throws ApiException {
    long n = 0;
    String cursor = null;
    do {
      FlowRunPage page = api.listFlowRuns(ActivepiecesServer.PROJECT_ID, null, null, null, null,
          ActivepiecesServer.PAGE_SIZE, cursor, null, null, null, null, null);
      for (FlowRun run : page.getData()) {
        bh.consume(run.getId());
        n++;
      }
      cursor = page.getNext();
    } while (cursor != null && n < runs);
    return check(n);
  }

  private long check(long n) {
    if (n != runs) {
      throw new IllegalStateException("iterated " + n + " runs, expected " + runs);
    }
    return n;
  }
}
