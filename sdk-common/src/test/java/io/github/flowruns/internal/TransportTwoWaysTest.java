package io.github.flowruns.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import io.github.flowruns.ResponseParseException;
import io.github.flowruns.Vendor;
import io.github.flowruns.http.RequestOptions;
import io.github.flowruns.http.RetryPolicy;
import io.github.flowruns.internal.TransportTest.Thing;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.Headers;
import okhttp3.Request;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link Transport#executeTwoWays}: the fast reading answers when it can; otherwise the same bytes
 * are read the thorough way, with no second request, and that reading's value or error is the
 * call's. Both readings see the text a streamed {@link Transport#execute} sees.
 */
class TransportTwoWaysTest {
  private final MockWebServer server = new MockWebServer();
  private Transport transport;

  @BeforeEach
  void start() throws IOException {
    server.start();
    HttpSettings settings = new HttpSettings(Vendor.ACTIVEPIECES, server.url("/").toString());
    settings.retryPolicy(RetryPolicy.none());
    settings.maxResponseBytes(1024 * 1024);
    transport = new Transport(Vendor.ACTIVEPIECES, settings.buildClient(), new Gson(),
        TransportTest.PARSER);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private Request get() {
    return new Request.Builder().url(server.url("/v1/flow-runs/r1")).build();
  }

  private String twoWays(java.util.function.Function<Thing, String> fast,
      java.util.function.Function<Thing, String> thorough) {
    return transport.executeTwoWays("getRun", get(), RequestOptions.defaults(),
        new Gson(), Thing.class, fast, Thing.class, thorough);
  }

  @Test
  void theFastReadingAnswersWhenItReadsTheBody() {
    server.enqueue(TransportTest.json(200, "{\"id\":\"r1\",\"count\":3}"));

    assertEquals("fast r1 3", twoWays(t -> "fast " + t.id + " " + t.count, t -> "thorough"));
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void aBodyTheFastReadingGivesUpOnIsReadAgainFromTheSameBytesWithNoSecondRequest() {
    // Larger than the first body array (64 KiB), so that the array grows while it is read.
    String id = "x".repeat(200_000);
    server.enqueue(TransportTest.json(200, "{\"id\":\"" + id + "\",\"count\":3}"));

    String answer = twoWays(t -> {
      throw new IllegalStateException("cannot");
    }, t -> "thorough " + t.id.length() + " " + t.count);

    assertEquals("thorough 200000 3", answer);
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void whenBothReadingsFailTheThoroughOnesErrorIsTheCalls() {
    server.enqueue(TransportTest.json(200, "{\"id\":\"r1\"}"));

    ResponseParseException e = assertThrows(ResponseParseException.class, () -> twoWays(t -> {
      throw new IllegalStateException("fast gave up");
    }, t -> {
      throw new IllegalStateException("thorough found no count");
    }));

    assertTrue(e.getMessage().contains("thorough found no count"), e.getMessage());
    assertFalse(e.getMessage().contains("fast gave up"), e.getMessage());
    assertEquals("{\"id\":\"r1\"}", e.bodyExcerpt());
  }

  @Test
  void anEmptyOrHtmlBodyFailsAsAStreamedReadingFails() {
    for (MockResponse response : new MockResponse[] {TransportTest.json(200, "  "),
        new MockResponse.Builder().setHeader("Content-Type", "text/html").body("<html>hi</html>").build()}) {
      server.enqueue(response);
      server.enqueue(response);
      ResponseParseException streamed = assertThrows(ResponseParseException.class,
          () -> transport.execute("getRun", get(), Thing.class, RequestOptions.defaults()));
      ResponseParseException twoWays = assertThrows(ResponseParseException.class,
          () -> twoWays(t -> "fast", t -> "thorough"));
      assertEquals(streamed.getMessage(), twoWays.getMessage());
    }
  }

  @Test
  void bothReadingsDecodeTheBodyAsAStreamedReadingDoes() {
    String id = "caf\u00e9 \u65e5\u672c \uD83D\uDE00";
    Buffer withBom = new Buffer().write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF})
        .writeUtf8("{\"id\":\"" + id + "\"}");
    Buffer latin1 = new Buffer().writeString("{\"id\":\"caf\u00e9\"}", StandardCharsets.ISO_8859_1);
    Buffer utf16 = new Buffer().write(new byte[] {(byte) 0xFE, (byte) 0xFF})
        .writeString("{\"id\":\"" + id + "\"}", StandardCharsets.UTF_16BE);
    Object[][] bodies = {
        {withBom, "application/json"},
        {latin1, "application/json; charset=iso-8859-1"},
        {utf16, "application/json"}};
    for (Object[] body : bodies) {
      Buffer bytes = (Buffer) body[0];
      Headers headers = Headers.of("Content-Type", (String) body[1]);
      server.enqueue(new MockResponse.Builder().headers(headers).body(bytes.clone()).build());
      server.enqueue(new MockResponse.Builder().headers(headers).body(bytes.clone()).build());
      server.enqueue(new MockResponse.Builder().headers(headers).body(bytes.clone()).build());

      Thing streamed = transport.execute("getRun", get(), Thing.class, RequestOptions.defaults());
      assertEquals(streamed.id, twoWays(t -> t.id, t -> "thorough"), (String) body[1]);
      assertEquals(streamed.id, twoWays(t -> {
        throw new IllegalStateException("give up");
      }, t -> t.id), (String) body[1]);
    }
  }
}
