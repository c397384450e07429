package io.github.flowruns.activepieces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.flowruns.BulkActionException;
import io.github.flowruns.BulkResult;
import io.github.flowruns.RetryMode;
import io.github.flowruns.RunQuery;
import io.github.flowruns.RunStatus;
import io.github.flowruns.ServerException;
import io.github.flowruns.http.RetryPolicy;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
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
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/**
 * Bulk actions over Activepieces' listing (the listing path: a query the bulk body cannot
 * express), for many random histories with faults: a 5xx in the middle of the listing (retried),
 * a run that shows up on two pages (the listing asks for the last page's creation time again,
 * and the server's own cursor has one-second precision), runs created at one instant in a new
 * order on every answer. Every matching run is sent to the bulk endpoint exactly once, counted
 * per id at the server.
 */
class ActivepiecesBulkPropertyTest {
  private static final int SEEDS = 25;
  private static final Instant BASE = Instant.parse("2025-03-14T09:00:00Z");
  private static final List<String> STATUSES = List.of("QUEUED", "RUNNING", "PAUSED", "FAILED", "SUCCEEDED");

  static final class Server extends Dispatcher {
    final Random random;
    final LinkedHashMap<String, String> runs = new LinkedHashMap<>(); // newest first
    final Map<String, String> initial = new LinkedHashMap<>();
    final Map<String, Integer> cancels = new ConcurrentHashMap<>();
    final Map<String, Integer> retries = new ConcurrentHashMap<>();
    final int perPage;
    final boolean pairs;
    int listRequests;
    int failListRequest = -1;
    int overlapOnRequest = -1;
    int persistentFailureFromRequest = Integer.MAX_VALUE;

    Server(long seed) {
      random = new Random(seed);
      pairs = random.nextBoolean();
      perPage = 2 + random.nextInt(5);
      int n = random.nextInt(30);
      for (int i = n; i > 0; i--) {
        runs.put(id(i), STATUSES.get(random.nextInt(STATUSES.size())));
      }
      initial.putAll(runs);
      if (random.nextBoolean()) {
        failListRequest = 2 + random.nextInt(3);
      }
      if (random.nextBoolean()) {
        overlapOnRequest = 2 + random.nextInt(3);
      }
    }

    static long number(String id) {
      return Long.parseLong(id.substring(3));
    }

    static String id(int i) {
      return String.format("run%018d", i);
    }

    Set<String> withStatus(String... statuses) {
      Set<String> wanted = Set.of(statuses);
      return runs.entrySet().stream().filter(e -> wanted.contains(e.getValue()))
          .map(Map.Entry::getKey).collect(Collectors.toSet());
    }

    /**
     * Creation times: the run number's second, or (half the seeds) two runs to an instant, so
     * that pages end inside an instant as well as between them.
     */
    Instant created(String id) {
      long n = number(id);
      return BASE.plusSeconds(pairs ? n / 2 : n);
    }

    private JsonObject json(String id) {
      ApFixtures.RunJson r = ApFixtures.run(id).status(runs.get(id)).created(created(id));
      return r.json;
    }

    /** Runs of one instant in a new order on every answer, as a database gives ties. */
    private List<String> shuffleTies(List<String> ids) {
      List<String> out = new ArrayList<>(ids.size());
      int i = 0;
      while (i < ids.size()) {
        int j = i;
        while (j < ids.size() && created(ids.get(j)).equals(created(ids.get(i)))) {
          j++;
        }
        List<String> tie = new ArrayList<>(ids.subList(i, j));
        Collections.shuffle(tie, random);
        out.addAll(tie);
        i = j;
      }
      return out;
    }

    @Override
    public synchronized MockResponse dispatch(RecordedRequest request) {
      String path = request.getUrl().encodedPath();
      if (request.getMethod().equals("GET")) {
        listRequests++;
        if (listRequests == failListRequest) {
          return answer(503, "{\"message\":\"unavailable\"}");
        }
        if (listRequests >= persistentFailureFromRequest) {
          return answer(500, "{\"message\":\"broken\"}");
        }
        List<String> wanted = request.getUrl().queryParameterValues("status");
        int nth = listRequests;
        List<String> ordered = runs.keySet().stream()
            .filter(id -> wanted.isEmpty() || wanted.contains(runs.get(id))
                || nth == overlapOnRequest && wanted.contains(initial.get(id)))
            .collect(Collectors.toList());
        // Like the real cursor, it names a place in a stable order (here the run number; there
        // the creation time), not a position in the filtered list.
        String cursor = request.getUrl().queryParameter("cursor");
        long below = cursor == null ? Long.MAX_VALUE : Long.parseLong(cursor);
        if (listRequests == overlapOnRequest && cursor != null) {
          below++;              // the last run of the previous page again
        }
        long limit = below;
        // createdAfter / createdBefore: inclusive, on the whole creation time (vendors.md).
        Instant from = instant(request.getUrl().queryParameter("createdAfter"));
        Instant to = instant(request.getUrl().queryParameter("createdBefore"));
        List<String> after = shuffleTies(ordered.stream().filter(id -> number(id) < limit
            && (from == null || !created(id).isBefore(from))
            && (to == null || !created(id).isAfter(to))).collect(Collectors.toList()));
        int asked = Integer.parseInt(request.getUrl().queryParameter("limit"));
        int per = asked == -1 ? Integer.MAX_VALUE : asked;   // -1: no limit (vendors.md)
        List<ApFixtures.RunJson> page = new ArrayList<>();
        for (String id : after.subList(0, Math.min(per, after.size()))) {
          // The repeated run comes from a stale replica: as it was before the action began.
          boolean stale = listRequests == overlapOnRequest
              && (number(id) == below - 1 || to != null && created(id).equals(to));
          page.add(ApFixtures.run(id).status(stale ? initial.get(id) : runs.get(id))
              .created(created(id)));
        }
        String next = after.size() > per ? String.valueOf(number(after.get(per - 1))) : null;
        return answer(200, ApFixtures.page(next, page));
      }
      JsonObject body = JsonParser.parseString(request.getBody().utf8()).getAsJsonObject();
      JsonArray ids = body.getAsJsonArray("flowRunIds");
      if (path.endsWith("/cancel")) {
        for (JsonElement e : ids) {
          cancels.merge(e.getAsString(), 1, Integer::sum);
          String status = runs.get(e.getAsString());
          if (status.equals("QUEUED") || status.equals("PAUSED")) {
            runs.put(e.getAsString(), "CANCELED");
          }
        }
        return new MockResponse.Builder().code(200).build();
      }
      JsonArray out = new JsonArray();
      for (JsonElement e : ids) {
        retries.merge(e.getAsString(), 1, Integer::sum);
        runs.put(e.getAsString(), "QUEUED"); // FROM_FAILED_STEP re-queues the same run
        out.add(json(e.getAsString()));
      }
      return answer(200, out.toString());
    }

