package io.github.flowruns.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import io.github.flowruns.Capabilities;
import io.github.flowruns.FlowRunsClient;
import io.github.flowruns.FlowRunsException;
import io.github.flowruns.NotFoundException;
import io.github.flowruns.RateLimitException;
import io.github.flowruns.ResponseParseException;
import io.github.flowruns.Run;
import io.github.flowruns.RunStatus;
import io.github.flowruns.RunWaitTimeoutException;
import io.github.flowruns.ServerException;
import io.github.flowruns.TransportException;
import io.github.flowruns.Vendor;
import io.github.flowruns.http.ApiKeyAuth;
import io.github.flowruns.http.AttemptEvent;
import io.github.flowruns.http.RequestOptions;
import io.github.flowruns.http.RetryPolicy;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import okhttp3.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link FlowRunsClient#awaitRun} (its engine is {@code io.github.flowruns.RunWaiter}): a tiny adapter (built as vendor modules build theirs) over a
 * scripted vendor on loopback. Schedules are checked in virtual time (the retry policy's clock and
 * sleeper, which the wait shares); only the interrupt and the real-clock deadline use real time.
 */
class AwaitRunTest {

  static final class RunDto {
    String id;
    String status;
  }

  /** The smallest FlowRunsClient with getRun: ClientCore, HttpSettings, Transport as vendors use them. */
  static final class WaitingClient implements FlowRunsClient {
    final ClientCore core = new ClientCore(this, Vendor.FLOWSTACK, true);
    final Transport transport;
    final HttpUrl base;

    WaitingClient(HttpUrl base, RetryPolicy policy, List<AttemptEvent> events) {
      HttpSettings http = new HttpSettings(Vendor.FLOWSTACK, base.toString());
      http.retryPolicy(policy);
      http.listener(events::add);
      this.base = HttpUrl.get(http.resolveBaseUrl());
      this.transport = new Transport(Vendor.FLOWSTACK, http.buildClient(ApiKeyAuth.bearer("k")),
          new Gson(), (s, c, b) -> VendorError.empty(), http.secrets(), core.serverClock());
    }

    @Override
    public Vendor vendor() {
      return core.vendor();
    }

    @Override
    public Capabilities capabilities() {
      return Capabilities.builder().supports(Capabilities.Operation.GET_RUN).build();
    }

    @Override
    public Run getRun(String runId, RequestOptions options) {
      core.requireId(runId, "runId");
      Request r = new Request.Builder().url(base.newBuilder().addPathSegments("v1/runs")
          .addPathSegment(runId).build()).build();
      return transport.execute("getRun", r, RunDto.class, options,
          (RunDto d) -> Run.builder().id(d.id).vendor(Vendor.FLOWSTACK)
              .status(RunStatus.parse(d.status)).rawStatus(d.status).build());
    }

    @Override
    public void close() {
      core.close();
      transport.close();
    }
  }

