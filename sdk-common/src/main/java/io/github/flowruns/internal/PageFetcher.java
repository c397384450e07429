package io.github.flowruns.internal;

import io.github.flowruns.Page;
import io.github.flowruns.http.RequestOptions;
import java.util.List;

/**
 * Fetches one page of a vendor listing. The token is the fetcher's own: null for the first page,
 * then whatever it put in {@link Page#nextToken()} (a page number, a cursor). A fetcher must return
 * the same page for the same token as long as the data does not change. Not API.
 *
 * <pre>{@code
 * PageFetcher<Run> fetcher = (token, options) -> {
 *   int page = token == null ? 1 : Integer.parseInt(token);
 *   ListRunsResponse r = transport.execute("listRuns", request(page), ListRunsResponse.class, options);
 *   return Page.of(map(r.getData()), page < r.getMeta().getLastPage() ? String.valueOf(page + 1) : null);
 * };
 * }</pre>
 *
 * @param <T> the item type
 */
@FunctionalInterface
public interface PageFetcher<T> {

  /**
   * @param token null for the first page, else a token this fetcher returned
   * @param options the call's options, for every request
   * @return the page; its token is null on the last page
   */
  Page<T> fetch(String token, RequestOptions options);

  /**
   * As {@link #fetch(String, RequestOptions)}, told how many of the page's items the caller can
   * use at most, so that a fetcher whose page size is its own choice (a {@link MergedListing})
   * makes no request for items past a limit. A {@link Pager} without a client-side filter passes
   * its remaining limit plus the items it skips; any other caller {@link Long#MAX_VALUE}. The
   * page may hold more items (the caller ignores them) or fewer. The default ignores the hint.
   *
   * <pre>{@code Page<Run> page = fetcher.fetch(token, options, remaining + skip);}</pre>
   *
   * @param token null for the first page, else a token this fetcher returned
   * @param options the call's options, for every request
   * @param wanted the most items the caller uses, at least 1
   * @return the page; its token is null on the last page
   */
  default Page<T> fetch(String token, RequestOptions options, long wanted) {
    return fetch(token, options);
  }

  /**
   * The listing of a query that can match nothing (a tag filter at a vendor whose runs have no
   * tags, a status the vendor never reports): one empty last page, without a request. Built into
   * a {@link Pager} like any fetcher, so limits, options and tokens behave as for any listing.
   *
   * <pre>{@code PageFetcher<Run> fetcher = STATUSES.matchesNothing(query.statuses()) ? PageFetcher.empty() : ...;}</pre>
   *
   * @param <T> the item type
   * @return a fetcher whose every page is empty and last
   */
  static <T> PageFetcher<T> empty() {
    return (token, options) -> Page.of(List.of(), null);
  }
}
