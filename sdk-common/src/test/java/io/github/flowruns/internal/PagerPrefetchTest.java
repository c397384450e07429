package io.github.flowruns.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.flowruns.ErrorDetails;
import io.github.flowruns.FlowRunsException;
import io.github.flowruns.Page;
import io.github.flowruns.Paged;
import io.github.flowruns.ServerException;
import io.github.flowruns.Vendor;
import io.github.flowruns.http.RequestOptions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class PagerPrefetchTest {
  private static final RequestOptions PREFETCH = RequestOptions.builder().prefetch(true).build();
  private final Pager.Background background = new Pager.Background(Vendor.FLOWSTACK);

  @org.junit.jupiter.api.AfterEach
  void closeBackground() {
    background.close();
  }

  /** A pager with this test's background, as a client builds it. */
  private <T> Paged<T> of(PageFetcher<T> fetcher, RequestOptions options) {
    return Pager.builder(fetcher).options(options).background(background).build();
  }

  /** Ten pages of three: page n (1-based) holds 3n-2, 3n-1, 3n. Records tokens and threads. */
  static class TenPages implements PageFetcher<Integer> {
    final List<String> tokensAsked = Collections.synchronizedList(new ArrayList<>());
    final List<Thread> threads = Collections.synchronizedList(new ArrayList<>());

    @Override
    public Page<Integer> fetch(String token, RequestOptions options) {
      tokensAsked.add(token);
      threads.add(Thread.currentThread());
      int page = token == null ? 1 : Integer.parseInt(token);
      beforeAnswering(page);
      List<Integer> items = List.of(3 * page - 2, 3 * page - 1, 3 * page);
      return Page.of(items, page < 10 ? String.valueOf(page + 1) : null);
    }

    void beforeAnswering(int page) {}
  }

  static List<Integer> all(Iterable<Integer> it) {
    List<Integer> out = new ArrayList<>();
    it.forEach(out::add);
    return out;
  }

  /** Waits until no fetch has started for a while, so a fetch made in the background is seen. */
  static void settle() throws InterruptedException {
    Thread.sleep(200);
  }

  @Test
  void prefetchIsOffByDefault() {
    assertFalse(RequestOptions.defaults().prefetch());
    TenPages f = new TenPages();
    all(of(f, RequestOptions.defaults()));
    f.threads.forEach(t -> assertSame(Thread.currentThread(), t));
  }

  @Test
  void prefetchGivesTheSameItemsPagesAndTokensInTheSameOrder() throws InterruptedException {
    TenPages sequential = new TenPages();
    TenPages ahead = new TenPages();
    List<Integer> expected = IntStream.rangeClosed(1, 30).boxed().collect(Collectors.toList());

    assertEquals(expected, all(of(sequential, RequestOptions.defaults())));
    assertEquals(expected, all(of(ahead, PREFETCH)));
    settle();
    assertEquals(sequential.tokensAsked, ahead.tokensAsked, "the same requests, none past the last page");

    assertEquals(tokens(of(new TenPages(), RequestOptions.defaults())), tokens(of(new TenPages(), PREFETCH)));
    try (Stream<Integer> s = of(new TenPages(), PREFETCH).stream()) {
      assertEquals(expected, s.collect(Collectors.toList()));
    }
  }

  @Test
  void theNextPageIsFetchedOnAnotherThreadWhileThisOneIsConsumed() throws InterruptedException {
    CountDownLatch secondPageAsked = new CountDownLatch(1);
    TenPages f = new TenPages() {
      @Override
      void beforeAnswering(int page) {
        if (page == 2) {
          secondPageAsked.countDown();
        }
      }
    };
    Iterator<Integer> it = of(f, PREFETCH).iterator();
    assertEquals(1, it.next());
    // Still on page 1: page 2 is being fetched in the background meanwhile.
    assertTrue(secondPageAsked.await(5, TimeUnit.SECONDS), "page 2 was not fetched ahead");
    assertNotEquals(Thread.currentThread(), f.threads.get(1));
    assertSame(Thread.currentThread(), f.threads.get(0), "the first page is fetched by the caller");
  }

  @Test
  void prefetchNeverRequestsPastTheLimit() throws InterruptedException {
    TenPages endsOnAPage = new TenPages();
    assertEquals(List.of(1, 2, 3, 4, 5, 6), all(Pager.builder(endsOnAPage).options(PREFETCH).background(background).limit(6).build()));
    settle();
    assertEquals(java.util.Arrays.asList(null, "2"), endsOnAPage.tokensAsked);

    TenPages endsMidPage = new TenPages();
    assertEquals(List.of(1, 2, 3, 4, 5, 6, 7), all(Pager.builder(endsMidPage).options(PREFETCH).background(background).limit(7).build()));
    settle();
    assertEquals(java.util.Arrays.asList(null, "2", "3"), endsMidPage.tokensAsked);
  }

  @Test
  void prefetchWithAClientSideFilterStopsAtTheLimitToo() throws InterruptedException {
    TenPages f = new TenPages();
    Paged<Integer> evens = Pager.builder(f).options(PREFETCH).background(background).limit(3).filter(i -> i % 2 == 0).build();
    assertEquals(List.of(2, 4, 6), all(evens));
    settle();
    assertEquals(java.util.Arrays.asList(null, "2"), f.tokensAsked);
  }

  @Test
  void aPageThatFailsAheadFailsWhereItIsReached() {
    TenPages f = new TenPages() {
      @Override
      void beforeAnswering(int page) {
        if (page == 3) {
          throw FlowRunsException.forStatus(ErrorDetails.builder().vendor(Vendor.FLOWSTACK)
              .operation("listRuns").httpStatus(503).message("unavailable").build());
        }
      }
    };
    List<Integer> seen = new ArrayList<>();
    Iterator<Integer> it = of(f, PREFETCH).iterator();
    ServerException e = assertThrows(ServerException.class, () -> it.forEachRemaining(seen::add));
    assertEquals(List.of(1, 2, 3, 4, 5, 6), seen, "every item before the failed page, in order");
    assertEquals(503, e.httpStatus().getAsInt());
  }

  @Test
  void closingTheStreamCancelsTheFetchInFlight() throws InterruptedException {
    CountDownLatch interrupted = new CountDownLatch(1);
    CountDownLatch started = new CountDownLatch(1);
    TenPages f = new TenPages() {
      @Override
      void beforeAnswering(int page) {
        if (page == 2) {
          started.countDown();
          try {
            Thread.sleep(30_000);
          } catch (InterruptedException e) {
            interrupted.countDown();
            throw new IllegalStateException("cancelled");
          }
        }
      }
    };
    try (Stream<Integer> runs = of(f, PREFETCH).stream()) {
      assertEquals(List.of(1), runs.limit(1).collect(Collectors.toList()));
      assertTrue(started.await(5, TimeUnit.SECONDS), "page 2 was not fetched ahead");
    }
    assertTrue(interrupted.await(5, TimeUnit.SECONDS), "the page fetched ahead was not cancelled");
  }

  @Test
  void anAbandonedIteratorHasItsFetchCancelledOnceCollected() throws InterruptedException {
    CountDownLatch interrupted = new CountDownLatch(1);
    CountDownLatch started = new CountDownLatch(1);
    TenPages f = new TenPages() {
      @Override
      void beforeAnswering(int page) {
        if (page == 2) {
          started.countDown();
          try {
            Thread.sleep(60_000);
          } catch (InterruptedException e) {
            interrupted.countDown();
            throw new IllegalStateException("cancelled");
          }
        }
      }
    };
    takeOneAndDrop(of(f, PREFETCH));
    assertTrue(started.await(5, TimeUnit.SECONDS));
    for (int i = 0; i < 50 && interrupted.getCount() > 0; i++) {
      System.gc();
      interrupted.await(100, TimeUnit.MILLISECONDS);
    }
    assertEquals(0, interrupted.getCount(), "the fetch of an unreachable iterator was not cancelled");
  }

  private void takeOneAndDrop(Paged<Integer> paged) {
    Iterator<Integer> it = paged.iterator();
    assertEquals(1, it.next());
  }

  private List<String> tokens(Paged<Integer> paged) {
    List<String> out = new ArrayList<>();
    paged.pages().forEach(p -> out.add(p.nextToken()));
    return out;
  }

  @Test
  void prefetchThreadsAreTheClientsAndAreGoneAfterClose() throws InterruptedException {
    Iterator<Integer> it = of(new TenPages(), PREFETCH).iterator();
    assertEquals(1, it.next());
    settle();
    assertTrue(prefetchThreads() > 0, "a prefetch thread named after the vendor runs");
    background.close();
    for (int i = 0; i < 50 && prefetchThreads() > 0; i++) {
      Thread.sleep(100);
    }
    assertEquals(0, prefetchThreads(), "prefetch threads outlived close()");
  }

  @Test
  void aConsumerWaitingForAPageFetchedAheadEndsWhenTheClientCloses() throws InterruptedException {
    CountDownLatch started = new CountDownLatch(1);
    TenPages slow = new TenPages() {
      @Override
      void beforeAnswering(int page) {
        if (page == 2) {
          started.countDown();
          try {
            Thread.sleep(60_000);
          } catch (InterruptedException e) {
            throw FlowRunsException.forStatus(ErrorDetails.builder().vendor(Vendor.FLOWSTACK)
                .kind(ErrorDetails.Kind.TRANSPORT).message("client closed").build());
          }
        }
      }
    };
    Iterator<Integer> it = of(slow, PREFETCH).iterator();
    assertEquals(List.of(1, 2, 3), List.of(it.next(), it.next(), it.next()));
    assertTrue(started.await(5, TimeUnit.SECONDS));
    List<Throwable> thrown = Collections.synchronizedList(new ArrayList<>());
    Thread consumer = new Thread(() -> {
      try {
        it.next();
      } catch (Throwable t) {
        thrown.add(t);
      }
    });
    consumer.start();
    Thread.sleep(100);
    background.close();
    consumer.join(5_000);
    assertFalse(consumer.isAlive(), "the consumer was stranded by close()");
    assertTrue(thrown.get(0) instanceof io.github.flowruns.TransportException, thrown.toString());
  }

  @Test
  void withoutABackgroundEveryPageIsFetchedByTheConsumer() {
    TenPages f = new TenPages();
    all(Pager.of(f, PREFETCH));
    f.threads.forEach(t -> assertSame(Thread.currentThread(), t));
  }

  private static long prefetchThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith("flowruns-flowstack-prefetch-") && t.isAlive()).count();
  }
}
