package io.github.flowruns.contract;

import io.github.flowruns.FlowRunsClient;
import io.github.flowruns.Page;
import io.github.flowruns.Run;
import io.github.flowruns.RunQuery;
import io.github.flowruns.spi.VendorDescriptor;
import io.github.flowruns.testing.VendorSimulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Assumptions;

/**
 * One check's target (the vendor's seeded simulator, or a live server: {@link ContractTarget}) and
 * a facade client connected to it. What needs a simulator (fault injection, the raw requests, its
 * clock) aborts the check against a live server with a plain reason.
 */
final class ContractFixture implements AutoCloseable {
  /** Small enough for milliseconds per listing, large enough for several pages of every status. */
  static final int RUNS = 90;
  static final int FLOWS = 3;
  static final long SEED = 11;

  private static final String NEEDS_SIMULATOR =
      "needs the simulator (fault injection, raw requests, its clock): not run against a live server";

  private final VendorDescriptor vendor;
  private final ContractTarget target;
  private final FlowRunsClient client;

  private ContractFixture(VendorDescriptor vendor, ContractTarget target) {
    this.vendor = vendor;
    this.target = target;
    this.client = target.client(target.apiKey());
  }

  /** The vendor's seeded simulator. */
  static ContractFixture start(VendorDescriptor vendor) {
    return start(vendor, ContractTarget.simulator(vendor));
  }

  static ContractFixture start(VendorDescriptor vendor, ContractTarget target) {
    try {
      return new ContractFixture(vendor, target);
    } catch (RuntimeException e) {
      target.close();
      throw e;
    }
  }

  /** The simulator; aborts the check (skipped, with the reason) against a live server. */
  VendorSimulator sim() {
    Optional<VendorSimulator> sim = target.simulator();
    if (sim.isEmpty()) {
      Assumptions.abort(NEEDS_SIMULATOR);
    }
    return sim.get();
  }

  FlowRunsClient client() {
    return client;
  }

  /** Another client of the same target with another key. */
  FlowRunsClient clientWithKey(String apiKey) {
    return target.client(apiKey);
  }

  String apiKey() {
    return target.apiKey();
  }

  List<String> flowIds() {
    return target.flowIds();
  }

  int runCount() {
    return target.runCount();
  }

  int requestCount() {
    return target.requestCount();
  }

  String unknownRunId(String listedId) {
    return target.unknownRunId(listedId);
  }

  /** A query over the whole account: every flow where the vendor lists flow by flow. */
  RunQuery.Builder base() {
    RunQuery.Builder b = RunQuery.builder();
    return vendor.listsPerFlow() ? b.flowIds(flowIds()) : b;
  }

  /** A query over one flow. */
  RunQuery.Builder oneFlow() {
    return RunQuery.builder().flowIds(List.of(flowIds().get(0)));
  }

  List<Run> listAll(RunQuery q) {
    return client.listRuns(q).stream().collect(Collectors.toList());
  }

  List<Page<Run>> pages(RunQuery q) {
    List<Page<Run>> out = new ArrayList<>();
    client.listRuns(q).pages().forEach(out::add);
    return out;
  }

  /** The requests the simulator received since the last call, in order (simulator only). */
  List<RecordedRequest> requests() throws InterruptedException {
    VendorSimulator sim = sim();
    List<RecordedRequest> out = new ArrayList<>();
    for (RecordedRequest r; (r = sim.takeRequest(Duration.ZERO)) != null; ) out.add(r);
    return out;
  }

  @Override
  public void close() {
    try {
      client.close();
    } finally {
      target.close();
    }
  }
}
