package io.github.flowruns.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.flowruns.Capabilities;
import io.github.flowruns.Capabilities.Operation;
import io.github.flowruns.FlowRunsClient;
import io.github.flowruns.FlowRunsClients;
import io.github.flowruns.RetryMode;
import io.github.flowruns.Run;
import io.github.flowruns.RunQuery;
import io.github.flowruns.RunStatus;
import io.github.flowruns.spi.VendorDescriptor;
import io.github.flowruns.testing.VendorSimulator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * README.md's vendor x operation table says what each vendor client can do: every cell is checked
 * against that client's {@link Capabilities}, built by {@link FlowRunsClients#create} against the
 * vendor's simulator; the retry cell's modes by calling {@code retryRun} with every
 * {@link RetryMode} on a failed run of the simulator (a mode the client lacks throws
 * {@link UnsupportedOperationException} before any request). Every vendor module on the class path
 * has a row, and no other row is there.
 */
class ReadmeVendorTableTest {
  private static final List<String> HEADER = List.of("vendor", "list", "get", "retry (modes)", "stop",
      "trigger", "counts", "bulk", "logs", "await", "watch");

  @Test
  void theVendorTableSaysWhatEachClientCanDo() {
    List<List<String>> table = Readmes.table(Readmes.lines(Readmes.root().resolve("README.md")), "| vendor | list |");
    assertEquals(HEADER, table.get(0), "the table's columns");

    Map<String, List<String>> documented = new LinkedHashMap<>();
    for (List<String> row : table.subList(1, table.size())) {
      documented.put(FlowRunsClients.descriptor(row.get(0)).name(), row);
    }
    List<String> onClassPath = FlowRunsClients.descriptors().stream().map(VendorDescriptor::name).toList();
    assertEquals(new TreeSet<>(onClassPath), new TreeSet<>(documented.keySet()), "one row per vendor module");

    List<String> wrong = new ArrayList<>();
    for (String vendor : onClassPath) {
      List<String> row = documented.get(vendor);
      List<String> actual = actualRow(vendor, row.get(0));
      for (int c = 1; c < HEADER.size(); c++) {
        if (!actual.get(c).equals(row.get(c))) {
          wrong.add(row.get(0) + " / " + HEADER.get(c) + ": README says \"" + row.get(c) + "\", the client \""
              + actual.get(c) + "\"");
        }
      }
    }
    assertEquals(List.of(), wrong, "README.md vendor table cells that disagree with the clients");
  }

  /** The row the README should show for a vendor, from its client against its simulator. */
  private static List<String> actualRow(String vendor, String label) {
    VendorDescriptor d = FlowRunsClients.descriptor(vendor);
    try (VendorSimulator sim = VendorSimulator.forVendor(d.simulator()).runs(60).flows(2).build().start();
         FlowRunsClient client = FlowRunsClients.create(d.vendor(), sim.clientSettings())) {
      Capabilities caps = client.capabilities();
      List<String> bulk = new ArrayList<>();
      if (caps.supports(Operation.RETRY_RUNS)) bulk.add("retry");
      if (caps.supports(Operation.STOP_RUNS)) bulk.add("stop");
      return List.of(label,
          yesNo(caps, Operation.LIST_RUNS),
          yesNo(caps, Operation.GET_RUN),
          caps.supports(Operation.RETRY_RUN) ? String.join(", ", retryModes(client)) : "no",
          yesNo(caps, Operation.STOP_RUN),
          yesNo(caps, Operation.TRIGGER_RUN),
          yesNo(caps, Operation.COUNT_BY_STATUS),
          bulk.isEmpty() ? "no" : String.join(", ", bulk),
          yesNo(caps, Operation.LIST_LOGS),
          yesNo(caps, Operation.AWAIT_RUN),
          yesNo(caps, Operation.WATCH_RUNS));
    }
  }

  private static String yesNo(Capabilities caps, Operation op) {
    return caps.supports(op) ? "yes" : "no";
  }

  /** The modes {@code retryRun} accepts: each is tried on a failed run of the simulator. */
  private static List<String> retryModes(FlowRunsClient client) {
    List<Run> failed = new ArrayList<>();
    client.listRuns(RunQuery.builder().statuses(RunStatus.FAILED).limit(RetryMode.values().length).build())
        .forEach(failed::add);
    assertEquals(RetryMode.values().length, failed.size(), "failed runs to retry on the simulator");
    List<String> accepted = new ArrayList<>();
    for (RetryMode mode : RetryMode.values()) {
      try {
        client.retryRun(failed.get(mode.ordinal()).id(), mode);
        accepted.add(mode.name());
      } catch (UnsupportedOperationException e) {
        // not this vendor's mode
      }
    }
    accepted.sort(null);
    return Arrays.asList(accepted.toArray(String[]::new));
  }
}
