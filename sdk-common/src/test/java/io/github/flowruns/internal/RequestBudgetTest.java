package io.github.flowruns.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import io.github.flowruns.FlowRunsException;
import io.github.flowruns.RateLimitException;
import io.github.flowruns.TransportException;
import io.github.flowruns.Vendor;
import io.github.flowruns.http.AttemptEvent;
import io.github.flowruns.http.RequestBudget;
import io.github.flowruns.http.RequestOptions;
import io.github.flowruns.http.RetryPolicy;
import io.github.flowruns.http.Sleeper;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Headers;
import okhttp3.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The client's request budget ({@link RequestBudget}, {@link BudgetGate}) against loopback servers
 * that enforce a limit on a virtual clock ({@link RateLimitedServer}), so schedules are exact and
 * nothing waits in real time except the one threaded test.
 */
class RequestBudgetTest {
  final List<MockWebServer> servers = new ArrayList<>();
  final List<AttemptEvent> events = new CopyOnWriteArrayList<>();
  VirtualTime time = new VirtualTime();

  @AfterEach
  void stop() {
    servers.forEach(MockWebServer::close);
  }

  MockWebServer serve(Dispatcher dispatcher) throws IOException {
    MockWebServer server = new MockWebServer();
    // MockWebServer writes an answer's head and body apart: without TCP_NODELAY Nagle's algorithm
    // holds the body for the client's delayed ACK, 40 ms an answer that no vendor imposes.
    server.setServerSocketFactory(io.github.flowruns.testing.internal.NoDelayServerSocketFactory.INSTANCE);
    server.setDispatcher(dispatcher);
    server.start();
    servers.add(server);
    return server;
  }

  /** A client's transport as a vendor client builds it: its settings, its own server clock. */
  Transport client(MockWebServer server, RequestBudget budget, RetryPolicy.Builder policy,
      Clock local) {
    HttpSettings settings = new HttpSettings(Vendor.FLOWSTACK, server.url("/").toString());
    settings.retryPolicy(policy.build());
    settings.requestBudget(budget);
    settings.listener(events::add);
    return new Transport(Vendor.FLOWSTACK, settings.buildClient(), new Gson(), null,
        settings.secrets(), new ServerClock(local));
  }

  Transport virtualClient(MockWebServer server, RequestBudget budget) {
    return client(server, budget, RetryPolicy.builder().clock(time).sleeper(time.sleeper)
        .random(() -> 0.5).totalBudget(Duration.ofMinutes(2)), time);
  }

  static Map<?, ?> get(Transport t, MockWebServer server) {
    Request r = new Request.Builder().url(server.url("/api/v1/flows/f/runs")).build();
    return t.execute("listRuns", r, Map.class, RequestOptions.defaults());
  }