    private static Instant instant(String text) {
      return text == null ? null : OffsetDateTime.parse(text).toInstant();
    }

    static MockResponse answer(int code, String body) {
      return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json")
          .body(body).build();
    }
  }

  private static ActivepiecesClient client(MockWebServer server) {
    return ApFixtures.builder(server)
        .retryPolicy(RetryPolicy.builder().maxRetries(2).sleeper(d -> { }).build()).build();
  }

  /** includeArchived is not a bulk-body filter, so the runs are listed and sent by id. */
  private static RunQuery.Builder listed(Server s) {
    return RunQuery.builder().pageSize(s.perPage).vendorParam("includeArchived", "false");
  }

  @Test
  void stopRunsCancelsEveryCancellableRunOnceAcrossRepeatsAndRetriedFaults() throws Exception {
    for (long s = 0; s < SEEDS; s++) {
      long seed = s;
      Server server = new Server(seed);
      Set<String> cancellable = server.withStatus("QUEUED", "PAUSED");
      try (MockWebServer web = new MockWebServer()) {
        web.setDispatcher(server);
        web.start();
        try (ActivepiecesClient client = client(web)) {
          BulkResult result = client.stopRuns(listed(server).build());
          assertEquals(cancellable, server.cancels.keySet(), "seed " + seed);
          server.cancels.forEach((id, n) -> assertEquals(1, n, "seed " + seed + ": " + id + " cancelled twice"));
          assertEquals(cancellable, new HashSet<>(result.succeeded()), "seed " + seed);
          assertEquals(cancellable.size(), result.succeeded().size(), "seed " + seed);
        }
      }
    }
  }

  @Test
  void retryRunsRetriesEveryFailedRunOnceAlthoughRetriedRunsRejoinTheListing() throws Exception {
    for (long s = 0; s < SEEDS; s++) {
      long seed = s;
      Server server = new Server(seed);
      Set<String> failed = server.withStatus("FAILED");
      try (MockWebServer web = new MockWebServer()) {
        web.setDispatcher(server);
        web.start();
        try (ActivepiecesClient client = client(web)) {
          BulkResult result = client.retryRuns(listed(server).statuses(RunStatus.FAILED).build(),
              RetryMode.FROM_FAILED_STEP);
          assertEquals(failed, server.retries.keySet(), "seed " + seed);
          server.retries.forEach((id, n) -> assertEquals(1, n, "seed " + seed + ": " + id + " retried twice"));
          assertEquals(failed.size(), result.total(), "seed " + seed);
        }
      }
    }
  }

  @Test
  void aListingThatFailsMidwayKeepsThePagesAlreadyCancelled() throws Exception {
    Server server = new Server(3);
    server.runs.clear();
    for (int i = 12; i > 0; i--) {
      server.runs.put(Server.id(i), "QUEUED");
    }
    server.failListRequest = -1;
    server.overlapOnRequest = -1;
    server.persistentFailureFromRequest = 3;
    try (MockWebServer web = new MockWebServer()) {
      web.setDispatcher(server);
      web.start();
      try (ActivepiecesClient client = client(web)) {
        BulkActionException e = assertThrows(BulkActionException.class,
            () -> client.stopRuns(RunQuery.builder().pageSize(4).vendorParam("includeArchived", "false").build()));
        assertInstanceOf(ServerException.class, e.getCause());
        assertEquals("stopRuns", e.operation());
        assertEquals(server.cancels.keySet(), new HashSet<>(e.partialResult().succeeded()));
        assertEquals(8, e.partialResult().succeeded().size(), "the two pages before the failure");
        assertTrue(e.getMessage().contains("8 succeeded"), e.getMessage());
      }
    }
  }
}
