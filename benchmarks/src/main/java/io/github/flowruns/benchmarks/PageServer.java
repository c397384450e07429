package io.github.flowruns.benchmarks;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.flowruns.benchmarks.Fixtures.Vendor;
import io.github.flowruns.testing.internal.NoDelayServerSocketFactory;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;

/**
 * A loopback server answering one vendor's list-runs request with canned pages of
 * {@value #PAGE_SIZE} runs from {@link Fixtures}, paging the way that vendor pages (vendors.md):
 * Patchworks {@code ?page=} from 1 bounded by {@code meta.last_page}; StackAI {@code ?page=} from
 * 0, a short (here: empty) page ending the flow; Activepieces and FlowStack the opaque
 * {@code cursor} of the previous page, and Activepieces also {@code createdBefore} = the previous
 * page's last creation time (how the SDK pages it; the page after it holds no run at that
 * instant, so none is repeated). The pages are built once, so serving costs only the copy
 * onto the socket, the same for the SDK and for the generated client it is compared with.
 *
 * <pre>{@code
 * try (PageServer server = PageServer.start(Vendor.FLOWSTACK, 20_000, 0, 0)) { ... server.baseUrl() ... }
 * }</pre>
 */
public class PageServer implements Closeable {
  /** Runs on each page. */
  public static final int PAGE_SIZE = 100;

  private static final byte[] EMPTY_ARRAY = "[]".getBytes(StandardCharsets.UTF_8);

  private final MockWebServer server = new MockWebServer();
  private final Vendor vendor;
  private final byte[][] pages;
  private final Map<String, Integer> pageByCursor = new HashMap<>();

  /**
   * Builds and starts the server.
   *
   * @param vendor whose pages and paging
   * @param runs runs in the whole history
   * @param latencyMillis delay before each response's headers
   * @param port the loopback port, 0 for any free one
   * @throws IOException if the server cannot start
   */
  protected PageServer(Vendor vendor, long runs, long latencyMillis, int port) throws IOException {
    this.vendor = vendor;
    int count = (int) Math.max(1, (runs + PAGE_SIZE - 1) / PAGE_SIZE);
    pages = new byte[count][];
    for (int i = 0; i < count; i++) {
      String json = Fixtures.pageJson(vendor, PAGE_SIZE, i, runs);
      pages[i] = json.getBytes(StandardCharsets.UTF_8);
      String cursorField = vendor == Vendor.ACTIVEPIECES ? "next" : "cursor";
      JsonObject page = vendor == Vendor.ACTIVEPIECES || vendor == Vendor.FLOWSTACK
          ? JsonParser.parseString(json).getAsJsonObject() : null;
      JsonElement next = page == null ? null : page.get(cursorField);
      if (next != null && !next.isJsonNull()) {
        pageByCursor.put(next.getAsString(), i + 1);
        if (vendor == Vendor.ACTIVEPIECES) {
          // The SDK pages Activepieces by createdBefore = the last run's creation time.
          JsonArray data = page.getAsJsonArray("data");
          String last = data.get(data.size() - 1).getAsJsonObject().get("created").getAsString();
          pageByCursor.put(OffsetDateTime.parse(last).toInstant().toString(), i + 1);
        }
      }
    }
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return answer(request, latencyMillis);
      }
    });
    // Without TCP_NODELAY, Nagle's algorithm on the server's last small write meets the client's
    // delayed ACK and every response waits ~40 ms on loopback: measured 38-44 ms per page, which
    // would swamp everything these benchmarks compare.
    server.setServerSocketFactory(NoDelayServerSocketFactory.INSTANCE);
    server.start(InetAddress.getLoopbackAddress(), port);
  }

  /**
   * Starts a server on a loopback port.
   *
   * @param vendor whose pages and paging
   * @param runs runs in the whole history, served in pages of {@value #PAGE_SIZE}
   * @param latencyMillis delay before each response's headers
   * @param port the port, 0 for any free one
   * @return the running server
   */
  public static PageServer start(Vendor vendor, long runs, long latencyMillis, int port) {
    try {
      return new PageServer(vendor, runs, latencyMillis, port);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private MockResponse answer(RecordedRequest request, long latencyMillis) {
    String path = request.getUrl().encodedPath();
    byte[] body;
    switch (vendor) {
      case PATCHWORKS -> {
        if (!path.endsWith("/api/v1/flow-runs")) {
          return notFound();
        }
        String page = request.getUrl().queryParameter("page");
        body = page(page == null ? 0 : Integer.parseInt(page) - 1);
      }
      case STACKAI -> {
        if (!path.startsWith("/analytics/org/")) {
          return notFound();
        }
        String page = request.getUrl().queryParameter("page");
        int index = page == null ? 0 : Integer.parseInt(page);
        // StackAI sends a bare array; past the history it is empty, which ends the listing.
        body = index >= pages.length ? EMPTY_ARRAY : page(index);
      }
      case ACTIVEPIECES, FLOWSTACK -> {
        if (!path.endsWith(vendor == Vendor.ACTIVEPIECES ? "/v1/flow-runs" : "/runs")) {
          return notFound();
        }
        String cursor = request.getUrl().queryParameter("cursor");
        String before = request.getUrl().queryParameter("createdBefore");
        if (before != null) {
          cursor = OffsetDateTime.parse(before).toInstant().toString();
        }
        Integer page = cursor == null ? Integer.valueOf(0) : pageByCursor.get(cursor);
        body = page == null ? null : pages[page];
      }
      default -> throw new AssertionError(vendor);
    }
    if (body == null) {
      return new MockResponse.Builder().code(400)
          .addHeader("Content-Type", "application/json")
          .body("{\"message\":\"bad page or cursor\"}").build();
    }
    MockResponse.Builder response = new MockResponse.Builder()
        .addHeader("Content-Type", "application/json")
        .body(new Buffer().write(body));
    if (latencyMillis > 0) {
      response.headersDelay(latencyMillis, TimeUnit.MILLISECONDS);
    }
    return response.build();
  }

  private byte[] page(int index) {
    return index < 0 || index >= pages.length ? null : pages[index];
  }

  private static MockResponse notFound() {
    return new MockResponse.Builder().code(404).build();
  }

  /** @return the base URL to give a client, e.g. {@code http://127.0.0.1:50123/api} for Activepieces */
  public String baseUrl() {
    // Activepieces' base URL carries /api; the others' operation paths start with it or need none.
    String url = server.url(vendor == Vendor.ACTIVEPIECES ? "/api" : "/").toString();
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  /** @return requests answered so far */
  public int requestCount() {
    return server.getRequestCount();
  }

  /** Forgets the requests recorded so far, so a long benchmark does not fill the heap with them. */
  public void drainRecordedRequests() {
    try {
      while (server.takeRequest(0, TimeUnit.MILLISECONDS) != null) {
        // discard
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    server.close();
  }
}
