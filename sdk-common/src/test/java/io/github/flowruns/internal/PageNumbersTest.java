package io.github.flowruns.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.flowruns.Page;
import io.github.flowruns.RunStatus;
import io.github.flowruns.Vendor;
import io.github.flowruns.http.RequestOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** One page-number token, its validation, and the empty pager of a query that matches nothing. */
class PageNumbersTest {
  private static final PageNumbers FROM_ONE = PageNumbers.from(Vendor.PATCHWORKS, 1);
  private static final PageNumbers FROM_ZERO = PageNumbers.from(Vendor.STACKAI, 0);

  @Test
  void theFirstPageIsTheVendorsFirstAndATokenNamesThePageToFetch() {
    assertEquals(1, FROM_ONE.decode(null));
    assertEquals(0, FROM_ZERO.decode(null));
    assertEquals(7, FROM_ONE.decode(FROM_ONE.next(6, true)));
    assertNull(FROM_ZERO.next(6, false), "no more pages: no token");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-1", "x", "1.5", "", "99999999999"})
  void aTokenThatIsNoPageOfTheListingIsRefusedNamingTheVendor(String token) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FROM_ONE.decode(token));
    assertEquals("Not a Patchworks page token: '" + token + "'", e.getMessage());
  }

  @Test
  void pageZeroIsAPageOfAListingCountedFromZero() {
    assertEquals(0, FROM_ZERO.decode("0"));
    assertThrows(IllegalArgumentException.class, () -> FROM_ZERO.decode("-1"));
  }

  @Test
  void aPageSayingMorePagesFollowItsOwnLastPageIsAnError() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> FROM_ONE.next(3, true, 3L, "meta.last_page"));
    assertTrue(e.getMessage().contains("page 3 says more pages follow, but the listing reports 3 pages"),
        e.getMessage());
    assertEquals("3", FROM_ONE.next(2, true, 3L, "meta.last_page"));
    assertNull(FROM_ONE.next(3, false, 3L, "meta.last_page"));
    assertEquals("8", FROM_ONE.next(7, true, null, "meta.last_page"), "no total: no bound");
  }

  @Test
  void aPagerOverPageNumbersResumesFromAnyOfItsTokens() {
    PageFetcher<Integer> fetcher = (token, options) -> {
      int page = FROM_ZERO.decode(token);
      List<Integer> items = IntStream.range(page * 3, Math.min(page * 3 + 3, 8)).boxed().toList();
      return Page.of(items, FROM_ZERO.next(page, items.size() == 3));
    };
    Pager<Integer> pager = Pager.of(fetcher, RequestOptions.defaults());
    List<Integer> all = new ArrayList<>();
    String second = null;
    for (Page<Integer> page : pager.pages()) {
      all.addAll(page.items());
      second = second == null ? page.nextToken() : second;
    }

    assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7), all);
    assertEquals(List.of(3, 4, 5, 6, 7), pager.resumeFrom(second).stream().toList());
  }

  @Test
  void theEmptyPagerHasOneEmptyLastPageAndMakesNoRequest() {
    StatusTable<String> table = StatusTable.<String>builder(v -> v).map(RunStatus.SUCCEEDED, "DONE").build();
    PageFetcher<String> fetcher = table.matchesNothing(List.of(RunStatus.TIMED_OUT))
        ? PageFetcher.empty() : (token, options) -> { throw new AssertionError("a request"); };

    List<Page<String>> pages = new ArrayList<>();
    Pager.builder(fetcher).limit(5).build().pages().forEach(pages::add);

    assertEquals(1, pages.size());
    assertEquals(List.of(), pages.get(0).items());
    assertNull(pages.get(0).nextToken());
  }
}
