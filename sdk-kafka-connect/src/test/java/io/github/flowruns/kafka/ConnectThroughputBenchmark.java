package io.github.flowruns.kafka;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.flowruns.testing.VendorSimulator;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.Test;

/**
 * Events per second into Kafka from a simulator that answers at once: a measurement, not a test
 * (its name keeps it out of {@code verify}). The simulator's clock jumps so that
 * {@code flowruns.kafka.runs} runs arrive at once; the time is from the jump until the topic holds
 * that many records. BENCHMARKS.md, "Kafka Connect throughput", has the command and the results.
 *
 * <pre>{@code
 * ./mvnw -B -o test -pl sdk-kafka-connect -am -Dflowruns.cpd.skip=true \
 *     -Dtest=ConnectThroughputBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dflowruns.kafka.eos=true -Dflowruns.kafka.runs=12000
 * }</pre>
 */
class ConnectThroughputBenchmark {

  @Test
  void measure() throws Exception {
    boolean eos = Boolean.getBoolean("flowruns.kafka.eos");
    int runs = Integer.getInteger("flowruns.kafka.runs", 12_000);
    EmbeddedConnectCluster cluster = ConnectClusters.start("flowruns-throughput", eos);
    try (VendorSimulator sim = VendorSimulator.forVendor("activepieces").runs(3).seed(1)
        .arrivals(Duration.ofMillis(50)).build().start()) {
      Map<String, String> config = ConnectClusters.connectorConfig(sim, "activepieces");
      config.put("poll.interval.ms", "100");
      cluster.configureConnector("throughput", config);
      cluster.assertions().assertConnectorAndExactlyNumTasksAreRunning("throughput", 1, "start");
      Instant from = sim.now();
      ExactlyOnceConnectorTest.awaitFirstSweeps(sim);
      int requestsBefore = sim.requestCount();
      long t0 = System.nanoTime();
      sim.advance(Duration.ofMillis(50L * runs));
      int created = ExactlyOnceConnectorTest.createdSince(sim, from).size();
      long records = 0;
      TopicPartition tp = new TopicPartition(ConnectClusters.TOPIC, 0);
      try (KafkaConsumer<byte[], byte[]> consumer = cluster.kafka().createConsumer(
          Map.of("isolation.level", "read_committed"))) {
        while (records < created && System.nanoTime() - t0 < Duration.ofMinutes(5).toNanos()) {
          Thread.sleep(50);
          records = consumer.endOffsets(List.of(tp)).get(tp);
        }
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      System.out.printf("flowruns-kafka-throughput exactlyOnce=%s runs=%d records=%d "
          + "seconds=%.2f events/s=%.0f requests=%d%n", eos, created, records, seconds,
          records / seconds, sim.requestCount() - requestsBefore);
      assertTrue(records >= created, "every run reached the topic");
    } finally {
      cluster.stop();
    }
  }
}
