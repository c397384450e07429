package io.github.flowruns.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.flowruns.testing.VendorSimulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.junit.jupiter.api.Test;

/** The task against a simulator, without a cluster: offsets, replays, outages, a refused key. */
class FlowRunsSourceTaskTest {

  private static Map<String, String> props(VendorSimulator sim) {
    Map<String, String> p = new HashMap<>(ConnectClusters.connectorConfig(sim, "activepieces"));
    p.put("poll.interval.ms", "100");
    p.put(ConnectorConfig.TASK_PARTITIONS, SourcePartitions.encode(java.util.Arrays.asList(
        (String) null)));
    return p;
  }

  private static FlowRunsSourceTask task(Map<String, String> props,
      Map<Map<String, Object>, Map<String, Object>> stored) {
    FlowRunsSourceTask task = new FlowRunsSourceTask();
    task.initialize(new Context(props, stored));
    task.start(props);
    return task;
  }

  /** Polls until a batch comes, at most {@code polls} times. */
  private static List<SourceRecord> next(FlowRunsSourceTask task, int polls)
      throws InterruptedException {
    for (int i = 0; i < polls; i++) {
      List<SourceRecord> records = task.poll();
      if (records != null && !records.isEmpty()) {
        return records;
      }
    }
    return List.of();
  }

  private static Set<String> eventIds(List<SourceRecord> records) {
    Set<String> ids = new LinkedHashSet<>();
    records.forEach(r -> ids.add(((Struct) r.value()).getString("eventId")));
    return ids;
  }

  @Test
  void aBatchsLastRecordCarriesTheCheckpointAndEarlierOnesResumeBeforeIt() throws Exception {
    try (VendorSimulator sim = VendorSimulator.forVendor("activepieces").runs(3).seed(3)
        .arrivals(Duration.ofSeconds(15)).build().start()) {
      Map<String, String> props = props(sim);
      FlowRunsSourceTask first = task(props, Map.of());
      assertEquals(List.of(), next(first, 3), "a new feed starts at the vendor's now");
      sim.advance(Duration.ofMinutes(2));
      List<SourceRecord> batch = next(first, 20);
      first.stop();
      assertTrue(batch.size() >= 4, "runs arrived: " + batch.size());
      Map<String, ?> after = batch.get(batch.size() - 1).sourceOffset();
      Map<String, ?> before = batch.get(0).sourceOffset();
      assertTrue(after.get("checkpoint") instanceof String, after.toString());
      for (SourceRecord r : batch.subList(0, batch.size() - 1)) {
        assertEquals(before, r.sourceOffset());
      }
      assertTrue(before.get("checkpoint") instanceof String, "the checkpoint of the poll before");
      assertTrue(!before.equals(after));

      // At least once: resumed from an earlier record's offset, the batch comes again, same ids.
      @SuppressWarnings("unchecked")
      Map<String, Object> partition = (Map<String, Object>) batch.get(0).sourcePartition();
      FlowRunsSourceTask replay = task(props, Map.of(partition, new HashMap<>(before)));
      assertEquals(eventIds(batch), eventIds(next(replay, 20)));
      replay.stop();

      // Resumed from the last record's offset: nothing again.
      FlowRunsSourceTask resumed = task(props, Map.of(partition, new HashMap<>(after)));
      assertEquals(List.of(), next(resumed, 3));
      sim.advance(Duration.ofMinutes(1));
      List<SourceRecord> more = next(resumed, 20);
      assertFalse(more.isEmpty());
      assertTrue(more.get(more.size() - 1).sourceOffset().get("checkpoint") instanceof String);
      assertFalse(eventIds(batch).removeAll(eventIds(more)), "nothing of the first batch again");
      resumed.stop();
    }
  }

  @Test
  void anOutageIsWaitedOutAndNothingIsLost() throws Exception {
    try (VendorSimulator sim = VendorSimulator.forVendor("activepieces").runs(3).seed(4)
        .arrivals(Duration.ofSeconds(20)).build().start()) {
      FlowRunsSourceTask task = task(props(sim), Map.of());
      next(task, 3);
      sim.advance(Duration.ofMinutes(2));
      List<String> created = ExactlyOnceConnectorTest.createdSince(sim,
          sim.now().minus(Duration.ofMinutes(2)));
      sim.failNext(4, 503);
      assertNull(task.poll(), "a failed sweep returns nothing and does not throw");
      List<SourceRecord> batch = next(task, 40);
      Set<String> runs = new LinkedHashSet<>();
      batch.forEach(r -> runs.add((String) r.key()));
      assertTrue(runs.containsAll(created), runs + " " + created);
      task.stop();
    }
  }

  @Test
  void aRefusedKeyFailsTheTaskWithoutShowingIt() throws Exception {
    try (VendorSimulator sim = VendorSimulator.forVendor("activepieces").runs(3).build().start()) {
      Map<String, String> props = props(sim);
      props.put("api.key", "wrong_key_SECRET_0123456789");
      FlowRunsSourceTask task = task(props, Map.of());
      ConnectException e = assertThrows(ConnectException.class, () -> next(task, 100));
      assertTrue(e.getMessage().contains("refused the connector's credentials on 3 sweeps"),
          e.getMessage());
      assertFalse(e.getMessage().contains("SECRET"), e.getMessage());
      task.stop();
    }
  }

  /** What Connect gives a task: its configuration and the offsets stored. */
  private static final class Context implements SourceTaskContext {
    private final Map<String, String> configs;
    private final Map<Map<String, Object>, Map<String, Object>> stored;

    Context(Map<String, String> configs, Map<Map<String, Object>, Map<String, Object>> stored) {
      this.configs = configs;
      this.stored = stored;
    }

    @Override
    public Map<String, String> configs() {
      return configs;
    }

    @Override
    public org.apache.kafka.common.metrics.PluginMetrics pluginMetrics() {
      return null;
    }

    @Override
    public OffsetStorageReader offsetStorageReader() {
      return new OffsetStorageReader() {
        @Override
        public <T> Map<String, Object> offset(Map<String, T> partition) {
          return stored.get(partition);
        }

        @Override
        public <T> Map<Map<String, T>, Map<String, Object>> offsets(
            Collection<Map<String, T>> partitions) {
          Map<Map<String, T>, Map<String, Object>> out = new HashMap<>();
          for (Map<String, T> p : partitions) {
            out.put(p, stored.get(p));
          }
          return out;
        }
      };
    }
  }
}
