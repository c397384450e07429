package io.github.flowruns.kafka;

import io.github.flowruns.FlowRunsClient;
import io.github.flowruns.FlowRunsClients;
import io.github.flowruns.WatchOptions;
import io.github.flowruns.spi.VendorDescriptor.Setting;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.ConnectorTransactionBoundaries;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;

/**
 * A Kafka Connect source connector that streams the new runs and status changes of one vendor
 * account into a topic, over {@link io.github.flowruns.FlowRunsClient#watchRuns}: one record per
 * {@link io.github.flowruns.RunEvent}, keyed by run id, its value the run's fields plus
 * {@code event}, {@code previousStatus} and a deterministic {@code eventId}; the feed's
 * checkpoint is the source offset.
 *
 * <pre>{@code
 * curl -X PUT -H 'Content-Type: application/json' localhost:8083/connectors/ap-runs/config -d '{
 *   "connector.class": "io.github.flowruns.kafka.FlowRunsSourceConnector",
 *   "vendor": "activepieces", "api.key": "${file:/etc/flowruns.properties:apiKey}",
 *   "settings.projectId": "proj_1", "topic": "flow-runs"}'
 * }</pre>
 *
 * <p><b>Partitions.</b> The account is one source partition, or, where the vendor lists runs flow
 * by flow (StackAI, FlowStack) and {@code flow.ids} names flows, each flow is one; partitions are
 * spread over {@code tasks.max} tasks. With no {@code flow.ids} the account's partition finds its
 * flows on every sweep.
 *
 * <p><b>Delivery.</b> Exactly once where the worker has {@code exactly.once.source.support=enabled}
 * (KIP-618; transaction boundaries {@code poll} or {@code interval}, not {@code connector}); at
 * least once otherwise, where an event written again after a restart has the same {@code eventId}.
 *
 * <p><b>Offsets.</b> {@code PATCH /connectors/{name}/offsets} (KIP-875) takes, per partition,
 * {@code {"checkpoint": "..."}} as the connector stored it, or {@code {"since":
 * "2026-01-31T08:00:00Z"}} to replay every run started since then as a new feed would.
 */
public final class FlowRunsSourceConnector extends SourceConnector {
  private Map<String, String> props;

  /** For Connect, which creates connectors by reflection. */
  public FlowRunsSourceConnector() {}

  @Override
  public String version() {
    return Versions.VERSION;
  }

  @Override
  public ConfigDef config() {
    return ConnectorConfig.DEF;
  }

  @Override
  public Config validate(Map<String, String> connectorConfigs) {
    Config result = super.validate(connectorConfigs);
    ConfigValue url = valueFor(result, ConnectorConfig.BASE_URL);
    if (url.value() != null) {
      // Connect echoes each value in its answer: a URL's user information (a password) not.
      url.value(ConnectorConfig.server(url.value().toString()));
    }
    for (ConfigValue v : result.configValues()) {
      if (!v.errorMessages().isEmpty()) {
        return result;
      }
    }
    // Each value is valid alone; now what the vendor needs together: its required settings
    // (some clients ask for them only when used), then what its provider checks (the key or a
    // login). Creating a client sends nothing.
    try {
      ConnectorConfig config = new ConnectorConfig(connectorConfigs);
      Map<String, String> settings = config.clientSettings();
      for (Setting s : config.vendor().settings()) {
        if (s.required() && !s.name().equals(FlowRunsClients.API_KEY)
            && settings.get(s.name()) == null) {
          valueFor(result, ConnectorConfig.SETTINGS_PREFIX + s.name()).addErrorMessage(
              config.vendor().displayName() + " needs " + ConnectorConfig.SETTINGS_PREFIX
                  + s.name() + ": " + s.help());
          return result;
        }
      }
      FlowRunsClients.create(config.vendor().vendor(), settings).close();
    } catch (ConfigException | IllegalArgumentException | IllegalStateException e) {
      valueFor(result, settingNamed(e.getMessage(), connectorConfigs))
          .addErrorMessage(e.getMessage());
    }
    return result;
  }

