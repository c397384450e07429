package io.github.flowruns.flowstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.flowruns.FlowRunsClient;
import io.github.flowruns.FlowRunsClients;
import io.github.flowruns.Run;
import io.github.flowruns.RunQuery;
import io.github.flowruns.Vendor;
import io.github.flowruns.spi.FlowRunsClientProvider;
import io.github.flowruns.testing.FlowStackSimulator;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Builder checks and creation by name through {@link java.util.ServiceLoader}. */
class FlowStackClientSetupTest {

  @Test
  void aMissingApiKeyFailsAtBuildNamingIt() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FlowStackClient.builder().build());
    assertTrue(e.getMessage().contains("apiKey"), e.getMessage());
  }

  @Test
  void aBlankApiKeyFailsAtBuild() {
    assertThrows(IllegalArgumentException.class, () -> FlowStackClient.builder().apiKey("  ").build());
  }

  @Test
  void anApiKeyWithALineBreakIsRefusedWithoutEchoingIt() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> FlowStackClient.builder().apiKey("fs_live_abc\r\nX-Evil: 1").build());
    assertTrue(!e.getMessage().contains("fs_live_abc"), e.getMessage());
  }

  @Test
  void aBlankDefaultFlowFailsAtBuildNamingFlowId() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> FlowStackClient.builder().apiKey("fs_test_x1y2z3").flowId(" ").build());
    assertTrue(e.getMessage().contains("flowId"), e.getMessage());
  }

  @Test
  void aPlainHttpBaseUrlOffLoopbackIsRefused() {
    assertThrows(IllegalArgumentException.class,
        () -> FlowStackClient.builder().apiKey("fs_test_x1y2z3").baseUrl("http://flowstack.example.com").build());
  }

  @Test
  void aPlainHttpBaseUrlOffLoopbackIsAcceptedWithAllowInsecureHttp() {
    try (FlowStackClient client = FlowStackClient.builder().apiKey("fs_test_x1y2z3")
        .baseUrl("http://flowstack.internal.example").allowInsecureHttp(true).build()) {
      assertEquals("http://flowstack.internal.example", client.baseUrl());
    }
  }

  @Test
  void theServiceLoaderFindsTheFlowStackProvider() {
    List<Vendor> vendors = ServiceLoader.load(FlowRunsClientProvider.class).stream()
        .map(p -> p.get().vendor()).collect(Collectors.toList());
    assertTrue(vendors.contains(Vendor.FLOWSTACK), vendors.toString());
  }

  @Test
  void flowRunsClientsCreatesAWorkingFlowStackClientFromSettings() throws Exception {
    try (FlowStackSimulator sim = FlowStackSimulator.builder().runs(6).flows(2).build().start();
         FlowRunsClient client = FlowRunsClients.create(Vendor.FLOWSTACK, Map.of(
             FlowRunsClients.API_KEY, sim.apiKey(),
             FlowRunsClients.BASE_URL, sim.baseUrl(),
             FlowStackClientProvider.FLOW_ID, sim.flowIds().get(0)))) {
      assertInstanceOf(FlowStackClient.class, client);
      assertEquals(Vendor.FLOWSTACK, client.vendor());
      String flow = sim.flowIds().get(0);
      List<String> want = sim.runs().stream().filter(r -> r.flowId().equals(flow))
          .map(r -> flow + "/" + r.id()).collect(Collectors.toList());
      assertFalse(want.isEmpty());
      assertEquals(want, client.listRuns(RunQuery.all()).stream().map(Run::id).collect(Collectors.toList()));
    }
  }

  @Test
  void flowRunsClientsWithoutAnApiKeyFailsNamingIt() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> FlowRunsClients.create(Vendor.FLOWSTACK, Map.of()));
    assertTrue(e.getMessage().contains("apiKey"), e.getMessage());
  }
}
