package io.github.flowruns.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.function.Function;

/**
 * Watches one iteration of a listing for a vendor that stops making progress, so that a hostile
 * or broken server ends the listing with an error after a bounded number of requests instead of
 * looping without end. Two signs, each a fact about the server's answers rather than a guess:
 *
 * <ul>
 *   <li><b>A continuation token seen before</b> in this iteration: the listing is in a cycle.
 *       The first {@value #MAX_TRACKED_TOKENS} tokens are remembered as 64-bit digests (at most
 *       1 MiB), so a cycle among them is caught at its first repeated token. Beyond that, Brent's
 *       cycle detection (one token kept) catches any cycle within about three times the length of
 *       the listing so far plus the cycle, so memory stays bounded however long a listing runs.</li>
 *   <li><b>A page whose items are the previous page's items</b> (same identities, same order, not
 *       empty), {@value #MAX_REPEATED_PAGES} times in a row: a page-numbered server that ignores
 *       the page number returns the same page forever. A legitimate listing repeats a whole page
 *       when exactly a page's worth of items was inserted ahead of it between two requests (new
 *       runs, newest first); that happens once, not {@value #MAX_REPEATED_PAGES} times running,
 *       so a single repeat is skipped ({@link #lastPageRepeated()}: its items were all delivered
 *       with the page before) and the listing goes on.</li>
 * </ul>
 *
 * <p>A legitimately long listing is never cut: no count of pages or items is capped here. Not
 * thread-safe; one per iteration.
 *
 * <pre>{@code
 * ListingProgress progress = new ListingProgress(Run::id);
 * String problem = progress.checkItems(page.items());      // then progress.checkToken(page.nextToken())
 * if (problem != null) throw unreadable(problem);
 * }</pre>
 */
final class ListingProgress {
  /** How many token digests are kept for exact cycle detection (8 bytes each, table half full). */
  static final int MAX_TRACKED_TOKENS = 1 << 16;
  /** How many repeats of the previous page in a row end the listing. */
  static final int MAX_REPEATED_PAGES = 3;

  private final Function<Object, ?> identity;
  private final MessageDigest sha256;
  private long[] table = new long[64];
  private int tracked;
  private boolean zeroSeen;
  /** Brent's cycle detection: the token kept, the steps since it was kept, the next checkpoint. */
  private String brentToken;
  private long brentSteps;
  private long brentPower = 1;
  private long pages;
  /** The ids (as text) of the page checked last, {@code previousCount} of them; -1: none. */
  private String[] previousIds;
  private int previousCount = -1;
  /** The array the next page's ids go into. */
  private String[] spareIds;
  private int repeatsInARow;

  @SuppressWarnings("unchecked")
  ListingProgress(Function<?, ?> identity) {
    this.identity = (Function<Object, ?>) identity;
    try {
      this.sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  /**
   * Records the token an iteration starts from (a resumed listing), so a cycle back to it counts.
   *
   * @param token the fetcher's token, or null for the first page
   */
  void start(String token) {
    if (token != null) {
      seen(token);
    }
  }

  /**
   * Checks the items of one fetched page against the page before.
   *
   * @param items the page's items as the fetcher returned them (before any client-side filter)
   * @return null if they differ, else what is wrong, for the exception message
   */
  String checkItems(List<?> items) {
    pages++;
    return repeatedPage(items);
  }

  /**
   * Checks the continuation token a page returned.
   *
   * @param nextToken the fetcher's token for the next page, or null on the last page
   * @return null if it was not seen before in this iteration, else what is wrong
   */
  String checkToken(String nextToken) {
    if (nextToken != null && seen(nextToken)) {
      return "the vendor returned a continuation token it had already returned in this listing"
          + " (a cycle, found after " + pages + " pages)";
    }
    return null;
  }

  private String repeatedPage(List<?> items) {
    if (identity == null || items.isEmpty()) {
      previousCount = -1;
      repeatsInARow = 0;
      return null;
    }
    // The previous page's ids are kept and compared exactly, rather than a digest of them made:
    // SHA-256 over every id took ~3 % of a listing's CPU (FacadeBenchmark, Patchworks), and one
    // page's ids are held by its runs anyway. Two arrays take turns: nothing allocated a page.
    int n = items.size();
    String[] ids = spareIds != null && spareIds.length >= n ? spareIds : new String[n];
    spareIds = ids;
    boolean same = previousCount == n;
    int i = 0;
    for (Object item : items) {
      Object id = identity.apply(item);
      if (id == null) {
        previousCount = -1;            // an item without identity: nothing to compare
        repeatsInARow = 0;
        return null;
      }
      String text = id.toString();
      same = same && text.equals(previousIds[i]);
      ids[i++] = text;
    }
    spareIds = previousIds;
    previousIds = ids;
    previousCount = n;
    repeatsInARow = same ? repeatsInARow + 1 : 0;
    return repeatsInARow >= MAX_REPEATED_PAGES
        ? "the vendor returned the same " + items.size() + " items on " + (repeatsInARow + 1)
            + " pages in a row, up to page " + pages + " (it ignores the page position)"
        : null;
  }

  /**
   * Whether the page last checked repeated the page before it (and did not yet end the listing):
   * its items were all delivered already, so the listing skips them and goes on.
   *
   * @return true for a repeated page
   */
  boolean lastPageRepeated() {
    return repeatsInARow > 0;
  }

  /** Whether the token was seen before; records it either way. */
  private boolean seen(String token) {
    boolean cycle = token.equals(brentToken);
    if (++brentSteps == brentPower) {
      brentToken = token;
      brentPower <<= 1;
      brentSteps = 0;
    }
    if (cycle) {
      return true;
    }
    if (tracked >= MAX_TRACKED_TOKENS) {
      return false;
    }
    sha256.reset();
    byte[] d = sha256.digest(token.getBytes(StandardCharsets.UTF_8));
    long h = 0;
    for (int i = 0; i < 8; i++) {
      h = (h << 8) | (d[i] & 0xff);
    }
    return !add(h);
  }

  /** Adds a digest to the open-addressing table; false if it was there. */
  private boolean add(long h) {
    if (h == 0) {
      if (zeroSeen) {
        return false;
      }
      zeroSeen = true;
      tracked++;
      return true;
    }
    if ((tracked + 1) * 2 > table.length) {
      long[] old = table;
      table = new long[old.length * 2];
      for (long v : old) {
        if (v != 0) {
          insert(table, v);
        }
      }
    }
    if (!insert(table, h)) {
      return false;
    }
    tracked++;
    return true;
  }

  private static boolean insert(long[] t, long h) {
    int mask = t.length - 1;
    int i = (int) (h ^ (h >>> 32)) & mask;
    while (t[i] != 0) {
      if (t[i] == h) {
        return false;
      }
      i = (i + 1) & mask;
    }
    t[i] = h;
    return true;
  }
}
