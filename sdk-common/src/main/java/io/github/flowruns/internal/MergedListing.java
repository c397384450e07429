package io.github.flowruns.internal;

import io.github.flowruns.ErrorDetails;
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
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.function.Function;

/**
 * A k-way merge of several sorted listings into one, as a {@link PageFetcher}: for vendors that
 * list one flow at a time, the runs of many flows in one order (newest first) instead of flow
 * after flow. Each source is a lazy listing of its own; the merge holds at most one page per
 * source, and fetches a source's next page only when that source's head is needed. The sources
 * are found lazily too, on the first page (e.g. by listing the account's flows).
 *
 * <p><b>Fan-out.</b> With {@link Builder#concurrency} (the client's {@link Threads} and its
 * {@code listingConcurrency}), the pages every source needs before the next item can be chosen
 * (all first pages; on a resumed token, every source's current page) are fetched at most that
 * many at a time on the client's listing threads; afterwards only the source whose items were
 * taken can need a page, and it is fetched on the calling thread when its head is needed. So the
 * requests are exactly those of the sequential merge, and the runs and their order too, with at
 * most one page in memory per source (none fetched ahead: {@link RequestOptions#prefetch()} builds
 * the next merged page ahead, through the {@link Pager}). A failing source ends the page with its
 * own {@link FlowRunsException}; the other fetches in flight are cancelled (interrupted; an HTTP
 * call already sent ends by itself, its page dropped), and none is started after it. If the
 * calling thread is interrupted while it waits, the fetches are cancelled the same way and it
 * gets a {@link io.github.flowruns.TransportException} "interrupted" with its interrupt flag set;
 * if the client is closed, a {@link io.github.flowruns.TransportException} "client closed".
 *
 * <p><b>Limits.</b> Told how many items its caller can use ({@link #fetch(String, RequestOptions,
 * long)}, passed by a {@link Pager} whose limit no client-side filter blurs), a merged page stops
 * there, so no source fetches a page the limit leaves unused.
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
 *     .concurrency(core.listingThreads(), http.listingConcurrency())   // optional: fan-out
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
  private final Threads threads;
  private final int concurrency;
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
    this.threads = b.threads;
    this.concurrency = b.concurrency;
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
    return fetch(token, options, Long.MAX_VALUE);
  }

  @Override
  public Page<T> fetch(String token, RequestOptions options, long wanted) {
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
    int size = (int) Math.max(1, Math.min(pageSize, wanted));
    List<T> out = new ArrayList<>(Math.min(size, 1024));
    while (out.size() < size) {
      fillConcurrently(state, options);
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

  /**
   * Fetches, on the listing threads, the pages of every source that needs one before its head is
   * known, when more than one does (else the merge loop fetches on the calling thread, as the
   * sequential merge does); returns when all are in, or throws the first failure.
   */
  private void fillConcurrently(List<Source<T>> state, RequestOptions options) {
    if (threads == null || concurrency < 2) {
      return;
    }
    int count = 0;
    for (Source<T> s : state) {
      if (s.needsFetch()) {
        count++;
      }
    }
    if (count < 2) {
      return;             // as after every item but the first: the calling thread fetches
    }
    List<Source<T>> needy = new ArrayList<>(count);
    for (Source<T> s : state) {
      if (s.needsFetch()) {
        needy.add(s);
      }
    }
    BlockingQueue<Fill> done = new LinkedBlockingQueue<>();
    List<Fill> started = new ArrayList<>(Math.min(needy.size(), concurrency));
    int next = 0;
    int inFlight = 0;
    try {
      while (next < needy.size() || inFlight > 0) {
        while (inFlight < concurrency && next < needy.size()) {
          Source<T> s = needy.get(next++);
          Fill fill = new Fill(() -> s.fill(this, options), done);
          started.add(fill);
          threads.execute(fill, concurrency);
          inFlight++;
        }
        Fill finished = done.take();
        inFlight--;
        finished.get();
      }
    } catch (ExecutionException e) {
      cancel(started);
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException) {
        throw (RuntimeException) cause;     // the source's own FlowRunsException, as it was thrown
      }
      if (cause instanceof Error) {
        throw (Error) cause;
      }
      throw new IllegalStateException(cause);
    } catch (InterruptedException e) {
      cancel(started);
      Thread.currentThread().interrupt();
      throw FlowRunsException.forStatus(ErrorDetails.builder().vendor(vendor).operation(operation)
          .kind(ErrorDetails.Kind.TRANSPORT).attempts(0)
          .message("interrupted while waiting for the pages of a merged listing").cause(e).build());
    } catch (CancellationException | RejectedExecutionException e) {
      // Only the client's close() cancels a fill it did not start, or refuses one.
      cancel(started);
      throw Transport.closedError(vendor, operation, e);
    }
  }

  private void cancel(List<Fill> started) {
    for (Fill f : started) {
      f.cancel(true);
    }
  }

  /** One source's fetch on a listing thread, which reports itself done (or cancelled) to a queue. */
  private static final class Fill extends FutureTask<Boolean> {
    private final BlockingQueue<Fill> done;

    Fill(Callable<Boolean> work, BlockingQueue<Fill> done) {
      super(work);
      this.done = done;
    }

    @Override
    protected void done() {
      done.add(this);
    }
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

    /** Whether {@link #fill} would fetch a page before it knows this source's head. */
    boolean needsFetch() {
      return !exhausted && (page == null
          || skip >= page.items().size() && page.nextToken() != null);
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
   * One client's listing threads: created on first use, at most as many daemon threads named
   * {@code flowruns-<vendor>-listing-<n>} as the largest concurrency asked of it (the client's
   * {@code listingConcurrency}; its merged listings share them), ending after 30 s idle, all
   * stopped by {@link #close()} (the client's close): fetches in flight are interrupted, queued
   * ones cancelled, and their listings fail with "client closed". Thread-safe. Not API.
   *
   * <pre>{@code
   * MergedListing.Threads threads = new MergedListing.Threads(Vendor.FLOWSTACK);
   * MergedListing.<Run>builder(flows, perFlow).concurrency(threads, 16)...;
   * threads.close();      // in the client's close()
   * }</pre>
   */
  public static final class Threads implements AutoCloseable {
    private final String threadPrefix;
    private final Object lock = new Object();
    private ThreadPoolExecutor pool;
    private boolean closed;

    /** @param vendor the vendor, for the thread names */
    public Threads(Vendor vendor) {
      this.threadPrefix = ClientThreads.prefix(vendor, "listing");
    }

    /**
     * Runs a fill on a listing thread, the pool grown to {@code size} threads if it has fewer
     * (every listing of a client asks for the client's setting).
     *
     * @throws RejectedExecutionException once closed
     */
    void execute(Fill fill, int size) {
      synchronized (lock) {
        if (closed) {
          throw new RejectedExecutionException("client closed");
        }
        if (pool == null) {
          pool = ClientThreads.pool(threadPrefix, size);
        } else if (pool.getMaximumPoolSize() < size) {
          pool.setMaximumPoolSize(size);
          pool.setCorePoolSize(size);
        }
        pool.execute(fill);
      }
    }

    /** @return whether {@link #close()} was called */
    public boolean isClosed() {
      synchronized (lock) {
        return closed;
      }
    }

    /** Stops every listing thread; idempotent. */
    @Override
    public void close() {
      synchronized (lock) {
        closed = true;
        ClientThreads.stop(pool);
      }
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
    private Threads threads;
    private int concurrency = 1;

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
     * Fetches the pages every source needs at once up to {@code concurrency} at a time on
     * {@code threads} (the client's), instead of one after another on the calling thread.
     *
     * <pre>{@code .concurrency(core.listingThreads(), http.listingConcurrency())}</pre>
     *
     * @param threads the client's listing threads, or null for none (sequential)
     * @param concurrency fetches in flight at most, at least 1; 1 is sequential
     * @return this builder
     */
    public Builder<T> concurrency(Threads threads, int concurrency) {
      if (concurrency < 1) {
        throw new IllegalArgumentException("concurrency must be at least 1: " + concurrency);
      }
      this.threads = threads;
      this.concurrency = concurrency;
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
