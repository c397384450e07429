package io.github.flowruns.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.Gson;
import io.github.flowruns.FlowRunsException;
import io.github.flowruns.RateLimitException;
import io.github.flowruns.ServerException;
import io.github.flowruns.Vendor;
import io.github.flowruns.http.RequestOptions;
import io.github.flowruns.http.RetryPolicy;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.Headers;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every Retry-After / X-RateLimit-Reset value gives a bounded wait or a typed failure. */
class RetryAfterTest {
  static final Duration BUDGET = Duration.ofSeconds(60);
  static final String PAST = "Sun, 06 Nov 1994 08:49:37 GMT";
  static final String YEAR_9999 = "Fri, 31 Dec 9999 23:59:59 GMT";

  MockWebServer server;
  VirtualTime time;
  Transport transport;

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start();
    time = new VirtualTime();
    HttpSettings settings = new HttpSettings(Vendor.FLOWSTACK, server.url("/").toString());
    settings.retryPolicy(RetryPolicy.builder().maxRetries(3).totalBudget(BUDGET)
        .random(() -> 0.5).clock(time).sleeper(time.sleeper).build());
    transport = new Transport(Vendor.FLOWSTACK, settings.buildClient(), new Gson(), null);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  static Stream<Arguments> table() {
    Stream.Builder<Arguments> b = Stream.builder();
    for (int status : new int[] {429, 503}) {
      for (String header : new String[] {"Retry-After", "X-RateLimit-Reset"}) {
        for (String value : new String[] {"99999999999999999999", "2147483648", "-1", "1.5",
            "garbage", "0x10", "1e3", YEAR_9999, PAST, "", "0"}) {
          for (String method : new String[] {"GET", "POST"}) {
            b.add(Arguments.of(status, header, value, method));
          }
        }
      }
    }
    return b.build();
  }

  @ParameterizedTest(name = "{0} {1}: {2} on {3}")
  @MethodSource("table")
  void anyWaitValueGivesABoundedWaitOrATypedFailure(int status, String header, String value,
      String method) {
    for (int i = 0; i < 4; i++) {
      server.enqueue(new MockResponse.Builder().code(status).setHeader(header, value)
          .body("{}").build());
    }
    Request.Builder r = new Request.Builder().url(server.url("/api/runs"));
    if (method.equals("POST")) {
      r.post(RequestBody.create("{}", MediaType.get("application/json")));
    }
    try {
      transport.execute("op", r.build(), Map.class, RequestOptions.defaults());
      fail("every answer was an error");
    } catch (RateLimitException | ServerException expected) {
      assertEquals(status, expected.httpStatus().getAsInt());
      assertEquals(server.getRequestCount(), expected.attempts());
      if (expected instanceof RateLimitException) {
        Duration wait = ((RateLimitException) expected).retryAfter();
        assertTrue(wait == null || !wait.isNegative(), String.valueOf(wait));
        expected.getMessage(); // formats the wait without overflowing
      }
    } catch (FlowRunsException other) {
      fail("not the status's typed exception: " + other, other);
    }
    Duration slept = time.sleeps.stream().reduce(Duration.ZERO, Duration::plus);
    assertTrue(slept.compareTo(BUDGET) <= 0, "slept " + slept);
    boolean retried = status == 429 || method.equals("GET");
    assertTrue(server.getRequestCount() <= (retried ? 4 : 1), "requests " + server.getRequestCount());
  }

  Clock at(Instant now) {
    return Clock.fixed(now, ZoneOffset.UTC);
  }

  @Test
  void retryAfterValuesParseExactlyOrClampOrAreIgnored() {
    Clock clock = at(Instant.parse("2026-03-01T10:00:00Z"));
    assertEquals(Duration.ofMillis(1500), RetryAfter.parseRetryAfter("1.5", clock));
    assertEquals(Duration.ofSeconds(7), RetryAfter.parseRetryAfter(" 7 ", clock));
    assertEquals(Duration.ofSeconds(2147483648L), RetryAfter.parseRetryAfter("2147483648", clock));
    assertEquals(RetryAfter.MAX_WAIT, RetryAfter.parseRetryAfter("99999999999999999999", clock));
    assertEquals(Duration.ZERO, RetryAfter.parseRetryAfter(PAST, clock));
    Duration year9999 = RetryAfter.parseRetryAfter(YEAR_9999, clock);
    assertEquals(Duration.between(Instant.parse("2026-03-01T10:00:00Z"),
        Instant.parse("9999-12-31T23:59:59Z")), year9999);
    assertNull(RetryAfter.parseRetryAfter("-1", clock));
    assertNull(RetryAfter.parseRetryAfter("garbage", clock));
    assertNull(RetryAfter.parseRetryAfter("1e3", clock));
    assertEquals(Duration.ofSeconds(30), RetryAfter.parse(429,
        Headers.of("X-RateLimit-Reset", "1772359230"), clock));
    assertEquals(RetryAfter.MAX_WAIT, RetryAfter.parse(429,
        Headers.of("X-RateLimit-Reset", "99999999999999999999"), clock));
    assertNull(RetryAfter.parse(503, Headers.of("X-RateLimit-Reset", "1772359230"), clock));
    String in12 = DateTimeFormatter.RFC_1123_DATE_TIME.format(
        Instant.parse("2026-03-01T10:00:12Z").atZone(ZoneOffset.UTC));
    assertEquals(Duration.ofSeconds(12), RetryAfter.parseRetryAfter(in12, clock));
  }

  @Test
  void aHugeRetryAfterFailsAtOnceWithTheWaitAndNeverSleeps() {
    server.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", YEAR_9999)
        .body("{}").build());
    RateLimitException e = assertThrows(RateLimitException.class, () -> transport.execute("op",
        new Request.Builder().url(server.url("/x")).build(), Map.class, RequestOptions.defaults()));
    assertTrue(e.retryAfter().toDays() > 365L * 7000, e.retryAfter().toString());
    assertEquals(0, time.sleeps.size());
    assertEquals(1, server.getRequestCount());
  }
}
