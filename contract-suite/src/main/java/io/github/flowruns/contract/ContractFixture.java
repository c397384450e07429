package io.github.flowruns.contract;

import io.github.flowruns.FlowRunsClient;
import io.github.flowruns.FlowRunsClients;
import io.github.flowruns.Page;
import io.github.flowruns.Run;
import io.github.flowruns.RunQuery;
import io.github.flowruns.spi.VendorDescriptor;
import io.github.flowruns.testing.VendorSimulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import mockwebserver3.RecordedRequest;

/**
 * One vendor's seeded simulator, the one its descriptor names, and a facade client connected to
 * it, made the way a user makes one: {@code FlowRunsClients.create(vendor, settings)} with the
 * settings the simulator says reach it.
 */
final class ContractFixture implements AutoCloseable {
  /** Small enough for milliseconds per listing, large enough for several pages of every status. */
  static final int RUNS = 90;
  static final int FLOWS = 3;
  static final long SEED = 11;

  private final VendorDescriptor vendor;
  private final VendorSimulator sim;
  private final FlowRunsClient client;

  private ContractFixture(VendorDescriptor vendor, VendorSimulator sim) {
    this.vendor = vendor;
    this.sim = sim;
    this.client = create(sim.apiKey());
  }

  static ContractFixture start(VendorDescriptor vendor) {
    VendorSimulator sim = VendorSimulator.forVendor(vendor.simulator())
        .runs(RUNS).flows(FLOWS).seed(SEED).build().start();
    try {
      return new ContractFixture(vendor, sim);
    } catch (RuntimeException e) {
      sim.close();
      throw e;
    }
  }

  private FlowRunsClient create(String apiKey) {
    Map<String, String> settings = new LinkedHashMap<>(sim.clientSettings());
    settings.put(FlowRunsClients.API_KEY, apiKey);
    return FlowRunsClients.create(vendor.vendor(), settings);
  }

  VendorSimulator sim() {
    return sim;
  }

  FlowRunsClient client() {
    return client;
  }

  /** Another client of the same simulator with another key. */
  FlowRunsClient clientWithKey(String apiKey) {
    return create(apiKey);
  }

  /** A query over the whole account: every flow where the vendor lists flow by flow. */
  RunQuery.Builder base() {
    RunQuery.Builder b = RunQuery.builder();
    return vendor.listsPerFlow() ? b.flowIds(sim.flowIds()) : b;
  }

  /** A query over one flow. */
  RunQuery.Builder oneFlow() {
    return RunQuery.builder().flowIds(List.of(sim.flowIds().get(0)));
  }

  List<Run> listAll(RunQuery q) {
    return client.listRuns(q).stream().collect(Collectors.toList());
  }

  List<Page<Run>> pages(RunQuery q) {
    List<Page<Run>> out = new ArrayList<>();
    client.listRuns(q).pages().forEach(out::add);
    return out;
  }

  /** The requests the simulator received since the last call, in order. */
  List<RecordedRequest> requests() throws InterruptedException {
    List<RecordedRequest> out = new ArrayList<>();
    for (RecordedRequest r; (r = sim.takeRequest(Duration.ZERO)) != null; ) out.add(r);
    return out;
  }

  @Override
  public void close() {
    try {
      client.close();
    } finally {
      sim.close();
    }
  }
}