  MockWebServer server;
  VirtualTime time;
  WaitingClient client;
  final List<AttemptEvent> events = new CopyOnWriteArrayList<>();
  /** When (on the virtual clock) each request arrived. */
  final List<Instant> arrivals = new CopyOnWriteArrayList<>();
  volatile IntFunction<MockResponse> script = n -> running();

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.setDispatcher(new Dispatcher() {
      final AtomicInteger n = new AtomicInteger();

      @Override
      public MockResponse dispatch(RecordedRequest request) {
        arrivals.add(time.instant());
        return script.apply(n.incrementAndGet());
      }
    });
    server.start();
    time = new VirtualTime();
    client = client(RetryPolicy.builder());
  }

  WaitingClient client(RetryPolicy.Builder policy) {
    return new WaitingClient(server.url("/"),
        policy.clock(time).sleeper(time.sleeper).random(() -> 0.5).build(), events);
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  // Each answer closes its connection: a kept-alive MockWebServer connection answers each later
  // request about 40 ms late (delayed ACK), which would make the property test slow, not better.
  static MockResponse run(String status) {
    return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
        .addHeader("Connection", "close")
        .body("{\"id\":\"run_1\",\"status\":\"" + status + "\"}").build();
  }

  static MockResponse running() {
    return run("RUNNING");
  }

  static MockResponse error(int code, String retryAfter) {
    MockResponse.Builder b = new MockResponse.Builder().code(code).addHeader("Connection", "close")
        .body("{}");
    if (retryAfter != null) {
      b.addHeader("Retry-After", retryAfter);
    }
    return b.build();
  }

  Duration elapsed() {
    return Duration.between(Instant.parse("2026-03-01T10:00:00Z"), time.instant());
  }

  @Test
  void returnsTheTerminalRunAfterNonTerminalAnswers() {
    script = n -> n <= 3 ? run(n == 1 ? "QUEUED" : "RUNNING") : run("FAILED");
    Run done = client.awaitRun("run_1", Duration.ofMinutes(5));
    assertEquals(RunStatus.FAILED, done.status());
    assertEquals(4, arrivals.size());
    // Each poll is an ordinary getRun, as a RequestListener sees it.
    assertEquals(4, events.size());
    events.forEach(e -> assertEquals("getRun", e.operation()));
  }

  @Test
  void aRunAlreadyTerminalIsReturnedAfterOnePollWithoutWaiting() {
    script = n -> run("SUCCEEDED");
    assertEquals(RunStatus.SUCCEEDED, client.awaitRun("run_1", Duration.ofSeconds(1)).status());
    assertEquals(1, arrivals.size());
    assertTrue(time.sleeps.isEmpty());
  }

  @Test
  void pollIntervalsGrowFromAboutOneSecondAndCapAtThirty() {
    RunWaitTimeoutException e = assertThrows(RunWaitTimeoutException.class,
        () -> client.awaitRun("run_1", Duration.ofMinutes(10)));
    assertEquals(arrivals.size(), e.attempts());
    List<Duration> gaps = new ArrayList<>();
    for (int i = 1; i < arrivals.size(); i++) {
      gaps.add(Duration.between(arrivals.get(i - 1), arrivals.get(i)));
    }
    // All but the last gap (the last look before the deadline) follow the schedule:
    // min(30 s, 1 s * 1.5^(n-1)), less up to 20 % of jitter.
    for (int i = 0; i < gaps.size() - 1; i++) {
      double nominal = Math.min(30_000, 1000 * Math.pow(1.5, i));
      long gap = gaps.get(i).toMillis();
      assertTrue(gap <= nominal && gap >= nominal * 0.8 - 1, "gap " + i + " was " + gap + " ms");
    }
    assertTrue(gaps.get(0).toMillis() <= 1000 && gaps.get(0).toMillis() >= 800);
    assertTrue(gaps.stream().allMatch(g -> g.compareTo(Duration.ofSeconds(30)) <= 0));
    assertTrue(gaps.stream().filter(g -> g.compareTo(Duration.ofSeconds(24)) >= 0).count() >= 10,
        "the cap is reached and held: " + gaps);
    // Ten minutes at up to 30 s a poll: a few dozen polls, not hundreds.
    assertTrue(arrivals.size() > 20 && arrivals.size() < 40, arrivals.size() + " polls");
    assertEquals(Duration.ofMinutes(10), elapsed());
  }

  @Test
  void aRetryAfterOfAnHourWithATwoSecondTimeoutEndsAtTheDeadline() {
    // FlowStack sends Retry-After (seconds) with its 429 (vendors.md).
    script = n -> error(429, "3600");
    RunWaitTimeoutException e = assertThrows(RunWaitTimeoutException.class,
        () -> client.awaitRun("run_1", Duration.ofSeconds(2)));
    assertEquals(Duration.ofSeconds(2), elapsed());
    assertEquals(1, arrivals.size());
    assertEquals(1, e.attempts());
    assertNull(e.lastSeen());
    assertTrue(e.getCause() instanceof RateLimitException, String.valueOf(e.getCause()));
  }

  @Test
  void aRetryAfterThePolicyWouldWaitButTheDeadlineCannotEndsAtTheDeadline() {
    // 10 s is within the policy's 2-minute budget: only the poll's timeout, capped by the 5 s
    // left, keeps the policy from sleeping past the deadline.
    script = n -> error(503, "10");
    RunWaitTimeoutException e = assertThrows(RunWaitTimeoutException.class,
        () -> client.awaitRun("run_1", Duration.ofSeconds(5)));
    assertEquals(Duration.ofSeconds(5), elapsed());
    assertEquals(1, arrivals.size());
    assertTrue(e.getCause() instanceof ServerException, String.valueOf(e.getCause()));
  }

  @Test
  void aRetryAfterOfAnHourEndsWithinTheDeadlineOnTheRealClock() {
    // Real time: that no sleep, neither the policy's nor the wait's, outlives the deadline.
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return error(503, "3600");
      }
    });
    try (WaitingClient real = new WaitingClient(server.url("/"), RetryPolicy.defaults(), events)) {
      long t0 = System.nanoTime();
      assertThrows(RunWaitTimeoutException.class, () -> real.awaitRun("run_1", Duration.ofSeconds(2)));
      long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
      // The deadline, plus a generous margin for a loaded machine; an hour's sleep would not pass.
      assertTrue(ms >= 1900 && ms < 15_000, ms + " ms");
    }
  }

  @Test
  void aQuotaUsedUpDelaysTheNextPollToItsReset() {
    // FlowStack: every answer carries X-RateLimit-Remaining and X-RateLimit-Reset, Unix seconds
    // (vendors.md).
    long reset = Instant.parse("2026-03-01T10:00:20Z").getEpochSecond();
    script = n -> n == 1
        ? running().newBuilder().addHeader("X-RateLimit-Remaining", "0")
            .addHeader("X-RateLimit-Reset", Long.toString(reset)).build()
        : run("SUCCEEDED");
    assertEquals(RunStatus.SUCCEEDED, client.awaitRun("run_1", Duration.ofMinutes(1)).status());
    assertEquals(2, arrivals.size());
    assertEquals(Instant.ofEpochSecond(reset), arrivals.get(1));
  }

  @Test
  void quotaLeftDoesNotDelayAndAQuotaResetPastTheDeadlineTimesOutWithoutAnotherPoll() {
    long farReset = Instant.parse("2026-03-01T11:00:00Z").getEpochSecond();
    script = n -> running().newBuilder().addHeader("X-RateLimit-Remaining", "0")
        .addHeader("X-RateLimit-Reset", Long.toString(farReset)).build();
    assertThrows(RunWaitTimeoutException.class, () -> client.awaitRun("run_1", Duration.ofSeconds(30)));
    assertEquals(1, arrivals.size());
    assertEquals(Duration.ofSeconds(30), elapsed());
  }

  @Test
  void aNotFoundIsThrownAtOnce() {
    script = n -> error(404, null);
    NotFoundException e = assertThrows(NotFoundException.class,
        () -> client.awaitRun("run_1", Duration.ofMinutes(5)));
    assertEquals("getRun", e.operation());
    assertEquals(1, arrivals.size());
    assertTrue(time.sleeps.isEmpty());
  }

  @Test
  void failuresWaitingCannotCureAreThrownAtOnce() {
    int[] codes = {400, 401, 403, 409, 410, 422};
    for (int code : codes) {
      arrivals.clear();
      script = n -> error(code, null);
      FlowRunsException e = assertThrows(FlowRunsException.class,
          () -> client.awaitRun("run_1", Duration.ofMinutes(5)));
      assertEquals(code, e.httpStatus().getAsInt());
      assertEquals(1, arrivals.size(), "HTTP " + code);
    }
    arrivals.clear();
    script = n -> new MockResponse.Builder().code(200).body("<html>maintenance</html>").build();
    assertThrows(ResponseParseException.class, () -> client.awaitRun("run_1", Duration.ofMinutes(5)));
    assertEquals(1, arrivals.size());
  }

  @Test
  void a503BurstBeyondTheRetriesKeepsPolling() {
    client.close();
    client = client(RetryPolicy.builder().maxRetries(1));
    script = n -> n <= 7 ? error(503, null) : run("SUCCEEDED");
    assertEquals(RunStatus.SUCCEEDED, client.awaitRun("run_1", Duration.ofMinutes(5)).status());
    assertEquals(8, arrivals.size()); // 4 polls of 2 attempts failed, the 5th poll's 2nd attempt
  }

  @Test
  void aServersRetryAfterOnAFailedPollIsWaitedOut() {
    client.close();
    client = client(RetryPolicy.builder().maxRetries(0));
    script = n -> n == 1 ? error(503, "12") : run("SUCCEEDED");
    client.awaitRun("run_1", Duration.ofMinutes(5));
    assertEquals(Duration.ofSeconds(12), Duration.between(arrivals.get(0), arrivals.get(1)));
  }

  @Test
  void aTimeoutReportsTheLastRunSeenThePollsAndTheLastFailure() {
    client.close();
    client = client(RetryPolicy.builder().maxRetries(0));
    script = n -> n <= 2 ? run("PAUSED") : error(500, null);
    RunWaitTimeoutException e = assertThrows(RunWaitTimeoutException.class,
        () -> client.awaitRun("run_1", Duration.ofSeconds(20)));
    assertEquals(RunStatus.PAUSED, e.lastSeen().status());
    assertEquals(arrivals.size(), e.attempts());
    assertTrue(e.getCause() instanceof ServerException, String.valueOf(e.getCause()));
    assertEquals(Vendor.FLOWSTACK, e.vendor());
    assertEquals("awaitRun", e.operation());
    String m = e.getMessage();
    assertTrue(m.startsWith("FlowStack awaitRun: run run_1 is not terminal after 20.0 s"), m);
    assertTrue(m.contains("last seen PAUSED") && m.contains(arrivals.size() + " polls")
        && m.contains("in 20.0 s"), m);
    assertFalse(m.contains("Bearer"), m);
  }

  @Test
  void aTimeoutAfterSuccessfulPollsHasNoCause() {
    RunWaitTimeoutException e = assertThrows(RunWaitTimeoutException.class,
        () -> client.awaitRun("run_1", Duration.ofSeconds(5)));
    assertNull(e.getCause());
    assertEquals(RunStatus.RUNNING, e.lastSeen().status());
  }

  @Test
  void theLastLookBeforeTheDeadlineFindsARunThatEndedJustBefore() {
    // With the policy's jitter fixed at 0.5 (intervals 0.9 of nominal): polls at 0, 0.9, 2.25,
    // 4.275 s; the next would be at about 7.3 s, too close to a 7.5 s deadline for an answer:
    // the wait looks once more a second before the deadline.
    script = n -> time.instant().isAfter(Instant.parse("2026-03-01T10:00:06Z"))
        ? run("SUCCEEDED") : running();
    Run done = client.awaitRun("run_1", Duration.ofMillis(7500));
    assertEquals(RunStatus.SUCCEEDED, done.status());
    assertEquals(Instant.parse("2026-03-01T10:00:06.500Z"), arrivals.get(arrivals.size() - 1));
  }

  @Test
  void eachPollsTimeoutIsCappedByWhatIsLeftOfTheDeadline() {
    List<RequestOptions> seen = new CopyOnWriteArrayList<>();
    FlowRunsClient spy = new FlowRunsClient() {
      @Override
      public Vendor vendor() {
        return client.vendor();
      }

      @Override
      public Capabilities capabilities() {
        return client.capabilities();
      }

      @Override
      public Run getRun(String runId, RequestOptions options) {
        seen.add(options);
        return client.getRun(runId, options);
      }

      @Override
      public void close() {}
    };
    // Not an SDK client: real time, so a short wait.
    assertThrows(RunWaitTimeoutException.class, () -> spy.awaitRun("run_1", Duration.ofMillis(1500),
        RequestOptions.builder().timeout(Duration.ofMinutes(1)).header("X-Trace", "t1").build()));
    assertFalse(seen.isEmpty());
    for (RequestOptions o : seen) {
      assertTrue(o.timeout().compareTo(Duration.ofMillis(1500)) <= 0, o.toString());
      assertEquals("t1", o.headers().get("X-Trace"));
    }
  }

  @Test
  void noPollStartsAfterTheDeadlineWhateverTheServerAnswers() {
    // Property: random timeouts, random answers (busy, failing, asking to wait, quota used up),
    // random retry policies; every request, retries included, starts before the deadline, and the
    // wait ends by it.
    for (int seed = 0; seed < 60; seed++) {
      Random random = new Random(seed);
      client.close();
      arrivals.clear();
      time.now.set(Instant.parse("2026-03-01T10:00:00Z"));
      client = client(RetryPolicy.builder().maxRetries(random.nextInt(4))
          .totalBudget(Duration.ofSeconds(1 + random.nextInt(120))));
      Duration timeout = Duration.ofMillis(1 + random.nextInt(300_000));
      Instant deadline = time.instant().plus(timeout);
      script = n -> {
        int pick = random.nextInt(6);
        switch (pick) {
          case 0:
            return error(503, random.nextBoolean() ? null : Integer.toString(random.nextInt(4000)));
          case 1:
            return error(429, Integer.toString(random.nextInt(100)));
          case 2:
            return running().newBuilder().addHeader("X-RateLimit-Remaining", "0")
                .addHeader("X-RateLimit-Reset", Long.toString(
                    time.instant().getEpochSecond() + random.nextInt(600))).build();
          case 3:
            return error(502, null);
          default:
            return run(random.nextInt(40) == 0 ? "SUCCEEDED" : "RUNNING");
        }
      };
      try {
        Run r = client.awaitRun("run_1", timeout);
        assertTrue(r.status().isTerminal());
      } catch (RunWaitTimeoutException e) {
        assertEquals(time.instant(), deadline, "seed " + seed + ": ends at the deadline");
        assertTrue(e.attempts() >= 1 && e.attempts() <= arrivals.size(), "seed " + seed);
      }
      for (Instant at : arrivals) {
        assertTrue(at.isBefore(deadline), "seed " + seed + ": a request at " + at + " after " + deadline);
      }
      assertFalse(time.instant().isAfter(deadline), "seed " + seed);
    }
  }

  @Test
  void anInterruptStopsTheWaitPromptlyAndKeepsTheFlag() throws Exception {
    Interrupted r = interruptAfterFirstPoll(running());
    TransportException e = r.thrown();
    assertEquals("awaitRun", e.operation());
    assertTrue(e.getMessage().contains("interrupted while waiting for run run_1"), e.getMessage());
  }

  @Test
  void anInterruptDuringAPollEndsTheWaitOnceThePollEnds() throws Exception {
    // The first poll is still waiting for its answer when the interrupt comes.
    interruptAfterFirstPoll(running().newBuilder().headersDelay(700, TimeUnit.MILLISECONDS).build());
    assertEquals(1, server.getRequestCount(), "no poll after the interrupt");
  }

  private record Interrupted(TransportException thrown) {}

  /**
   * Starts a ten-minute wait on another thread against a server answering {@code answer},
   * interrupts it once the first poll arrived, and checks that the wait ended with a
   * TransportException and the interrupt flag kept.
   */
  private Interrupted interruptAfterFirstPoll(MockResponse answer) throws Exception {
    CountDownLatch polled = new CountDownLatch(1);
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        polled.countDown();
        return answer;
      }
    });
    try (WaitingClient real = new WaitingClient(server.url("/"), RetryPolicy.defaults(), events)) {
      AtomicReference<Throwable> thrown = new AtomicReference<>();
      AtomicReference<Boolean> flag = new AtomicReference<>();
      Thread waiter = new Thread(() -> {
        try {
          real.awaitRun("run_1", Duration.ofMinutes(10));
        } catch (Throwable t) {
          thrown.set(t);
        }
        flag.set(Thread.currentThread().isInterrupted());
      });
      waiter.start();
      assertTrue(polled.await(30, TimeUnit.SECONDS));
      waiter.interrupt();
      waiter.join(30_000);
      assertFalse(waiter.isAlive(), "the wait ended");
      assertTrue(thrown.get() instanceof TransportException, String.valueOf(thrown.get()));
      assertTrue(flag.get(), "the interrupt flag is kept");
      return new Interrupted((TransportException) thrown.get());
    }
  }

  @Test
  void argumentsAreCheckedBeforeAnyRequest() {
    IllegalArgumentException blank = assertThrows(IllegalArgumentException.class,
        () -> client.awaitRun(" ", Duration.ofSeconds(5)));
    assertEquals("runId must not be null or blank", blank.getMessage());
    assertThrows(IllegalArgumentException.class, () -> client.awaitRun(null, Duration.ofSeconds(5)));
    assertThrows(IllegalArgumentException.class, () -> client.awaitRun("run_1", null));
    assertThrows(IllegalArgumentException.class, () -> client.awaitRun("run_1", Duration.ZERO));
    assertThrows(IllegalArgumentException.class,
        () -> client.awaitRun("run_1", Duration.ofSeconds(-1)));
    assertTrue(arrivals.isEmpty());
  }

  @Test
  void aTimeoutOfCenturiesIsAcceptedAndTheRunReturned() {
    script = n -> n < 3 ? running() : run("CANCELLED");
    assertEquals(RunStatus.CANCELLED,
        client.awaitRun("run_1", Duration.ofSeconds(Long.MAX_VALUE)).status());
  }

  @Test
  void aClosedClientFailsAtOnce() {
    client.close();
    TransportException e = assertThrows(TransportException.class,
        () -> client.awaitRun("run_1", Duration.ofMinutes(5)));
    assertTrue(e.getMessage().contains("client closed"), e.getMessage());
    assertTrue(arrivals.isEmpty());
    assertTrue(time.sleeps.isEmpty());
  }

  @Test
  void aVendorWithoutGetRunSaysItDoesNotSupportAwaitRun() {
    FlowRunsClient none = new FlowRunsClient() {
      @Override
      public Vendor vendor() {
        return Vendor.FLOWSTACK;
      }

      @Override
      public Capabilities capabilities() {
        return Capabilities.builder().build();
      }

      @Override
      public void close() {}
    };
    assertFalse(none.capabilities().supports(Capabilities.Operation.AWAIT_RUN));
    UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
        () -> none.awaitRun("run_1", Duration.ofSeconds(1)));
    assertTrue(e.getMessage().contains("awaitRun"), e.getMessage());
  }
}
