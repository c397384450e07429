package io.github.flowruns.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import io.github.flowruns.BulkResult;
import io.github.flowruns.Capabilities;
import io.github.flowruns.FlowRunsClient;
import io.github.flowruns.NotFoundException;
import io.github.flowruns.Page;
import io.github.flowruns.Paged;
import io.github.flowruns.RetryMode;
import io.github.flowruns.Run;
import io.github.flowruns.RunQuery;
import io.github.flowruns.RunStatus;
import io.github.flowruns.Vendor;
import io.github.flowruns.http.ApiKeyAuth;
import io.github.flowruns.http.RequestOptions;
import io.github.flowruns.http.RetryPolicy;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A minimal vendor adapter written the way vendor modules write theirs (Transport + Pager +
 * ClientCore), against a cursor-paged fake vendor on loopback.
 */
class ExampleAdapterTest {

  static final class RunDto {
    String id;
    String flowId;
    String status;
  }

  static final class ListDto {
    List<RunDto> data;
    String next;
  }

  static final class ExampleClient implements FlowRunsClient {
    final ClientCore core;
    final Transport transport;
    final HttpUrl base;

    ExampleClient(HttpUrl base) {
      this.core = new ClientCore(this, Vendor.ACTIVEPIECES, true, 2);
      HttpSettings http = new HttpSettings(Vendor.ACTIVEPIECES, base.toString());
      http.retryPolicy(RetryPolicy.none());
      this.base = HttpUrl.get(http.resolveBaseUrl());
      this.transport = new Transport(Vendor.ACTIVEPIECES, http.buildClient(ApiKeyAuth.bearer("k")),
          new Gson(), (s, c, b) -> VendorError.empty());
    }

    @Override
    public Vendor vendor() {
      return core.vendor();
    }

    @Override
    public Capabilities capabilities() {
      return Capabilities.builder().supports(Capabilities.Operation.LIST_RUNS,
          Capabilities.Operation.GET_RUN, Capabilities.Operation.RETRY_RUN,
          Capabilities.Operation.STOP_RUN, Capabilities.Operation.COUNT_BY_STATUS,
          Capabilities.Operation.RETRY_RUNS, Capabilities.Operation.STOP_RUNS)
          .serverSide(Capabilities.Filter.STATUSES).build();
    }

    static Run toRun(RunDto d) {
      RunStatus s;
      try {
        s = RunStatus.valueOf(d.status);
      } catch (RuntimeException e) {
        s = RunStatus.UNKNOWN;
      }
      return Run.builder().id(d.id).vendor(Vendor.ACTIVEPIECES).flowId(d.flowId).status(s)
          .rawStatus(d.status).raw(d).build();
    }

    @Override
    public Paged<Run> listRuns(RunQuery query, RequestOptions options) {
      PageFetcher<Run> fetcher = (cursor, opts) -> {
        HttpUrl.Builder url = base.newBuilder().addPathSegments("v1/flow-runs");
        query.statuses().forEach(s -> url.addQueryParameter("status", s.name()));
        if (cursor != null) {
          url.addQueryParameter("cursor", cursor);
        }
        Request request = new Request.Builder().url(url.build()).build();
        return transport.<ListDto, Page<Run>>execute("listRuns", request, ListDto.class, opts,
            body -> Page.of(body.data.stream().map(ExampleClient::toRun).collect(Collectors.toList()),
                body.next));
      };
      return Pager.builder(fetcher).vendor(vendor()).operation("listRuns").options(options)
          .limit(query.limit()).filter(query::matches).background(core.background()).build();
    }

    @Override
    public Run getRun(String runId, RequestOptions options) {
      core.requireId(runId, "runId");
      Request r = new Request.Builder().url(base.newBuilder().addPathSegments("v1/flow-runs")
          .addPathSegment(runId).build()).build();
      return transport.execute("getRun", r, RunDto.class, options, ExampleClient::toRun);
    }

    @Override
    public Run retryRun(String runId, RetryMode mode, RequestOptions options) {
      Request r = new Request.Builder().url(base.newBuilder().addPathSegments("v1/flow-runs")
          .addPathSegment(runId).addPathSegment("retry").build())
          .post(RequestBody.create("{}", MediaType.get("application/json"))).build();
      return transport.execute("retryRun", r, RunDto.class, options, ExampleClient::toRun);
    }

    @Override
    public void stopRun(String runId, RequestOptions options) {
      Request r = new Request.Builder().url(base.newBuilder().addPathSegments("v1/flow-runs")
          .addPathSegment(runId).addPathSegment("stop").build())
          .post(RequestBody.create(new byte[0])).build();
      transport.executeDiscardingBody("stopRun", r, options);
    }

    @Override
    public BulkResult retryRuns(RunQuery query, RetryMode mode, RequestOptions options) {
      return core.retryRuns(query, mode, options);
    }

    @Override
    public BulkResult stopRuns(RunQuery query, RequestOptions options) {
      return core.stopRuns(query, options);
    }

    @Override
    public void close() {
      core.close();
      transport.close();
    }
  }

