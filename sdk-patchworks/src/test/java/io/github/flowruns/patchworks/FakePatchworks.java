package io.github.flowruns.patchworks;

import io.github.flowruns.http.RetryPolicy;
import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * A MockWebServer on loopback speaking Patchworks JSON, with helpers to write runs and pages.
 * Responses are either queued in order or produced by a dispatcher.
 */
final class FakePatchworks implements AutoCloseable {
  static final String API_KEY = "pk_test_6b1f0e9d2c";

  final MockWebServer server = new MockWebServer();

  FakePatchworks() {
    try {
      server.start(InetAddress.getLoopbackAddress(), 0);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The server origin, e.g. {@code http://127.0.0.1:51234}; Patchworks paths start at /api/v1. */
  String url() {
    String url = server.url("/").toString();
    return url.substring(0, url.length() - 1);
  }

  /**
   * A client with the test key, no retries (so error tests see the first answer), and one
   * sub-listing request at a time: queued answers go out in arrival order, so a listing of
   * several statuses must ask in its own order to get each its answer (the fan-out is tested
   * against the simulator, which answers each request by its URL).
   */
  PatchworksClient client() {
    return PatchworksClient.builder().apiKey(API_KEY).baseUrl(url()).retryPolicy(RetryPolicy.none())
        .listingConcurrency(1).build();
  }

  FakePatchworks enqueue(int code, String json) {
    server.enqueue(json(code, json));
    return this;
  }

  void dispatch(Dispatcher dispatcher) {
    server.setDispatcher(dispatcher);
  }

  static MockResponse json(int code, String body) {
    return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
  }

  RecordedRequest take() {
    try {
      RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
      if (request == null) {
        throw new AssertionError("no request reached the server");
      }
      return request;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Every request received so far, in order. */
  List<RecordedRequest> takeAll() {
    List<RecordedRequest> all = new ArrayList<>();
    for (int i = server.getRequestCount(); i > 0; i--) {
      all.add(take());
    }
    return all;
  }

  int requestCount() {
    return server.getRequestCount();
  }

  @Override
  public void close() {
    server.close();
  }

  // --- JSON -------------------------------------------------------------------------------------

  /** A flat run: {@code {"id":id,"flow_id":flow,"status":status,"started_at":...}}. */
  static String run(long id, long flowId, Object status) {
    return "{\"id\":" + id + ",\"flow_id\":" + flowId + ",\"status\":" + status
        + ",\"trigger\":\"Webhook\",\"started_at\":\"2026-03-01T19:00:00Z\"}";
  }

  /** A JSON:API run: id as text, fields under attributes, flow under relationships. */
  static String jsonApiRun(long id, long flowId, Object status) {
    return "{\"id\":\"" + id + "\",\"type\":\"flow-runs\",\"attributes\":{\"status\":" + status
        + ",\"trigger\":\"API\",\"started_at\":\"2026-03-01T19:00:00Z\"},"
        + "\"relationships\":{\"flow\":{\"data\":{\"id\":\"" + flowId + "\",\"type\":\"flows\"}}}}";
  }

  /** A Laravel page of items with its meta. */
  static String page(int currentPage, int lastPage, int perPage, long total, String... items) {
    StringJoiner data = new StringJoiner(",", "[", "]");
    for (String item : items) {
      data.add(item);
    }
    return "{\"data\":" + data + ",\"meta\":{\"current_page\":" + currentPage + ",\"last_page\":" + lastPage
        + ",\"per_page\":" + perPage + ",\"total\":" + total + "},\"links\":{\"next\":null}}";
  }

  /** {@code n} flat failed runs with ids {@code first .. first+n-1}. */
  static String[] runs(long first, int n) {
    String[] runs = new String[n];
    for (int i = 0; i < n; i++) {
      runs[i] = run(first + i, 42, 3);
    }
    return runs;
  }
}
