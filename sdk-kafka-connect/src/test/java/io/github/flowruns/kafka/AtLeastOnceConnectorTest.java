package io.github.flowruns.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.flowruns.kafka.ConnectClusters.Event;
import io.github.flowruns.testing.SimulatedRun;
import io.github.flowruns.testing.VendorSimulator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorOffset;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Without exactly-once on the worker: nothing is missing across restarts, an event written again
 * has the same event id and content, and offsets altered back to a point in time (KIP-875) replay
 * the runs started since then.
 */
class AtLeastOnceConnectorTest {
  private static EmbeddedConnectCluster cluster;

  @BeforeAll
  static void startCluster() {
    cluster = ConnectClusters.start("flowruns-alo", false);
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.stop();
    }
  }

  @Test
  void nothingIsMissingAndRepeatsKeepTheirEventIdsThenAlteredOffsetsReplayFromThere()
      throws Exception {
    String name = "runs-alo";
    try (VendorSimulator sim = VendorSimulator.forVendor("activepieces").runs(3).seed(5)
        .arrivals(Duration.ofSeconds(15)).build().start()) {
      cluster.configureConnector(name, ConnectClusters.connectorConfig(sim, "activepieces"));
      cluster.assertions().assertConnectorAndExactlyNumTasksAreRunning(name, 1, "not started");
      Instant watchedFrom = sim.now();
      ExactlyOnceConnectorTest.awaitFirstSweeps(sim);
      for (int step = 1; step <= 30; step++) {
        sim.advance(Duration.ofSeconds(10));
        Thread.sleep(100);
        if (step == 10) {
          cluster.restartConnectorAndTasks(name, false, true, false);
          cluster.assertions().assertConnectorAndExactlyNumTasksAreRunning(name, 1, "restart");
        }
        if (step == 20) {
          cluster.restartTask(name, 0);
          cluster.assertions().assertConnectorAndExactlyNumTasksAreRunning(name, 1, "restart");
        }
      }
      List<String> watched = ExactlyOnceConnectorTest.createdSince(sim, watchedFrom);
      assertTrue(watched.size() >= 10, "runs arrived while watched: " + watched.size());
      List<Event> before = ConnectClusters.readUntil(cluster, Duration.ofSeconds(40),
          e -> ConnectClusters.upToDate(sim, watched, e), "every run in its current status");
      ConnectClusters.assertChains(before, true);
      Set<String> reported = new LinkedHashSet<>();
      before.forEach(e -> reported.add(e.runId()));
      assertEquals(new LinkedHashSet<>(watched), reported, "the runs created while watched");

      // Back to a point in time: the start of a run in the middle of what was streamed.
      List<Instant> created = new ArrayList<>();
      watched.forEach(id -> created.add(sim.findRun(id).orElseThrow().createdAt()));
      created.sort(Comparator.naturalOrder());
      Instant since = created.get(created.size() / 2);
      // A new feed from `since` reports every run created since then; a run created before but
      // started since may be (Activepieces filters by creation time); none started before.
      Set<String> mustReplay = new HashSet<>();
      Set<String> mayReplay = new HashSet<>();
      for (String id : watched) {
        SimulatedRun run = sim.findRun(id).orElseThrow();
        if (!run.createdAt().isBefore(since)) {
          mustReplay.add(id);
        }
        if (run.startedAt() == null || !run.startedAt().isBefore(since)) {
          mayReplay.add(id);
        }
      }
      cluster.stopConnector(name);
      cluster.assertions().assertConnectorIsStopped(name, "not stopped");
      List<ConnectorOffset> offsets = cluster.connectorOffsets(name).offsets();
      assertEquals(1, offsets.size(), "Activepieces: one partition, the project: " + offsets);
      Map<String, ?> partition = offsets.get(0).partition();
      assertEquals("activepieces", partition.get("vendor"));
      assertEquals(sim.clientSettings().get("projectId"), partition.get("account"));
      cluster.alterSourceConnectorOffset(name, partition, Map.of("since", since.toString()));
      cluster.resumeConnector(name);
      cluster.assertions().assertConnectorAndExactlyNumTasksAreRunning(name, 1, "not resumed");

      int streamed = before.size();
      List<Event> after = ConnectClusters.readUntil(cluster, Duration.ofSeconds(40),
          e -> replayedRuns(e, streamed).containsAll(mustReplay), "the replay of " + mustReplay
              + " after " + streamed + " events");
      List<Event> replay = after.subList(streamed, after.size());
      assertTrue(mayReplay.containsAll(replayedRuns(after, streamed)),
          "only runs started since " + since);
      Map<String, String> lastId = new HashMap<>();
      before.forEach(e -> lastId.put(e.runId(), e.eventId()));
      for (Event e : replay) {
        assertEquals("NEW", e.event(), "a new feed reports each run once: " + e.value());
        assertEquals(lastId.get(e.runId()), e.eventId(), "the same run in the same status has "
            + "the same event id as before the replay: " + e.value());
      }
      assertFalse(replay.isEmpty());
      ConnectClusters.assertChains(after, true);
      cluster.deleteConnector(name);
    }
  }

  private static Set<String> replayedRuns(List<Event> events, int from) {
    Set<String> runs = new HashSet<>();
    events.subList(from, events.size()).forEach(e -> runs.add(e.runId()));
    return runs;
  }
}
