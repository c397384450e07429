package io.github.flowruns.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.flowruns.FlowRunsClients;
import io.github.flowruns.testing.SimulatedRun;
import io.github.flowruns.testing.VendorSimulator;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.storage.StringConverter;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;

/** An in-JVM Kafka broker and Connect worker for this module's tests, and what they read back. */
final class ConnectClusters {
  static final String TOPIC = "flow-runs";

  private ConnectClusters() {}

  /**
   * One broker and one worker; with {@code exactlyOnce}, the worker's exactly-once source
   * support enabled and the broker's transaction log at one replica (or the worker waits 300 s
   * for a transaction coordinator).
   */
  static EmbeddedConnectCluster start(String name, boolean exactlyOnce) {
    Map<String, String> worker = new HashMap<>();
    worker.put("offset.flush.interval.ms", "500");
    // Plugins found by their ServiceLoader manifests only: scanning this test class path for
    // plugins by reflection takes most of a minute.
    worker.put("plugin.discovery", "service_load");
    Properties broker = new Properties();
    broker.put("transaction.state.log.replication.factor", "1");
    broker.put("transaction.state.log.min.isr", "1");
    if (exactlyOnce) {
      worker.put("exactly.once.source.support", "enabled");
    }
    EmbeddedConnectCluster cluster = new EmbeddedConnectCluster.Builder().name(name)
        .numWorkers(1).workerProps(worker).brokerProps(broker).build();
    long t0 = System.nanoTime();
    cluster.start();
    System.out.printf("cluster %s started in %d ms%n", name, (System.nanoTime() - t0) / 1_000_000);
    cluster.kafka().createTopic(TOPIC, 1);
    return cluster;
  }

  /** A connector configuration reading a simulator, as a user writes one for the REST API. */
  static Map<String, String> connectorConfig(VendorSimulator sim, String vendor) {
    Map<String, String> c = new LinkedHashMap<>();
    c.put("connector.class", FlowRunsSourceConnector.class.getName());
    c.put("tasks.max", "1");
    c.put("vendor", vendor);
    c.put("topic", TOPIC);
    c.put("poll.interval.ms", "200");
    c.put("key.converter", StringConverter.class.getName());
    c.put("value.converter", JsonConverter.class.getName());
    c.put("value.converter.schemas.enable", "false");
    sim.clientSettings().forEach((k, v) -> {
      if (k.equals(FlowRunsClients.API_KEY)) {
        c.put("api.key", v);
      } else if (k.equals(FlowRunsClients.BASE_URL)) {
        c.put("base.url", v);
      } else {
        c.put("settings." + k, v);
      }
    });
    return c;
  }

  /** One record as a sink sees it. */
  record Event(String key, String runId, String eventId, String event, String status,
      String previousStatus, long timestamp, JsonObject value) {

    /**
     * The value without what may differ when the same run in the same status is written again:
     * when the feed saw it, and, after a replay from a point in time, whether it was new to the
     * feed.
     */
    JsonObject stable() {
      JsonObject copy = value.deepCopy();
      copy.remove("observedAt");
      copy.remove("event");
      copy.remove("previousStatus");
      return copy;
    }
  }

  /** Every committed record of the topic, in order (one partition). */
  static List<Event> readAll(EmbeddedConnectCluster cluster) {
    Map<String, Object> props = new HashMap<>();
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    List<Event> out = new ArrayList<>();
    try {
      for (ConsumerRecord<byte[], byte[]> r : cluster.kafka()
          .consumeAll(Duration.ofSeconds(20).toMillis(), props, null, TOPIC)) {
        JsonObject v = JsonParser.parseString(new String(r.value(), StandardCharsets.UTF_8))
            .getAsJsonObject();
        out.add(new Event(new String(r.key(), StandardCharsets.UTF_8), text(v, "id"),
            text(v, "eventId"), text(v, "event"), text(v, "status"), text(v, "previousStatus"),
            r.timestamp(), v));
      }
    } catch (Exception e) {
      throw new AssertionError("reading " + TOPIC + " failed", e);
    }
    return out;
  }

  private static String text(JsonObject o, String name) {
    JsonElement e = o.get(name);
    return e == null || e.isJsonNull() ? null : e.getAsString();
  }

  /** Reads the topic until {@code done} holds for what it read, or fails after {@code timeout}. */
  static List<Event> readUntil(EmbeddedConnectCluster cluster, Duration timeout,
      Predicate<List<Event>> done, String what) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    List<Event> events = readAll(cluster);
    while (!done.test(events)) {
      if (System.nanoTime() > end) {
        fail("gave up waiting for " + what + "; read " + events.size() + " events");
      }
      Thread.sleep(300);
      events = readAll(cluster);
    }
    return events;
  }

  /**
   * Whether every run the simulator created while watched has reached the topic in the status it
   * is in now.
   */
  static boolean upToDate(VendorSimulator sim, List<String> watched, List<Event> events) {
    Map<String, String> last = lastStatus(events);
    for (String id : watched) {
      SimulatedRun run = sim.findRun(id).orElseThrow();
      if (!run.status().equals(last.get(id))) {
        return false;
      }
    }
    return true;
  }

  /** The vendor's own status each run was last reported in. */
  static Map<String, String> lastStatus(List<Event> events) {
    Map<String, String> last = new HashMap<>();
    events.forEach(e -> last.put(e.runId(), text(e.value(), "rawStatus")));
    return last;
  }

  /**
   * Each run's events form one chain: one NEW first, then each change from the status reported
   * before it; with {@code repeatsAllowed}, an event may come again (same id, same content) but
   * never a different one in its place.
   */
  static void assertChains(List<Event> events, boolean repeatsAllowed) {
    Map<String, Event> byId = new HashMap<>();
    Map<String, String> status = new HashMap<>();
    for (Event e : events) {
      assertEquals(e.key(), e.runId(), "the key is the run id");
      Event seen = byId.putIfAbsent(e.eventId(), e);
      if (seen != null) {
        assertTrue(repeatsAllowed, "event written twice: " + e.value());
        assertEquals(seen.stable(), e.stable(), "a repeat has the same content");
        status.put(e.runId(), e.status());
        continue;
      }
      String before = status.put(e.runId(), e.status());
      if (e.event().equals("NEW")) {
        assertTrue(before == null || repeatsAllowed, "a second NEW for a run: " + e.value());
      } else {
        assertEquals("STATUS_CHANGED", e.event());
        assertEquals(before, e.previousStatus(), "a change follows the status reported before: "
            + e.value());
      }
    }
  }
}
