package io.github.flowruns.internal;

import io.github.flowruns.Vendor;
import java.util.Locale;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one way a client makes and stops its thread pools (bulk actions, prefetch, merged-listing
 * fan-out), so that every thread of a client is a named daemon that ends when idle or closed.
 *
 * <pre>{@code
 * ThreadPoolExecutor pool = ClientThreads.pool(ClientThreads.prefix(vendor, "listing"), 16);
 * ClientThreads.stop(pool);     // in the client's close()
 * }</pre>
 */
final class ClientThreads {
  private ClientThreads() {}

  /**
   * @param vendor the vendor, or null
   * @param kind what the threads do, e.g. {@code prefetch}
   * @return e.g. {@code flowruns-flowstack-prefetch-}
   */
  static String prefix(Vendor vendor, String kind) {
    return "flowruns-" + (vendor == null ? "client" : vendor.name().toLowerCase(Locale.ROOT))
        + "-" + kind + "-";
  }

  /**
   * At most {@code size} daemon threads named {@code prefix} and a number, started on demand and
   * ending after 30 s idle; tasks beyond them wait in line.
   */
  static ThreadPoolExecutor pool(String prefix, int size) {
    AtomicInteger count = new AtomicInteger();
    ThreadPoolExecutor pool = new ThreadPoolExecutor(size, size, 30, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), r -> {
          Thread t = new Thread(r, prefix + count.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }

  /**
   * Stops a pool: running tasks are interrupted, queued ones cancelled, since whoever waits for
   * one would otherwise wait forever.
   *
   * @param pool the pool, or null (never started)
   */
  static void stop(ThreadPoolExecutor pool) {
    if (pool == null) {
      return;
    }
    for (Runnable never : pool.shutdownNow()) {
      if (never instanceof Future) {
        ((Future<?>) never).cancel(false);
      }
    }
  }
}
