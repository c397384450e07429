package io.github.flowruns.internal;

import com.google.gson.Gson;
import io.github.flowruns.Page;
import io.github.flowruns.Vendor;
import io.github.flowruns.http.ApiKeyAuth;
import io.github.flowruns.http.RetryPolicy;
import io.github.flowruns.testing.internal.NoDelayServerSocketFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import okhttp3.Request;

/**
 * A loopback server of many sorted listings ("sources"), each paged by its own size, and the
 * per-source {@link PageFetcher}s that read it through a real {@link Transport}: what a vendor
 * that lists one flow at a time looks like to {@link MergedListing}. It counts the requests of
 * each source and the requests in flight at once; a test can answer a request its own way.
 */
final class FanOutServer implements AutoCloseable {
  /** One item of a listing: its id, its time (newest first: larger first), its source. */
  static final class Item {
    String id;
    long at;
    int source;

    @Override
    public String toString() {
      return id + "@" + at;
    }
  }

  /** The wire form of one page. */
  static final class PageDto {
    List<Item> items;
    String next;
  }

  /** Newest first, as every source is sorted. */
  static final Comparator<Item> NEWEST_FIRST = Comparator.comparingLong((Item i) -> i.at).reversed();

  private static final Gson GSON = new Gson();

  final MockWebServer server = new MockWebServer();
  final List<List<Item>> histories;
  final int[] pageSizes;
  final AtomicInteger[] requests;
  final AtomicInteger inFlight = new AtomicInteger();
  final AtomicInteger maxInFlight = new AtomicInteger();
  final List<RecordedRequest> recorded = java.util.Collections.synchronizedList(new ArrayList<>());
  /** Answers a request instead of the listing when it returns non-null. */
  volatile Function<RecordedRequest, MockResponse> override = r -> null;
  final Transport transport;

  FanOutServer(List<List<Item>> histories, int[] pageSizes) throws IOException {
    this.histories = histories;
    this.pageSizes = pageSizes.clone();
    this.requests = new AtomicInteger[histories.size()];
    for (int i = 0; i < requests.length; i++) {
      requests[i] = new AtomicInteger();
    }
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        try {
          recorded.add(request);
          MockResponse special = override.apply(request);
          return special != null ? special : answer(request.getUrl());
        } finally {
          inFlight.decrementAndGet();
        }
      }
    });
    server.setServerSocketFactory(NoDelayServerSocketFactory.INSTANCE);
    server.start();
    HttpSettings http = new HttpSettings(Vendor.FLOWSTACK, server.url("/").toString());
    http.retryPolicy(RetryPolicy.none());
    transport = new Transport(Vendor.FLOWSTACK, http.buildClient(ApiKeyAuth.bearer("k")), GSON,
        (s, c, b) -> VendorError.empty());
  }

  private MockResponse answer(HttpUrl url) {
    int source = Integer.parseInt(url.pathSegments().get(1));
    requests[source].incrementAndGet();
    List<Item> all = histories.get(source);
    String fromText = url.queryParameter("from");
    int from = fromText == null ? 0 : Integer.parseInt(fromText);
    int to = Math.min(all.size(), from + pageSizes[source]);
    PageDto page = new PageDto();
    page.items = all.subList(from, to);
    page.next = to < all.size() ? Integer.toString(to) : null;
    return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
        .body(GSON.toJson(page)).build();
  }

  /** The listing of one source, read over HTTP, as a vendor adapter reads one flow. */
  PageFetcher<Item> source(String key) {
    return (token, opts) -> {
      HttpUrl.Builder url = server.url("/s/" + key).newBuilder();
      if (token != null) {
        url.addQueryParameter("from", token);
      }
      Request request = new Request.Builder().url(url.build()).build();
      return transport.<PageDto, Page<Item>>execute("listRuns", request, PageDto.class, opts,
          body -> Page.of(body.items, body.next));
    };
  }

  /** The keys of every source, in tie-breaking order. */
  List<String> keys() {
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < histories.size(); i++) {
      keys.add(Integer.toString(i));
    }
    return keys;
  }

  /** The merge of every source, fanning out on {@code threads} (null: sequential). */
  MergedListing<Item> merged(int pageSize, MergedListing.Threads threads, int concurrency) {
    List<String> keys = keys();
    return MergedListing.<Item>builder(opts -> keys, this::source)
        .order(NEWEST_FIRST)
        .pageSize(pageSize)
        .identity(i -> i.id)
        .describedAs(Vendor.FLOWSTACK, "listRuns")
        .concurrency(threads, concurrency)
        .build();
  }

  /** Each source's request count, and starts counting again. */
  int[] takeCounts() {
    int[] out = new int[requests.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = requests[i].getAndSet(0);
    }
    return out;
  }

  @Override
  public void close() throws IOException {
    transport.close();
    server.close();
  }
}
