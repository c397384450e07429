package io.github.flowruns.activepieces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.flowruns.Page;
import io.github.flowruns.Run;
import io.github.flowruns.RunQuery;
import io.github.flowruns.RunStatus;
import io.github.flowruns.testing.ActivepiecesSimulator;
import io.github.flowruns.testing.SimulatedRun;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every run the server holds under a query is listed exactly once, newest first, whatever the
 * page size and however many runs share a second or a millisecond: the property the server's own
 * cursor breaks (vendors.md, Activepieces, Paging: it compares creation times cut to the second,
 * so runs of a page's last second past that page are on no page). Against the Activepieces
 * simulator on loopback, which pages as the server does; random histories, page sizes, filters,
 * and listings resumed from a page's token by a new client.
 */
class ActivepiecesListingPropertyTest {
  private static final int SEEDS = Integer.getInteger("flowruns.listing.seeds", 40);
  private static final Instant NEWEST = Instant.parse("2026-03-01T12:00:00Z");

  @Test
  void everyRunIsListedOnceNewestFirstWhateverThePagesAndTheCrowdingOfTimes() {
    int skippedByTheServersCursor = 0;
    for (long seed = 1; seed <= SEEDS; seed++) {
      Random r = new Random(seed);
      int count = 50 + r.nextInt(600);
      // Dense (many runs a millisecond, past 100 at one instant), crowded seconds, or sparse.
      Duration span = switch (r.nextInt(3)) {
        case 0 -> Duration.ofMillis(1 + r.nextInt(Math.max(1, count / 150)));
        case 1 -> Duration.ofSeconds(1 + r.nextInt(20));
        default -> Duration.ofMinutes(1 + r.nextInt(600));
      };
      int flows = 1 + r.nextInt(4);
      try (ActivepiecesSimulator sim = ActivepiecesSimulator.builder().runs(count).flows(flows)
          .seed(seed).newestAt(NEWEST).history(span).build().start()) {
        int pageSize = 1 + r.nextInt(r.nextBoolean() ? 6 : 100);
        RunQuery.Builder q = RunQuery.builder().pageSize(pageSize);
        Predicate<SimulatedRun> wanted = run -> true;
        if (r.nextBoolean()) {
          String flow = sim.flowIds().get(r.nextInt(sim.flowIds().size()));
          q.flowIds(flow);
          wanted = wanted.and(run -> run.flowId().equals(flow));
        }
        if (r.nextInt(3) == 0) {
          q.statuses(RunStatus.SUCCEEDED);
          wanted = wanted.and(run -> run.status().equals("SUCCEEDED"));
        }
        RunQuery query = q.build();
        String context = "seed " + seed + " (" + count + " runs over " + span + ", " + flows
            + " flows, pages of " + pageSize + ", " + query + ")";
        Map<String, Instant> created = new HashMap<>();
        Set<String> expected = new HashSet<>();
        for (SimulatedRun run : sim.runs()) {
          created.put(run.id(), run.createdAt());
          if (wanted.test(run)) {
            expected.add(run.id());
          }
        }

        List<String> listed = r.nextBoolean() ? listAll(sim, query) : listResumingEachPage(sim, query);

        assertEquals(listed.size(), new HashSet<>(listed).size(), context + ": a run listed twice");
        Set<String> missing = new HashSet<>(expected);
        missing.removeAll(listed);
        assertEquals(Set.of(), missing, context + ": runs never listed");
        assertEquals(expected, new HashSet<>(listed), context);
        for (int i = 1; i < listed.size(); i++) {
          assertFalse(created.get(listed.get(i)).isAfter(created.get(listed.get(i - 1))),
              context + ": not newest first at " + i);
        }
        skippedByTheServersCursor += skippedFollowingTheServersCursor(sim, query, expected);
      }
    }
    // The histories do hold the runs the server's cursor skips: the property above is not met
    // by luck of where pages end.
    assertTrue(skippedByTheServersCursor > 0, "no history had a run the server's cursor skips");
  }

  private static ActivepiecesClient client(ActivepiecesSimulator sim) {
    return ActivepiecesClient.builder().apiKey(sim.apiKey()).projectId(sim.projectId())
        .baseUrl(sim.baseUrl()).build();
  }

  private static List<String> listAll(ActivepiecesSimulator sim, RunQuery query) {
    try (ActivepiecesClient client = client(sim)) {
      List<String> ids = new ArrayList<>();
      client.listRuns(query).forEach(run -> ids.add(run.id()));
      return ids;
    }
  }

  /** Each page by a new client, from the token of the page before (as a job restarted would). */
  private static List<String> listResumingEachPage(ActivepiecesSimulator sim, RunQuery query) {
    List<String> ids = new ArrayList<>();
    String token = null;
    int pages = 0;
    do {
      try (ActivepiecesClient client = client(sim)) {
        Iterator<Page<Run>> it = (token == null ? client.listRuns(query)
            : client.listRuns(query).resumeFrom(token)).pages().iterator();
        if (!it.hasNext()) {
          break;
        }
        Page<Run> page = it.next();
        page.items().forEach(run -> ids.add(run.id()));
        token = page.nextToken();
      }
      assertTrue(++pages < 10_000, "the listing does not end");
    } while (token != null);
    return ids;
  }

  /** How many wanted runs the server's own cursor, followed page by page, never shows. */
  private static int skippedFollowingTheServersCursor(ActivepiecesSimulator sim, RunQuery query,
      Set<String> expected) {
    try (ActivepiecesClient client = client(sim)) {
      Set<String> seen = new HashSet<>();
      String cursor = null;
      do {
        io.github.flowruns.activepieces.model.FlowRunPage page = client.api()
            .listFlowRuns(sim.projectId(), query.flowIds().isEmpty() ? null : query.flowIds(),
                null, null, null, query.pageSize().getAsInt(), cursor, null, null, null, null,
                null);
        page.getData().forEach(run -> seen.add(run.getId()));
        cursor = page.getNext();
      } while (cursor != null);
      return (int) expected.stream().filter(id -> !seen.contains(id)).count();
    } catch (io.github.flowruns.activepieces.invoker.ApiException e) {
      throw new AssertionError(e);
    }
  }
}
