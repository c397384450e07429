package io.github.flowruns.kafka;

import io.github.flowruns.Capabilities;
import io.github.flowruns.FlowRunsClients;
import io.github.flowruns.RunQuery;
import io.github.flowruns.RunStatus;
import io.github.flowruns.spi.VendorDescriptor;
import io.github.flowruns.spi.VendorDescriptor.Setting;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * The connector's configuration, as api.md names it, parsed and checked: {@code vendor},
 * {@code api.key} (a password, never logged), {@code base.url}, {@code topic},
 * {@code poll.interval.ms}, {@code statuses}, {@code flow.ids} and {@code settings.<name>},
 * which are passed to {@link FlowRunsClients#create} under {@code <name>}.
 */
final class ConnectorConfig extends AbstractConfig {
  static final String VENDOR = "vendor";
  static final String API_KEY = "api.key";
  static final String BASE_URL = "base.url";
  static final String TOPIC = "topic";
  static final String POLL_INTERVAL_MS = "poll.interval.ms";
  static final String STATUSES = "statuses";
  static final String FLOW_IDS = "flow.ids";
  static final String SETTINGS_PREFIX = "settings.";
  /** Set by the connector in each task's configuration: the task's source partitions. */
  static final String TASK_PARTITIONS = "flowruns.task.partitions";

  static final long DEFAULT_POLL_INTERVAL_MS = 30_000;
  static final long MIN_POLL_INTERVAL_MS = 100;
  static final long MAX_POLL_INTERVAL_MS = Duration.ofDays(1).toMillis();

  private static final String GROUP = "Flow runs";
  // Kafka's own rule for topic names (Topic.LEGAL_CHARS, at most 249 characters).
  private static final Pattern TOPIC_NAME = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

  static final ConfigDef DEF = define();

  private final VendorDescriptor vendor;

  ConnectorConfig(Map<String, String> props) {
    super(DEF, props, false);
    this.vendor = FlowRunsClients.descriptor(getString(VENDOR));
  }

  private static ConfigDef define() {
    ConfigDef def = new ConfigDef();
    int order = 0;
    def.define(VENDOR, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new VendorValidator(),
        Importance.HIGH, "The vendor whose runs to stream: " + String.join(", ", vendorNames())
            + " (or an alias, e.g. analytics).", GROUP, ++order, Width.SHORT, "Vendor");
    def.define(API_KEY, Type.PASSWORD, null, Importance.HIGH,
        "The vendor's API key. Never logged; prefer a config provider, e.g. "
            + "${file:/etc/flowruns/secrets.properties:apiKey}.", GROUP, ++order, Width.LONG,
        "API key");
    def.define(BASE_URL, Type.STRING, null, new UrlValidator(), Importance.MEDIUM,
        "The vendor's API root, for a self-hosted server or a proxy; unset for the vendor's own.",
        GROUP, ++order, Width.LONG, "Base URL");
    def.define(TOPIC, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new TopicValidator(),
        Importance.HIGH, "The topic every run event is written to.", GROUP, ++order, Width.MEDIUM,
        "Topic");
    def.define(POLL_INTERVAL_MS, Type.LONG, DEFAULT_POLL_INTERVAL_MS,
        ConfigDef.Range.between(MIN_POLL_INTERVAL_MS, MAX_POLL_INTERVAL_MS), Importance.MEDIUM,
        "Time between two sweeps of a source partition, in milliseconds. A sweep costs one "
            + "listing page per partition when nothing happened.", GROUP, ++order, Width.SHORT,
        "Poll interval (ms)");
    def.define(STATUSES, Type.LIST, "", ItemsValidator.statuses(), Importance.MEDIUM,
        "Only events whose run is in one of these statuses (e.g. FAILED,TIMED_OUT); empty for "
            + "all. Changing it later makes the stored offsets unusable: reset them.", GROUP,
        ++order, Width.LONG, "Statuses");
    def.define(FLOW_IDS, Type.LIST, "", ItemsValidator.flowIds(), Importance.MEDIUM,
        "Only these flows; empty for every flow of the account. Where the vendor lists runs "
            + "flow by flow (StackAI, FlowStack), each flow is its own source partition.", GROUP,
        ++order, Width.LONG, "Flow ids");
    // The vendors' own settings, so that they are documented and the secret ones masked: any
    // other settings.<name> is passed on too (providers ignore keys they do not know).
    Map<String, Setting> own = new LinkedHashMap<>();
    for (VendorDescriptor d : FlowRunsClients.descriptors()) {
      for (Setting s : d.settings()) {
        if (!s.name().equals(FlowRunsClients.API_KEY) && !s.name().equals(FlowRunsClients.BASE_URL)) {
          own.merge(s.name(), s, (a, b) -> a.secret() ? a : b);
        }
      }
    }
    for (Setting s : own.values()) {
      def.define(SETTINGS_PREFIX + s.name(), s.secret() ? Type.PASSWORD : Type.STRING, null,
          Importance.LOW, s.help() + " Passed to the client as " + s.name() + ".", GROUP, ++order,
          Width.MEDIUM, s.name());
    }
    def.defineInternal(TASK_PARTITIONS, Type.STRING, "", Importance.LOW);
    return def;
  }

  private static List<String> vendorNames() {
    List<String> names = new ArrayList<>();
    FlowRunsClients.descriptors().forEach(d -> names.add(d.name()));
    return names;
  }

  VendorDescriptor vendor() {
    return vendor;
  }

  String topic() {
    return getString(TOPIC);
  }

  Duration pollInterval() {
    return Duration.ofMillis(getLong(POLL_INTERVAL_MS));
  }

  List<String> flowIds() {
    return List.copyOf(new LinkedHashSet<>(getList(FLOW_IDS)));
  }

  Set<RunStatus> statuses() {
    Set<RunStatus> out = new LinkedHashSet<>();
    for (String s : getList(STATUSES)) {
      out.add(RunStatus.parse(s));
    }
    return out;
  }

  /** The settings map {@link FlowRunsClients#create} takes; holds the key, so never log it. */
  Map<String, String> clientSettings() {
    Map<String, String> settings = new LinkedHashMap<>();
    originalsWithPrefix(SETTINGS_PREFIX).forEach((k, v) -> {
      if (v instanceof Password) {
        settings.put(k, ((Password) v).value());
      } else if (v != null) {
        settings.put(k, v.toString());
      }
    });
    Password key = getPassword(API_KEY);
    if (key != null && key.value() != null && !key.value().isEmpty()) {
      settings.put(FlowRunsClients.API_KEY, key.value());
    }
    String baseUrl = getString(BASE_URL);
    if (baseUrl != null && !baseUrl.isBlank()) {
      settings.put(FlowRunsClients.BASE_URL, baseUrl.trim());
    }
    return settings;
  }

  /**
   * The account of every source partition: the vendor's required settings that are not
   * credentials (Activepieces' {@code projectId}, StackAI's {@code orgId}), else the server the
   * connector reads (its base URL without user info, query or fragment). Source offsets are kept
   * per connector, so this names the account for people reading or altering offsets.
   */
  String account() {
    Map<String, String> settings = clientSettings();
    List<String> parts = new ArrayList<>();
    for (Setting s : vendor.settings()) {
      if (s.required() && !s.secret() && !s.name().equals(FlowRunsClients.API_KEY)
          && !s.name().equals(FlowRunsClients.BASE_URL) && settings.get(s.name()) != null) {
        parts.add(settings.get(s.name()));
      }
    }
    if (!parts.isEmpty()) {
      return String.join("/", parts);
    }
    String url = settings.getOrDefault(FlowRunsClients.BASE_URL, vendor.defaultBaseUrl());
    return url == null ? vendor.name() : server(url);
  }

  /**
   * The query of one partition: its flow, or for the account's partition the {@code flow.ids}
   * filter (none: the client finds the account's flows itself where it lists flow by flow); the
   * statuses either way. A checkpoint is bound to its query, so the task and {@code alterOffsets}
   * must build it the same way.
   */
  RunQuery query(String flow) {
    RunQuery.Builder q = RunQuery.builder();
    if (flow != null) {
      q.flowIds(List.of(flow));
    } else if (!flowIds().isEmpty()) {
      q.flowIds(flowIds());
    }
    Set<RunStatus> statuses = statuses();
    if (!statuses.isEmpty()) {
      q.statuses(statuses.toArray(new RunStatus[0]));
    }
    return q.build();
  }

  /** A URL without user information, query or fragment: what may be shown of it. */
  static String server(String url) {
    try {
      URI u = new URI(url.trim());
      return new URI(u.getScheme(), null, u.getHost(), u.getPort(), u.getPath(), null, null)
          .toString();
    } catch (URISyntaxException e) {
      return "?";
    }
  }

  /** A known vendor that can list runs; the message names the known ones. */
  static final class VendorValidator implements ConfigDef.Validator {
    @Override
    public void ensureValid(String name, Object value) {
      if (value == null || value.toString().isBlank()) {
        throw new ConfigException(name, value, "a vendor is required, one of "
            + String.join(", ", vendorNames()));
      }
      VendorDescriptor d;
      try {
        d = FlowRunsClients.descriptor(value.toString());
      } catch (IllegalArgumentException e) {
        throw new ConfigException(name, value, e.getMessage());
      }
      if (!d.capabilities().supports(Capabilities.Operation.WATCH_RUNS)) {
        throw new ConfigException(name, value, d.displayName() + " cannot list runs, so its "
            + "runs cannot be streamed");
      }
    }

    @Override
    public String toString() {
      return String.join(", ", vendorNames());
    }
  }

  /** An absolute http(s) URL, or nothing. */
  static final class UrlValidator implements ConfigDef.Validator {
    @Override
    public void ensureValid(String name, Object value) {
      if (value == null || value.toString().isBlank()) {
        return;
      }
      try {
        URI u = new URI(value.toString().trim());
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || u.getHost() == null) {
          throw new ConfigException(name, server(value.toString()),
              "must be an absolute http or https URL, e.g. https://flows.example.com");
        }
        if (u.getUserInfo() != null) {
          // A password in the URL would be shown wherever the configuration is.
          throw new ConfigException(name, server(value.toString()), "must not hold user "
              + "information; give credentials in api.key or settings.<name>");
        }
      } catch (URISyntaxException e) {
        throw new ConfigException(name, "?", "is not a URL: " + e.getReason());
      }
    }

    @Override
    public String toString() {
      return "an absolute http(s) URL";
    }
  }

  /** A legal Kafka topic name. */
  static final class TopicValidator implements ConfigDef.Validator {
    @Override
    public void ensureValid(String name, Object value) {
      String t = value == null ? "" : value.toString();
      if (!TOPIC_NAME.matcher(t).matches() || t.equals(".") || t.equals("..")) {
        throw new ConfigException(name, value, "a topic name is 1 to 249 of the characters "
            + "a-z A-Z 0-9 . _ - (and not . or ..)");
      }
    }

    @Override
    public String toString() {
      return "a topic name";
    }
  }

  /** A list whose every item passes a check; the check's message says what is expected. */
  static final class ItemsValidator implements ConfigDef.Validator {
    private final String expected;
    private final java.util.function.Consumer<String> check;

    ItemsValidator(String expected, java.util.function.Consumer<String> check) {
      this.expected = expected;
      this.check = check;
    }

    /** Run status names, as {@link RunStatus#parse} reads them. */
    static ItemsValidator statuses() {
      return new ItemsValidator("run statuses, e.g. FAILED,TIMED_OUT", RunStatus::parse);
    }

    /** Flow ids, none blank. */
    static ItemsValidator flowIds() {
      return new ItemsValidator("flow ids", f -> {
        if (f.isBlank()) {
          throw new IllegalArgumentException("a flow id must not be blank");
        }
      });
    }

    @Override
    public void ensureValid(String name, Object value) {
      for (Object item : (List<?>) value) {
        try {
          check.accept(item.toString());
        } catch (IllegalArgumentException e) {
          throw new ConfigException(name, value, e.getMessage());
        }
      }
    }

    @Override
    public String toString() {
      return expected;
    }
  }
}
