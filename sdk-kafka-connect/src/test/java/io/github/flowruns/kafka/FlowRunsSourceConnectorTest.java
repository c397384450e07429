package io.github.flowruns.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.flowruns.FlowRunsClient;
import io.github.flowruns.FlowRunsClients;
import io.github.flowruns.RunFeed;
import io.github.flowruns.Vendor;
import io.github.flowruns.WatchOptions;
import io.github.flowruns.testing.VendorSimulator;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.ConnectorTransactionBoundaries;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.junit.jupiter.api.Test;

/** Configuration checks, partitions over tasks, exactly-once declaration and altered offsets. */
class FlowRunsSourceConnectorTest {
  private static final String KEY = "ap_live_0123456789abcdefSECRET";

  private static Map<String, String> activepieces() {
    Map<String, String> c = new LinkedHashMap<>();
    c.put("name", "runs");
    c.put("vendor", "activepieces");
    c.put("api.key", KEY);
    c.put("settings.projectId", "proj_1");
    c.put("base.url", "http://127.0.0.1:9/");
    c.put("topic", "flow-runs");
    return c;
  }

  private static Map<String, String> stackai(String flows) {
    Map<String, String> c = new LinkedHashMap<>(activepieces());
    c.put("vendor", "analytics");
    c.remove("settings.projectId");
    c.put("settings.orgId", "org_9");
    if (flows != null) {
      c.put("flow.ids", flows);
    }
    return c;
  }

  /** The error messages of each key that has any. */
  private static Map<String, List<String>> errors(Map<String, String> props) {
    Config result = new FlowRunsSourceConnector().validate(props);
    Map<String, List<String>> errors = new HashMap<>();
    for (ConfigValue v : result.configValues()) {
      if (!v.errorMessages().isEmpty()) {
        errors.put(v.name(), v.errorMessages());
      }
    }
    return errors;
  }

  @Test
  void aCompleteConfigurationIsValid() {
    assertEquals(Map.of(), errors(activepieces()));
    assertEquals(Map.of(), errors(stackai("f1,f2")));
  }

  @Test
  void anUnknownVendorIsRefusedNamingTheKnownOnes() {
    Map<String, String> c = activepieces();
    c.put("vendor", "zapier");
    String message = errors(c).get("vendor").get(0);
    for (String known : List.of("patchworks", "stackai", "activepieces", "flowstack", "n8n")) {
      assertTrue(message.contains(known), message);
    }
  }

  @Test
  void theVendorsRequiredSettingIsNamedWhenMissing() {
    Map<String, String> c = activepieces();
    c.remove("settings.projectId");
    List<String> messages = errors(c).get("settings.projectId");
    assertTrue(messages.get(0).contains("Activepieces needs settings.projectId"), messages.toString());
  }

  @Test
  void aMissingKeyIsReportedOnApiKey() {
    Map<String, String> c = activepieces();
    c.remove("api.key");
    assertTrue(errors(c).containsKey("api.key"), errors(c).toString());
  }

  @Test
  void badValuesAreRefusedWithWhatIsExpected() {
    Map<String, String> c = activepieces();
    c.put("statuses", "FAILED,EXPLODED");
    c.put("topic", "flow runs!");
    c.put("poll.interval.ms", "5");
    c.put("flow.ids", "a, ,b");
    Map<String, List<String>> errors = errors(c);
    assertTrue(errors.get("statuses").get(0).contains("TIMED_OUT"), errors.toString());
    assertTrue(errors.get("topic").get(0).contains("a-z A-Z 0-9"), errors.toString());
    assertTrue(errors.get("poll.interval.ms").get(0).contains("100"), errors.toString());
    assertTrue(errors.get("flow.ids").get(0).contains("blank"), errors.toString());
  }

  @Test
  void aBaseUrlWithAPasswordIsRefusedWithoutShowingIt() {
    Map<String, String> c = activepieces();
    c.put("base.url", "https://me:hunter2@flows.example.com/api");
    Config result = new FlowRunsSourceConnector().validate(c);
    String all = result.configValues().toString();
    assertTrue(all.contains("must not hold user information"), all);
    assertFalse(all.contains("hunter2"), all);
  }

  @Test
  void theKeyAndSecretSettingsArePasswordsNeverShown() {
    ConfigDef def = new FlowRunsSourceConnector().config();
    assertEquals(ConfigDef.Type.PASSWORD, def.configKeys().get("api.key").type);
    assertEquals(ConfigDef.Type.PASSWORD, def.configKeys().get("settings.password").type);
    assertEquals(ConfigDef.Type.STRING, def.configKeys().get("settings.projectId").type);
    Config result = new FlowRunsSourceConnector().validate(activepieces());
    assertFalse(result.configValues().toString().contains(KEY));
    assertFalse(new ConnectorConfig(activepieces()).toString().contains(KEY));
  }

  @Test
  void anAccountVendorIsOnePartitionAndItsFlowIdsAFilter() {
    Map<String, String> c = activepieces();
    c.put("flow.ids", "f1,f2,f3");
    FlowRunsSourceConnector connector = new FlowRunsSourceConnector();
    connector.start(c);
    List<Map<String, String>> tasks = connector.taskConfigs(4);
    assertEquals(1, tasks.size());
    ConnectorConfig config = new ConnectorConfig(tasks.get(0));
    assertEquals(java.util.Collections.singletonList(null), SourcePartitions.decode(tasks.get(0).get(
        ConnectorConfig.TASK_PARTITIONS)));
    assertEquals(Map.of("vendor", "activepieces", "account", "proj_1"),
        SourcePartitions.partition(config, null));
    assertEquals(List.of("f1", "f2", "f3"), config.query(null).flowIds());
  }

