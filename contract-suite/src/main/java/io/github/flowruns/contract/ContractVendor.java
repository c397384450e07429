package io.github.flowruns.contract;

import io.github.flowruns.FlowRunsClients;
import io.github.flowruns.Vendor;
import io.github.flowruns.spi.FlowRunsClientProvider;
import io.github.flowruns.testing.ActivepiecesSimulator;
import io.github.flowruns.testing.AnalyticsSimulator;
import io.github.flowruns.testing.VendorSimulator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * STAND-IN until slice A's descriptor SPI is merged: the vendors on the class path and what the
 * suite needs to know of each. Replaced by {@code VendorDescriptor}, {@code
 * FlowRunsClients.descriptors()} and {@code VendorSimulator.clientSettings()}.
 */
record ContractVendor(Vendor vendor, String name, String simulator, boolean listsPerFlow) {

  static List<ContractVendor> discovered() {
    List<ContractVendor> out = new ArrayList<>();
    for (FlowRunsClientProvider p : ServiceLoader.load(FlowRunsClientProvider.class)) {
      String name = p.vendor().name().toLowerCase(Locale.ROOT);
      out.add(new ContractVendor(p.vendor(), name, name, Set.of("stackai", "flowstack").contains(name)));
    }
    return out;
  }

  static Map<String, String> clientSettings(VendorSimulator sim) {
    Map<String, String> s = new LinkedHashMap<>();
    s.put(FlowRunsClients.BASE_URL, sim.baseUrl());
    s.put(FlowRunsClients.API_KEY, sim.apiKey());
    if (sim instanceof ActivepiecesSimulator) {
      s.put(FlowRunsClients.PROJECT_ID, ((ActivepiecesSimulator) sim).projectId());
    } else if (sim instanceof AnalyticsSimulator) {
      s.put(FlowRunsClients.ORG_ID, ((AnalyticsSimulator) sim).orgId());
    }
    return s;
  }

  @Override
  public String toString() {
    return name;
  }
}
