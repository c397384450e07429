package io.github.flowruns.internal;

import io.github.flowruns.Vendor;

/**
 * Page-number paging as continuation tokens: a token is the decimal number of the page to fetch
 * next, counted from the vendor's first page (1 for Laravel, 0 for FastAPI). A token that is not
 * such a number is refused with an {@link IllegalArgumentException} naming the vendor, before
 * any request. Immutable. Not API.
 *
 * <pre>{@code
 * static final PageNumbers PAGES = PageNumbers.from(Vendor.PATCHWORKS, 1);
 * PageFetcher<Run> fetcher = (token, opts) -> {
 *   int page = PAGES.decode(token);                       // 1 for the first page
 *   ...
 *   return Page.of(runs, PAGES.next(page, current < lastPage, lastPage, "meta.last_page"));
 * };
 * }</pre>
 */
public final class PageNumbers {
  private final Vendor vendor;
  private final int first;

  private PageNumbers(Vendor vendor, int first) {
    this.vendor = vendor;
    this.first = first;
  }

  /**
   * Page numbers of a vendor's listing.
   *
   * @param vendor the vendor, for messages
   * @param first the number of the first page, 0 or 1
   * @return the page numbers
   */
  public static PageNumbers from(Vendor vendor, int first) {
    return new PageNumbers(vendor, first);
  }

  /**
   * The page a token names.
   *
   * @param token null for the first page, else a token of {@link #next}
   * @return the page number, at least the first page's
   * @throws IllegalArgumentException if the token is not a page number of this listing
   */
  public int decode(String token) {
    if (token == null) {
      return first;
    }
    try {
      int page = Integer.parseInt(token);
      if (page >= first) {
        return page;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw new IllegalArgumentException("Not a " + (vendor == null ? "" : vendor.displayName() + " ")
        + "page token: '" + token + "'");
  }

  /**
   * The token of the page after {@code page} of a listing that ends on a short page (or an empty
   * one): null when the vendor says no more follow.
   *
   * <pre>{@code String next = PAGES.next(page, body.size() >= pageSize);}</pre>
   *
   * @param page the number of the page just read
   * @param vendorSaysMore whether another page follows
   * @return the next page's token, or null after the last page
   */
  public String next(long page, boolean vendorSaysMore) {
    return next(page, vendorSaysMore, null, null);
  }

  /**
   * The token of the page after page {@code page} of a listing whose answers report their own
   * number of pages, or null after the last page. An answer that says more pages follow although
   * {@code page} is already its own reported last page (or past it) contradicts itself: followed,
   * it could run without end, so the listing ends with an error instead (the adapter's transport
   * reports it as a {@link io.github.flowruns.ResponseParseException}). A listing that grows while
   * it is read is not cut: each answer reports the number of pages as it is then.
   *
   * <pre>{@code
   * String next = PAGES.next(page, current < lastPage, lastPage, "meta.last_page");
   * }</pre>
   *
   * @param page the number of the page just read, as sent in its request
   * @param vendorSaysMore whether the answer says another page follows
   * @param reportedLastPage the last page number the answer reports, or null if it reports none
   * @param source where the answer reports it, for the message (e.g. {@code meta.last_page})
   * @return the next page number as a token, or null after the last page
   * @throws IllegalStateException if the answer says more pages follow its own last page
   */
  public String next(long page, boolean vendorSaysMore, Long reportedLastPage, String source) {
    if (!vendorSaysMore) {
      return null;
    }
    if (reportedLastPage != null && page >= reportedLastPage) {
      throw new IllegalStateException("page " + page + " says more pages follow, but the listing"
          + " reports " + reportedLastPage + " pages in all (" + source + ")");
    }
    return Long.toString(page + 1);
  }
}
