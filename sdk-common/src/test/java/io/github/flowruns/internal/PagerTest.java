package io.github.flowruns.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.flowruns.Page;
import io.github.flowruns.Paged;
import io.github.flowruns.ResponseParseException;
import io.github.flowruns.http.RequestOptions;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PagerTest {

  /** Pages keyed by 1-based page number, as Patchworks pages: "1" -> [..], "2" -> [..]. */
  static final class NumberedFetcher implements PageFetcher<Integer> {
    final List<List<Integer>> pages;
    final List<String> tokensAsked = new ArrayList<>();
    final List<RequestOptions> optionsSeen = new ArrayList<>();

    NumberedFetcher(List<List<Integer>> pages) {
      this.pages = pages;
    }

    @Override
    public Page<Integer> fetch(String token, RequestOptions options) {
      tokensAsked.add(token);
      optionsSeen.add(options);
      int page = token == null ? 1 : Integer.parseInt(token);
      List<Integer> items = page <= pages.size() ? pages.get(page - 1) : List.of();
      return Page.of(items, page < pages.size() ? String.valueOf(page + 1) : null);
    }
  }

  // Four pages: full, empty, full, short (the last).
  static List<List<Integer>> fourPages() {
    return List.of(List.of(1, 2, 3), List.of(), List.of(4, 5, 6), List.of(7));
  }

  static List<Integer> all(Iterable<Integer> it) {
    List<Integer> out = new ArrayList<>();
    it.forEach(out::add);
    return out;
  }

  @Test
  void iteratesEveryItemAcrossAFullAnEmptyAndAShortPage() {
    NumberedFetcher f = new NumberedFetcher(fourPages());
    assertEquals(List.of(1, 2, 3, 4, 5, 6, 7), all(Pager.of(f, RequestOptions.defaults())));
    assertEquals(java.util.Arrays.asList(null, "2", "3", "4"), f.tokensAsked);
  }

  @Test
  void fetchesNothingUntilTheConsumerAsks() {
    NumberedFetcher f = new NumberedFetcher(fourPages());
    Paged<Integer> paged = Pager.of(f, RequestOptions.defaults());
    Iterator<Integer> it = paged.iterator();
    assertEquals(0, f.tokensAsked.size());
    it.next();
    it.next();
    it.next();
    assertEquals(1, f.tokensAsked.size());
  }

  @Test
  void theOptionsReachEveryPage() {
    NumberedFetcher f = new NumberedFetcher(fourPages());
    RequestOptions opts = RequestOptions.builder().header("X-A", "1").build();
    all(Pager.of(f, opts));
    assertEquals(4, f.optionsSeen.size());
    f.optionsSeen.forEach(o -> assertSame(opts, o));
  }

  @Test
  void aLimitMidPageStopsWithoutFetchingTheNextPage() {
    NumberedFetcher f = new NumberedFetcher(fourPages());
    Pager<Integer> p = Pager.builder(f).limit(2).build();
    assertEquals(List.of(1, 2), all(p));
    assertEquals(1, f.tokensAsked.size());
  }

  @Test
  void aLimitAtAPageEndDoesNotFetchTheNextPage() {
    NumberedFetcher f = new NumberedFetcher(fourPages());
    assertEquals(List.of(1, 2, 3), all(Pager.builder(f).limit(3).build()));
    assertEquals(1, f.tokensAsked.size());
  }

  @Test
  void aLimitOfZeroFetchesNothing() {
    NumberedFetcher f = new NumberedFetcher(fourPages());
    assertEquals(List.of(), all(Pager.builder(f).limit(0).build()));
    assertEquals(0, f.tokensAsked.size());
  }

  @Test
  void streamConsumesLazily() {
    NumberedFetcher f = new NumberedFetcher(fourPages());
    assertEquals(List.of(1, 2), Pager.of(f, null).stream().limit(2).collect(Collectors.toList()));
    assertEquals(1, f.tokensAsked.size());
  }

  @Test
  void pagesCarryTokensAndTheLastPageHasNone() {
    NumberedFetcher f = new NumberedFetcher(fourPages());
    List<Page<Integer>> pages = new ArrayList<>();
    Pager.of(f, null).pages().forEach(pages::add);
    assertEquals(4, pages.size());
    assertEquals(List.of(), pages.get(1).items());
    assertNotNull(pages.get(2).nextToken());
    assertNull(pages.get(3).nextToken());
  }

  @Test
  void resumingFromEachPageTokenGivesTheRestWithoutLossOrDuplication() {
    NumberedFetcher f = new NumberedFetcher(fourPages());
    Pager<Integer> paged = Pager.of(f, null);
    List<Integer> seen = new ArrayList<>();
    for (Page<Integer> page : paged.pages()) {
      seen.addAll(page.items());
      if (page.nextToken() != null) {
        List<Integer> combined = new ArrayList<>(seen);
        combined.addAll(all(paged.resumeFrom(page.nextToken())));
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7), combined);
      }
    }
  }

  @Test
  void aPageCutShortByTheLimitResumesRightAfterItsLastItem() {
    NumberedFetcher f = new NumberedFetcher(fourPages());
    Pager<Integer> paged = Pager.builder(f).limit(5).build();
    List<Page<Integer>> pages = new ArrayList<>();
    paged.pages().forEach(pages::add);
    Page<Integer> last = pages.get(pages.size() - 1);
    assertEquals(List.of(4, 5), last.items());
    assertNotNull(last.nextToken());
    // the resumed listing counts its own limit: 5 more would be 6, 7
    assertEquals(List.of(6, 7), all(paged.resumeFrom(last.nextToken())));
  }

  @Test
  void chainedLimitedListingsCoverEverythingExactlyOnce() {
    List<List<Integer>> pages = new ArrayList<>();
    for (int p = 0; p < 7; p++) {
      int base = p * 10;
      pages.add(IntStream.range(base, base + (p == 3 ? 0 : p == 6 ? 4 : 10)).boxed()
          .collect(Collectors.toList()));
    }
    NumberedFetcher f = new NumberedFetcher(pages);
    List<Integer> expected = all(Pager.of(f, null));
    List<Integer> got = new ArrayList<>();
    Paged<Integer> current = Pager.builder(f).limit(7).build();
    while (true) {
      String next = null;
      for (Page<Integer> page : current.pages()) {
        got.addAll(page.items());
        next = page.nextToken();
      }
      if (next == null) {
        break;
      }
      current = current.resumeFrom(next);
    }
    assertEquals(expected, got);
  }

  @Test
  void aClientSideFilterKeepsMatchingItemsAndTheLimitCountsOnlyThose() {
    NumberedFetcher f = new NumberedFetcher(fourPages());
    Pager<Integer> evens = Pager.<Integer>builder(f).filter(i -> i % 2 == 0).limit(2).build();
    assertEquals(List.of(2, 4), all(evens));
    assertEquals(3, f.tokensAsked.size());
  }

  @Test
  void aTokenFromElsewhereIsRefused() {
    Pager<Integer> p = Pager.of(new NumberedFetcher(fourPages()), null);
    assertThrows(IllegalArgumentException.class, () -> p.resumeFrom("2"));
    assertThrows(IllegalArgumentException.class, () -> p.resumeFrom("%%%"));
  }

  @Test
  void aVendorRepeatingItsTokenFailsInsteadOfLoopingForever() {
    PageFetcher<Integer> stuck = (token, o) -> Page.of(List.of(1), "same");
    Pager<Integer> p = Pager.of(stuck, null);
    Iterator<Integer> it = p.iterator();
    assertEquals(1, it.next());
    assertEquals(1, it.next(), "the page that repeats the token is delivered; the next is not fetched");
    ResponseParseException e = assertThrows(ResponseParseException.class, it::hasNext);
    assertTrue(e.getMessage().contains("continuation token it had already returned"), e.getMessage());
  }

  @Test
  void eachIterationStartsAgainFromTheFirstPage() {
    NumberedFetcher f = new NumberedFetcher(fourPages());
    Pager<Integer> p = Pager.of(f, null);
    assertEquals(all(p), all(p));
  }

  // --- flow by flow ---

  static final Map<String, List<List<Integer>>> FLOWS = Map.of(
      "a", List.of(List.of(1, 2), List.of(3)),
      "b", List.of(List.of()),
      "c", List.of(List.of(4, 5), List.of(6, 7), List.of(8)));

  static PageFetcher<Integer> flows(List<String> ids, List<String> calls) {
    return Pager.flowByFlow(ids, flowId -> (token, opts) -> {
      calls.add(flowId + ":" + token);
      return new NumberedFetcher(FLOWS.get(flowId)).fetch(token, opts);
    });
  }

  @Test
  void flowByFlowListsEachFlowInTurn() {
    List<String> calls = new ArrayList<>();
    assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8), all(Pager.of(flows(List.of("a", "b", "c"), calls), null)));
    assertEquals(List.of("a:null", "a:2", "b:null", "c:null", "c:2", "c:3"), calls);
  }

  @Test
  void flowByFlowResumesAcrossFlowsWithoutLossOrDuplication() {
    List<String> calls = new ArrayList<>();
    Pager<Integer> paged = Pager.builder(flows(List.of("a", "b", "c"), calls)).limit(100).build();
    List<String> tokens = new ArrayList<>();
    List<List<Integer>> before = new ArrayList<>();
    List<Integer> seen = new ArrayList<>();
    for (Page<Integer> page : paged.pages()) {
      seen.addAll(page.items());
      if (page.nextToken() != null) {
        tokens.add(page.nextToken());
        before.add(new ArrayList<>(seen));
      }
    }
    for (int i = 0; i < tokens.size(); i++) {
      List<Integer> combined = new ArrayList<>(before.get(i));
      combined.addAll(all(paged.resumeFrom(tokens.get(i))));
      assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8), combined, "resuming from page token " + i);
    }
  }

  @Test
  void flowByFlowWithALimitInTheSecondFlowResumesMidFlow() {
    List<String> calls = new ArrayList<>();
    Pager<Integer> paged = Pager.builder(flows(List.of("a", "c"), calls)).limit(4).build();
    String token = null;
    List<Integer> first = new ArrayList<>();
    for (Page<Integer> page : paged.pages()) {
      first.addAll(page.items());
      token = page.nextToken();
    }
    assertEquals(List.of(1, 2, 3, 4), first);
    assertTrue(calls.stream().noneMatch(c -> c.equals("c:2")), calls.toString());
    assertEquals(List.of(5, 6, 7, 8), all(paged.resumeFrom(token)));
  }

  @Test
  void flowByFlowOverNoFlowsIsEmpty() {
    assertEquals(List.of(), all(Pager.of(Pager.flowByFlow(List.<String>of(),
        id -> (t, o) -> { throw new AssertionError(); }), null)));
  }
}