  static Dispatcher ok() {
    return new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return new MockResponse.Builder().body("{}").build();
      }
    };
  }

  /** Requests at random times: mostly as fast as possible, sometimes after a pause. */
  long pause(Random random, long windowMs) {
    if (random.nextInt(4) == 0) {
      long ms = random.nextInt((int) Math.max(1, windowMs));
      time.advance(Duration.ofMillis(ms));
      return ms;
    }
    return 0;
  }

  @Test
  void aFixedBudgetNeverLetsMoreThanItsRequestsThroughInAnySpan() throws IOException {
    // Property, 60 seeds: random budgets, random request timings; the sliding-window count of
    // what the server received never exceeds the budget, and a client that asks faster than the
    // budget still gets most of it (spread, after a burst of a twentieth).
    for (long seed = 1; seed <= 60; seed++) {
      Random random = new Random(seed);
      time = new VirtualTime();
      int n = 1 + random.nextInt(40);
      long perMs = 1_000L * (1 + random.nextInt(30));
      RateLimitedServer counter = new RateLimitedServer(time, Integer.MAX_VALUE, perMs,
          RateLimitedServer.Announce.NOTHING, 0, i -> null);
      MockWebServer server = serve(counter);
      Transport t = virtualClient(server, RequestBudget.fixed(n, Duration.ofMillis(perMs)));
      Instant start = time.instant();
      int requests = 3 * n + random.nextInt(20);
      long paused = 0;
      for (int i = 0; i < requests; i++) {
        paused += pause(random, perMs / Math.max(1, n / 2));
        get(t, server);
      }
      List<Long> arrivals = counter.arrivals();
      String where = "seed " + seed + ": " + n + " per " + perMs + " ms";
      assertTrue(RateLimitedServer.mostInAnySpan(arrivals, perMs) <= n, where);
      long spent = Duration.between(start, time.instant()).toMillis();
      // Never slower than the paced rate (one per interval, per / (n - burst + 1)) plus the
      // client's own pauses: the budget spreads, it does not stall.
      long interval = (perMs + n - Math.max(1, n / 20)) / (n - Math.max(1, n / 20) + 1);
      assertTrue(spent <= paused + (long) requests * interval, where + ": " + spent + " ms");
      servers.remove(server);
      server.close();
    }
  }

  @Test
  void anAdaptiveBudgetKeepsUnderWhatTheServerAnnouncesAcrossRandomLimitsSkewsAnd429s()
      throws IOException {
    // Property, 60 seeds: a server enforcing a random fixed window (FlowStack's headers, on a
    // clock up to 10 minutes off the client's), random request timings, random injected 429s
    // with Retry-After. The server never has to refuse a request for its limit.
    for (long seed = 1; seed <= 60; seed++) {
      Random random = new Random(seed);
      time = new VirtualTime();
      int limit = 1 + random.nextInt(30);
      long windowMs = 1_000L * (1 + random.nextInt(20));
      long skewMs = random.nextInt(1_200_001) - 600_000;
      Random faults = new Random(seed * 31);
      RateLimitedServer enforcing = new RateLimitedServer(time, limit, windowMs,
          RateLimitedServer.Announce.ALL, skewMs,
          i -> faults.nextInt(20) == 0 ? 1 + faults.nextInt(3) : null);
      MockWebServer server = serve(enforcing);
      Transport t = virtualClient(server, RequestBudget.adaptive());
      int requests = 2 * limit + 10 + random.nextInt(30);
      for (int i = 0; i < requests; i++) {
        pause(random, windowMs / Math.max(1, limit));
        try {
          get(t, server);
        } catch (RateLimitException e) {
          // only an injected 429, four times running, may end a call
          assertTrue(enforcing.injected() > 0, "seed " + seed + ": " + e.getMessage());
        }
      }
      assertEquals(0, enforcing.refused(), "seed " + seed + ": " + limit + " per " + windowMs
          + " ms, skew " + skewMs + " ms, " + enforcing.injected() + " injected");
      servers.remove(server);
      server.close();
    }
  }

  @Test
  void anAdaptiveBudgetKeepsUnderTheLimitWhenTheServersDateJittersAndItsClockJumps()
      throws IOException {
    // Property, 60 seeds: as above, with each Date stamped up to 300 ms before the answer and the
    // server's clock (its Date and its Reset together) stepping forward by up to 10 minutes or back
    // by more than ServerClock's JUMP plus a second and a round trip, at random. The budget reads
    // the reset with ServerClock's offset, a lower bound, so it never sends into a used-up window.
    for (long seed = 1; seed <= 60; seed++) {
      Random random = new Random(seed);
      time = new VirtualTime();
      int limit = 2 + random.nextInt(30);
      long windowMs = 1_000L * (1 + random.nextInt(20));
      Random server = new Random(seed * 17);
      RateLimitedServer enforcing = new RateLimitedServer(time, limit, windowMs,
          RateLimitedServer.Announce.ALL, random.nextInt(1_200_001) - 600_000, i -> null);
      enforcing.stampLag(() -> server.nextInt(300));
      MockWebServer mock = serve(enforcing);
      Transport t = virtualClient(mock, RequestBudget.adaptive());
      int requests = 4 * limit + 10 + random.nextInt(30);
      for (int i = 0; i < requests; i++) {
        pause(random, windowMs / Math.max(1, limit));
        if (random.nextInt(15) == 0) {
          enforcing.jump(random.nextBoolean() ? random.nextInt(600_000)
              : -(ServerClock.JUMP.toMillis() + 1_300 + random.nextInt(600_000)));
        }
        get(t, mock);
      }
      assertEquals(0, enforcing.refused(), "seed " + seed + ": " + limit + " per " + windowMs);
      servers.remove(mock);
      mock.close();
    }
  }

  @Test
  void hostileRateLimitHeadersNeverBlockPastTheDeadlineNorThrowAnythingUntyped()
      throws IOException {
    String[] hostile = {"-5", "0", "1e9", "soon", "", "99999999999999999999", "18446744073709551616",
        "4102444800", "253402300799", "NaN", "+3", "3.5", "x".repeat(200), "1", "000",
        "Wed, 21 Oct 2015 07:28:00 GMT"};
    for (long seed = 1; seed <= 40; seed++) {
      Random random = new Random(seed);
      time = new VirtualTime();
      MockWebServer server = serve(new Dispatcher() {
        @Override
        public MockResponse dispatch(RecordedRequest request) {
          MockResponse.Builder b = new MockResponse.Builder()
              .code(random.nextInt(3) == 0 ? 429 : 200).body("{}");
          for (String h : new String[] {"X-RateLimit-Limit", "X-RateLimit-Remaining",
              "X-RateLimit-Reset", "Retry-After", "Date"}) {
            if (random.nextBoolean()) {
              b.setHeader(h, hostile[random.nextInt(hostile.length)]);
            }
          }
          return b.build();
        }
      });
      Transport t = virtualClient(server, RequestBudget.adaptive());
      for (int i = 0; i < 30; i++) {
        Instant start = time.instant();
        try {
          get(t, server);
        } catch (FlowRunsException e) {
          assertTrue(e instanceof RateLimitException, "seed " + seed + ": " + e);
        }
        Duration took = Duration.between(start, time.instant());
        assertTrue(took.compareTo(Duration.ofMinutes(2)) <= 0, "seed " + seed + ": " + took);
      }
      servers.remove(server);
      server.close();
    }
  }

  @Test
  void aHoldTheClientCannotMeetFailsTheCallWithoutSendingIt() throws IOException {
    MockWebServer server = serve(ok());
    Transport t = virtualClient(server, RequestBudget.fixed(1, Duration.ofHours(1)));
    get(t, server);
    RateLimitException e = assertThrows(RateLimitException.class, () -> get(t, server));
    assertEquals(1, server.getRequestCount());
    assertEquals(0, e.details().attempts());
    assertTrue(e.retryAfter().compareTo(Duration.ofMinutes(59)) > 0, e.retryAfter().toString());
    assertTrue(e.getMessage().contains("request budget"), e.getMessage());
    assertTrue(time.sleeps.isEmpty(), "no wait for a request that cannot be sent in time");
    // Nothing was reserved by the refusal: an hour later one request goes at once.
    time.advance(Duration.ofHours(1));
    get(t, server);
    assertEquals(2, server.getRequestCount());
  }

  @Test
  void theListenerIsToldHowLongEachAttemptWaitedForBudget() throws IOException {
    MockWebServer server = serve(ok());
    Transport t = virtualClient(server, RequestBudget.fixed(1, Duration.ofSeconds(10)));
    get(t, server);
    get(t, server);
    assertEquals(Duration.ZERO, events.get(0).budgetWait());
    assertEquals(Duration.ofSeconds(10), events.get(1).budgetWait());
    assertTrue(events.get(1).toString().contains("10000 ms of budget wait"), events.get(1).toString());
    assertFalse(events.get(0).toString().contains("budget"), events.get(0).toString());
  }

  @Test
  void offSendsAtOnceWhereAdaptiveWaitsForTheAnnouncedReset() throws IOException {
    // FlowStack: X-RateLimit-Remaining 0 with the window's reset 30 s away.
    Instant reset = time.instant().plusSeconds(30);
    Dispatcher usedUp = new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return new MockResponse.Builder().body("{}").setHeader("X-RateLimit-Limit", 100)
            .setHeader("X-RateLimit-Remaining", 0)
            .setHeader("X-RateLimit-Reset", reset.getEpochSecond()).build();
      }
    };
    MockWebServer server = serve(usedUp);
    Transport off = virtualClient(server, RequestBudget.off());
    get(off, server);
    get(off, server);
    assertTrue(time.sleeps.isEmpty(), time.sleeps.toString());
    assertEquals(Duration.ZERO, events.get(1).budgetWait());

    Transport adaptive = virtualClient(server, RequestBudget.adaptive());
    get(adaptive, server);
    get(adaptive, server);
    assertEquals(List.of(Duration.ofSeconds(30)), time.sleeps);
    assertEquals(Duration.ofSeconds(30), events.get(3).budgetWait());
  }

  @Test
  void aServerThatAnnouncesNothingIsNeverWaitedFor() throws IOException {
    MockWebServer server = serve(ok());
    Transport t = virtualClient(server, RequestBudget.adaptive());
    for (int i = 0; i < 500; i++) {
      get(t, server);
    }
    assertTrue(time.sleeps.isEmpty(), time.sleeps.toString());
  }

  @Test
  void aRetryAfterHoldsEveryCallOfTheClientNotOnlyTheOneRefused() throws IOException {
    AtomicReference<Boolean> refuse = new AtomicReference<>(true);
    MockWebServer server = serve(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return refuse.getAndSet(false)
            ? new MockResponse.Builder().code(429).setHeader("Retry-After", 7).body("{}").build()
            : new MockResponse.Builder().body("{}").build();
      }
    });
    Transport t = client(server, RequestBudget.adaptive(), RetryPolicy.builder().maxRetries(0)
        .clock(time).sleeper(time.sleeper), time);
    assertThrows(RateLimitException.class, () -> get(t, server));
    get(t, server);
    assertEquals(Duration.ofSeconds(7), events.get(1).budgetWait());
  }

  @Test
  void aDocumentedLimitLetsAFullWindowThroughThenPacesAtNineteenTwentiethsOfIt()
      throws IOException {
    // Patchworks documents 240 a minute (vendors.md) and announces no reset on success: a
    // client that sends fewer than a window's worth never waits; beyond, 0.95 of the limit.
    MockWebServer server = serve(ok());
    HttpSettings settings = new HttpSettings(Vendor.PATCHWORKS, server.url("/").toString());
    settings.retryPolicy(RetryPolicy.builder().clock(time).sleeper(time.sleeper).build());
    settings.documentedRateLimit(240, Duration.ofMinutes(1));
    Transport t = new Transport(Vendor.PATCHWORKS, settings.buildClient(), new Gson(), null);
    Instant start = time.instant();
    for (int i = 0; i < 240; i++) {
      get(t, server);
    }
    assertTrue(time.sleeps.isEmpty());
    for (int i = 0; i < 228; i++) {
      get(t, server);
    }
    assertEquals(Duration.ofMinutes(1), Duration.between(start, time.instant()).withNanos(0));
  }

  @Test
  void oneBudgetIsSharedByEveryThreadOfTheClient() throws Exception {
    // Real time, six threads (a bulk action's or a fan-out's) on one client against a server
    // enforcing 12 per second: it never refuses, and every call succeeds.
    RateLimitedServer enforcing = new RateLimitedServer(Clock.systemUTC(), 12, 1_000,
        RateLimitedServer.Announce.ALL, 0, i -> null);
    MockWebServer server = serve(enforcing);
    Transport t = client(server, RequestBudget.adaptive(), RetryPolicy.builder().maxRetries(0),
        Clock.systemUTC());
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      List<Future<?>> calls = new ArrayList<>();
      for (int i = 0; i < 36; i++) {
        calls.add(pool.submit(() -> get(t, server)));
      }
      for (Future<?> f : calls) {
        f.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(0, enforcing.refused());
    assertEquals(36, enforcing.arrivals().size());
    assertTrue(events.stream().anyMatch(e -> !e.budgetWait().isZero()), "some calls waited");
  }

  @Test
  void whenAWindowIsUsedUpEveryAttemptWaitsForItsResetNotOnlyTheFirst() throws IOException {
    // Three threads' attempts, in the order the lock takes them, before any answer of the next
    // window: the one left goes, the next two both wait for the reset (the second used to go at
    // once, into the used-up window: a 429 in oneBudgetIsSharedByEveryThreadOfTheClient).
    BudgetGate gate = new BudgetGate(RequestBudget.adaptive(), 0, null, time);
    long reset = time.instant().getEpochSecond() + 5;
    gate.answered(200, new Headers.Builder().add("X-RateLimit-Limit", "12")
        .add("X-RateLimit-Remaining", "1").add("X-RateLimit-Reset", Long.toString(reset)).build());
    List<Duration> waits = new ArrayList<>();
    Sleeper record = waits::add;
    Duration resetIn = Duration.between(time.instant(), Instant.ofEpochSecond(reset));
    assertEquals(Duration.ZERO, gate.acquire(Duration.ofMinutes(1), record));
    assertEquals(resetIn, gate.acquire(Duration.ofMinutes(1), record));
    assertEquals(resetIn, gate.acquire(Duration.ofMinutes(1), record));
    assertEquals(List.of(resetIn, resetIn), waits);
  }

  @Test
  void anInterruptWhileWaitingForBudgetIsATransportExceptionWithTheFlagKept() throws Exception {
    MockWebServer server = serve(ok());
    Transport t = client(server, RequestBudget.fixed(1, Duration.ofSeconds(30)),
        RetryPolicy.builder(), Clock.systemUTC());
    get(t, server);
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    AtomicReference<Boolean> flag = new AtomicReference<>();
    Thread waiter = new Thread(() -> {
      try {
        get(t, server);
      } catch (Throwable e) {
        thrown.set(e);
      }
      flag.set(Thread.currentThread().isInterrupted());
    });
    waiter.start();
    Thread.sleep(200);
    waiter.interrupt();
    waiter.join(10_000);
    assertTrue(thrown.get() instanceof TransportException, String.valueOf(thrown.get()));
    assertTrue(thrown.get().getMessage().contains("request budget"), thrown.get().getMessage());
    assertTrue(flag.get());
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void budgetsAreValuesThatSayWhatTheyAre() {
    assertEquals(RequestBudget.fixed(240, Duration.ofMinutes(1)),
        RequestBudget.fixed(240, Duration.ofMinutes(1)));
    assertEquals(RequestBudget.fixed(240, Duration.ofMinutes(1)).hashCode(),
        RequestBudget.fixed(240, Duration.ofMinutes(1)).hashCode());
    assertNotEquals(RequestBudget.fixed(240, Duration.ofMinutes(1)),
        RequestBudget.fixed(240, Duration.ofSeconds(61)));
    assertNotEquals(RequestBudget.off(), RequestBudget.adaptive());
    assertEquals("RequestBudget{240 per PT1M}", RequestBudget.fixed(240, Duration.ofMinutes(1)).toString());
    assertEquals("RequestBudget{off}", RequestBudget.off().toString());
    assertEquals("RequestBudget{adaptive}", RequestBudget.adaptive().toString());
    assertThrows(IllegalArgumentException.class, () -> RequestBudget.fixed(0, Duration.ofSeconds(1)));
    assertThrows(IllegalArgumentException.class, () -> RequestBudget.fixed(1, Duration.ZERO));
    assertThrows(NullPointerException.class, () -> RequestBudget.fixed(1, null));
  }
}
