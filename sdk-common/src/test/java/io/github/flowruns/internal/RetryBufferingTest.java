package io.github.flowruns.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.github.flowruns.Vendor;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The retry interceptor holds each success body whole (so that one broken off mid-way is
 * retried) in an array it reuses once a body is closed: bodies open at the same time never
 * share one, and a closed body's array serves the next without changing what any open body reads.
 */
class RetryBufferingTest {
  private final MockWebServer server = new MockWebServer();
  private OkHttpClient client;

  @BeforeEach
  void start() throws IOException {
    server.start();
    HttpSettings settings = new HttpSettings(Vendor.FLOWSTACK, server.url("/").toString());
    settings.maxResponseBytes(4L << 20);
    client = settings.buildClient();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void bodiesOpenTogetherAndBodiesAfterAClosedOneEachReadTheirOwnBytes() throws IOException {
    Random random = new Random(3);
    List<Response> open = new ArrayList<>();
    List<String> sent = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      // Sizes around the first array (64 KiB) and past the largest one kept (1 MiB).
      int size = random.nextInt(5) == 0 ? 1_100_000 : random.nextInt(150_000);
      String body = ("" + (char) ('a' + i % 26)).repeat(size) + i;
      sent.add(body);
      server.enqueue(new MockResponse.Builder().body(body).build());
      open.add(client.newCall(new Request.Builder().url(server.url("/r" + i)).build()).execute());
      // Now and then read and close a random open body: its array goes to the next body.
      if (random.nextBoolean()) {
        int k = random.nextInt(open.size());
        Response response = open.remove(k);
        try (response) {
          String path = response.request().url().encodedPath();
          assertEquals(sent.get(Integer.parseInt(path.substring(2))), response.body().string());
        }
      }
    }
    for (Response response : open) {
      try (response) {
        String path = response.request().url().encodedPath();
        assertEquals(sent.get(Integer.parseInt(path.substring(2))), response.body().string());
      }
    }
  }

  @Test
  void aClosedBodyNeverReadsTheBytesOfTheBodyThatReusesItsArray() throws IOException {
    server.enqueue(new MockResponse.Builder().body("first body").build());
    server.enqueue(new MockResponse.Builder().body("SECOND BODY").build());
    Response first = client.newCall(new Request.Builder().url(server.url("/a")).build()).execute();
    first.close();
    try (Response second = client.newCall(new Request.Builder().url(server.url("/b")).build()).execute()) {
      String after;
      try {
        after = first.body().source().readUtf8();
      } catch (IllegalStateException closed) {
        after = "";
      }
      assertFalse(after.contains("SECOND"), after);
      assertEquals("SECOND BODY", second.body().string());
    }
  }
}
