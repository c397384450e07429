package io.github.flowruns.kafka;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The connector's source partitions and how they are spread over tasks. A partition is the
 * vendor's account, or one flow of it where the vendor lists runs flow by flow and {@code
 * flow.ids} names the flows. With no {@code flow.ids} on such a vendor the account is one
 * partition whose client finds the account's flows on every sweep (FlowStack's flow listing,
 * StackAI's projects-run-summary), so a flow created later is streamed without a restart.
 */
final class SourcePartitions {
  static final String VENDOR = "vendor";
  static final String ACCOUNT = "account";
  static final String FLOW = "flow";

  private static final String ACCOUNT_TOKEN = "a";
  private static final String FLOW_TOKEN = "f:";

  private SourcePartitions() {}

  /**
   * The flows of the partitions, in order: one null (the account) unless the vendor lists by flow
   * and flows are given, then one per flow.
   */
  static List<String> flowsOf(ConnectorConfig config) {
    if (config.vendor().listsPerFlow() && !config.flowIds().isEmpty()) {
      return config.flowIds();
    }
    return Collections.singletonList(null);
  }

  /**
   * The partitions spread over at most {@code maxTasks} tasks, round robin, so each task's share
   * differs by at most one; no task is empty.
   *
   * @return one encoded list per task, for {@link ConnectorConfig#TASK_PARTITIONS}
   */
  static List<String> assign(List<String> flows, int maxTasks) {
    if (maxTasks < 1) {
      throw new IllegalArgumentException("tasks.max must be at least 1, not " + maxTasks);
    }
    int tasks = Math.min(maxTasks, flows.size());
    List<List<String>> shares = new ArrayList<>();
    for (int i = 0; i < tasks; i++) {
      shares.add(new ArrayList<>());
    }
    for (int i = 0; i < flows.size(); i++) {
      shares.get(i % tasks).add(flows.get(i));
    }
    List<String> encoded = new ArrayList<>();
    shares.forEach(s -> encoded.add(encode(s)));
    return encoded;
  }

  /** A task's flows as one string: {@code a} for the account, {@code f:<url-encoded id>}. */
  static String encode(List<String> flows) {
    List<String> tokens = new ArrayList<>();
    for (String f : flows) {
      tokens.add(f == null ? ACCOUNT_TOKEN : FLOW_TOKEN + URLEncoder.encode(f, StandardCharsets.UTF_8));
    }
    return String.join(",", tokens);
  }

  /** The inverse of {@link #encode}. */
  static List<String> decode(String encoded) {
    List<String> flows = new ArrayList<>();
    if (encoded == null || encoded.isEmpty()) {
      return flows;
    }
    for (String token : encoded.split(",", -1)) {
      if (token.equals(ACCOUNT_TOKEN)) {
        flows.add(null);
      } else if (token.startsWith(FLOW_TOKEN)) {
        flows.add(URLDecoder.decode(token.substring(FLOW_TOKEN.length()), StandardCharsets.UTF_8));
      } else {
        throw new IllegalArgumentException("not a partition of this connector: " + token);
      }
    }
    return flows;
  }

  /** The partition map Connect stores offsets under: vendor, account and, if any, flow. */
  static Map<String, Object> partition(ConnectorConfig config, String flow) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put(VENDOR, config.vendor().name());
    p.put(ACCOUNT, config.account());
    if (flow != null) {
      p.put(FLOW, flow);
    }
    return Collections.unmodifiableMap(p);
  }

  /**
   * The flow a partition map names, checked against this connector's configuration: null for
   * the account's partition.
   *
   * @throws IllegalArgumentException when the map is not one of this connector's partitions
   */
  static String flowOf(ConnectorConfig config, Map<String, ?> partition) {
    Object vendor = partition.get(VENDOR);
    Object account = partition.get(ACCOUNT);
    if (vendor == null || !config.vendor().answersTo(vendor.toString())) {
      throw new IllegalArgumentException("the partition's vendor must be "
          + config.vendor().name() + ", not " + vendor);
    }
    if (!Objects.equals(config.account(), account)) {
      throw new IllegalArgumentException("the partition's account must be " + config.account()
          + ", not " + account);
    }
    for (String key : partition.keySet()) {
      if (!key.equals(VENDOR) && !key.equals(ACCOUNT) && !key.equals(FLOW)) {
        throw new IllegalArgumentException("a partition has vendor, account and flow, not " + key);
      }
    }
    Object flow = partition.get(FLOW);
    if (flow == null) {
      if (!flowsOf(config).contains(null)) {
        throw new IllegalArgumentException("this connector's partitions are per flow: name the "
            + "flow, one of " + config.flowIds());
      }
      return null;
    }
    if (!flowsOf(config).contains(flow.toString())) {
      throw new IllegalArgumentException("flow " + flow + " is not a partition of this "
          + "connector" + (config.vendor().listsPerFlow() ? "; its flows are " + config.flowIds()
              : ": " + config.vendor().displayName() + " partitions by account only"));
    }
    return flow.toString();
  }
}
