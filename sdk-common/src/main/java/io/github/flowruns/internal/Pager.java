package io.github.flowruns.internal;

import io.github.flowruns.ErrorDetails;
import io.github.flowruns.FlowRunsException;
import io.github.flowruns.Page;
import io.github.flowruns.Paged;
import io.github.flowruns.Run;
import io.github.flowruns.RunQuery;
import io.github.flowruns.Vendor;
import io.github.flowruns.http.RequestOptions;
import java.lang.ref.PhantomReference;
import java.lang.ref.ReferenceQueue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The one {@link Paged} implementation, over any {@link PageFetcher}. Lazy (a page is fetched only
 * when the consumer needs it), one page in memory at a time, an optional client-side filter, and a
 * limit past which no page is fetched. Its tokens wrap the fetcher's token with the number of
 * items of that page already delivered, so a page cut short by the limit resumes right after its
 * last item. Immutable and thread-safe; each iteration is single-threaded. Not API.
 *
 * <p>A listing makes progress or ends with a {@link io.github.flowruns.ResponseParseException}
 * after a bounded number of requests: a continuation token seen before in the iteration (a cycle
 * of any length), or a page repeating the previous page's items (with {@link Builder#identity}),
 * ends it ({@link ListingProgress} says how, and its memory bound); page-numbered fetchers bound
 * themselves by the vendor's reported total with {@link PageNumbers#next}. No count of pages or
 * items is capped, so a legitimately long listing is never cut.
 *
 * <p>With {@link RequestOptions#prefetch()} and a {@link Background} (the client's own, see
 * {@link Builder#background}), each iteration fetches page N+1 on one of that client's prefetch
 * threads while page N is consumed, so the consumer's work and the server's latency
 * overlap: two pages in memory instead of one, the same items in the same order, a failure of a
 * page thrown where that page is reached. A page is fetched ahead only when the sequential
 * iteration would fetch it once the current page is consumed: never past the limit or the last
 * page. Closing the {@link #stream()}, or dropping an iterator (once it is garbage-collected),
 * cancels the fetch in flight by interrupting it: no retry follows and its page is discarded.
 * Without a {@link Background} every page is fetched by the consumer's thread.
 *
 * <pre>{@code
 * Paged<Run> runs = Pager.builder(fetcher)
 *     .vendor(Vendor.FLOWSTACK).operation("listRuns")
 *     .options(options)
 *     .limit(query.limit())
 *     .filter(query::matches)          // only for filters the vendor cannot apply
 *     .background(background())        // the client's prefetch threads
 *     .build();
 * }</pre>
 *
 * @param <T> the item type
 */
public final class Pager<T> implements Paged<T> {
  private static final String TOKEN_PREFIX = "p1:";

  private final PageFetcher<T> fetcher;
  private final RequestOptions options;
  private final long limit;
  private final Predicate<? super T> filter;
  private final Function<? super T, ?> identity;
  private final Vendor vendor;
  private final String operation;
  private final String startToken;
  private final int startSkip;
  private final Background background;

  private Pager(Builder<T> b, String startToken, int startSkip) {
    this.fetcher = b.fetcher;
    this.options = b.options;
    this.limit = b.limit;
    this.filter = b.filter;
    this.identity = b.identity;
    this.vendor = b.vendor;
    this.operation = b.operation;
    this.background = b.background;
    this.startToken = startToken;
    this.startSkip = startSkip;
  }

  private Pager(Pager<T> base, String startToken, int startSkip) {
    this.fetcher = base.fetcher;
    this.options = base.options;
    this.limit = base.limit;
    this.filter = base.filter;
    this.identity = base.identity;
    this.vendor = base.vendor;
    this.operation = base.operation;
    this.background = base.background;
    this.startToken = startToken;
    this.startSkip = startSkip;
  }

  /**
   * Starts a builder.
   *
   * @param fetcher fetches the vendor's pages
   * @param <T> the item type
   * @return a new builder
   */
  public static <T> Builder<T> builder(PageFetcher<T> fetcher) {
    return new Builder<>(fetcher);
  }

  /**
   * A pager with no limit and no filter.
   *
   * @param fetcher fetches the vendor's pages
   * @param options the options for every page
   * @param <T> the item type
   * @return the paged result
   */
  public static <T> Pager<T> of(PageFetcher<T> fetcher, RequestOptions options) {
    return builder(fetcher).options(options).build();
  }

  /**
   * Starts the pager of a run listing, set up as every adapter's {@code listRuns} is: operation
   * {@code listRuns}, a run's id as its identity, the query's limit.
   *
   * <pre>{@code
   * return Pager.runs(fetcher, Vendor.FLOWSTACK, query)
   *     .options(options).filter(clientSide).background(background()).build();
   * }</pre>
   *
   * @param fetcher fetches the vendor's pages of runs
   * @param vendor the vendor, for error messages
   * @param query the query, for its limit
   * @return a new builder
   */
  public static Builder<Run> runs(PageFetcher<Run> fetcher, Vendor vendor, RunQuery query) {
    return builder(fetcher).vendor(vendor).operation("listRuns").identity(Run::id)
        .limit(query.limit());
  }

  /**
   * A fetcher that lists several flows one after the other, for vendors whose list endpoint takes
   * one flow id. Its token is {@code base64url("<flow index>:<inner token>")}, so resuming works
   * across flows. A token naming a flow index past the list ends the listing.
   *
   * <pre>{@code
   * PageFetcher<Run> all = Pager.flowByFlow(query.flowIds(), flowId -> (token, opts) -> fetchFlow(flowId, token, opts));
   * }</pre>
   *
   * @param flowIds the flows, in order
   * @param perFlow the fetcher of one flow
   * @param <T> the item type
   * @return the composite fetcher
   */
  public static <T> PageFetcher<T> flowByFlow(List<String> flowIds,
      Function<String, PageFetcher<T>> perFlow) {
    List<String> flows = Collections.unmodifiableList(new ArrayList<>(flowIds));
    Objects.requireNonNull(perFlow, "perFlow");
    return (token, opts) -> {
      int index = 0;
      String inner = null;
      if (token != null) {
        String decoded = decode(token, "flow");
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
          throw new IllegalArgumentException("Not a flow-by-flow continuation token");
        }
        try {
          index = Integer.parseInt(decoded.substring(0, colon));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("Not a flow-by-flow continuation token", e);
        }
        String rest = decoded.substring(colon + 1);
        inner = rest.startsWith("+") ? rest.substring(1) : null;
      }
      if (index < 0 || index >= flows.size()) {
        return Page.of(List.of(), null);
      }
      Page<T> page = perFlow.apply(flows.get(index)).fetch(inner, opts);
      String next;
      if (page.nextToken() != null) {
        next = encode("flow", index + ":+" + page.nextToken());
      } else if (index + 1 < flows.size()) {
        next = encode("flow", (index + 1) + ":-");
      } else {
        next = null;
      }
      return Page.of(page.items(), next);
    };
  }

  @Override
  public Iterator<T> iterator() {
    return items(new PageIterator());
  }

  private Iterator<T> items(Iterator<Page<T>> pages) {
    return new Iterator<T>() {
      private Iterator<T> current = Collections.emptyIterator();

      @Override
      public boolean hasNext() {
        while (!current.hasNext()) {
          if (!pages.hasNext()) {
            return false;
          }
          current = pages.next().items().iterator();
        }
        return true;
      }

      @Override
      public T next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return current.next();
      }
    };
  }

  @Override
  public Stream<T> stream() {
    PageIterator pages = new PageIterator();
    return StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(items(pages), Spliterator.ORDERED | Spliterator.NONNULL),
        false).onClose(pages::cancel);
  }

  @Override
  public Iterable<Page<T>> pages() {
    return PageIterator::new;
  }

  @Override
  public Paged<T> resumeFrom(String token) {
    Objects.requireNonNull(token, "token");
    String decoded = decode(token, "page");
    if (!decoded.startsWith(TOKEN_PREFIX)) {
      throw new IllegalArgumentException("Not a continuation token of this listing");
    }
    String rest = decoded.substring(TOKEN_PREFIX.length());
    int colon = rest.indexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException("Not a continuation token of this listing");
    }
    int skip;
    try {
      skip = Integer.parseInt(rest.substring(0, colon));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("Not a continuation token of this listing", e);
    }
    String innerPart = rest.substring(colon + 1);
    if (skip < 0 || innerPart.isEmpty()) {
      throw new IllegalArgumentException("Not a continuation token of this listing");
    }
    String inner = innerPart.startsWith("+") ? innerPart.substring(1) : null;
    return new Pager<>(this, inner, skip);
  }

  private static String token(String inner, int skip) {
    return encode("page", TOKEN_PREFIX + skip + ":" + (inner == null ? "-" : "+" + inner));
  }

  private static String encode(String kind, String raw) {
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  private static String decode(String token, String kind) {
    try {
      return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Not a " + kind + " continuation token of this SDK", e);
    }
  }

  @Override
  public String toString() {
    return "Pager{" + (vendor == null ? "" : vendor.displayName() + " ")
        + (operation == null ? "" : operation + " ")
        + (limit == Long.MAX_VALUE ? "" : "limit=" + limit) + "}";
  }

  private final class PageIterator implements Iterator<Page<T>> {
    private String token = startToken;
    private int skip = startSkip;
    private long remaining = limit;
    private boolean done = limit == 0;
    private Page<T> next;
    private final Prefetch prefetch;
    private final ListingProgress progress = new ListingProgress(identity);
    private String cycle;

    PageIterator() {
      progress.start(startToken);
      if (options.prefetch() && background != null) {
        prefetch = new Prefetch();
        // The watch holds the Prefetch, not this iterator, so an abandoned iterator is collectable.
        prefetch.watch = background.watch(this, prefetch::cancel);
      } else {
        prefetch = null;
      }
    }

    void cancel() {
      if (prefetch != null) {
        prefetch.cancel();
      }
    }

    @Override
    public boolean hasNext() {
      if (next != null) {
        return true;
      }
      if (done) {
        return false;
      }
      next = fetchNext();
      return true;
    }

    @Override
    public Page<T> next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      Page<T> p = next;
      next = null;
      return p;
    }

    private Page<T> fetchNext() {
      if (cycle != null) {
        throw broken(cycle);
      }
      Page<T> raw = prefetch == null ? fetcher.fetch(token, options, wanted(skip, remaining))
          : prefetch.take(token, wanted(skip, remaining));
      if (raw == null) {
        throw broken("the page fetcher returned no page");
      }
      String repeated = progress.checkItems(raw.items());
      if (repeated != null) {
        throw broken(repeated);
      }
      // A token seen before: this page's items are new, so they are delivered, and the listing
      // ends where it would fetch the page that token names.
      cycle = progress.checkToken(raw.nextToken());
      // A page repeating the one before holds only items already delivered: skipped.
      List<T> items = progress.lastPageRepeated() ? List.of() : raw.items();
      int start = Math.min(skip, items.size());
      List<T> out = new ArrayList<>(Math.min(items.size() - start, (int) Math.min(remaining, 10_000)));
      int consumed = start;
      while (consumed < items.size() && remaining > 0) {
        T item = items.get(consumed++);
        if (filter == null || filter.test(item)) {
          out.add(item);
          if (remaining != Long.MAX_VALUE) {
            remaining--;
          }
        }
      }
      String nextToken;
      if (consumed < items.size()) {
        nextToken = token(token, consumed);            // cut short by the limit
      } else if (raw.nextToken() != null) {
        nextToken = token(raw.nextToken(), 0);
      } else {
        nextToken = null;
      }
      if (nextToken == null || remaining == 0) {
        done = true;
      } else if (consumed < items.size()) {
        skip = consumed;
      } else {
        token = raw.nextToken();
        skip = 0;
      }
      if (prefetch != null) {
        if (done || cycle != null) {
          prefetch.finish();
        } else {
          prefetch.start(token, wanted(skip, remaining));
        }
      }
      return Page.of(out, nextToken);
    }
  }

  /**
   * How many items of the next page this iteration can use: without a client-side filter, the
   * items it skips plus its remaining limit; with one, any number (how many match is unknown).
   */
  private long wanted(int skip, long remaining) {
    return filter != null || remaining > Long.MAX_VALUE - skip ? Long.MAX_VALUE : skip + remaining;
  }

  /**
   * The one page fetch of an iteration that may run ahead. At most one is in flight, and fetches
   * never overlap: the next starts only after the consumer took the previous one. A fetch still
   * queued behind other iterations' fetches when the consumer needs it is claimed and made by the
   * consumer itself, so a busy pool delays nobody.
   */
  private final class Prefetch {
    private Future<Page<T>> pending;
    private String pendingToken;
    private AtomicBoolean pendingClaimed;
    private boolean cancelled;
    Background.Watch watch;

    synchronized void start(String pageToken, long wanted) {
      if (cancelled) {
        return;
      }
      PageFetcher<T> f = fetcher;
      RequestOptions o = options;
      AtomicBoolean claimed = new AtomicBoolean();
      Future<Page<T>> submitted = background.submit(
          () -> claimed.compareAndSet(false, true) ? f.fetch(pageToken, o, wanted) : null);
      if (submitted != null) {
        pendingToken = pageToken;
        pendingClaimed = claimed;
        pending = submitted;
      }
    }

    Page<T> take(String pageToken, long wanted) {
      Future<Page<T>> ahead;
      synchronized (this) {
        ahead = pending;
        pending = null;
        if (ahead != null && (!Objects.equals(pendingToken, pageToken)
            || pendingClaimed.compareAndSet(false, true))) {
          ahead.cancel(true);             // not started yet (or another page): fetch it here
          ahead = null;
        }
      }
      if (ahead == null) {
        return fetcher.fetch(pageToken, options, wanted);
      }
      try {
        return ahead.get();
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException) {
          throw (RuntimeException) cause;
        }
        if (cause instanceof Error) {
          throw (Error) cause;
        }
        throw broken("the page fetch failed: " + cause);
      } catch (InterruptedException e) {
        ahead.cancel(true);
        Thread.currentThread().interrupt();
        throw FlowRunsException.forStatus(ErrorDetails.builder().vendor(vendor).operation(operation)
            .kind(ErrorDetails.Kind.TRANSPORT).message("interrupted while waiting for the next page")
            .cause(e).build());
      } catch (CancellationException e) {
        if (background.isClosed()) {
          throw FlowRunsException.forStatus(ErrorDetails.builder().vendor(vendor)
              .operation(operation).kind(ErrorDetails.Kind.TRANSPORT).attempts(0)
              .message("client closed").cause(e).build());
        }
        throw new IllegalStateException("this iteration was closed", e);
      }
    }

    /** The iteration ended: nothing to fetch ahead, nothing to watch. */
    synchronized void finish() {
      background.unwatch(watch);
    }

    synchronized void cancel() {
      cancelled = true;
      background.unwatch(watch);
      if (pending != null) {
        pending.cancel(true);
        pending = null;
      }
    }
  }

  /**
   * One client's prefetch threads: created on first use, at most {@link #MAX_THREADS} daemon
   * threads named {@code flowruns-<vendor>-prefetch-<n>} that end after 30 s idle, and all stopped
   * by {@link #close()} (the client's close). Iterations dropped without being finished are watched
   * through phantom references by one of these threads, only while such iterations exist, so
   * their fetch in flight is cancelled once they are collected; no thread outlives the client.
   * Thread-safe. Not API.
   *
   * <pre>{@code
   * Pager.Background background = new Pager.Background(Vendor.FLOWSTACK);
   * Pager.builder(fetcher).options(options).background(background).build();
   * background.close();      // in the client's close()
   * }</pre>
   */
  public static final class Background implements AutoCloseable {
    /** The most prefetch threads one client runs at once. */
    public static final int MAX_THREADS = 4;

    private final String threadPrefix;
    private final Object lock = new Object();
    private final ReferenceQueue<Object> dropped = new ReferenceQueue<>();
    private final java.util.Set<Watch> watched = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean reaping = new AtomicBoolean();
    private ThreadPoolExecutor pool;
    private volatile boolean closed;

    /** @param vendor the vendor, for the thread names */
    public Background(Vendor vendor) {
      this.threadPrefix = ClientThreads.prefix(vendor, "prefetch");
    }

    /** @return whether {@link #close()} was called */
    public boolean isClosed() {
      return closed;
    }

    /** Runs a task on a prefetch thread; null once closed (the caller then does the work itself). */
    <V> Future<V> submit(Callable<V> task) {
      synchronized (lock) {
        if (closed) {
          return null;
        }
        if (pool == null) {
          pool = ClientThreads.pool(threadPrefix, MAX_THREADS);
        }
        return pool.submit(task);
      }
    }

    /** A phantom reference to an iteration, with what cancels its fetch. */
    static final class Watch extends PhantomReference<Object> {
      private final Runnable onDropped;

      Watch(Object iteration, ReferenceQueue<Object> queue, Runnable onDropped) {
        super(iteration, queue);
        this.onDropped = onDropped;
      }
    }

    Watch watch(Object iteration, Runnable onDropped) {
      Watch w = new Watch(iteration, dropped, onDropped);
      watched.add(w);
      if (reaping.compareAndSet(false, true) && submit(this::reap) == null) {
        reaping.set(false);
      }
      return w;
    }

    void unwatch(Watch w) {
      if (w != null) {
        watched.remove(w);
      }
    }

    /** Cancels the fetches of dropped iterations while any iteration is watched. */
    private Void reap() {
      try {
        while (true) {
          Watch w = (Watch) dropped.remove(200);
          if (w != null) {
            if (watched.remove(w)) {
              w.onDropped.run();
            }
          } else if (watched.isEmpty()) {
            reaping.set(false);
            // A watch added after the check above restarts reaping here, or in watch().
            if (watched.isEmpty() || !reaping.compareAndSet(false, true)) {
              return null;
            }
          }
        }
      } catch (InterruptedException e) {
        reaping.set(false);
        return null;
      }
    }

    /**
     * Stops every prefetch thread: fetches in flight are interrupted, queued ones cancelled (their
     * consumers get a {@link io.github.flowruns.TransportException} "client closed" or fetch
     * themselves, and fail the same way on a closed client). Idempotent.
     */
    @Override
    public void close() {
      synchronized (lock) {
        closed = true;
        ClientThreads.stop(pool);
      }
      watched.clear();
    }
  }

  private FlowRunsException broken(String message) {
    return broken(vendor, operation, message);
  }

  /**
   * The exception for a listing that cannot go on (a cycle, a repeated token, no page), shared
   * with {@link MergedListing} so that a merged listing breaks the way a single one does.
   */
  static FlowRunsException broken(Vendor vendor, String operation, String message) {
    return FlowRunsException.forStatus(ErrorDetails.builder().vendor(vendor).operation(operation)
        .kind(ErrorDetails.Kind.RESPONSE_PARSE).message(message).build());
  }

  /**
   * Builds a {@link Pager}.
   *
   * @param <T> the item type
   */
  public static final class Builder<T> {
    private final PageFetcher<T> fetcher;
    private RequestOptions options = RequestOptions.defaults();
    private long limit = Long.MAX_VALUE;
    private Predicate<? super T> filter;
    private Function<? super T, ?> identity;
    private Vendor vendor;
    private String operation;
    private Background background;

    private Builder(PageFetcher<T> fetcher) {
      this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
    }

    /** @param options options for every page; null means defaults @return this builder */
    public Builder<T> options(RequestOptions options) {
      this.options = options == null ? RequestOptions.defaults() : options;
      return this;
    }

    /** @param limit the most items in total, zero or more @return this builder */
    public Builder<T> limit(long limit) {
      if (limit < 0) {
        throw new IllegalArgumentException("limit must not be negative, was " + limit);
      }
      this.limit = limit;
      return this;
    }

    /** @param limit the most items in total, or empty for none @return this builder */
    public Builder<T> limit(OptionalLong limit) {
      return limit.isPresent() ? limit(limit.getAsLong()) : limit(Long.MAX_VALUE);
    }

    /** @param filter keeps only matching items (client-side filters), or null @return this builder */
    public Builder<T> filter(Predicate<? super T> filter) {
      this.filter = filter;
      return this;
    }

    /**
     * The identity of an item (a run's id), so that a page repeating the previous page's items
     * ends the listing with a {@link io.github.flowruns.ResponseParseException} instead of
     * looping: a server that ignores the page number returns the same page forever.
     *
     * <pre>{@code Pager.builder(fetcher).identity(Run::id)}</pre>
     *
     * @param identity an item's identity (compared with {@code toString()}), or null for none
     * @return this builder
     */
    public Builder<T> identity(Function<? super T, ?> identity) {
      this.identity = identity;
      return this;
    }

    /** @param vendor the vendor, for error messages @return this builder */
    public Builder<T> vendor(Vendor vendor) {
      this.vendor = vendor;
      return this;
    }

    /** @param operation the operation, for error messages @return this builder */
    public Builder<T> operation(String operation) {
      this.operation = operation;
      return this;
    }

    /**
     * @param background the owning client's prefetch threads, used when the options ask for
     *     prefetch; null fetches every page on the consumer's thread
     * @return this builder
     */
    public Builder<T> background(Background background) {
      this.background = background;
      return this;
    }

    /** @return the paged result, starting at the first page */
    public Pager<T> build() {
      return new Pager<>(this, null, 0);
    }
  }
}
