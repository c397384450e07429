package io.github.flowruns.contract;

import io.github.flowruns.FlowRunsClient;
import io.github.flowruns.FlowRunsClients;
import io.github.flowruns.http.RequestListener;
import io.github.flowruns.spi.VendorDescriptor;
import io.github.flowruns.testing.VendorSimulator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * What {@link FlowRunsContract} runs against: the vendor's seeded simulator (the default), or a
 * live server of the vendor that a module's live test class started and seeded. A test opens one
 * per check through {@link FlowRunsContract#target} and closes it after; a live target's close
 * leaves its server running for the next check.
 *
 * <pre>{@code
 * class N8nLiveContractTest extends FlowRunsContract {
 *   protected ContractTarget target(VendorDescriptor v) {
 *     return ContractTarget.live(server::apiKey, (key, counter) -> N8nClient.builder()
 *         .apiKey(key).baseUrl(server.baseUrl()).listener(counter).build(),
 *         flowIds, server::executionCount, "999999999");
 *   }
 * }
 * }</pre>
 */
public interface ContractTarget extends AutoCloseable {

  /** A client of this target that sends {@code apiKey}; the fixture closes it. */
  FlowRunsClient client(String apiKey);

  /** The key this target accepts. */
  String apiKey();

  /** The seeded flows, at least three, the first two with runs. */
  List<String> flowIds();

  /** How many runs the target holds now, known without the SDK (the ground truth of a listing). */
  int runCount();

  /** How many HTTP requests reached the target (simulator) or left this target's clients (live). */
  int requestCount();

  /**
   * An id in the facade's form for this vendor that names no run of this target, made from a
   * listed one (the simulator changes its last character, as {@link FlowRunsContract#unknownId}
   * does).
   */
  String unknownRunId(String listedId);

  /** The simulator, for the checks that inject faults or read raw requests; empty when live. */
  default Optional<VendorSimulator> simulator() {
    return Optional.empty();
  }

  /** Releases what this target opened for one check. */
  @Override
  void close();

  /**
   * The vendor's simulator, seeded as {@link ContractFixture} describes, with clients made the way a
   * user makes one: {@code FlowRunsClients.create(vendor, settings)} with the settings the
   * simulator says reach it.
   *
   * <pre>{@code ContractTarget t = ContractTarget.simulator(descriptor);}</pre>
   */
  static ContractTarget simulator(VendorDescriptor vendor) {
    VendorSimulator sim = VendorSimulator.forVendor(vendor.simulator())
        .runs(ContractFixture.RUNS).flows(ContractFixture.FLOWS).seed(ContractFixture.SEED)
        .build().start();
    return new ContractTarget() {
      @Override
      public FlowRunsClient client(String apiKey) {
        Map<String, String> settings = new LinkedHashMap<>(sim.clientSettings());
        settings.put(FlowRunsClients.API_KEY, apiKey);
        return FlowRunsClients.create(vendor.vendor(), settings);
      }

      @Override
      public String apiKey() {
        return sim.apiKey();
      }

      @Override
      public List<String> flowIds() {
        return sim.flowIds();
      }

      @Override
      public int runCount() {
        return sim.runCount();
      }

      @Override
      public int requestCount() {
        return sim.requestCount();
      }

      @Override
      public String unknownRunId(String listedId) {
        return FlowRunsContract.unknownId(listedId);
      }

      @Override
      public Optional<VendorSimulator> simulator() {
        return Optional.of(sim);
      }

      @Override
      public void close() {
        sim.close();
      }
    };
  }

  /**
   * A live server's target for one check. Its clients come from {@code clients}, given the key
   * and a {@link RequestListener} that counts every attempt they make: a live server tells no one
   * how many requests it received.
   *
   * <pre>{@code ContractTarget.live(n8n::apiKey, (k, l) -> build(k, l), flows, n8n::count, "999999999")}</pre>
   *
   * @param apiKey the key the server accepts
   * @param clients makes a client with a key and the counting listener
   * @param flowIds the seeded flows
   * @param runCount counts the server's runs without the SDK
   * @param unknownRunId an id of the vendor's shape that names no run
   */
  static ContractTarget live(Supplier<String> apiKey,
      BiFunction<String, RequestListener, FlowRunsClient> clients,
      List<String> flowIds, Supplier<Integer> runCount, String unknownRunId) {
    AtomicInteger attempts = new AtomicInteger();
    RequestListener counter = e -> attempts.incrementAndGet();
    return new ContractTarget() {
      @Override
      public FlowRunsClient client(String key) {
        return clients.apply(key, counter);
      }

      @Override
      public String apiKey() {
        return apiKey.get();
      }

      @Override
      public List<String> flowIds() {
        return List.copyOf(flowIds);
      }

      @Override
      public int runCount() {
        return runCount.get();
      }

      @Override
      public int requestCount() {
        return attempts.get();
      }

      @Override
      public String unknownRunId(String listedId) {
        return unknownRunId;
      }

      @Override
      public void close() {
        // the server outlives the check: its test class stops it
      }
    };
  }
}
