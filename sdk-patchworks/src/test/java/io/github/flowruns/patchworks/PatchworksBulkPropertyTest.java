package io.github.flowruns.patchworks;

import static io.github.flowruns.patchworks.FakePatchworks.json;
import static io.github.flowruns.patchworks.FakePatchworks.page;
import static io.github.flowruns.patchworks.FakePatchworks.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.flowruns.BulkActionException;
import io.github.flowruns.BulkResult;
import io.github.flowruns.RetryMode;
import io.github.flowruns.Run;
import io.github.flowruns.RunQuery;
import io.github.flowruns.RunStatus;
import io.github.flowruns.ServerException;
import io.github.flowruns.http.RetryPolicy;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/**
 * Bulk actions over Patchworks' page-numbered listing, for many random histories: every run that
 * matched when the action began is acted on exactly once, although acting moves runs out of the
 * filtered listing (stop) or new runs push them down a page (retries that fail at once, runs
 * arriving meanwhile), and a 5xx in the middle of the listing is retried.
 */
class PatchworksBulkPropertyTest {
  private static final int SEEDS = 60;

  /** A Laravel-paged Patchworks holding runs newest first, acting as the real one would. */
  static final class Server extends Dispatcher {
    final Random random;
    final LinkedHashMap<Long, Integer> runs = new LinkedHashMap<>(); // id -> status, oldest first
    final Map<Long, Integer> stops = new ConcurrentHashMap<>();
    final Map<Long, Integer> retries = new ConcurrentHashMap<>();
    final int perPage;
    long nextId = 1000;
    int listRequests;
    int failListRequest = -1;     // this list request answers 503 once
    int arrivalsAfterRequest = -1; // new runs arrive at the head after this list request
    int persistentFailureFromPage = Integer.MAX_VALUE;

    Server(long seed) {
      random = new Random(seed);
      perPage = 2 + random.nextInt(6);
      int n = random.nextInt(40);
      for (int i = 0; i < n; i++) {
        runs.put(nextId++, 1 + random.nextInt(5));
      }
      if (random.nextBoolean()) {
        failListRequest = 1 + random.nextInt(4);
      }
      if (random.nextBoolean()) {
        arrivalsAfterRequest = 1 + random.nextInt(3);
      }
    }

    synchronized Set<Long> withStatus(int status) {
      return runs.entrySet().stream().filter(e -> e.getValue() == status).map(Map.Entry::getKey)
          .collect(Collectors.toSet());
    }

    @Override
    public synchronized MockResponse dispatch(RecordedRequest request) {
      List<String> segments = request.getUrl().pathSegments();
      if (segments.size() == 3) {
        listRequests++;
        int pageNo = Integer.parseInt(request.getUrl().queryParameter("page"));
        if (listRequests == failListRequest) {
          return json(503, "{\"message\":\"Service Unavailable\"}");
        }
        if (pageNo >= persistentFailureFromPage) {
          return json(500, "{\"message\":\"Server Error\"}");
        }
        String filter = request.getUrl().queryParameter("filter[status]");
        List<Long> newestFirst = new ArrayList<>(runs.keySet());
        java.util.Collections.reverse(newestFirst);
        List<Long> matching = newestFirst.stream()
            .filter(id -> filter == null || List.of(filter.split(",")).contains(String.valueOf(runs.get(id))))
            .collect(Collectors.toList());
        int per = Integer.parseInt(request.getUrl().queryParameter("per_page"));
        int from = Math.min((pageNo - 1) * per, matching.size());
        String[] items = matching.subList(from, Math.min(from + per, matching.size())).stream()
            .map(id -> run(id, 42, runs.get(id))).toArray(String[]::new);
        int last = Math.max(1, (matching.size() + per - 1) / per);
        MockResponse answer = json(200, page(pageNo, last, per, matching.size(), items));
        if (listRequests == arrivalsAfterRequest) {
          for (int i = 1 + random.nextInt(3); i > 0; i--) {
            runs.put(nextId++, random.nextBoolean() ? 1 : 3);  // RUNNING or FAILED
          }
        }
        return answer;
      }
      long id = Long.parseLong(segments.get(3));
      String action = segments.get(4);
      if (action.equals("stop")) {
        stops.merge(id, 1, Integer::sum);
        if (runs.get(id) == 1) {
          runs.put(id, 4);
        }
        return json(200, "{\"message\":\"stopped\"}");
      }
      retries.merge(id, 1, Integer::sum);
      long retry = nextId++;
      runs.put(retry, 3); // a hostile retry: the new run fails at once and joins the listing
      return json(200, "{\"data\":" + run(retry, 42, 3) + "}");
    }
  }

