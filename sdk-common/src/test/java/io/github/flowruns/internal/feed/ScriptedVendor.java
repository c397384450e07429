package io.github.flowruns.internal.feed;

import com.google.gson.Gson;
import io.github.flowruns.Capabilities;
import io.github.flowruns.FlowRunsClient;
import io.github.flowruns.Page;
import io.github.flowruns.Paged;
import io.github.flowruns.Run;
import io.github.flowruns.RunQuery;
import io.github.flowruns.RunStatus;
import io.github.flowruns.Vendor;
import io.github.flowruns.http.ApiKeyAuth;
import io.github.flowruns.http.RequestOptions;
import io.github.flowruns.http.RetryPolicy;
import io.github.flowruns.internal.ClientCore;
import io.github.flowruns.internal.HttpSettings;
import io.github.flowruns.internal.PageFetcher;
import io.github.flowruns.internal.Pager;
import io.github.flowruns.internal.Transport;
import io.github.flowruns.internal.VendorError;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import okhttp3.Request;

/**
 * A scripted vendor on loopback for the feed's tests: runs held in memory and listed newest first
 * by start time, a {@code Date} header on its own clock, and, as Activepieces' server does
 * (vendors.md: its cursor is compared at one-second precision), a next page that holds only runs
 * of an earlier second than the page's last run. Its client is written the way vendor modules
 * write theirs (Transport, Pager, ClientCore), so the feed runs through the real HTTP stack.
 */
final class ScriptedVendor implements AutoCloseable {

  static final class RunDto {
    String id;
    String status;
    String startedAt;
    String finishedAt;
  }

  static final class ListDto {
    List<RunDto> data;
    String next;
  }

  /** A run as the server holds it. */
  static final class Row {
    final String id;
    Instant startedAt;
    Instant finishedAt;
    RunStatus status;

    Row(String id, Instant startedAt, RunStatus status) {
      this.id = id;
      this.startedAt = startedAt;
      this.status = status;
    }
  }

  final MockWebServer server = new MockWebServer();
  final Map<String, Row> rows = new ConcurrentHashMap<>();
  /** The vendor's clock; its Date header says it. */
  volatile Instant vendorNow;
  /** Status codes to answer the next requests with, instead of the real answer. */
  final ConcurrentLinkedQueue<Integer> faults = new ConcurrentLinkedQueue<>();
  final AtomicInteger listCalls = new AtomicInteger();
  final AtomicInteger getCalls = new AtomicInteger();
  /** Answer every list page with a next cursor (a hostile server). */
  volatile boolean endless;
  /** Answer getRun with 503. */
  volatile boolean failGets;
  final Client client;

