package io.github.flowruns.flowstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.github.flowruns.Run;
import io.github.flowruns.RunQuery;
import io.github.flowruns.RunStatus;
import io.github.flowruns.testing.FlowStackSimulator;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * FlowStack lists runs one flow at a time (vendors.md, FlowStack: "list runs of a flow", the
 * account's flows through {@code GET /api/v1/flows}), so a query over many flows is a merged
 * listing: at the default {@code listingConcurrency} its flows' pages are fetched on the client's
 * listing threads, and it lists the same runs in the same order, with the same number of
 * requests, as a client at {@code listingConcurrency(1)}.
 */
class FlowStackFanOutTest {
  private static final String LISTING_THREAD = "flowruns-flowstack-listing-";

  private static List<String> ids(FlowStackClient client, RunQuery query) {
    List<String> out = new ArrayList<>();
    for (Run run : client.listRuns(query)) {
      out.add(run.id());
    }
    return out;
  }

  @Test
  void aListingOfManyFlowsIsTheSameAtAnyConcurrencyAndFansOutOnTheListingThreads() throws Exception {
    try (FlowStackSimulator sim = FlowStackSimulator.builder().flows(30).runs(1_200).seed(14)
        .build().start()) {
      List<Thread> attemptThreads = Collections.synchronizedList(new ArrayList<>());
      List<RunQuery> queries = List.of(
          RunQuery.builder().flowIds(sim.flowIds()).limit(100).build(),
          RunQuery.builder().limit(250).pageSize(7).build(),      // every flow, found by listing
          RunQuery.builder().statuses(RunStatus.FAILED).build(),  // all of them, server-filtered
          RunQuery.builder().flowIds(sim.flowIds().subList(0, 9)).pageSize(5).limit(61).build());
      try (FlowStackClient concurrent = FlowStackClient.builder().apiKey(sim.apiKey())
              .baseUrl(sim.baseUrl())
              .listener(e -> attemptThreads.add(Thread.currentThread())).build();
          FlowStackClient sequential = concurrent.newBuilder().listener(null)
              .listingConcurrency(1).build()) {
        for (RunQuery query : queries) {
          int before = sim.requestCount();
          List<String> fromSequential = ids(sequential, query);
          int sequentialRequests = sim.requestCount() - before;
          List<String> fromConcurrent = ids(concurrent, query);
          int concurrentRequests = sim.requestCount() - before - sequentialRequests;

          assertFalse(fromSequential.isEmpty(), query.toString());
          assertEquals(fromSequential, fromConcurrent, query.toString());
          assertEquals(sequentialRequests, concurrentRequests, query.toString());
        }
      }
      List<Thread> listing = new ArrayList<>();
      synchronized (attemptThreads) {
        attemptThreads.stream().filter(t -> t.getName().startsWith(LISTING_THREAD)).distinct()
            .forEach(listing::add);
      }
      assertFalse(listing.isEmpty(), "no request ran on a listing thread");
      // The client's close() ended its listing threads.
      for (Thread t : listing) {
        t.join(10_000);
        assertFalse(t.isAlive(), t.getName() + " outlived its client");
      }
    }
  }
}
