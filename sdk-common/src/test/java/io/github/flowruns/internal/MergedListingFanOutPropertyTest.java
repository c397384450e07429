package io.github.flowruns.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.flowruns.Page;
import io.github.flowruns.Vendor;
import io.github.flowruns.http.RequestOptions;
import io.github.flowruns.internal.FanOutServer.Item;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The concurrent merge is the sequential merge: over random histories (1 to 60 sources, each
 * with its own page size, times with ties inside and across sources), random merged page sizes,
 * limits, concurrency, prefetch and resume points, read over a loopback server, the fan-out
 * gives the same runs in the same order as one-at-a-time and as a plain sort, makes the same
 * requests, and with a limit each source fetches only the pages the limit's runs need.
 */
class MergedListingFanOutPropertyTest {
  private static final int SEEDS = 45;

  private final MergedListing.Threads threads = new MergedListing.Threads(Vendor.FLOWSTACK);
  private final Pager.Background background = new Pager.Background(Vendor.FLOWSTACK);

  @AfterEach
  void close() {
    threads.close();
    background.close();
  }

  /** One random case: the histories and how they are read. */
  private static final class Case {
    final List<List<Item>> histories = new ArrayList<>();
    final int[] pageSizes;
    final int mergedPageSize;
    final long limit;
    final int concurrency;
    final boolean prefetch;
    final Random random;

    Case(long seed) {
      random = new Random(seed);
      int sources = 1 + random.nextInt(60);
      pageSizes = new int[sources];
      // Few distinct times, so that ties inside a source and across sources are common.
      int times = 1 + random.nextInt(40);
      for (int s = 0; s < sources; s++) {
        int size = random.nextInt(random.nextInt(4) == 0 ? 30 : 10);
        long[] at = new long[size];
        for (int k = 0; k < size; k++) {
          at[k] = random.nextInt(times);
        }
        Arrays.sort(at);
        List<Item> history = new ArrayList<>(size);
        for (int k = size - 1; k >= 0; k--) {
          Item item = new Item();
          item.id = "s" + s + "-" + history.size();
          item.at = at[k];
          item.source = s;
          history.add(item);
        }
        histories.add(history);
        pageSizes[s] = 1 + random.nextInt(6);
      }
      mergedPageSize = 1 + random.nextInt(30);
      int total = histories.stream().mapToInt(List::size).sum();
      limit = random.nextInt(4) == 0 ? Long.MAX_VALUE : random.nextInt(total + 5);
      concurrency = 2 + random.nextInt(19);
      prefetch = random.nextBoolean();
    }

    /** Every item, newest first, ties to the source listed first, then in the source's order. */
    List<String> all() {
      List<Item> all = new ArrayList<>();
      histories.forEach(all::addAll);
      all.sort(Comparator.comparingLong((Item i) -> -i.at).thenComparingInt(i -> i.source)
          .thenComparingInt(i -> Integer.parseInt(i.id.substring(i.id.indexOf('-') + 1))));
      return all.stream().map(i -> i.id).collect(Collectors.toList());
    }

    /** The first {@code limit} of {@link #all()}. */
    List<String> sorted() {
      return all().stream().limit(limit).collect(Collectors.toList());
    }

    /**
     * The requests each source must make for the first {@code limit} items: the pages up to the
     * item after its last one taken (the merge compares every source's head), except the source
     * of the very last item, whose next head is never compared; every page when nothing is cut.
     */
    int[] fewestRequests() {
      int[] pages = new int[histories.size()];
      for (int s = 0; s < pages.length; s++) {
        pages[s] = Math.max(1, ceil(histories.get(s).size(), pageSizes[s]));
      }
      int total = histories.stream().mapToInt(List::size).sum();
      if (limit == 0) {
        return new int[pages.length];
      }
      if (limit >= total) {
        return pages;
      }
      List<String> taken = sorted();
      int[] counts = new int[pages.length];
      for (String id : taken) {
        counts[source(id)]++;
      }
      int last = source(taken.get(taken.size() - 1));
      int[] fewest = new int[pages.length];
      for (int s = 0; s < pages.length; s++) {
        fewest[s] = s == last ? ceil(counts[s], pageSizes[s])
            : Math.min(pages[s], counts[s] / pageSizes[s] + 1);
      }
      return fewest;
    }