  /** The configuration key a provider's message names, else {@code vendor}. */
  private static String settingNamed(String message, Map<String, String> connectorConfigs) {
    if (message == null) {
      return ConnectorConfig.VENDOR;
    }
    if (message.contains(FlowRunsClients.API_KEY)) {
      return ConnectorConfig.API_KEY;
    }
    try {
      for (Setting s : FlowRunsClients.descriptor(connectorConfigs.get(ConnectorConfig.VENDOR))
          .settings()) {
        if (message.contains(s.name()) && !s.name().equals(FlowRunsClients.BASE_URL)) {
          return ConnectorConfig.SETTINGS_PREFIX + s.name();
        }
      }
    } catch (IllegalArgumentException e) {
      // the vendor itself is what is wrong
    }
    return ConnectorConfig.VENDOR;
  }

  private static ConfigValue valueFor(Config result, String name) {
    for (ConfigValue v : result.configValues()) {
      if (v.name().equals(name)) {
        return v;
      }
    }
    ConfigValue added = new ConfigValue(name);
    result.configValues().add(added);
    return added;
  }

  @Override
  public void start(Map<String, String> props) {
    try {
      new ConnectorConfig(props);
    } catch (IllegalArgumentException e) {
      throw new ConnectException("flowruns: invalid configuration: " + e.getMessage(), e);
    }
    this.props = Map.copyOf(props);
  }

  @Override
  public Class<? extends Task> taskClass() {
    return FlowRunsSourceTask.class;
  }

  @Override
  public List<Map<String, String>> taskConfigs(int maxTasks) {
    ConnectorConfig config = new ConnectorConfig(props);
    List<Map<String, String>> tasks = new ArrayList<>();
    for (String share : SourcePartitions.assign(SourcePartitions.flowsOf(config), maxTasks)) {
      Map<String, String> task = new HashMap<>(props);
      task.put(ConnectorConfig.TASK_PARTITIONS, share);
      tasks.add(task);
    }
    return tasks;
  }

  @Override
  public void stop() {
    // Nothing to release: the tasks hold the clients.
  }

  /**
   * Supported: each sweep's events are one batch, whose last record carries the checkpoint after
   * it, so a transaction per poll (or per interval, which ends only between polls) commits a
   * batch with the offset that resumes after it.
   */
  @Override
  public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> connectorConfig) {
    return ExactlyOnceSupport.SUPPORTED;
  }

  /** Unsupported: Connect's own boundaries ({@code poll}, {@code interval}) are the right ones. */
  @Override
  public ConnectorTransactionBoundaries canDefineTransactionBoundaries(
      Map<String, String> connectorConfig) {
    return ConnectorTransactionBoundaries.UNSUPPORTED;
  }

  /**
   * Checks offsets an operator sets through {@code PATCH /connectors/{name}/offsets}: each
   * partition one of this connector's, each offset null (reset), a checkpoint this configuration
   * can resume, or an ISO-8601 {@code since} instant. Reads nothing from the vendor.
   */
  @Override
  public boolean alterOffsets(Map<String, String> connectorConfig,
      Map<Map<String, ?>, Map<String, ?>> offsets) {
    ConnectorConfig config;
    try {
      config = new ConnectorConfig(connectorConfig);
    } catch (IllegalArgumentException e) {
      throw new ConnectException("flowruns: invalid configuration: " + e.getMessage(), e);
    }
    FlowRunsClient client = null;
    try {
      for (Map.Entry<Map<String, ?>, Map<String, ?>> entry : offsets.entrySet()) {
        String flow;
        FlowRunsSourceTask.Start start;
        try {
          flow = SourcePartitions.flowOf(config, entry.getKey());
          start = FlowRunsSourceTask.Start.of(entry.getValue());
        } catch (IllegalArgumentException e) {
          throw new ConnectException("flowruns: cannot set the offset of " + entry.getKey()
              + ": " + e.getMessage(), e);
        }
        if (start.checkpoint == null) {
          continue;
        }
        if (client == null) {
          client = FlowRunsClients.create(config.vendor().vendor(), config.clientSettings());
        }
        try {
          client.watchRuns(config.query(flow),
              WatchOptions.builder().checkpoint(start.checkpoint).build());
        } catch (IllegalArgumentException e) {
          throw new ConnectException("flowruns: the checkpoint given for " + entry.getKey()
              + " cannot be resumed with this configuration: " + e.getMessage(), e);
        }
      }
    } finally {
      if (client != null) {
        client.close();
      }
    }
    return true;
  }
}