  MockWebServer server;
  ExampleClient client;
  final ConcurrentLinkedQueue<String> paths = new ConcurrentLinkedQueue<>();
  final Map<String, String> authSeen = new ConcurrentHashMap<>();

  static String runJson(String id, String status) {
    return "{\"id\":\"" + id + "\",\"flowId\":\"f1\",\"status\":\"" + status + "\"}";
  }

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        HttpUrl url = request.getUrl();
        paths.add(request.getMethod() + " " + url.encodedPath()
            + (url.encodedQuery() == null ? "" : "?" + url.encodedQuery()));
        authSeen.put("auth", String.valueOf(request.getHeaders().get("Authorization")));
        String path = url.encodedPath();
        if (path.equals("/v1/flow-runs")) {
          String cursor = url.queryParameter("cursor");
          if (cursor == null) {
            return ok("{\"data\":[" + runJson("r1", "FAILED") + "," + runJson("r2", "SUCCEEDED")
                + "],\"next\":\"c2\"}");
          }
          if (cursor.equals("c2")) {
            return ok("{\"data\":[],\"next\":\"c3\"}");
          }
          return ok("{\"data\":[" + runJson("r3", "FAILED") + "," + runJson("r4", "WEIRD")
              + "],\"next\":null}");
        }
        if (path.endsWith("/retry")) {
          String id = url.pathSegments().get(2);
          return id.equals("r3")
              ? new MockResponse.Builder().code(404).body("{}").build()
              : ok(runJson(id + "-retry", "QUEUED"));
        }
        if (path.endsWith("/stop")) {
          return new MockResponse.Builder().code(204).build();
        }
        return ok(runJson(url.pathSegments().get(2), "RUNNING"));
      }
    });
    server.start();
    client = new ExampleClient(server.url("/"));
  }

  static MockResponse ok(String body) {
    return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
        .body(body).build();
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  @Test
  void listsEveryRunAcrossCursorPagesWithTheAuthHeader() {
    List<String> ids = new ArrayList<>();
    client.listRuns(RunQuery.all()).forEach(r -> ids.add(r.id()));
    assertEquals(List.of("r1", "r2", "r3", "r4"), ids);
    assertEquals("Bearer k", authSeen.get("auth"));
  }

  @Test
  void unknownVendorStatusesKeepTheRawValue() {
    Run r4 = client.listRuns(RunQuery.all()).stream().filter(r -> r.id().equals("r4")).findFirst().get();
    assertEquals(RunStatus.UNKNOWN, r4.status());
    assertEquals("WEIRD", r4.rawStatus());
    assertEquals("r4", r4.unwrap(RunDto.class).id);
  }

  @Test
  void theGenericCountScansTheListing() {
    Map<RunStatus, Long> counts = client.countByStatus(RunQuery.all());
    assertEquals(Map.of(RunStatus.FAILED, 2L, RunStatus.SUCCEEDED, 1L, RunStatus.UNKNOWN, 1L), counts);
  }

  @Test
  void theGenericBulkRetryReportsEachRunsOutcome() {
    BulkResult r = client.retryRuns(RunQuery.builder().statuses(RunStatus.FAILED).build(), RetryMode.DEFAULT);
    assertEquals(List.of("r1"), r.succeeded());
    assertEquals(List.of("r3"), List.copyOf(r.failed().keySet()));
    assertTrue(r.failed().get("r3") instanceof NotFoundException);
    assertEquals(List.of("r1-retry"), r.newRuns().stream().map(Run::id).collect(Collectors.toList()));
    assertEquals(2, r.total());
  }

  @Test
  void theGenericBulkStopCallsStopOncePerRun() {
    BulkResult r = client.stopRuns(RunQuery.all());
    assertEquals(4, r.succeeded().size());
    assertTrue(r.allSucceeded());
    assertEquals(4, paths.stream().filter(p -> p.endsWith("/stop")).count());
  }

  @Test
  void pathIdsAreOneEncodedSegmentAndDotSegmentsAreRefused() {
    client.getRun("a/../b?c#d é");
    assertTrue(paths.contains("GET /v1/flow-runs/a%2F..%2Fb%3Fc%23d%20%C3%A9"), paths.toString());
    assertThrows(IllegalArgumentException.class, () -> client.getRun(".."));
    assertThrows(IllegalArgumentException.class, () -> client.getRun(" "));
  }

  @Test
  void aClosedClientRefusesBulkWorkAndCallsWithAClientClosedError() {
    client.close();
    int before = server.getRequestCount();
    io.github.flowruns.TransportException bulk = assertThrows(io.github.flowruns.TransportException.class,
        () -> client.stopRuns(RunQuery.all()));
    assertTrue(bulk.getMessage().contains("client closed"), bulk.getMessage());
    io.github.flowruns.TransportException call = assertThrows(io.github.flowruns.TransportException.class,
        () -> client.getRun("r1"));
    assertTrue(call.getMessage().contains("getRun: client closed"), call.getMessage());
    assertEquals(before, server.getRequestCount(), "nothing is sent after close()");
  }
}