  ScriptedVendor(Vendor vendor, Instant vendorNow, boolean serverSideTime) throws IOException {
    this.vendorNow = vendorNow;
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return answer(request.getUrl());
      }
    });
    server.start();
    client = new Client(vendor, server.url("/"), serverSideTime);
  }

  Row add(String id, Instant startedAt, RunStatus status) {
    Row r = new Row(id, startedAt, status);
    if (status.isTerminal()) {
      r.finishedAt = startedAt.plusSeconds(1);
    }
    rows.put(id, r);
    return r;
  }

  void set(String id, RunStatus status) {
    Row r = rows.get(id);
    r.status = status;
    r.finishedAt = status.isTerminal() ? vendorNow : null;
  }

  void advance(Duration d) {
    vendorNow = vendorNow.plus(d);
  }

  private MockResponse answer(HttpUrl url) {
    Integer fault = faults.poll();
    if (fault != null) {
      return json(fault, "{}");
    }
    List<String> seg = url.pathSegments();
    if (seg.size() == 2 && seg.get(0).equals("runs")) {
      getCalls.incrementAndGet();
      if (failGets) {
        return json(503, "{}");
      }
      Row r = rows.get(seg.get(1));
      return r == null ? json(404, "{}") : json(200, new Gson().toJson(dto(r)));
    }
    listCalls.incrementAndGet();
    Instant after = instant(url.queryParameter("startedAfter"));
    Instant before = instant(url.queryParameter("startedBefore"));
    String cursor = url.queryParameter("cursor");
    int limit = Integer.parseInt(url.queryParameter("limit"));
    if (cursor != null && !endless) {
      // The next page starts below the last run's second: same-second runs past it are skipped.
      Instant bound = Instant.ofEpochSecond(Long.parseLong(cursor));
      before = before == null || bound.isBefore(before) ? bound : before;
    }
    Instant a = after;
    Instant b = before;
    List<Row> matching = rows.values().stream()
        .filter(r -> a == null || !r.startedAt.isBefore(a))
        .filter(r -> b == null || r.startedAt.isBefore(b))
        .sorted(Comparator.comparing((Row r) -> r.startedAt).reversed().thenComparing(r -> r.id))
        .collect(Collectors.toList());
    ListDto body = new ListDto();
    if (endless) {
      // Every page new runs and a next cursor: a listing that never ends.
      body.data = new ArrayList<>();
      for (int i = 0; i < limit; i++) {
        Row r = new Row("e" + listCalls.get() + "_" + i, vendorNow.minusSeconds(30), RunStatus.RUNNING);
        body.data.add(dto(r));
      }
      body.next = "e" + listCalls.get();
      return json(200, new Gson().toJson(body));
    }
    List<Row> page = matching.subList(0, Math.min(limit, matching.size()));
    body.data = page.stream().map(ScriptedVendor::dto).collect(Collectors.toList());
    body.next = matching.size() > limit
        ? String.valueOf(page.get(page.size() - 1).startedAt.getEpochSecond()) : null;
    return json(200, new Gson().toJson(body));
  }

  private static Instant instant(String s) {
    return s == null ? null : Instant.parse(s);
  }

  private static RunDto dto(Row r) {
    RunDto d = new RunDto();
    d.id = r.id;
    d.status = r.status.name();
    d.startedAt = r.startedAt.toString();
    d.finishedAt = r.finishedAt == null ? null : r.finishedAt.toString();
    return d;
  }

  private MockResponse json(int code, String body) {
    return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json")
        .setHeader("Date", DateTimeFormatter.RFC_1123_DATE_TIME.format(vendorNow.atOffset(ZoneOffset.UTC)))
        .body(body).build();
  }

  @Override
  public void close() {
    client.close();
    server.close();
  }

  /** The client, minimal as ExampleAdapterTest's, with the vendor's clock wired in. */
  static final class Client implements FlowRunsClient {
    final ClientCore core;
    final Transport transport;
    final HttpUrl base;
    final boolean serverSideTime;

    Client(Vendor vendor, HttpUrl base, boolean serverSideTime) {
      this.core = new ClientCore(this, vendor, false, 2);
      HttpSettings http = new HttpSettings(vendor, base.toString());
      http.retryPolicy(RetryPolicy.none());
      this.base = HttpUrl.get(http.resolveBaseUrl());
      this.serverSideTime = serverSideTime;
      this.transport = new Transport(vendor, http.buildClient(ApiKeyAuth.bearer("k")),
          new Gson(), (s, c, b) -> VendorError.empty(), http.secrets(), core.serverClock());
    }

    @Override
    public Vendor vendor() {
      return core.vendor();
    }

    @Override
    public Capabilities capabilities() {
      Capabilities.Builder b = Capabilities.builder()
          .supports(Capabilities.Operation.LIST_RUNS, Capabilities.Operation.GET_RUN);
      if (serverSideTime) {
        b.serverSide(Capabilities.Filter.STARTED_AFTER, Capabilities.Filter.STARTED_BEFORE);
      }
      return b.build();
    }

    static Run toRun(Vendor vendor, RunDto d) {
      return Run.builder().id(d.id).vendor(vendor).flowId("f1").status(RunStatus.valueOf(d.status))
          .rawStatus(d.status).startedAt(d.startedAt == null ? null : Instant.parse(d.startedAt))
          .finishedAt(d.finishedAt == null ? null : Instant.parse(d.finishedAt)).raw(d).build();
    }

    @Override
    public Paged<Run> listRuns(RunQuery query, RequestOptions options) {
      PageFetcher<Run> fetcher = (cursor, opts) -> {
        HttpUrl.Builder url = base.newBuilder().addPathSegment("runs")
            .addQueryParameter("limit", String.valueOf(query.pageSize().orElse(10)));
        if (serverSideTime && query.startedAfter() != null) {
          url.addQueryParameter("startedAfter", query.startedAfter().toString());
        }
        if (serverSideTime && query.startedBefore() != null) {
          url.addQueryParameter("startedBefore", query.startedBefore().toString());
        }
        if (cursor != null) {
          url.addQueryParameter("cursor", cursor);
        }
        Request request = new Request.Builder().url(url.build()).build();
        return transport.<ListDto, Page<Run>>execute("listRuns", request, ListDto.class, opts,
            body -> Page.of(body.data.stream().map(d -> toRun(vendor(), d))
                .collect(Collectors.toList()), body.next));
      };
      return Pager.runs(fetcher, vendor(), query).options(options)
          .filter(query.hasFilters() ? query::matches : null).build();
    }

    @Override
    public Run getRun(String runId, RequestOptions options) {
      core.requireId(runId, "runId");
      Request r = new Request.Builder().url(base.newBuilder().addPathSegment("runs")
          .addPathSegment(runId).build()).build();
      return transport.<RunDto, Run>execute("getRun", r, RunDto.class, options, d -> toRun(vendor(), d));
    }

    @Override
    public void close() {
      core.close();
      transport.close();
    }
  }

  static List<String> describe(List<io.github.flowruns.RunEvent> events) {
    List<String> out = new ArrayList<>();
    for (io.github.flowruns.RunEvent e : events) {
      out.add(e.type() + " " + e.run().id() + " " + e.run().status());
    }
    return out;
  }
}
