package io.github.flowruns.cli;

import io.github.flowruns.Capabilities;
import io.github.flowruns.FlowRunsClient;
import io.github.flowruns.RunQuery;
import java.util.concurrent.TimeUnit;

/**
 * Finds the total an export will write, for its progress bar, beside the export and without
 * slowing it: {@code countByStatus} on a client of its own, given {@value #BUDGET_SECONDS} s. A
 * vendor that counts on the server (Patchworks' totals, Activepieces' count endpoint) answers in
 * a request or a few; a vendor the SDK counts for by listing every run would double the export's
 * traffic, so when the budget is spent its client is closed, which ends the count, and the bar
 * shows {@code ?} until the end.
 */
final class TotalCounter implements AutoCloseable {
  static final int BUDGET_SECONDS = 3;

  private final FlowRunsClient client;
  private final Thread thread;

  private TotalCounter(FlowRunsClient client, Thread thread) {
    this.client = client;
    this.thread = thread;
  }

  /** Starts counting; null if the vendor cannot count or no second client can be had. */
  static TotalCounter start(Connection c, RunQuery query, Long limit, Progress progress) {
    if (!c.client().capabilities().supports(Capabilities.Operation.COUNT_BY_STATUS)) {
      return null;
    }
    FlowRunsClient counter = c.openAnother();
    if (counter == null) {
      return null;
    }
    Thread t = new Thread(() -> {
      try {
        long total = 0;
        for (long n : counter.countByStatus(query).values()) {
          total += n;
        }
        progress.total(limit == null ? total : Math.min(total, limit));
      } catch (RuntimeException e) {
        // no total: the bar keeps its "?" (the export itself reports real failures)
      }
    }, "flowruns-export-total");
    t.setDaemon(true);
    TotalCounter counting = new TotalCounter(counter, t);
    t.start();
    Thread watchdog = new Thread(() -> {
      try {
        t.join(TimeUnit.SECONDS.toMillis(BUDGET_SECONDS));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      counting.close();
    }, "flowruns-export-total-budget");
    watchdog.setDaemon(true);
    watchdog.start();
    return counting;
  }

  /** Ends the count if it is still running; idempotent. */
  @Override
  public synchronized void close() {
    try {
      client.close();
    } catch (RuntimeException e) {
      // closing an abandoned counter: nothing to report
    }
  }
}
