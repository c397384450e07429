package io.github.flowruns.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.flowruns.FlowRunsException;
import io.github.flowruns.NotFoundException;
import io.github.flowruns.TransportException;
import io.github.flowruns.Vendor;
import io.github.flowruns.http.RequestOptions;
import io.github.flowruns.internal.FanOutServer.Item;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The fan-out of {@link MergedListing} as a caller meets it, over a loopback server: how many
 * requests are in flight, what a failing source, an interrupt and a close do, and that the
 * call's options reach every sub-request. No test here depends on timing: servers hold requests
 * on latches, and waits have generous bounds only so that a broken build ends.
 */
class MergedListingFanOutTest {
  private static final String LISTING_THREAD = "flowruns-flowstack-listing-";

  private final MergedListing.Threads threads = new MergedListing.Threads(Vendor.FLOWSTACK);
  private final CountDownLatch release = new CountDownLatch(1);

  @AfterEach
  void close() {
    release.countDown();
    threads.close();
  }

  /** {@code sources} listings of {@code size} items each, newest first, paged by {@code page}. */
  private static FanOutServer server(int sources, int size, int page) throws Exception {
    List<List<Item>> histories = new ArrayList<>();
    int[] pageSizes = new int[sources];
    for (int s = 0; s < sources; s++) {
      List<Item> history = new ArrayList<>();
      for (int k = 0; k < size; k++) {
        Item item = new Item();
        item.id = "s" + s + "-" + k;
        item.at = 1_000 - k * 7L - s;
        item.source = s;
        history.add(item);
      }
      histories.add(history);
      pageSizes[s] = page;
    }
    return new FanOutServer(histories, pageSizes);
  }

  private static List<Item> list(MergedListing<Item> merged, RequestOptions options) {
    List<Item> out = new ArrayList<>();
    Pager.of(merged, options).forEach(out::add);
    return out;
  }

  /** Whether a listing thread is alive, waiting up to 10 s for the last ones to end. */
  private static boolean listingThreadsLeft() throws InterruptedException {
    for (int i = 0; i < 200; i++) {
      boolean any = Thread.getAllStackTraces().keySet().stream()
          .anyMatch(t -> t.getName().startsWith(LISTING_THREAD) && t.isAlive());
      if (!any) {
        return false;
      }
      Thread.sleep(50);
    }
    return true;
  }