  @Test
  void aVendorListingByFlowHasAPartitionPerFlowSpreadOverTasks() {
    FlowRunsSourceConnector connector = new FlowRunsSourceConnector();
    connector.start(stackai("f1,f2,f3"));
    List<Map<String, String>> two = connector.taskConfigs(2);
    assertEquals(List.of("f1", "f3"), SourcePartitions.decode(two.get(0).get(
        ConnectorConfig.TASK_PARTITIONS)));
    assertEquals(List.of("f2"), SourcePartitions.decode(two.get(1).get(
        ConnectorConfig.TASK_PARTITIONS)));
    assertEquals(3, connector.taskConfigs(8).size(), "no task without a partition");
    ConnectorConfig config = new ConnectorConfig(two.get(1));
    assertEquals(Map.of("vendor", "stackai", "account", "org_9", "flow", "f2"),
        SourcePartitions.partition(config, "f2"));
    assertEquals(List.of("f2"), config.query("f2").flowIds());
  }

  @Test
  void withoutFlowIdsTheAccountIsOnePartitionWhoseClientFindsTheFlows() {
    FlowRunsSourceConnector connector = new FlowRunsSourceConnector();
    connector.start(stackai(null));
    List<Map<String, String>> tasks = connector.taskConfigs(3);
    assertEquals(1, tasks.size());
    assertEquals(List.of(), new ConnectorConfig(tasks.get(0)).query(null).flowIds());
  }

  @Test
  void aVendorWithoutAnAccountIdNamesItsServer() {
    Map<String, String> c = new LinkedHashMap<>(activepieces());
    c.put("vendor", "n8n");
    c.put("base.url", "https://n8n.example.com:8443/api/v1?x=1");
    assertEquals("https://n8n.example.com:8443/api/v1", new ConnectorConfig(c).account());
  }

  @Test
  void partitionsSurviveFlowIdsWithCommas() {
    List<String> flows = java.util.Arrays.asList("a,b", null, "c%d", "");
    assertEquals(flows, SourcePartitions.decode(SourcePartitions.encode(flows)));
  }

  @Test
  void exactlyOnceIsSupportedWithConnectsOwnTransactionBoundaries() {
    FlowRunsSourceConnector connector = new FlowRunsSourceConnector();
    assertEquals(ExactlyOnceSupport.SUPPORTED, connector.exactlyOnceSupport(activepieces()));
    assertEquals(ConnectorTransactionBoundaries.UNSUPPORTED,
        connector.canDefineTransactionBoundaries(activepieces()));
  }

  @Test
  void alteredOffsetsAreCheckedAndAccepted() {
    try (VendorSimulator sim = VendorSimulator.forVendor("activepieces").runs(5).build().start()) {
      Map<String, String> c = activepieces();
      c.put("base.url", sim.baseUrl());
      c.put("api.key", sim.apiKey());
      c.put("settings.projectId", sim.clientSettings().get("projectId"));
      ConnectorConfig config = new ConnectorConfig(c);
      Map<String, Object> partition = SourcePartitions.partition(config, null);
      String checkpoint;
      Map<String, String> settings = new HashMap<>(sim.clientSettings());
      try (FlowRunsClient client = FlowRunsClients.create(Vendor.ACTIVEPIECES, settings)) {
        RunFeed feed = client.watchRuns(config.query(null), WatchOptions.defaults());
        feed.poll();
        checkpoint = feed.checkpoint();
      }
      FlowRunsSourceConnector connector = new FlowRunsSourceConnector();
      assertTrue(connector.alterOffsets(c, Map.of(partition, Map.of("checkpoint", checkpoint))));
      assertTrue(connector.alterOffsets(c, Map.of(partition,
          Map.of("since", sim.now().minus(Duration.ofHours(1)).toString()))));
      Map<Map<String, ?>, Map<String, ?>> reset = new HashMap<>();
      reset.put(partition, null);
      assertTrue(connector.alterOffsets(c, reset));

      String bad = assertThrows(ConnectException.class, () -> connector.alterOffsets(c,
          Map.of(partition, Map.of("since", "yesterday")))).getMessage();
      assertTrue(bad.contains("ISO-8601"), bad);
      bad = assertThrows(ConnectException.class, () -> connector.alterOffsets(c,
          Map.of(partition, Map.of("checkpoint", "not-a-checkpoint")))).getMessage();
      assertTrue(bad.contains("cannot be resumed"), bad);
      Map<String, String> failedOnly = new HashMap<>(c);
      failedOnly.put("statuses", "FAILED");
      bad = assertThrows(ConnectException.class, () -> connector.alterOffsets(failedOnly,
          Map.of(partition, Map.of("checkpoint", checkpoint))), "another query").getMessage();
      assertFalse(bad.contains(sim.apiKey()), bad);
      bad = assertThrows(ConnectException.class, () -> connector.alterOffsets(c,
          Map.of(Map.of("vendor", "flowstack", "account", "x"), Map.of("since",
              "2026-01-01T00:00:00Z")))).getMessage();
      assertTrue(bad.contains("vendor must be activepieces"), bad);
    }
  }
}
