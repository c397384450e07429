package io.github.flowruns.internal;

import io.github.flowruns.RunStatus;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * One vendor's column of the status table of {@code api.md}, declared once, read both ways: a
 * vendor value to its {@link RunStatus} (null and any value not in the table are
 * {@link RunStatus#UNKNOWN}, never an error), and a status filter to every vendor value that maps
 * to it, in the order the values were declared. Values are matched by their exact text
 * ({@code raw}), as the server writes them. Immutable and thread-safe. Not API.
 *
 * <pre>{@code
 * static final StatusTable<FlowRunStatus> STATUSES = StatusTable.builder(FlowRunStatus::raw)
 *     .map(RunStatus.QUEUED, FlowRunStatus.QUEUED)
 *     .map(RunStatus.CANCELLED, FlowRunStatus.CANCELED, FlowRunStatus.STOPPED)
 *     .build();
 * STATUSES.toRunStatus(run.getStatus());                  // CANCELLED for STOPPED
 * STATUSES.vendorValues(Set.of(RunStatus.CANCELLED));     // [CANCELED, STOPPED]
 * }</pre>
 *
 * @param <V> the vendor's status type (the generated open enum)
 */
public final class StatusTable<V> {
  private final Function<? super V, String> raw;
  private final List<V> values;
  private final Map<String, RunStatus> toRunStatus;
  private final Map<RunStatus, List<V>> toVendor;

  private StatusTable(Builder<V> b) {
    this.raw = b.raw;
    this.values = List.copyOf(b.values.keySet());
    this.toRunStatus = Collections.unmodifiableMap(new LinkedHashMap<>(b.toRunStatus));
    Map<RunStatus, List<V>> reverse = new EnumMap<>(RunStatus.class);
    for (RunStatus status : RunStatus.values()) {
      List<V> matching = new ArrayList<>();
      for (Map.Entry<V, Set<RunStatus>> value : b.values.entrySet()) {
        if (value.getValue().contains(status)) {
          matching.add(value.getKey());
        }
      }
      reverse.put(status, List.copyOf(matching));
    }
    this.toVendor = Collections.unmodifiableMap(reverse);
  }

  /**
   * Starts a table.
   *
   * <pre>{@code StatusTable.builder(FlowRunStatus::raw).map(RunStatus.FAILED, FlowRunStatus.FAILED).build()}</pre>
   *
   * @param raw a value's text as the server sends it, the key values are matched by
   * @param <V> the vendor's status type
   * @return a new builder
   */
  public static <V> Builder<V> builder(Function<? super V, String> raw) {
    return new Builder<>(raw);
  }

  /**
   * The normalised status of a vendor value.
   *
   * @param value the vendor value, may be null
   * @return its status; {@link RunStatus#UNKNOWN} for null or a value not in the table
   */
  public RunStatus toRunStatus(V value) {
    return value == null ? RunStatus.UNKNOWN : rawToRunStatus(raw.apply(value));
  }

  /**
   * The normalised status of a vendor value's text (e.g. a step status of another generated type
   * that uses the same values).
   *
   * @param rawValue the text as the server sent it, may be null
   * @return its status; {@link RunStatus#UNKNOWN} for null or a value not in the table
   */
  public RunStatus rawToRunStatus(String rawValue) {
    return rawValue == null ? RunStatus.UNKNOWN
        : toRunStatus.getOrDefault(rawValue, RunStatus.UNKNOWN);
  }

  /**
   * The statuses the vendor reports, in the order their first value was declared.
   *
   * @return e.g. {@code [RUNNING, SUCCEEDED, FAILED]}; never UNKNOWN
   */
  public List<RunStatus> statuses() {
    return List.copyOf(new LinkedHashSet<>(toRunStatus.values()));
  }

  /**
   * Every vendor value that maps to one of {@code statuses} (or that the table says a vendor rule
   * may turn into one, see {@link Builder#alsoSelects}), in declaration order, each once.
   *
   * @param statuses normalised statuses
   * @return the values; empty for statuses the vendor never reports and for UNKNOWN (which no
   *     value stands for)
   */
  public List<V> vendorValues(Collection<RunStatus> statuses) {
    if (statuses.size() == 1) {
      return toVendor.get(statuses.iterator().next());
    }
    List<V> out = new ArrayList<>();
    for (V value : values) {
      for (RunStatus status : statuses) {
        if (toVendor.get(status).contains(value)) {
          out.add(value);
          break;
        }
      }
    }
    return Collections.unmodifiableList(out);
  }

  /**
   * What a status filter becomes on the server: null when the server is not asked to filter (no
   * status wanted, or UNKNOWN wanted: "any value this SDK does not know" is no list of values),
   * else {@link #vendorValues}, which is empty when no run can match ({@link #matchesNothing}).
   *
   * @param statuses the query's statuses
   * @return the values to send, empty if nothing can match, or null for no server-side filter
   */
  public List<V> serverFilter(Collection<RunStatus> statuses) {
    if (statuses.isEmpty() || statuses.contains(RunStatus.UNKNOWN)) {
      return null;
    }
    return vendorValues(statuses);
  }

  /**
   * Whether a status filter can match no run of this vendor: it names statuses, none of them
   * UNKNOWN, and no vendor value maps to any (e.g. PARTIALLY_SUCCEEDED at most vendors). Such a
   * listing answers empty without a request ({@link PageFetcher#empty()}).
   *
   * @param statuses the query's statuses
   * @return true if nothing can match
   */
  public boolean matchesNothing(Collection<RunStatus> statuses) {
    List<V> values = serverFilter(statuses);
    return values != null && values.isEmpty();
  }

  /**
   * Builds a {@link StatusTable}: rows of {@link #map}, the values in the order they are to be
   * sent in.
   *
   * @param <V> the vendor's status type
   */
  public static final class Builder<V> {
    private final Function<? super V, String> raw;
    private final Map<V, Set<RunStatus>> values = new LinkedHashMap<>();
    private final Map<String, RunStatus> toRunStatus = new LinkedHashMap<>();

    private Builder(Function<? super V, String> raw) {
      this.raw = Objects.requireNonNull(raw, "raw");
    }

    /**
     * Declares a row of the table: vendor values and the status they map to. A status may have
     * several rows, so values can be declared in the order the vendor's spec lists them.
     *
     * @param status the normalised status, not UNKNOWN
     * @param vendorValues the vendor values that map to it
     * @return this builder
     * @throws IllegalArgumentException if a value is declared twice or the status is UNKNOWN
     */
    @SafeVarargs
    public final Builder<V> map(RunStatus status, V... vendorValues) {
      if (status == null || status == RunStatus.UNKNOWN) {
        throw new IllegalArgumentException(
            "a status table maps values to a known status, not " + status);
      }
      for (V value : vendorValues) {
        Objects.requireNonNull(value, "value");
        if (toRunStatus.putIfAbsent(raw.apply(value), status) != null) {
          throw new IllegalArgumentException(raw.apply(value) + " is in the status table twice");
        }
        values.computeIfAbsent(value, v -> new LinkedHashSet<>()).add(status);
      }
      return this;
    }

    /**
     * Declares rows whose vendor value has the status's own name (QUEUED to QUEUED, ...), the
     * part of the table most vendors share, in the order given.
     *
     * <pre>{@code builder.sameNames(FlowRunStatus::fromValue, RunStatus.QUEUED, RunStatus.RUNNING)}</pre>
     *
     * @param byName the vendor value of a name
     * @param statuses the statuses, each mapped to the value of its name
     * @return this builder
     */
    public Builder<V> sameNames(Function<String, ? extends V> byName, RunStatus... statuses) {
      for (RunStatus status : statuses) {
        map(status, byName.apply(status.name()));
      }
      return this;
    }

    /**
     * Says that a vendor rule beside the table may turn a declared value into another status too,
     * so a filter on that status asks for the value (StackAI: COMPLETED with
     * {@code is_flow_successful} false is FAILED). {@link #toRunStatus} is not changed.
     *
     * @param status the other status
     * @param value a value already declared with {@link #map}
     * @return this builder
     */
    public Builder<V> alsoSelects(RunStatus status, V value) {
      Set<RunStatus> statuses = values.get(value);
      if (statuses == null) {
        throw new IllegalArgumentException(raw.apply(value) + " is not in the status table");
      }
      statuses.add(status);
      return this;
    }

    /** @return the table */
    public StatusTable<V> build() {
      return new StatusTable<>(this);
    }
  }
}
