package io.github.flowruns.internal;

import io.github.flowruns.Page;
import io.github.flowruns.http.RequestOptions;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A k-way merge of several listings, each already in the same order, into one listing in that
 * order: for a vendor that takes one value per filter (one status, one flow), the SDK lists each
 * value on its own and merges them, newest first. Every item of every source comes out once, in
 * {@code order} (items that compare equal keep source order). Pages are fetched only as the merge
 * needs them; a merged page holds about as many items as the largest source page. Not API.
 *
 * <p>The continuation token records, for each source, the token of the page it is in and how many
 * of that page's items are already out, so it resumes anywhere, in another process too. A source
 * page only partly consumed is kept (one per source, taken once) for the next merged page of the
 * same listing, so a source page is normally fetched once; a resumed or repeated listing fetches
 * it again.
 *
 * <pre>{@code
 * PageFetcher<Run> merged = MergedPageFetcher.of(
 *     List.of(fetcherFor("3"), fetcherFor("5")),            // filter[status]=3, filter[status]=5
 *     Comparator.comparing(Run::startedAt).reversed());     // each source is newest first
 * Paged<Run> runs = Pager.builder(merged).options(options).build();
 * }</pre>
 *
 * @param <T> the item type
 */
public final class MergedPageFetcher<T> implements PageFetcher<T> {
  private static final String PREFIX = "m1:";

  private final List<PageFetcher<T>> sources;
  private final Comparator<? super T> order;
  /** Per source: the page last left partly consumed, and the token it was fetched with. */
  private final Map<Integer, Leftover<T>> leftovers = new HashMap<>();

  private record Leftover<T>(String token, Page<T> page) {}

  /** Where one source stands: its current page's token and how many of its items are out. */
  private static final class Cursor<T> {
    boolean done;
    String token;
    int offset;
    Page<T> page;
  }

  private MergedPageFetcher(List<PageFetcher<T>> sources, Comparator<? super T> order) {
    this.sources = sources;
    this.order = order;
  }

  /**
   * Merges listings that are each sorted by {@code order}. With one source, that source is
   * returned as it is (its tokens unchanged).
   *
   * <pre>{@code PageFetcher<Run> all = MergedPageFetcher.of(perStatus, NEWEST_FIRST);}</pre>
   *
   * @param sources the listings, at least one
   * @param order the order every source is in, and the merged listing will be in
   * @param <T> the item type
   * @return the merged fetcher
   * @throws IllegalArgumentException if there is no source
   */
  public static <T> PageFetcher<T> of(List<? extends PageFetcher<T>> sources,
      Comparator<? super T> order) {
    Objects.requireNonNull(order, "order");
    List<PageFetcher<T>> copy = new ArrayList<>(sources.size());
    for (PageFetcher<T> source : sources) {
      copy.add(Objects.requireNonNull(source, "source"));
    }
    if (copy.isEmpty()) {
      throw new IllegalArgumentException("a merge needs at least one listing");
    }
    return copy.size() == 1 ? copy.get(0)
        : new MergedPageFetcher<>(Collections.unmodifiableList(copy), order);
  }

  @Override
  public Page<T> fetch(String token, RequestOptions options) {
    List<Cursor<T>> cursors = decode(token);
    int target = 1;
    for (int i = 0; i < cursors.size(); i++) {
      Cursor<T> c = cursors.get(i);
      load(i, c, options);
      if (!c.done) {
        target = Math.max(target, c.page.items().size());
      }
    }
    List<T> out = new ArrayList<>(target);
    while (out.size() < target) {
      int best = -1;
      for (int i = 0; i < cursors.size(); i++) {
        Cursor<T> c = cursors.get(i);
        if (!c.done && (best < 0
            || order.compare(c.page.items().get(c.offset), head(cursors.get(best))) < 0)) {
          best = i;
        }
      }
      if (best < 0) {
        break;                                   // every source is exhausted
      }
      Cursor<T> c = cursors.get(best);
      out.add(c.page.items().get(c.offset++));
      if (c.offset == c.page.items().size()) {
        // The merge cannot go on without this source's next item: fetch its next page now
        // unless this merged page is full (then the token says where it resumes).
        if (c.page.nextToken() == null) {
          c.done = true;
        } else if (out.size() < target) {
          c.token = c.page.nextToken();
          c.offset = 0;
          c.page = null;
          load(best, c, options);
        }
      }
    }
    return Page.of(out, encode(cursors));
  }

