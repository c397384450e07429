package io.github.flowruns.benchmarks;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import io.github.flowruns.benchmarks.Fixtures.Vendor;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import io.github.flowruns.testing.internal.NoDelayServerSocketFactory;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;

/**
 * A loopback Activepieces server answering {@code GET /api/v1/flow-runs} with canned pages of 100
 * runs, following the {@code cursor} of each page's {@code next}, optionally after a fixed delay.
 * The pages are built once, so serving costs only the copy onto the socket.
 *
 * <pre>{@code
 * try (ActivepiecesServer server = ActivepiecesServer.start(20_000, 0)) { ... server.baseUrl() ... }
 * }</pre>
 */
public final class ActivepiecesServer implements Closeable {
  /** The project the canned runs belong to. */
  public static final String PROJECT_ID = "pRj8Kq2LmN4vXw9ZtY1aB";
  /** Runs on each page. */
  public static final int PAGE_SIZE = 100;

  private final MockWebServer server = new MockWebServer();
  private final byte[][] pages;
  private final Map<String, Integer> pageByCursor = new HashMap<>();

  private ActivepiecesServer(long runs, long latencyMillis, int port) throws IOException {
    int count = (int) Math.max(1, (runs + PAGE_SIZE - 1) / PAGE_SIZE);
    pages = new byte[count][];
    for (int i = 0; i < count; i++) {
      String json = Fixtures.pageJson(Vendor.ACTIVEPIECES, PAGE_SIZE, i, runs);
      pages[i] = json.getBytes(StandardCharsets.UTF_8);
      JsonElement next = JsonParser.parseString(json).getAsJsonObject().get("next");
      if (next != null && !next.isJsonNull()) {
        pageByCursor.put(next.getAsString(), i + 1);
      }
    }
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        if (!request.getUrl().encodedPath().endsWith("/v1/flow-runs")) {
          return new MockResponse.Builder().code(404).build();
        }
        String cursor = request.getUrl().queryParameter("cursor");
        Integer page = cursor == null ? Integer.valueOf(0) : pageByCursor.get(cursor);
        if (page == null) {
          return new MockResponse.Builder().code(400)
              .body("{\"code\":\"VALIDATION\",\"params\":{\"message\":\"bad cursor\"}}").build();
        }
        MockResponse.Builder response = new MockResponse.Builder()
            .addHeader("Content-Type", "application/json")
            .body(new Buffer().write(pages[page]));
        if (latencyMillis > 0) {
          response.headersDelay(latencyMillis, TimeUnit.MILLISECONDS);
        }
        return response.build();
      }
    });
    // Without TCP_NODELAY, Nagle's algorithm on the server's last small write meets the client's
    // delayed ACK and every response waits ~40 ms on loopback: measured 38-44 ms per page, which
    // would swamp everything these benchmarks compare.
    server.setServerSocketFactory(NoDelayServerSocketFactory.INSTANCE);
    server.start(InetAddress.getLoopbackAddress(), port);
  }

  /**
   * Starts a server on a free loopback port.
   *
   * @param runs runs in the whole history, served in pages of {@value #PAGE_SIZE}
   * @param latencyMillis delay before each response's headers
   * @return the running server
   */
  public static ActivepiecesServer start(long runs, long latencyMillis) {
    return start(runs, latencyMillis, 0);
  }

  /**
   * Starts a server on the given loopback port.
   *
   * @param runs runs in the whole history
   * @param latencyMillis delay before each response's headers
   * @param port the port, 0 for any free one
   * @return the running server
   */
  public static ActivepiecesServer start(long runs, long latencyMillis, int port) {
    try {
      return new ActivepiecesServer(runs, latencyMillis, port);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** @return the base URL to give a client, e.g. {@code http://127.0.0.1:50123/api} */
  public String baseUrl() {
    String url = server.url("/api").toString();
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
