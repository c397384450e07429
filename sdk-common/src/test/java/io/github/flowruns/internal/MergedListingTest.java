package io.github.flowruns.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.flowruns.Page;
import io.github.flowruns.http.RequestOptions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The k-way merge on its own, over in-memory listings (the merge makes no request of its own; the
 * vendor tests run it over loopback servers).
 */
class MergedListingTest {
  /** Three sources, each newest (largest) first, paged by two: "0" -> items 0..1, "2" -> 2..3. */
  private static final Map<String, List<Integer>> SOURCES = Map.of(
      "a", List.of(90, 70, 50, 30, 10),
      "b", List.of(80, 60),
      "c", List.of(95, 85, 75, 5));

  private final List<String> fetched = new ArrayList<>();
  private final AtomicInteger discoveries = new AtomicInteger();

  private PageFetcher<Integer> source(String key) {
    return (token, options) -> {
      fetched.add(key + "@" + token);
      List<Integer> items = SOURCES.get(key);
      int from = token == null ? 0 : Integer.parseInt(token);
      int to = Math.min(items.size(), from + 2);
      return Page.of(items.subList(from, to), to < items.size() ? String.valueOf(to) : null);
    };
  }

  private MergedListing<Integer> merged(int pageSize) {
    return MergedListing.<Integer>builder(opts -> {
      discoveries.incrementAndGet();
      return List.of("a", "b", "c");
    }, this::source).order(Comparator.reverseOrder()).pageSize(pageSize).build();
  }

  private static List<Integer> all(Iterable<Integer> it) {
    List<Integer> out = new ArrayList<>();
    it.forEach(out::add);
    return out;
  }

  @Test
  void mergesSortedSourcesIntoOneNewestFirstListing() {
    List<Integer> items = all(Pager.of(merged(3), RequestOptions.defaults()));
    assertEquals(List.of(95, 90, 85, 80, 75, 70, 60, 50, 30, 10, 5), items);
    assertEquals(1, discoveries.get());
  }

  @Test
  void fetchesEachSourcePageOnceWithinOneIteration() {
    all(Pager.of(merged(3), RequestOptions.defaults()));
    // a has 3 pages, b 1, c 2: six fetches, none repeated.
    assertEquals(6, fetched.size(), fetched.toString());
    assertEquals(6, fetched.stream().distinct().count());
  }

  @Test
  void resumesFromEveryTokenWithTheRestOfTheListing() {
    MergedListing<Integer> listing = merged(4);
    List<Integer> whole = all(Pager.of(listing, RequestOptions.defaults()));
    String token = null;
    int consumed = 0;
    do {
      Page<Integer> page = listing.fetch(token, RequestOptions.defaults());
      consumed += page.items().size();
      token = page.nextToken();
      if (token != null) {
        // A fresh merge (another process) resumes from the stored token.
        List<Integer> fromHere = new ArrayList<>();
        String t = token;
        MergedListing<Integer> other = merged(4);
        while (t != null) {
          Page<Integer> p = other.fetch(t, RequestOptions.defaults());
          fromHere.addAll(p.items());
          t = p.nextToken();
        }
        assertEquals(whole.subList(consumed, whole.size()), fromHere);
      }
    } while (token != null);
    assertEquals(whole.size(), consumed);
  }

  @Test
  void resumesThroughThePagersOwnTokens() {
    List<Integer> whole = all(Pager.of(merged(3), RequestOptions.defaults()));
    String second = Pager.of(merged(3), RequestOptions.defaults()).pages().iterator().next().nextToken();
    assertEquals(whole.subList(3, whole.size()),
        all(Pager.of(merged(3), RequestOptions.defaults()).resumeFrom(second)));
  }

  @Test
  void noSourcesIsOneEmptyLastPage() {
    MergedListing<Integer> none = MergedListing.<Integer>builder(opts -> List.of(), this::source)
        .order(Comparator.reverseOrder()).build();
    Page<Integer> page = none.fetch(null, RequestOptions.defaults());
    assertEquals(List.of(), page.items());
    assertNull(page.nextToken());
  }

  @Test
  void refusesATokenItDidNotMake() {
    assertThrows(IllegalArgumentException.class,
        () -> merged(3).fetch("bm90LW91cnM", RequestOptions.defaults()));
  }

  @Test
  void aSourceThatAnswersTheSamePageForeverEndsTheListingWithAParseError() {
    // A server that ignores its page parameter: source "x" answers [3, 2] whatever the token.
    AtomicInteger requests = new AtomicInteger();
    PageFetcher<Integer> ignoresPage = (token, options) -> {
      requests.incrementAndGet();
      int next = token == null ? 1 : Integer.parseInt(token) + 1;
      return Page.of(List.of(3, 2), String.valueOf(next));
    };
    MergedListing<Integer> listing = MergedListing.<Integer>builder(
            opts -> List.of("a", "x"), key -> key.equals("x") ? ignoresPage : source(key))
        .order(Comparator.reverseOrder()).identity(i -> i).pageSize(2).build();
    assertThrows(io.github.flowruns.ResponseParseException.class,
        () -> all(Pager.of(listing, RequestOptions.defaults())));
    assertEquals(1 + ListingProgress.MAX_REPEATED_PAGES, requests.get(),
        "the first page and its repeats, then the listing ends");
  }

  @Test
  void aSourceWhoseTokensCycleEndsTheListingWithAParseError() {
    AtomicInteger requests = new AtomicInteger();
    PageFetcher<Integer> cycles = (token, options) -> {
      requests.incrementAndGet();
      int at = token == null ? 0 : Integer.parseInt(token);
      return Page.of(List.of(100 - at), String.valueOf((at + 1) % 3));  // 0 -> 1 -> 2 -> 0
    };
    MergedListing<Integer> listing = MergedListing.<Integer>builder(
            opts -> List.of("x"), key -> cycles)
        .order(Comparator.reverseOrder()).identity(i -> i).pageSize(1).build();
    assertThrows(io.github.flowruns.ResponseParseException.class,
        () -> all(Pager.of(listing, RequestOptions.defaults())));
    // First page (no token), then "1", "2", "0"; "1" comes back and ends it: no page twice.
    assertEquals(4, requests.get());
  }
}