  /** Holds every request until {@code n} are in flight at once (or 10 s passed: a failure). */
  private static void holdUntilInFlight(FanOutServer server, int n) {
    CountDownLatch arrived = new CountDownLatch(n);
    server.override = r -> {
      arrived.countDown();
      try {
        arrived.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return null;
    };
  }

  @Test
  void neverHasMoreSubRequestsInFlightThanTheSetting() throws Exception {
    try (FanOutServer server = server(40, 3, 2)) {
      holdUntilInFlight(server, 3);
      List<Item> items = list(server.merged(7, threads, 3), RequestOptions.defaults());
      assertEquals(120, items.size());
      // The first three requests met at the server: three at once, and never a fourth.
      assertEquals(3, server.maxInFlight.get());
    }
  }

  @Test
  void concurrencyOneFetchesOnTheCallingThreadOnly() throws Exception {
    try (FanOutServer server = server(10, 3, 2)) {
      List<String> threadsSeen = new ArrayList<>();
      MergedListing<Item> merged = server.merged(5, threads, 1);
      server.override = r -> null;
      String caller = Thread.currentThread().getName();
      MergedListing<Item> watched = MergedListing.<Item>builder(opts -> server.keys(),
          key -> (token, opts) -> {
            synchronized (threadsSeen) {
              threadsSeen.add(Thread.currentThread().getName());
            }
            return server.source(key).fetch(token, opts);
          }).order(FanOutServer.NEWEST_FIRST).concurrency(threads, 1).build();
      assertEquals(list(merged, RequestOptions.defaults()).size(),
          list(watched, RequestOptions.defaults()).size());
      assertTrue(threadsSeen.stream().allMatch(caller::equals), threadsSeen.toString());
      assertEquals(1, server.maxInFlight.get());
    }
  }

  @Test
  void theCallsOptionsReachEverySubRequest() throws Exception {
    try (FanOutServer server = server(25, 4, 3)) {
      RequestOptions options = RequestOptions.builder().header("X-Trace", "fan-out-7").build();
      List<Item> items = list(server.merged(10, threads, 8), options);
      assertEquals(100, items.size());
      assertEquals(25 * 2, server.recorded.size());
      server.recorded.forEach(r -> assertEquals("fan-out-7", r.getHeaders().get("X-Trace"),
          r.getUrl().toString()));
    }
  }

  @Test
  void aSubRequestTimeoutOfTheCallsOptionsEndsTheListing() throws Exception {
    try (FanOutServer server = server(12, 2, 2)) {
      server.override = r -> r.getUrl().encodedPath().equals("/s/5") ? awaitRelease() : null;
      RequestOptions options = RequestOptions.builder().timeout(Duration.ofMillis(300)).build();
      TransportException e = assertThrows(TransportException.class,
          () -> list(server.merged(10, threads, 4), options));
      assertNotNull(e.details().message());
      release.countDown();                  // the server can close
    }
  }

  private MockResponse awaitRelease() {
    try {
      release.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return null;
  }

  @Test
  void aFailingSourceEndsTheListingWithItsOwnTypedExceptionAndStartsNoOtherFetch() throws Exception {
    try (FanOutServer server = server(40, 3, 2)) {
      // Sources 0, 2 and 3 hang until released; source 1 answers 404 at once.
      server.override = r -> {
        String path = r.getUrl().encodedPath();
        if (path.equals("/s/1")) {
          return new MockResponse.Builder().code(404).body("{}").build();
        }
        return awaitRelease();
      };
      FlowRunsException e = assertThrows(FlowRunsException.class,
          () -> list(server.merged(10, threads, 4), RequestOptions.defaults()));
      assertInstanceOf(NotFoundException.class, e);
      release.countDown();
      threads.close();
      assertFalse(listingThreadsLeft(), "a listing thread outlived its client");
      // The window of four was in flight when source 1 failed; nothing was started after it.
      assertTrue(server.recorded.size() <= 4, server.recorded.size() + " requests");
    }
  }

  @Test
  void anInterruptedCallerGetsATransportExceptionAndKeepsItsInterruptFlag() throws Exception {
    try (FanOutServer server = server(20, 2, 2)) {
      CountDownLatch held = new CountDownLatch(2);
      server.override = r -> {
        held.countDown();
        return awaitRelease();
      };
      AtomicReference<Throwable> thrown = new AtomicReference<>();
      AtomicBoolean flagKept = new AtomicBoolean();
      Thread caller = new Thread(() -> {
        try {
          list(server.merged(10, threads, 4), RequestOptions.defaults());
        } catch (Throwable t) {
          thrown.set(t);
          flagKept.set(Thread.currentThread().isInterrupted());
        }
      });
      caller.start();
      assertTrue(held.await(10, TimeUnit.SECONDS));
      caller.interrupt();
      caller.join(10_000);
      assertFalse(caller.isAlive());
      assertInstanceOf(TransportException.class, thrown.get());
      assertTrue(thrown.get().getMessage().contains("interrupted"), thrown.get().getMessage());
      assertTrue(flagKept.get());
      release.countDown();
      threads.close();
      assertFalse(listingThreadsLeft(), "a listing thread outlived its client");
    }
  }

  @Test
  void closingTheClientDuringAListingEndsItWithClientClosed() throws Exception {
    try (FanOutServer server = server(20, 2, 2)) {
      CountDownLatch held = new CountDownLatch(3);
      server.override = r -> {
        held.countDown();
        return awaitRelease();
      };
      AtomicReference<Throwable> thrown = new AtomicReference<>();
      Thread caller = new Thread(() -> {
        try {
          list(server.merged(10, threads, 3), RequestOptions.defaults());
        } catch (Throwable t) {
          thrown.set(t);
        }
      });
      caller.start();
      assertTrue(held.await(10, TimeUnit.SECONDS));
      // What a client's close() does: its core stops the threads, then its transport closes.
      threads.close();
      server.transport.close();
      caller.join(10_000);
      assertFalse(caller.isAlive());
      assertTrue(Transport.isClientClosed(thrown.get()), String.valueOf(thrown.get()));
      release.countDown();
      assertFalse(listingThreadsLeft(), "a listing thread outlived its client");
      // A listing started after the close fails the same way, before any request.
      int before = server.recorded.size();
      assertTrue(Transport.isClientClosed(assertThrows(FlowRunsException.class,
          () -> list(server.merged(10, threads, 3), RequestOptions.defaults()))));
      assertEquals(before, server.recorded.size());
    }
  }

  @Test
  void listingThreadsAreNamedDaemonsOfTheClient() throws Exception {
    try (FanOutServer server = server(6, 1, 1)) {
      List<Thread> seen = new ArrayList<>();
      MergedListing<Item> watched = MergedListing.<Item>builder(opts -> server.keys(),
          key -> (token, opts) -> {
            synchronized (seen) {
              seen.add(Thread.currentThread());
            }
            return server.source(key).fetch(token, opts);
          }).order(FanOutServer.NEWEST_FIRST).concurrency(threads, 4).build();
      assertEquals(6, list(watched, RequestOptions.defaults()).size());
      assertEquals(6, seen.size());
      for (Thread t : seen) {
        assertTrue(t.getName().startsWith(LISTING_THREAD), t.getName());
        assertTrue(t.isDaemon(), t.getName());
      }
    }
  }
}
