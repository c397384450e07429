package io.github.flowruns.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.RecordedRequest;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class FaultsTest {
  private static VendorSimulator start(String vendor) {
    return VendorSimulator.forVendor(vendor).runs(300).seed(9).build().start();
  }

  @ParameterizedTest
  @MethodSource("io.github.flowruns.testing.VendorSimulator#vendors")
  void failNextAnswersABurstOf5xxInTheVendorsShapeThenRecovers(String vendor) {
    try (VendorSimulator sim = start(vendor)) {
      sim.failNext(2, 503);
      for (int i = 0; i < 2; i++) {
        Http.Reply r = Probe.list(sim);
        assertEquals(503, r.code());
        assertFalse(Probe.errorMessage(sim, r).isBlank());
      }
      assertEquals(200, Probe.list(sim).code());
      assertEquals(3, sim.requestCount());
    }
  }

  @ParameterizedTest
  @MethodSource("io.github.flowruns.testing.VendorSimulator#vendors")
  void rateLimitNextAnswers429WithRetryAfterInTheVendorsShape(String vendor) {
    try (VendorSimulator sim = start(vendor)) {
      sim.rateLimitNext(1, Duration.ofMillis(1500));
      Http.Reply r = Probe.list(sim);
      assertEquals(429, r.code());
      assertEquals("2", r.header("Retry-After"));
      assertFalse(Probe.errorMessage(sim, r).isBlank());
      if (vendor.equals("patchworks") || vendor.equals("flowstack")) {
        assertNotNull(r.header("X-RateLimit-Limit"));
        assertNotNull(r.header("X-RateLimit-Remaining"));
        assertNotNull(r.header("X-RateLimit-Reset"));
      }
      assertEquals(200, Probe.list(sim).code());
    }
  }

  @ParameterizedTest
  @MethodSource("io.github.flowruns.testing.VendorSimulator#vendors")
  void aRateLimitWindowAllowsThatManyRequestsThenAnswers429UntilItResets(String vendor) {
    try (VendorSimulator sim = start(vendor)) {
      sim.rateLimit(3, Duration.ofMinutes(1));
      for (int i = 0; i < 3; i++) {
        Http.Reply ok = Probe.list(sim);
        assertEquals(200, ok.code());
        if (vendor.equals("patchworks") || vendor.equals("flowstack")) {
          assertEquals("3", ok.header("X-RateLimit-Limit"));
          assertEquals(String.valueOf(2 - i), ok.header("X-RateLimit-Remaining"));
        }
      }
      Http.Reply limited = Probe.list(sim);
      assertEquals(429, limited.code());
      long retryAfter = Long.parseLong(limited.header("Retry-After"));
      assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter);
      sim.clearFaults();
      assertEquals(200, Probe.list(sim).code());
    }
  }

  @ParameterizedTest
  @MethodSource("io.github.flowruns.testing.VendorSimulator#vendors")
  void latencyDelaysEveryResponse(String vendor) {
    try (VendorSimulator sim = start(vendor)) {
      sim.latency(Duration.ofMillis(300));
      long t0 = System.nanoTime();
      assertEquals(200, Probe.list(sim).code());
      assertTrue(System.nanoTime() - t0 >= TimeUnit.MILLISECONDS.toNanos(250));
      sim.latency(Duration.ZERO);
    }
  }

  @ParameterizedTest
  @MethodSource("io.github.flowruns.testing.VendorSimulator#vendors")
  void dropNextMidBodyCutsTheConnectionHalfwayThroughTheBody(String vendor) {
    try (VendorSimulator sim = start(vendor)) {
      sim.dropNextMidBody();
      Request request = Http.authorize(new Request.Builder().url(Probe.listUrl(sim, 100)), Probe.auth(sim)).build();
      try (Response r = Http.CLIENT.newCall(request).execute()) {
        assertEquals(200, r.code(), "the status line and headers arrive");
        long declared = Long.parseLong(r.header("Content-Length"));
        assertTrue(declared > 1000);
        assertThrows(IOException.class, () -> r.body().string());
      } catch (IOException e) {
        // Also a dropped connection, seen earlier by the client.
      }
      assertEquals(200, Probe.list(sim).code(), "only one response is cut");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"activepieces", "flowstack"})
  void dropConnectionAfterLetsThatManyRequestsThroughFirst(String vendor) {
    try (VendorSimulator sim = start(vendor)) {
      sim.dropConnectionAfter(2);
      assertEquals(200, Http.get(Probe.listUrl(sim, 100), Probe.auth(sim)).code());
      assertEquals(200, Http.get(Probe.listUrl(sim, 100), Probe.auth(sim)).code());
      assertThrows(UncheckedIOException.class, () -> Http.get(Probe.listUrl(sim, 100), Probe.auth(sim)));
      assertEquals(200, Http.get(Probe.listUrl(sim, 100), Probe.auth(sim)).code());
    }
  }

  @org.junit.jupiter.api.Test
  void aFailedRequestChangesNothing() {
    try (FlowStackSimulator sim = FlowStackSimulator.builder().runs(50).build().start()) {
      sim.failNext(1, 500);
      String url = sim.baseUrl() + "/api/v1/flows/" + sim.flowIds().get(0) + "/runs";
      assertEquals(500, Http.post(url, "Bearer " + sim.apiKey(), "{}").code());
      assertEquals(50, sim.runCount());
      assertEquals(201, Http.post(url, "Bearer " + sim.apiKey(), "{}").code());
      assertEquals(51, sim.runCount());
    }
  }

  @ParameterizedTest
  @MethodSource("io.github.flowruns.testing.VendorSimulator#vendors")
  void takeRequestReturnsWhatTheClientSent(String vendor) throws Exception {
    try (VendorSimulator sim = start(vendor)) {
      Probe.list(sim);
      RecordedRequest r = sim.takeRequest();
      assertEquals("GET", r.getMethod());
      assertEquals(Probe.auth(sim), Probe.sentAuth(sim, r));
      assertEquals(null, sim.takeRequest(Duration.ofMillis(50)));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"activepieces", "patchworks"})
  void faultsCanBeChangedWhileRequestsAreInFlight(String vendor) throws Exception {
    try (VendorSimulator sim = start(vendor)) {
      ExecutorService pool = Executors.newFixedThreadPool(4);
      AtomicInteger ok = new AtomicInteger();
      AtomicInteger failed = new AtomicInteger();
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        futures.add(pool.submit(() -> {
          int code = Probe.list(sim).code();
          (code == 200 ? ok : failed).incrementAndGet();
        }));
        if (i == 10) sim.failNext(5, 502);
      }
      for (Future<?> f : futures) f.get(20, TimeUnit.SECONDS);
      pool.shutdown();
      assertEquals(40, ok.get() + failed.get());
      assertEquals(5, failed.get());
      assertEquals(40, sim.requestCount());
    }
  }
}