  private T head(Cursor<T> c) {
    return c.page.items().get(c.offset);
  }

  /** Fetches the cursor's page (or takes the one left over), skipping pages with nothing left. */
  private void load(int index, Cursor<T> c, RequestOptions options) {
    while (!c.done) {
      if (c.page == null) {
        c.page = takeLeftover(index, c.token);
        if (c.page == null) {
          c.page = sources.get(index).fetch(c.token, options);
          if (c.page == null) {
            throw new IllegalStateException("the listing returned no page");
          }
        }
      }
      if (c.offset < c.page.items().size()) {
        return;
      }
      if (c.page.nextToken() == null) {
        c.done = true;
      } else if (c.page.nextToken().equals(c.token)) {
        throw new IllegalStateException("a listing returned the same continuation token again");
      } else {
        c.token = c.page.nextToken();
        c.offset = 0;
        c.page = null;
      }
    }
  }

  private Page<T> takeLeftover(int index, String token) {
    synchronized (leftovers) {
      Leftover<T> left = leftovers.get(index);
      if (left != null && Objects.equals(left.token(), token)) {
        leftovers.remove(index);
        return left.page();
      }
      return null;
    }
  }

  private String encode(List<Cursor<T>> cursors) {
    StringBuilder state = new StringBuilder(PREFIX).append(cursors.size());
    boolean more = false;
    for (int i = 0; i < cursors.size(); i++) {
      Cursor<T> c = cursors.get(i);
      if (!c.done && c.page != null && c.offset >= c.page.items().size()) {
        // Full page out and more to come: resume at the next page.
        c.token = c.page.nextToken();
        c.offset = 0;
        c.page = null;
      }
      state.append(';');
      if (c.done) {
        state.append('x');
        continue;
      }
      more = true;
      if (c.page != null) {
        synchronized (leftovers) {
          leftovers.put(i, new Leftover<>(c.token, c.page));
        }
      }
      state.append(c.offset).append(c.token == null ? "-" : "+" + b64(c.token));
    }
    return more ? b64(state.toString()) : null;
  }

  private List<Cursor<T>> decode(String token) {
    List<Cursor<T>> cursors = new ArrayList<>(sources.size());
    if (token == null) {
      for (int i = 0; i < sources.size(); i++) {
        cursors.add(new Cursor<>());
      }
      return cursors;
    }
    String state = unb64(token);
    String[] parts = state.startsWith(PREFIX) ? state.substring(PREFIX.length()).split(";", -1)
        : new String[0];
    if (parts.length != sources.size() + 1 || !parts[0].equals(Integer.toString(sources.size()))) {
      throw notOurs(null);
    }
    for (int i = 1; i < parts.length; i++) {
      Cursor<T> c = new Cursor<>();
      String part = parts[i];
      if (part.equals("x")) {
        c.done = true;
      } else {
        int sign = 0;
        while (sign < part.length() && Character.isDigit(part.charAt(sign))) {
          sign++;
        }
        if (sign == 0 || sign == part.length() || (part.charAt(sign) != '-' && part.charAt(sign) != '+')) {
          throw notOurs(null);
        }
        try {
          c.offset = Integer.parseInt(part.substring(0, sign));
        } catch (NumberFormatException e) {
          throw notOurs(e);
        }
        if (c.offset < 0) {
          throw notOurs(null);
        }
        c.token = part.charAt(sign) == '-' ? null : unb64(part.substring(sign + 1));
      }
      cursors.add(c);
    }
    return cursors;
  }

  private static String b64(String text) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String unb64(String text) {
    try {
      return new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw notOurs(e);
    }
  }

  private static IllegalArgumentException notOurs(Exception cause) {
    return new IllegalArgumentException("Not a continuation token of this merged listing", cause);
  }

  @Override
  public String toString() {
    return "MergedPageFetcher{" + sources.size() + " listings}";
  }
}
