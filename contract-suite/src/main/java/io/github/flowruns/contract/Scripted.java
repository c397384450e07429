package io.github.flowruns.contract;

import mockwebserver3.MockResponse;

/**
 * Scripted answers for a plain {@code MockWebServer}, for the vendor tests that need an exact
 * byte sequence no simulator sends (a malformed body, an undocumented status, a hostile header).
 * Everything else runs against the vendor's simulator.
 *
 * <pre>{@code server.enqueue(Scripted.json(200, "{\"data\":[]}"));}</pre>
 */
public final class Scripted {
  private Scripted() {}

  /**
   * A response with this status and JSON body.
   *
   * <pre>{@code Scripted.json(404, "{\"message\":\"Not found\"}")}</pre>
   *
   * @param code the HTTP status
   * @param body the body, sent as given
   * @return the response, to enqueue
   */
  public static MockResponse json(int code, String body) {
    return new MockResponse.Builder()
        .code(code)
        .addHeader("Content-Type", "application/json; charset=utf-8")
        .body(body)
        .build();
  }
}
