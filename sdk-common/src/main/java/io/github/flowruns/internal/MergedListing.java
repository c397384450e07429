package io.github.flowruns.internal;

import io.github.flowruns.FlowRunsException;
import io.github.flowruns.Page;
import io.github.flowruns.Vendor;
import io.github.flowruns.http.RequestOptions;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * A k-way merge of several sorted listings into one, as a {@link PageFetcher}: for vendors that
 * list one flow at a time, the runs of many flows in one order (newest first) instead of flow
 * after flow. Each source is a lazy listing of its own; the merge holds at most one page per
 * source, and fetches a source's next page only when that source's head is needed. The sources
 * are found lazily too, on the first page (e.g. by listing the account's flows).
 *
 * <p>The order is exact when each source is sorted by the same comparator; ties go to the source
 * listed first. The token carries every unfinished source with its own token and how many items
 * of its current page were already merged, so a listing resumes where it stopped, in another
 * process too ({@code base64url} of a small text; it grows with the number of sources). Within one
 * iteration the pages held at the end of a merged page are handed to the next call, so a source's
 * page is fetched once; a resumed token fetches each source's current page again. Not API.
 *
 * <pre>{@code
 * PageFetcher<Run> all = MergedListing.<Run>builder(
 *         opts -> listFlowIds(opts),                               // called on the first page only
 *         flowId -> (token, opts) -> fetchFlow(flowId, token, opts))
 *     .order(Comparator.comparing(Run::startedAt, Comparator.nullsFirst(Comparator.reverseOrder())))
 *     .pageSize(100)
 *     .build();
 * }</pre>
 *
 * @param <T> the item type
 */
public final class MergedListing<T> implements PageFetcher<T> {
  private static final String VERSION = "m1";
  /** Unfinished iterations whose held pages are kept for their next call. */
  private static final int HANDOFFS = 16;

  private final Function<RequestOptions, List<String>> sources;
  private final Function<String, PageFetcher<T>> perSource;
  private final Comparator<? super T> order;
  private final int pageSize;
  private final Function<? super T, ?> identity;
  private final Vendor vendor;
  private final String operation;
  private final Map<String, List<Source<T>>> handoff =
      new LinkedHashMap<String, List<Source<T>>>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, List<Source<T>>> eldest) {
          return size() > HANDOFFS;
        }
      };

  private MergedListing(Builder<T> b) {
    this.sources = b.sources;
    this.perSource = b.perSource;
    this.order = b.order;
    this.pageSize = b.pageSize;
    this.identity = b.identity;
    this.vendor = b.vendor;
    this.operation = b.operation;
  }

  /**
   * Starts a builder.
   *
   * @param sources the keys of the sources (e.g. flow ids), in tie-breaking order; called once,
   *     for the first page, with that page's options
   * @param perSource the listing of one source, sorted by the builder's order
   * @param <T> the item type
   * @return a new builder
   */
  public static <T> Builder<T> builder(Function<RequestOptions, List<String>> sources,
      Function<String, PageFetcher<T>> perSource) {
    return new Builder<>(sources, perSource);
  }

  @Override
  public Page<T> fetch(String token, RequestOptions options) {
    List<Source<T>> state;
    if (token == null) {
      state = new ArrayList<>();
      for (String key : sources.apply(options)) {
        state.add(new Source<>(Objects.requireNonNull(key, "source key"), null, 0));
      }
    } else {
      synchronized (handoff) {
        state = handoff.remove(token);
      }
      if (state == null) {
        state = decode(token);
      }
    }
    List<T> out = new ArrayList<>(Math.min(pageSize, 1024));
    while (out.size() < pageSize) {
      Source<T> best = null;
      for (Source<T> s : state) {
        if (!s.fill(this, options)) {
          continue;
        }
        if (best == null || order.compare(s.head(), best.head()) < 0) {
          best = s;
        }
      }
      if (best == null) {
        break;
      }
      out.add(best.take());
    }
    List<Source<T>> rest = new ArrayList<>(state.size());
    for (Source<T> s : state) {
      if (!s.finished()) {
        rest.add(s);
      }
    }
    if (rest.isEmpty()) {
      return Page.of(out, null);
    }
    String next = encode(rest);
    synchronized (handoff) {
      handoff.put(next, rest);
    }
    return Page.of(out, next);
  }

  private static <T> String encode(List<Source<T>> state) {
    StringBuilder b = new StringBuilder(VERSION);
    for (Source<T> s : state) {
      b.append('\n').append(escape(s.key)).append(' ').append(s.skip).append(' ')
          .append(s.token == null ? "." : "~" + escape(s.token));
    }
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString(b.toString().getBytes(StandardCharsets.UTF_8));
  }

  private static <T> List<Source<T>> decode(String token) {
    String text;
    try {
      text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw notOurs(e);
    }
    String[] lines = text.split("\n", -1);
    if (!lines[0].equals(VERSION)) {
      throw notOurs(null);
    }
    List<Source<T>> state = new ArrayList<>(lines.length - 1);
    for (int i = 1; i < lines.length; i++) {
      String[] parts = lines[i].split(" ", -1);
      if (parts.length != 3 || !(parts[2].equals(".") || parts[2].startsWith("~"))) {
        throw notOurs(null);
      }
      int skip;
      try {
        skip = Integer.parseInt(parts[1]);
      } catch (NumberFormatException e) {
        throw notOurs(e);
      }
      if (skip < 0) {
        throw notOurs(null);
      }
      String inner = parts[2].equals(".") ? null : unescape(parts[2].substring(1));
      state.add(new Source<>(unescape(parts[0]), inner, skip));
    }
    return state;
  }

  private static String escape(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static String unescape(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw notOurs(e);
    }
  }

  private FlowRunsException broken(String message) {
    return Pager.broken(vendor, operation, message);
  }

  private static IllegalArgumentException notOurs(Exception cause) {
    return new IllegalArgumentException("Not a merged-listing continuation token of this SDK", cause);
  }

  @Override
  public String toString() {
    return "MergedListing{pageSize=" + pageSize + "}";
  }

  /** One source's position: the token of its current page and how many of its items are merged. */
  private static final class Source<T> {
    final String key;
    String token;
    int skip;
    /** The page at {@link #token}, once fetched. */
    Page<T> page;
    boolean exhausted;
    /** This source's cycle and repeat checks, from its first page fetched in this process. */
    ListingProgress progress;

    Source(String key, String token, int skip) {
      this.key = key;
      this.token = token;
      this.skip = skip;
    }

    /** Makes sure a head is available, fetching pages as needed; false when the source has no more. */
    boolean fill(MergedListing<T> merge, RequestOptions options) {
      while (!exhausted) {
        if (page == null) {
          page = merge.perSource.apply(key).fetch(token, options);
          // Each source must make progress on its own, as a Pager's listing must: another source's
          // items between its repeats would hide them from the merged listing's Pager.
          if (progress == null) {
            progress = new ListingProgress(merge.identity);
            progress.start(token);
          }
          String repeated = progress.checkItems(page.items());
          if (repeated != null) {
            throw merge.broken(repeated + ", listing " + key);
          }
          if (progress.lastPageRepeated()) {
            skip = page.items().size();   // all merged already, with the page before
          }
        }
        if (skip < page.items().size()) {
          return true;
        }
        String cycle = page.nextToken() == null || progress == null
            ? null : progress.checkToken(page.nextToken());
        if (page.nextToken() == null) {
          exhausted = true;
        } else if (cycle != null) {
          throw merge.broken(cycle + ", listing " + key);
        } else {
          token = page.nextToken();
          skip = 0;
          page = null;
        }
      }
      return false;
    }

    T head() {
      return page.items().get(skip);
    }

    T take() {
      return page.items().get(skip++);
    }

    /** Whether nothing of this source is left, as far as its fetched pages tell. */
    boolean finished() {
      return exhausted
          || page != null && skip >= page.items().size() && page.nextToken() == null;
    }
  }

  /**
   * Configures a {@link MergedListing}.
   *
   * @param <T> the item type
   */
  public static final class Builder<T> {
    private final Function<RequestOptions, List<String>> sources;
    private final Function<String, PageFetcher<T>> perSource;
    private Comparator<? super T> order;
    private int pageSize = 100;
    private Function<? super T, ?> identity;
    private Vendor vendor;
    private String operation;

    private Builder(Function<RequestOptions, List<String>> sources,
        Function<String, PageFetcher<T>> perSource) {
      this.sources = Objects.requireNonNull(sources, "sources");
      this.perSource = Objects.requireNonNull(perSource, "perSource");
    }

    /**
     * The order of the merged listing, which every source must already follow; required.
     *
     * @param order first item first
     * @return this builder
     */
    public Builder<T> order(Comparator<? super T> order) {
      this.order = Objects.requireNonNull(order, "order");
      return this;
    }

    /**
     * The greatest number of items of one merged page (default 100).
     *
     * @param pageSize at least 1
     * @return this builder
     */
    public Builder<T> pageSize(int pageSize) {
      if (pageSize < 1) {
        throw new IllegalArgumentException("pageSize must be at least 1: " + pageSize);
      }
      this.pageSize = pageSize;
      return this;
    }

    /**
     * What identifies an item, so that a source answering the same page again (a server that
     * ignores its page parameter) ends the listing with an error instead of looping.
     *
     * @param identity e.g. {@code Run::id}
     * @return this builder
     */
    public Builder<T> identity(Function<? super T, ?> identity) {
      this.identity = Objects.requireNonNull(identity, "identity");
      return this;
    }

    /**
     * The vendor and operation named by the exception thrown when a source repeats its token.
     *
     * @param vendor the vendor
     * @param operation the operation, e.g. {@code listRuns}
     * @return this builder
     */
    public Builder<T> describedAs(Vendor vendor, String operation) {
      this.vendor = vendor;
      this.operation = operation;
      return this;
    }

    /**
     * Builds the fetcher.
     *
     * @return the merged listing
     */
    public MergedListing<T> build() {
      Objects.requireNonNull(order, "order");
      return new MergedListing<>(this);
    }
  }
}
