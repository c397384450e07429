package io.github.flowruns;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Which runs to list, count, retry or stop. Immutable; every filter is optional and filters
 * combine with AND. Each vendor applies a filter server-side where it can and client-side
 * otherwise ({@link Capabilities#serverSide(Capabilities.Filter)}), with the same result.
 *
 * <pre>{@code
 * RunQuery failedToday = RunQuery.builder()
 *     .flowIds("flow_1", "flow_2")
 *     .statuses(RunStatus.FAILED, RunStatus.TIMED_OUT)
 *     .startedAfter(Instant.now().minus(Duration.ofDays(1)))
 *     .limit(500)
 *     .build();
 * for (Run run : client.listRuns(failedToday)) { ... }
 * }</pre>
 *
 * <p>Filter semantics, as {@link #matches(Run)} implements them:
 * <ul>
 *   <li>{@code flowIds}: the run's flow id is one of them;</li>
 *   <li>{@code statuses}: the run's normalised status is one of them;</li>
 *   <li>{@code startedAfter}: inclusive, {@code startedAt >= startedAfter};</li>
 *   <li>{@code startedBefore}: exclusive, {@code startedAt < startedBefore}; a run without a start
 *       time matches no time filter;</li>
 *   <li>{@code trigger}: equal to the run's trigger, ignoring case;</li>
 *   <li>{@code tags}: the run has all of the given tags;</li>
 *   <li>{@code search}: a case-insensitive substring of the run's id, flow id, failed step name or
 *       message, or trigger.</li>
 * </ul>
 * {@code pageSize}, {@code limit} and vendor parameters shape the requests, not the matching.
 */
public final class RunQuery {
  private static final RunQuery ALL = builder().build();

  private final List<String> flowIds;
  private final Set<RunStatus> statuses;
  private final Instant startedAfter;
  private final Instant startedBefore;
  private final String trigger;
  private final List<String> tags;
  private final String search;
  private final Integer pageSize;
  private final Long limit;
  private final Map<String, String> vendorParams;

  private RunQuery(Builder b) {
    this.flowIds = Collections.unmodifiableList(new ArrayList<>(b.flowIds));
    this.statuses = b.statuses.isEmpty()
        ? Collections.emptySet()
        : Collections.unmodifiableSet(EnumSet.copyOf(b.statuses));
    this.startedAfter = b.startedAfter;
    this.startedBefore = b.startedBefore;
    this.trigger = b.trigger;
    this.tags = Collections.unmodifiableList(new ArrayList<>(b.tags));
    this.search = b.search;
    this.pageSize = b.pageSize;
    this.limit = b.limit;
    this.vendorParams = Collections.unmodifiableMap(new LinkedHashMap<>(b.vendorParams));
  }

  /**
   * The query that matches every run.
   *
   * <pre>{@code client.listRuns(RunQuery.all())}</pre>
   *
   * @return a query with no filter and no limit
   */
  public static RunQuery all() {
    return ALL;
  }

  /**
   * Starts a builder.
   *
   * <pre>{@code RunQuery.builder().statuses(RunStatus.FAILED).build()}</pre>
   *
   * @return a new, empty builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding this query's values.
   *
   * <pre>{@code RunQuery next = query.toBuilder().limit(10).build();}</pre>
   *
   * @return a new builder initialised from this query
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.flowIds.addAll(flowIds);
    b.statuses.addAll(statuses);
    b.startedAfter = startedAfter;
    b.startedBefore = startedBefore;
    b.trigger = trigger;
    b.tags.addAll(tags);
    b.search = search;
    b.pageSize = pageSize;
    b.limit = limit;
    b.vendorParams.putAll(vendorParams);
    return b;
  }

  /**
   * The flow ids to include, in the order given, without duplicates.
   *
   * @return an unmodifiable list; empty means every flow
   */
  public List<String> flowIds() {
    return flowIds;
  }

  /**
   * The statuses to include.
   *
   * @return an unmodifiable set; empty means every status
   */
  public Set<RunStatus> statuses() {
    return statuses;
  }

  /**
   * The inclusive lower bound of the start time.
   *
   * @return the bound, or null
   */
  public Instant startedAfter() {
    return startedAfter;
  }

  /**
   * The exclusive upper bound of the start time.
   *
   * @return the bound, or null
   */
  public Instant startedBefore() {
    return startedBefore;
  }

  /**
   * The trigger to match, ignoring case.
   *
   * @return the trigger, or null
   */
  public String trigger() {
    return trigger;
  }

  /**
   * The tags a run must all carry.
   *
   * @return an unmodifiable list; empty means no tag filter
   */
  public List<String> tags() {
    return tags;
  }

  /**
   * The text to search for.
   *
   * @return the search text, or null
   */
  public String search() {
    return search;
  }

  /**
   * The page size to ask the vendor for.
   *
   * @return the size (1..100), or empty for the vendor's default
   */
  public OptionalInt pageSize() {
    return pageSize == null ? OptionalInt.empty() : OptionalInt.of(pageSize);
  }

  /**
   * The maximum number of items to return in total.
   *
   * @return the limit, or empty for no limit
   */
  public OptionalLong limit() {
    return limit == null ? OptionalLong.empty() : OptionalLong.of(limit);
  }

  /**
   * Extra vendor query parameters, sent as given, in order.
   *
   * @return an unmodifiable, ordered map
   */
  public Map<String, String> vendorParams() {
    return vendorParams;
  }

  /**
   * Whether any of the filters is set (ignores page size, limit and vendor parameters).
   *
   * <pre>{@code if (!query.hasFilters()) { ... }}</pre>
   *
   * @return true if at least one filter is set
   */
  public boolean hasFilters() {
    return !flowIds.isEmpty() || !statuses.isEmpty() || startedAfter != null
        || startedBefore != null || trigger != null || !tags.isEmpty() || search != null;
  }

  /**
   * Whether a run passes every filter of this query; vendor modules use it for the filters their
   * API cannot apply.
   *
   * <pre>{@code runs.stream().filter(query::matches)}</pre>
   *
   * @param run the run
   * @return true if the run matches every filter
   */
  public boolean matches(Run run) {
    Objects.requireNonNull(run, "run");
    if (!flowIds.isEmpty() && (run.flowId() == null || !flowIds.contains(run.flowId()))) {
      return false;
    }
    if (!statuses.isEmpty() && !statuses.contains(run.status())) {
      return false;
    }
    if (startedAfter != null && (run.startedAt() == null || run.startedAt().isBefore(startedAfter))) {
      return false;
    }
    if (startedBefore != null && (run.startedAt() == null || !run.startedAt().isBefore(startedBefore))) {
      return false;
    }
    if (trigger != null && (run.trigger() == null || !run.trigger().equalsIgnoreCase(trigger))) {
      return false;
    }
    if (!tags.isEmpty() && !run.tags().containsAll(tags)) {
      return false;
    }
    return search == null || searchMatches(run);
  }

  private boolean searchMatches(Run run) {
    String needle = search.toLowerCase(Locale.ROOT);
    FailedStep f = run.failedStep();
    return contains(run.id(), needle)
        || contains(run.flowId(), needle)
        || (f != null && (contains(f.name(), needle) || contains(f.message(), needle)))
        || contains(run.trigger(), needle);
  }

  private static boolean contains(String haystack, String lowerNeedle) {
    return haystack != null && haystack.toLowerCase(Locale.ROOT).contains(lowerNeedle);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof RunQuery)) {
      return false;
    }
    RunQuery q = (RunQuery) o;
    return flowIds.equals(q.flowIds) && statuses.equals(q.statuses)
        && Objects.equals(startedAfter, q.startedAfter)
        && Objects.equals(startedBefore, q.startedBefore)
        && Objects.equals(trigger, q.trigger) && tags.equals(q.tags)
        && Objects.equals(search, q.search) && Objects.equals(pageSize, q.pageSize)
        && Objects.equals(limit, q.limit) && vendorParams.equals(q.vendorParams);
  }

  @Override
  public int hashCode() {
    return Objects.hash(flowIds, statuses, startedAfter, startedBefore, trigger, tags, search,
        pageSize, limit, vendorParams);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("RunQuery{");
    if (!flowIds.isEmpty()) sb.append("flowIds=").append(flowIds).append(", ");
    if (!statuses.isEmpty()) sb.append("statuses=").append(statuses).append(", ");
    if (startedAfter != null) sb.append("startedAfter=").append(startedAfter).append(", ");
    if (startedBefore != null) sb.append("startedBefore=").append(startedBefore).append(", ");
    if (trigger != null) sb.append("trigger=").append(trigger).append(", ");
    if (!tags.isEmpty()) sb.append("tags=").append(tags).append(", ");
    if (search != null) sb.append("search=").append(search).append(", ");
    if (pageSize != null) sb.append("pageSize=").append(pageSize).append(", ");
    if (limit != null) sb.append("limit=").append(limit).append(", ");
    if (!vendorParams.isEmpty()) sb.append("vendorParams=").append(vendorParams.keySet()).append(", ");
    if (sb.charAt(sb.length() - 1) == ' ') sb.setLength(sb.length() - 2);
    return sb.append('}').toString();
  }

  /** Builds a {@link RunQuery}. Calling a list setter again replaces the earlier values. */
  public static final class Builder {
    private final LinkedHashSet<String> flowIds = new LinkedHashSet<>();
    private final Set<RunStatus> statuses = EnumSet.noneOf(RunStatus.class);
    private Instant startedAfter;
    private Instant startedBefore;
    private String trigger;
    private final LinkedHashSet<String> tags = new LinkedHashSet<>();
    private String search;
    private Integer pageSize;
    private Long limit;
    private final LinkedHashMap<String, String> vendorParams = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Only runs of these flows.
     *
     * @param flowIds flow ids
     * @return this builder
     */
    public Builder flowIds(String... flowIds) {
      return flowIds(Arrays.asList(Objects.requireNonNull(flowIds, "flowIds")));
    }

    /**
     * Only runs of these flows.
     *
     * @param flowIds flow ids; blank values are refused
     * @return this builder
     */
    public Builder flowIds(Collection<String> flowIds) {
      Objects.requireNonNull(flowIds, "flowIds");
      this.flowIds.clear();
      for (String id : flowIds) {
        this.flowIds.add(requireText(id, "flowIds element"));
      }
      return this;
    }

    /**
     * Only runs in one of these statuses.
     *
     * @param statuses statuses
     * @return this builder
     */
    public Builder statuses(RunStatus... statuses) {
      return statuses(Arrays.asList(Objects.requireNonNull(statuses, "statuses")));
    }

    /**
     * Only runs in one of these statuses.
     *
     * @param statuses statuses
     * @return this builder
     */
    public Builder statuses(Collection<RunStatus> statuses) {
      Objects.requireNonNull(statuses, "statuses");
      this.statuses.clear();
      for (RunStatus s : statuses) {
        this.statuses.add(Objects.requireNonNull(s, "statuses element"));
      }
      return this;
    }

    /**
     * Only runs started at or after this time (inclusive).
     *
     * @param startedAfter the bound, or null to clear
     * @return this builder
     */
    public Builder startedAfter(Instant startedAfter) {
      this.startedAfter = startedAfter;
      return this;
    }

    /**
     * Only runs started before this time (exclusive).
     *
     * @param startedBefore the bound, or null to clear
     * @return this builder
     */
    public Builder startedBefore(Instant startedBefore) {
      this.startedBefore = startedBefore;
      return this;
    }

    /**
     * Only runs with this trigger (ignoring case).
     *
     * @param trigger the trigger, or null to clear
     * @return this builder
     */
    public Builder trigger(String trigger) {
      this.trigger = trigger;
      return this;
    }

    /**
     * Only runs carrying all of these tags.
     *
     * @param tags tags
     * @return this builder
     */
    public Builder tags(String... tags) {
      return tags(Arrays.asList(Objects.requireNonNull(tags, "tags")));
    }

    /**
     * Only runs carrying all of these tags.
     *
     * @param tags tags
     * @return this builder
     */
    public Builder tags(Collection<String> tags) {
      Objects.requireNonNull(tags, "tags");
      this.tags.clear();
      for (String t : tags) {
        this.tags.add(requireText(t, "tags element"));
      }
      return this;
    }

    /**
     * Only runs whose id, flow id, failed step or trigger contains this text (ignoring case).
     *
     * @param search the text, or null to clear; blank is treated as null
     * @return this builder
     */
    public Builder search(String search) {
      this.search = search == null || search.isBlank() ? null : search;
      return this;
    }

    /**
     * The page size to ask the vendor for, 1 to 100 (checked at {@link #build()}).
     *
     * @param pageSize the size
     * @return this builder
     */
    public Builder pageSize(int pageSize) {
      this.pageSize = pageSize;
      return this;
    }

    /**
     * The maximum number of items in total; pages past it are never fetched.
     *
     * @param limit the limit, zero or more
     * @return this builder
     */
    public Builder limit(long limit) {
      this.limit = limit;
      return this;
    }

    /**
     * A vendor query parameter sent as given (e.g. Activepieces {@code includeArchived}).
     * Setting a name again replaces its value; order is kept.
     *
     * @param name the parameter name
     * @param value the value, or null to remove the parameter
     * @return this builder
     */
    public Builder vendorParam(String name, String value) {
      requireText(name, "vendorParam name");
      if (value == null) {
        vendorParams.remove(name);
      } else {
        vendorParams.put(name, value);
      }
      return this;
    }

    /**
     * Builds the query.
     *
     * @return the immutable query
     * @throws IllegalArgumentException if the page size is outside 1..100, the limit is negative,
     *     or {@code startedAfter} is not before {@code startedBefore}
     */
    public RunQuery build() {
      if (pageSize != null && (pageSize < 1 || pageSize > 100)) {
        throw new IllegalArgumentException("pageSize must be between 1 and 100, was " + pageSize);
      }
      if (limit != null && limit < 0) {
        throw new IllegalArgumentException("limit must not be negative, was " + limit);
      }
      if (startedAfter != null && startedBefore != null && !startedAfter.isBefore(startedBefore)) {
        throw new IllegalArgumentException("startedAfter (" + startedAfter
            + ") must be before startedBefore (" + startedBefore + ")");
      }
      return new RunQuery(this);
    }

    private static String requireText(String value, String what) {
      if (value == null || value.isBlank()) {
        throw new IllegalArgumentException(what + " must not be null or blank");
      }
      return value;
    }
  }
}
