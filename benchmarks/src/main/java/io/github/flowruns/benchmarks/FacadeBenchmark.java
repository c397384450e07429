package io.github.flowruns.benchmarks;

import io.github.flowruns.FlowRunsClient;
import io.github.flowruns.Run;
import io.github.flowruns.RunQuery;
import io.github.flowruns.http.RequestBudget;
import io.github.flowruns.activepieces.ActivepiecesClient;
import io.github.flowruns.analytics.AnalyticsClient;
import io.github.flowruns.benchmarks.Fixtures.Vendor;
import io.github.flowruns.flowstack.FlowStackClient;
import io.github.flowruns.patchworks.PatchworksClient;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
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
 * What the facade costs over the generated client, per vendor: iterate {@code runs} runs (pages of
 * 100 from the vendor's {@link PageServer} on loopback) through {@code client.listRuns(query)}
 * ({@code facadePaged}) and through the vendor's generated {@code listFlowRuns} in a hand-written
 * paging loop that pages as the facade does ({@code generatedApiLoop}). Both share one
 * OkHttpClient, so one connection pool, and consume each run's id.
 *
 * <p>{@code interleaved} runs both in each invocation, in alternating order, for ratios that load
 * cannot spoil ({@link PairedTime}).
 *
 * <p>Usage: {@code java -jar benchmarks/target/benchmarks.jar FacadeBenchmark -p vendor=FLOWSTACK -f 1 -wi 2 -i 3}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(1)
public class FacadeBenchmark {
  /** The StackAI organisation and the flow listed at StackAI and FlowStack. */
  static final String ORG = "org-bench";
  static final String FLOW = "flow_abc0";
  private static final String KEY = "bench-key";

  @Param("20000")
  public int runs;

  @Param({"PATCHWORKS", "STACKAI", "ACTIVEPIECES", "FLOWSTACK"})
  public Vendor vendor;

  PageServer server;
  OkHttpClient http;
  FlowRunsClient client;
  RunQuery query;
  /** The generated client's paging loop: hands each generated run model to the consumer. */
  GeneratedLoop generated;
  /** Which path {@link #interleaved} runs first, flipped at each invocation. */
  boolean facadeFirst;

  /** A hand-written paging loop over one vendor's generated API. */
  interface GeneratedLoop {
    void forEachRun(Consumer<Object> run) throws Exception;
  }

  @Setup(Level.Trial)
  public void setUp() {
    server = PageServer.start(vendor, runs, 0, 0);
    http = new OkHttpClient();
    String url = server.baseUrl();
    // The budget is off: this measures the facade's own cost per run, and the generated loop has
    // no pacing. With the default adaptive() budget, Patchworks' documented 240 requests a minute
    // paces the facade after the first window (BudgetBenchmark measures pacing).
    RunQuery.Builder q = RunQuery.builder().pageSize(PageServer.PAGE_SIZE).limit(runs);
    switch (vendor) {
      case PATCHWORKS -> {
        client = PatchworksClient.builder().apiKey(KEY).baseUrl(url).okHttpClient(http)
            .requestBudget(RequestBudget.off()).build();
        generated = patchworks(url);
      }
      case STACKAI -> {
        client = AnalyticsClient.builder().apiKey(KEY).orgId(ORG).baseUrl(url).okHttpClient(http)
            .requestBudget(RequestBudget.off()).build();
        q.flowIds(FLOW);
        generated = stackAi(url);
      }
      case ACTIVEPIECES -> {
        client = ActivepiecesClient.builder().apiKey(KEY).projectId(ActivepiecesServer.PROJECT_ID)
            .baseUrl(url).okHttpClient(http)
            .requestBudget(RequestBudget.off()).build();
        generated = activepieces(url);
      }
      case FLOWSTACK -> {
        client = FlowStackClient.builder().apiKey(KEY).baseUrl(url).okHttpClient(http)
            .requestBudget(RequestBudget.off()).build();
        q.flowIds(FLOW);
        generated = flowStack(url);
      }
      default -> throw new AssertionError(vendor);
    }
    query = q.build();
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
  public long generatedApiLoop(Blackhole bh) throws Exception {
    long[] n = {0};
    generated.forEachRun(run -> {
      bh.consume(idOf(run));
      n[0]++;
    });
    return check(n[0]);
  }

  /**
   * Both paths in one invocation, in alternating order ({@link PairedTime}): the ratio of their
   * times, wall and CPU, per iteration, with load falling on both alike. Run it with
   * {@code -prof io.github.flowruns.benchmarks.PairedTime}; the score is the time of both.
   */
  @Benchmark
  public long interleaved(Blackhole bh) throws Exception {
    facadeFirst = !facadeFirst;
    if (facadeFirst) {
      PairedTime.Side.SDK.measure(() -> facadePaged(bh));
      return PairedTime.Side.BASELINE.measure(() -> generatedApiLoop(bh));
    }
    PairedTime.Side.BASELINE.measure(() -> generatedApiLoop(bh));
    return PairedTime.Side.SDK.measure(() -> facadePaged(bh));
  }

  /**
   * Each run the facade lists as {@code id|raw status|start}, for checking both paths read the
   * same runs (FlowStack's facade id is {@code flowId/runId}, as the generated side writes it too).
   *
   * @return one line per run, in listing order
   */
  List<String> facadeLines() {
    List<String> lines = new ArrayList<>();
    for (Run run : client.listRuns(query)) {
      lines.add(run.id() + "|" + run.rawStatus() + "|" + run.startedAt());
    }
    return lines;
  }

  /**
   * The same lines read through the generated client.
   *
   * @return one line per run, in listing order
   * @throws Exception if the generated client fails
   */
  List<String> generatedLines() throws Exception {
    List<String> lines = new ArrayList<>();
    generated.forEachRun(model -> lines.add(line(model)));
    return lines;
  }

  private long check(long n) {
    if (n != runs) {
      throw new IllegalStateException("iterated " + n + " runs, expected " + runs);
    }
    return n;
  }

  // --- the generated clients, each paged as its facade pages ---------------------------------

  private GeneratedLoop patchworks(String url) {
    io.github.flowruns.patchworks.invoker.ApiClient api = new io.github.flowruns.patchworks.invoker.ApiClient(http);
    api.setBasePath(url);
    api.setApiKey(KEY);
    io.github.flowruns.patchworks.api.FlowRunLogsApi runsApi = new io.github.flowruns.patchworks.api.FlowRunLogsApi(api);
    // Pages from 1 up to meta.last_page, newest first, as PatchworksClient asks.
    return loop(page -> runsApi.listFlowRuns(null, null, null, null, null, null, null, null, null, null, null,
            null, null, "-started_at", null, null, null, null, number(page, 1), PageServer.PAGE_SIZE),
        io.github.flowruns.patchworks.model.FlowRunList::getData,
        (list, page) -> number(page, 1) < list.getMeta().getLastPage() ? String.valueOf(number(page, 1) + 1) : null);
  }

  private GeneratedLoop stackAi(String url) {
    io.github.flowruns.analytics.invoker.ApiClient api = new io.github.flowruns.analytics.invoker.ApiClient(http);
    api.setBasePath(url);
    api.setBearerToken(KEY);
    io.github.flowruns.analytics.api.FlowRunsApi runsApi = new io.github.flowruns.analytics.api.FlowRunsApi(api);
    // Pages from 0; a page shorter than asked for is the last, as AnalyticsClient reads them.
    return loop(page -> runsApi.listFlowRuns(ORG, FLOW, number(page, 0), PageServer.PAGE_SIZE, null, null, null, null),
        list -> list,
        (list, page) -> list.size() >= PageServer.PAGE_SIZE ? String.valueOf(number(page, 0) + 1) : null);
  }

  private GeneratedLoop activepieces(String url) {
    io.github.flowruns.activepieces.invoker.ApiClient api = new io.github.flowruns.activepieces.invoker.ApiClient(http);
    api.setBasePath(url);
    api.setBearerToken(KEY);
    io.github.flowruns.activepieces.api.FlowRunsApi runsApi = new io.github.flowruns.activepieces.api.FlowRunsApi(api);
    return loop(cursor -> runsApi.listFlowRuns(ActivepiecesServer.PROJECT_ID, null, null, null, null,
            PageServer.PAGE_SIZE, cursor, null, null, null, null, null),
        io.github.flowruns.activepieces.model.FlowRunPage::getData,
        (page, cursor) -> page.getNext());
  }

  private GeneratedLoop flowStack(String url) {
    io.github.flowruns.flowstack.invoker.ApiClient api = new io.github.flowruns.flowstack.invoker.ApiClient(http);
    api.setBasePath(url);
    api.setBearerToken(KEY);
    io.github.flowruns.flowstack.api.FlowRunsApi runsApi = new io.github.flowruns.flowstack.api.FlowRunsApi(api);
    return loop(cursor -> runsApi.listFlowRuns(FLOW, PageServer.PAGE_SIZE, cursor, null),
        io.github.flowruns.flowstack.model.FlowRunPage::getData,
        (page, cursor) -> Boolean.TRUE.equals(page.getHasMore()) ? page.getCursor() : null);
  }

  /** One page from the generated API for a paging token (null: the first page). */
  interface Fetch<P> {
    P page(String token) throws Exception;
  }

  /**
   * The paging loop every vendor shares: fetch, hand out each run, follow the next token until
   * there is none or {@code runs} runs were read.
   */
  private <P> GeneratedLoop loop(Fetch<P> fetch, Function<P, List<?>> items, BiFunction<P, String, String> next) {
    return out -> {
      long seen = 0;
      String token = null;
      do {
        P page = fetch.page(token);
        for (Object run : items.apply(page)) {
          out.accept(run);
          seen++;
        }
        token = next.apply(page, token);
      } while (token != null && seen < runs);
    };
  }

  /** A page-number token as a number; the first page when null. */
  private static int number(String token, int first) {
    return token == null ? first : Integer.parseInt(token);
  }

  private static Object idOf(Object model) {
    if (model instanceof io.github.flowruns.patchworks.model.FlowRun r) {
      return r.getId();
    } else if (model instanceof io.github.flowruns.analytics.model.FlowRunSummary r) {
      return r.getRunId();
    } else if (model instanceof io.github.flowruns.activepieces.model.FlowRun r) {
      return r.getId();
    }
    return ((io.github.flowruns.flowstack.model.FlowRun) model).getId();
  }

  private static String line(Object model) {
    if (model instanceof io.github.flowruns.patchworks.model.FlowRun r) {
      return r.getId() + "|" + r.getStatus().raw() + "|" + instant(r.getStartedAt());
    } else if (model instanceof io.github.flowruns.analytics.model.FlowRunSummary r) {
      return r.getRunId() + "|" + r.getState().raw() + "|" + instant(r.getDate());
    } else if (model instanceof io.github.flowruns.activepieces.model.FlowRun r) {
      OffsetDateTime start = r.getStartTime() != null ? r.getStartTime() : r.getCreated();
      return r.getId() + "|" + r.getStatus().raw() + "|" + instant(start);
    }
    io.github.flowruns.flowstack.model.FlowRun r = (io.github.flowruns.flowstack.model.FlowRun) model;
    String flow = Objects.requireNonNullElse(r.getFlowId(), FLOW);
    return flow + "/" + r.getId() + "|" + r.getStatus().raw() + "|" + instant(r.getStartTime());
  }

  private static Object instant(OffsetDateTime time) {
    return time == null ? null : time.toInstant();
  }
}