    private static int source(String id) {
      return Integer.parseInt(id.substring(1, id.indexOf('-')));
    }

    private static int ceil(int a, int b) {
      return (a + b - 1) / b;
    }
  }

  private Pager<Item> pager(FanOutServer server, Case c, boolean concurrent) {
    MergedListing<Item> merged = concurrent
        ? server.merged(c.mergedPageSize, threads, c.concurrency)
        : server.merged(c.mergedPageSize, null, 1);
    return Pager.builder(merged).vendor(Vendor.FLOWSTACK).operation("listRuns")
        .identity(i -> i.id).limit(c.limit).background(background)
        .options(RequestOptions.builder().prefetch(c.prefetch).build()).build();
  }

  private static List<String> ids(Iterable<Item> items) {
    List<String> out = new ArrayList<>();
    items.forEach(i -> out.add(i.id));
    return out;
  }

  @Test
  void theConcurrentMergeListsAndRequestsExactlyWhatTheSequentialMergeDoes() throws Exception {
    for (long seed = 1; seed <= SEEDS; seed++) {
      Case c = new Case(seed);
      try (FanOutServer server = new FanOutServer(c.histories, c.pageSizes)) {
        String at = "seed " + seed + " (" + c.histories.size() + " sources, merged page "
            + c.mergedPageSize + ", limit " + c.limit + ", concurrency " + c.concurrency
            + ", prefetch " + c.prefetch + ")";
        List<String> sequential = ids(pager(server, c, false));
        int[] sequentialRequests = server.takeCounts();
        List<String> concurrent = ids(pager(server, c, true));
        int[] concurrentRequests = server.takeCounts();

        assertEquals(c.sorted(), sequential, at);
        assertEquals(sequential, concurrent, at);
        assertArrayEquals(sequentialRequests, concurrentRequests, at);
        if (c.limit != Long.MAX_VALUE) {
          assertArrayEquals(c.fewestRequests(), concurrentRequests, at);
        }
      }
    }
  }

  @Test
  void aTokenFromAnyPageResumesTheWholeMergeInAnotherListing() throws Exception {
    for (long seed = 1; seed <= SEEDS; seed++) {
      Case c = new Case(seed + 1000);
      try (FanOutServer server = new FanOutServer(c.histories, c.pageSizes)) {
        String at = "seed " + (seed + 1000);
        // Stop after a random number of pages, as a process that saved its token would.
        List<String> before = new ArrayList<>();
        String token = null;
        int stopAfter = 1 + c.random.nextInt(6);
        Iterator<Page<Item>> pages = pager(server, c, true).pages().iterator();
        for (int p = 0; p < stopAfter && pages.hasNext(); p++) {
          Page<Item> page = pages.next();
          page.items().forEach(i -> before.add(i.id));
          token = page.nextToken();
        }
        if (token == null) {
          assertEquals(c.sorted(), before, at);
          continue;
        }
        // Resumed by a fresh listing (nothing handed over in memory), concurrent and sequential.
        List<String> concurrentRest = ids(pager(server, c, true).resumeFrom(token));
        List<String> sequentialRest = ids(pager(server, c, false).resumeFrom(token));
        assertEquals(sequentialRest, concurrentRest, at);
        List<String> joined = new ArrayList<>(before);
        joined.addAll(concurrentRest);
        // The resumed listing counts its limit again from the resume point.
        List<String> all = c.all();
        long rest = Math.min(c.limit, all.size() - before.size());
        assertEquals(all.subList(0, (int) (before.size() + rest)), joined, at);
      }
    }
  }
}
