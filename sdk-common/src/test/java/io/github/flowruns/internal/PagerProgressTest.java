package io.github.flowruns.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.flowruns.Page;
import io.github.flowruns.Paged;
import io.github.flowruns.ResponseParseException;
import io.github.flowruns.http.RequestOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A listing makes progress or ends with a {@link ResponseParseException} after a bounded number
 * of fetches: tokens that cycle (of any length, also past the tokens remembered exactly), pages
 * that repeat the page before, and pages past the total the vendor reports. The vendor modules
 * hold the same against loopback servers; this holds the shared logic on its own.
 */
class PagerProgressTest {

  /** A fetcher over a fixed map: token -> (items, next token); counts its fetches. */
  private static PageFetcher<String> graph(Map<String, Page<String>> pages, AtomicInteger fetches) {
    return (token, options) -> {
      fetches.incrementAndGet();
      return pages.get(token == null ? "" : token);
    };
  }

  private static <T> List<T> drain(Paged<T> paged) {
    List<T> out = new ArrayList<>();
    paged.forEach(out::add);
    return out;
  }

  @Test
  void aThreeCycleOfCursorsEndsAfterOneLap() {
    AtomicInteger fetches = new AtomicInteger();
    PageFetcher<String> cycle = graph(Map.of(
        "", Page.of(List.of("r1"), "A"),
        "A", Page.of(List.of("r2"), "B"),
        "B", Page.of(List.of("r3"), "C"),
        "C", Page.of(List.of("r4"), "A")), fetches);
    Paged<String> runs = Pager.builder(cycle).identity(Function.identity()).build();
    ResponseParseException e = assertThrows(ResponseParseException.class, () -> drain(runs));
    assertTrue(e.getMessage().contains("already returned"), e.getMessage());
    assertEquals(4, fetches.get(), "the first page, A, B, C: C's token A was seen");
  }

  @Test
  void aCycleBackToTheTokenAResumedListingStartedFromIsFound() {
    AtomicInteger fetches = new AtomicInteger();
    PageFetcher<String> cycle = graph(Map.of(
        "A", Page.of(List.of("r2"), "B"),
        "B", Page.of(List.of("r3"), "A")), fetches);
    Pager<String> pager = Pager.builder(cycle).build();
    String resumeAtA = new ArrayList<Page<String>>() {{
        // a token of this listing pointing at "A", made the way the pager makes them
        Pager.builder((PageFetcher<String>) (t, o) -> Page.of(List.of("x"), "A")).limit(1).build()
            .pages().forEach(this::add);
      }}.get(0).nextToken();
    assertThrows(ResponseParseException.class, () -> drain(pager.resumeFrom(resumeAtA)));
    assertEquals(2, fetches.get());
  }

  @Test
  void aCycleBeyondTheExactlyRememberedTokensIsStillFoundWithBoundedFetches() {
    int tail = ListingProgress.MAX_TRACKED_TOKENS + 5_000;
    AtomicInteger fetches = new AtomicInteger();
    PageFetcher<Integer> longCycle = (token, options) -> {
      fetches.incrementAndGet();
      int i = token == null ? 0 : Integer.parseInt(token);
      int next = i == tail ? tail - 10 : i + 1;     // a cycle of 11 tokens after a long tail
      return Page.of(List.of(i), Integer.toString(next));
    };
    assertThrows(ResponseParseException.class, () -> drain(Pager.builder(longCycle).build()));
    assertTrue(fetches.get() <= 4 * tail, "fetches " + fetches.get());
  }

  @Test
  void aPageRepeatedThreeTimesInARowEndsTheListingOnTheFourthFetch() {
    AtomicInteger fetches = new AtomicInteger();
    PageFetcher<String> ignoresPage = (token, options) -> {
      int page = token == null ? 0 : Integer.parseInt(token);
      fetches.incrementAndGet();
      return Page.of(List.of("a", "b", "c"), Integer.toString(page + 1));
    };
    ResponseParseException e = assertThrows(ResponseParseException.class,
        () -> drain(Pager.builder(ignoresPage).identity(Function.identity()).build()));
    assertTrue(e.getMessage().contains("same 3 items on 4 pages in a row"), e.getMessage());
    assertEquals(1 + ListingProgress.MAX_REPEATED_PAGES, fetches.get());
  }

  @Test
  void aPageRepeatedOnceBecauseNewItemsShiftedThePagesIsSkippedAndNothingIsLost() {
    // Newest first, 2 a page: after page 1 ([6, 5]) two new items (8, 7) arrive, so page 2 is
    // [6, 5] again; the listing skips it and goes on to [4, 3], [2, 1].
    List<List<Integer>> pages = List.of(List.of(6, 5), List.of(6, 5), List.of(4, 3), List.of(2, 1));
    PageFetcher<Integer> shifting = (token, options) -> {
      int page = token == null ? 0 : Integer.parseInt(token);
      return Page.of(pages.get(page), page + 1 < pages.size() ? Integer.toString(page + 1) : null);
    };
    List<Integer> items = new ArrayList<>();
    Pager.builder(shifting).identity(Function.identity()).build().forEach(items::add);
    assertEquals(List.of(6, 5, 4, 3, 2, 1), items);
  }

  @Test
  void repeatedPagesAreNotComparedWithoutAnIdentity() {
    PageFetcher<String> ignoresPage = (token, options) -> {
      int page = token == null ? 0 : Integer.parseInt(token);
      return Page.of(List.of("a"), page < 4 ? Integer.toString(page + 1) : null);
    };
    assertEquals(5, drain(Pager.builder(ignoresPage).build()).size());
  }

  @Test
  void aMillionRunsInTenThousandPagesAreListedInFull() {
    PageFetcher<Integer> big = (token, options) -> {
      int page = token == null ? 0 : Integer.parseInt(token);
      List<Integer> items = IntStream.range(page * 100, page * 100 + 100).boxed().toList();
      return Page.of(items, page < 9_999 ? Integer.toString(page + 1) : null);
    };
    long[] count = {0};
    Pager.builder(big).identity(Function.identity()).options(RequestOptions.defaults()).build()
        .forEach(i -> count[0]++);
    assertEquals(1_000_000, count[0]);
  }
}
