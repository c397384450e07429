package io.github.flowruns.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.flowruns.Page;
import io.github.flowruns.Paged;
import io.github.flowruns.http.RequestOptions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The k-way merge of page listings: every item once, in order, lazily, resumable anywhere. The
 * sources here are in-memory listings (page number tokens), not HTTP: what is under test is the
 * merge; the vendor tests run it against loopback servers.
 */
class MergedPageFetcherTest {
  private static final Comparator<Integer> NEWEST_FIRST = Comparator.reverseOrder();

  /** A listing of {@code items} (already newest first), {@code size} a page, counting fetches. */
  private static PageFetcher<Integer> listing(List<Integer> items, int size, AtomicInteger fetches) {
    return (token, options) -> {
      fetches.incrementAndGet();
      int page = token == null ? 0 : Integer.parseInt(token);
      int from = Math.min(items.size(), page * size);
      int to = Math.min(items.size(), from + size);
      return Page.of(items.subList(from, to), to < items.size() ? Integer.toString(page + 1) : null);
    };
  }

  private final AtomicInteger fetches = new AtomicInteger();
  private final List<PageFetcher<Integer>> sources = List.of(
      listing(List.of(30, 29, 20, 11, 10, 2), 2, fetches),
      listing(List.of(28, 27, 26, 25, 5, 4, 3), 3, fetches),
      listing(List.of(), 4, fetches),
      listing(List.of(31, 1), 1, fetches));

  @Test
  void mergesSortedListingsIntoOneSortedListingWithEveryItemOnce() {
    Paged<Integer> merged = Pager.of(MergedPageFetcher.of(sources, NEWEST_FIRST), RequestOptions.defaults());

    List<Integer> all = new ArrayList<>();
    merged.forEach(all::add);

    List<Integer> expected = new ArrayList<>(List.of(30, 29, 20, 11, 10, 2, 28, 27, 26, 25, 5, 4, 3, 31, 1));
    expected.sort(NEWEST_FIRST);
    assertEquals(expected, all);
    // 3 + 3 + 1 + 2 source pages; a partly used page is kept for the next merged page, not refetched.
    assertEquals(9, fetches.get(), "each source page fetched once");
  }

  @Test
  void resumingFromAnyMergedTokenGivesExactlyTheRest() {
    Paged<Integer> merged = Pager.of(MergedPageFetcher.of(sources, NEWEST_FIRST), RequestOptions.defaults());
    List<Integer> all = merged.stream().toList();

    List<Integer> seen = new ArrayList<>();
    for (Page<Integer> page : merged.pages()) {
      seen.addAll(page.items());
      if (page.nextToken() != null) {
        // A fresh fetcher, as in another process: nothing kept over.
        Paged<Integer> fresh = Pager.of(MergedPageFetcher.of(sources, NEWEST_FIRST), RequestOptions.defaults());
        List<Integer> rest = fresh.resumeFrom(page.nextToken()).stream().toList();
        List<Integer> joined = new ArrayList<>(seen);
        joined.addAll(rest);
        assertEquals(all, joined, "resumed after " + seen);
      }
    }
    assertEquals(all, seen);
  }

  @Test
  void aLimitFetchesNoMoreThanTheMergeNeeds() {
    Paged<Integer> merged = Pager.builder(MergedPageFetcher.of(sources, NEWEST_FIRST)).limit(2).build();

    assertEquals(List.of(31, 30), merged.stream().toList());
    // The first merged page (3 items, the largest source page) needs the first page of each
    // listing and the second of the one-item listing; nothing past it is fetched.
    assertEquals(5, fetches.get());
  }

  @Test
  void oneListingIsReturnedAsItIs() {
    PageFetcher<Integer> only = sources.get(0);
    assertSame(only, MergedPageFetcher.of(List.of(only), NEWEST_FIRST));
  }

  @Test
  void aTokenOfAnotherListingIsRefused() {
    PageFetcher<Integer> merged = MergedPageFetcher.of(sources, NEWEST_FIRST);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> merged.fetch("bm90LW91cnM", RequestOptions.defaults()));
    assertTrue(e.getMessage().contains("merged listing"), e.getMessage());
  }
}
