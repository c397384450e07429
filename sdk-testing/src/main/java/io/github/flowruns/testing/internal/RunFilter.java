package io.github.flowruns.testing.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A conjunction of conditions on runs. The cheap ones (serial, flow, status, creation time) are
 * checked on the generator's primitives before a seeded run is built; the rest on the full run.
 * {@link #key()} names the filter for the store's cache of matching serials.
 */
public final class RunFilter {
  Set<Long> serials;
  Set<Long> excludedSerials;
  Set<Integer> flows;
  Set<String> statuses;
  Long createdFrom;
  Long createdTo;
  boolean hideArchived;
  final List<Predicate<RunData>> extras = new ArrayList<>();
  private final StringBuilder key = new StringBuilder();

  public static RunFilter all() {
    return new RunFilter();
  }

  public RunFilter serials(Set<Long> value) {
    serials = value;
    key.append("|ids=").append(value);
    return this;
  }

  public RunFilter excludeSerials(Set<Long> value) {
    excludedSerials = value;
    key.append("|ex=").append(value);
    return this;
  }

  public RunFilter flows(Set<Integer> value) {
    flows = value;
    key.append("|flows=").append(value);
    return this;
  }

  /** Raw status values; a null element matches StackAI's null state. */
  public RunFilter statuses(Set<String> value) {
    statuses = value;
    key.append("|st=").append(value);
    return this;
  }

  /** Inclusive bounds on the creation time, in Unix milliseconds; null for none. */
  public RunFilter created(Long fromMs, Long toMs) {
    createdFrom = fromMs;
    createdTo = toMs;
    key.append("|from=").append(fromMs).append("|to=").append(toMs);
    return this;
  }

  public RunFilter hideArchived(boolean value) {
    hideArchived = value;
    key.append("|ha=").append(value);
    return this;
  }

  /** Any other condition; {@code name} must identify it (with its arguments) for caching. */
  public RunFilter where(String name, Predicate<RunData> condition) {
    extras.add(condition);
    key.append('|').append(name);
    return this;
  }

  public String key() {
    return key.toString();
  }

  public boolean matchesEverything() {
    return key.length() == 0 || (serials == null && excludedSerials == null && flows == null && statuses == null
        && createdFrom == null && createdTo == null && !hideArchived && extras.isEmpty());
  }

  boolean needsFullRun() {
    return !extras.isEmpty() || hideArchived;
  }

  boolean cheapMatch(long serial, int flow, Status status, long createdMs) {
    if (serials != null && !serials.contains(serial)) return false;
    if (excludedSerials != null && excludedSerials.contains(serial)) return false;
    if (flows != null && !flows.contains(flow)) return false;
    if (statuses != null && !statuses.contains(status.raw())) return false;
    if (createdFrom != null && createdMs < createdFrom) return false;
    return createdTo == null || createdMs <= createdTo;
  }

  boolean fullMatch(RunData run) {
    if (!cheapMatch(run.serial(), run.flow(), run.status(), run.createdMs())) return false;
    if (hideArchived && run.archived()) return false;
    for (Predicate<RunData> p : extras) {
      if (!p.test(run)) return false;
    }
    return true;
  }
}
