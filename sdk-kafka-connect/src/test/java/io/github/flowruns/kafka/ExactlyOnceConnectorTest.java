package io.github.flowruns.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.flowruns.kafka.ConnectClusters.Event;
import io.github.flowruns.testing.StatusChange;
import io.github.flowruns.testing.VendorSimulator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
 * With the worker's exactly-once source support enabled, every event the feeds report reaches
 * the topic once, read committed, across a restart of the connector and its tasks and a
 * rebalance of its partitions over more tasks, while the vendor's runs arrive and change status.
 */
class ExactlyOnceConnectorTest {
  private static final String NAME = "runs-eos";
  private static EmbeddedConnectCluster cluster;

  @BeforeAll
  static void startCluster() {
    cluster = ConnectClusters.start("flowruns-eos", true);
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.stop();
    }
  }

  @Test
  void everyEventReachesTheTopicOnceAcrossARestartAndARebalance() throws Exception {
    try (VendorSimulator sim = VendorSimulator.forVendor("stackai").runs(3).flows(2).seed(11)
        .arrivals(Duration.ofSeconds(15)).build().start()) {
      Map<String, String> config = ConnectClusters.connectorConfig(sim, "stackai");
      // StackAI lists runs flow by flow: each flow is a source partition.
      config.put("flow.ids", String.join(",", sim.flowIds()));
      cluster.configureConnector(NAME, config);
      cluster.assertions().assertConnectorAndExactlyNumTasksAreRunning(NAME, 1, "not started");
      Instant watchedFrom = sim.now();
      awaitFirstSweeps(sim);

      for (int step = 1; step <= 45; step++) {
        sim.advance(Duration.ofSeconds(10));
        Thread.sleep(100);
        if (step == 15) {
          cluster.restartConnectorAndTasks(NAME, false, true, false);
          cluster.assertions().assertConnectorAndExactlyNumTasksAreRunning(NAME, 1,
              "not restarted");
        }
        if (step == 30) {
          config.put("tasks.max", "2");
          cluster.configureConnector(NAME, config);
          cluster.assertions().assertConnectorAndExactlyNumTasksAreRunning(NAME, 2,
              "not rebalanced over two tasks");
        }
      }

      List<String> watched = createdSince(sim, watchedFrom);
      assertTrue(watched.size() >= 20, "runs arrived while watched: " + watched.size());
      List<Event> events = ConnectClusters.readUntil(cluster, Duration.ofSeconds(40),
          e -> ConnectClusters.upToDate(sim, watched, e), "every run in its current status");

      ConnectClusters.assertChains(events, false);
      Set<String> reported = new LinkedHashSet<>();
      events.forEach(e -> reported.add(e.runId()));
      assertEquals(new LinkedHashSet<>(watched), reported, "the runs created while watched");
      assertTrue(events.stream().anyMatch(e -> e.event().equals("STATUS_CHANGED")),
          "status changes were streamed");

      List<ConnectorOffset> offsets = cluster.connectorOffsets(NAME).offsets();
      assertEquals(2, offsets.size(), "one offset per flow: " + offsets);
      for (ConnectorOffset o : offsets) {
        assertTrue(sim.flowIds().contains(o.partition().get("flow")), o.partition().toString());
        assertFalse(o.offset().get("checkpoint").toString().isEmpty());
      }
      cluster.deleteConnector(NAME);
    }
  }

  /** Waits until each partition's feed has made its first sweep, which fixes where it starts. */
  static void awaitFirstSweeps(VendorSimulator sim) throws InterruptedException {
    for (int i = 0; i < 100 && sim.requestCount() == 0; i++) {
      Thread.sleep(100);
    }
    Thread.sleep(1000);
  }

  /** The runs the simulator created after {@code from}. */
  static List<String> createdSince(VendorSimulator sim, Instant from) {
    List<String> ids = new ArrayList<>();
    for (StatusChange c : sim.statusChanges()) {
      if (c.from() == null && c.at().isAfter(from)) {
        ids.add(c.runId());
      }
    }
    return ids;
  }
}