  private static PatchworksClient client(FakePatchworks fake) {
    return PatchworksClient.builder().apiKey(FakePatchworks.API_KEY).baseUrl(fake.url())
        .retryPolicy(RetryPolicy.builder().maxRetries(2).sleeper(d -> { }).build()).build();
  }

  @Test
  void stopRunsStopsEveryRunningRunExactlyOnceAlthoughStoppedRunsLeaveTheListing() {
    for (long s = 0; s < SEEDS; s++) {
      long seed = s;
      Server server = new Server(seed);
      Set<Long> runningAtStart = server.withStatus(1);
      try (FakePatchworks fake = new FakePatchworks(); PatchworksClient client = client(fake)) {
        fake.dispatch(server);
        BulkResult result = client.stopRuns(RunQuery.builder().statuses(RunStatus.RUNNING)
            .pageSize(server.perPage).build());

        for (Long id : runningAtStart) {
          assertEquals(1, server.stops.getOrDefault(id, 0), "seed " + seed + ": stops of run " + id);
        }
        server.stops.forEach((id, n) -> assertEquals(1, n, "seed " + seed + ": run " + id + " stopped twice"));
        assertTrue(server.withStatus(1).stream().allMatch(id -> id >= firstArrival(runningAtStart, server)),
            "seed " + seed + ": a run that was running at the start is still running");
        assertEquals(server.stops.size(), result.succeeded().size(), "seed " + seed);
        assertEquals(new HashSet<>(result.succeeded()).size(), result.succeeded().size(), "seed " + seed);
      }
    }
  }

  @Test
  void retryRunsRetriesEveryFailedRunOnceAndNeverTheRunsItCreated() {
    for (long s = 0; s < SEEDS; s++) {
      long seed = s;
      Server server = new Server(seed);
      Set<Long> failedAtStart = server.withStatus(3);
      try (FakePatchworks fake = new FakePatchworks(); PatchworksClient client = client(fake)) {
        fake.dispatch(server);
        BulkResult result = client.retryRuns(RunQuery.builder().statuses(RunStatus.FAILED)
            .pageSize(server.perPage).build(), RetryMode.DEFAULT);

        for (Long id : failedAtStart) {
          assertEquals(1, server.retries.getOrDefault(id, 0), "seed " + seed + ": retries of run " + id);
        }
        server.retries.forEach((id, n) -> assertEquals(1, n, "seed " + seed + ": run " + id + " retried twice"));
        Set<String> created = result.newRuns().stream().map(Run::id).collect(Collectors.toSet());
        for (String id : created) {
          assertEquals(0, server.retries.getOrDefault(Long.parseLong(id), 0),
              "seed " + seed + ": the run " + id + " the action created was retried");
        }
        assertEquals(server.retries.size(), result.total(), "seed " + seed);
      }
    }
  }

  @Test
  void aListingThatFailsMidwayEndsInABulkActionExceptionWithTheCause() {
    Server server = new Server(7);
    server.failListRequest = -1;
    server.arrivalsAfterRequest = -1;
    server.persistentFailureFromPage = 2;
    for (int i = 0; i < 10; i++) {
      server.runs.put(server.nextId++, 1);
    }
    try (FakePatchworks fake = new FakePatchworks(); PatchworksClient client = client(fake)) {
      fake.dispatch(server);
      BulkActionException e = assertThrows(BulkActionException.class, () -> client.stopRuns(
          RunQuery.builder().statuses(RunStatus.RUNNING).pageSize(3).build()));
      assertInstanceOf(ServerException.class, e.getCause());
      assertEquals("stopRuns", e.operation());
      assertEquals(500, e.httpStatus().getAsInt());
      assertEquals(0, e.partialResult().total(), "the ids are listed before any run is stopped");
      assertTrue(server.stops.isEmpty());
    }
  }

  /** Runs arriving during the action get ids above every run present at the start. */
  private static long firstArrival(Set<Long> atStart, Server server) {
    return atStart.stream().mapToLong(Long::longValue).max().orElse(0) + 1;
  }
}
