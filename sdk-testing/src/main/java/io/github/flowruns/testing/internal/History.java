package io.github.flowruns.testing.internal;

import java.util.List;

/**
 * The seeded history: run {@code serial} is a pure function of (seed, serial), so a history of a
 * million runs costs no memory until a run is asked for. Serial N-1 is the newest seeded run;
 * creation times fall strictly with age, so a time window maps to a serial range by binary search.
 */
public final class History {
  private final VendorProfile profile;
  private final long seed;
  private final int count;
  private final int flows;
  private final long newestMs;
  private final long spanMs;
  private final List<Status> forced;

  public History(VendorProfile profile, long seed, int count, int flows, long newestMs, long spanMs) {
    this.profile = profile;
    this.seed = seed;
    this.count = count;
    this.flows = flows;
    this.newestMs = newestMs;
    this.spanMs = spanMs;
    this.forced = profile.forcedStatuses();
  }

  public int count() {
    return count;
  }

  public int flows() {
    return flows;
  }

  public long seed() {
    return seed;
  }

  public long newestMs() {
    return newestMs;
  }

  private long h(long serial, int salt) {
    return Hashing.hash(seed, serial, salt);
  }

  private long age(long serial) {
    return count - 1 - serial;
  }

  public int flowOf(long serial) {
    return Hashing.below(h(serial, 1), flows);
  }

  private boolean isForced(long serial) {
    long age = age(serial);
    return age % 2 == 1 && age / 2 < forced.size();
  }

  /** Serials of the runs whose status is forced (every status once, near the newest end), newest first. */
  public List<Long> forcedSerials() {
    List<Long> out = new java.util.ArrayList<>();
    for (long age = 1; age / 2 < forced.size() && age < count; age += 2) out.add(count - 1 - age);
    return out;
  }

  public Status statusOf(long serial) {
    if (isForced(serial)) return forced.get((int) (age(serial) / 2));
    return profile.terminalStatuses().get(Hashing.weighted(h(serial, 2), profile.terminalWeights()));
  }

  public long createdMs(long serial) {
    double offset = (age(serial) + Hashing.unit(h(serial, 3))) * (double) spanMs / Math.max(1, count);
    return newestMs - (long) offset;
  }

  /** The lowest serial whose creation time is at or after {@code ms} (count when none). */
  public long firstSerialCreatedAtOrAfter(long ms) {
    long lo = 0, hi = count; // creation time rises with serial
    while (lo < hi) {
      long mid = (lo + hi) >>> 1;
      if (createdMs(mid) >= ms) hi = mid; else lo = mid + 1;
    }
    return lo;
  }

  /** The highest serial whose creation time is at or before {@code ms} (-1 when none). */
  public long lastSerialCreatedAtOrBefore(long ms) {
    long lo = -1, hi = count - 1;
    while (lo < hi) {
      long mid = (lo + hi + 1) >>> 1;
      if (createdMs(mid) <= ms) lo = mid; else hi = mid - 1;
    }
    return lo;
  }

  public static int latestVersion(int flow) {
    return 2 + flow % 4;
  }

  public RunData generate(long serial) {
    int flow = flowOf(serial);
    Status status = statusOf(serial);
    long created = createdMs(serial);
    List<String> steps = Catalogue.steps(flow);
    int total = steps.size();
    Long started = status.queued() ? null
        : created + (profile.queuesBeforeStart() ? 40 + Hashing.below(h(serial, 4), 1900) : 0);
    long duration = "TIMEOUT".equals(status.raw()) ? 600_000
        : (long) (250 * Math.exp(Hashing.unit(h(serial, 5)) * 7));
    Long finished = status.terminal() && started != null ? started + duration : null;
    boolean withFailedStep = status.failed() || "5".equals(status.raw());
    int failedStep = withFailedStep ? Hashing.below(h(serial, 6), total) : -1;
    String message = null;
    if (withFailedStep) {
      message = isForced(serial) ? Catalogue.MESSAGES.get(Catalogue.TRICKY)
          : Catalogue.MESSAGES.get(Hashing.below(h(serial, 7), Catalogue.MESSAGES.size()));
    }
    int stepsRun;
    if (status.queued()) stepsRun = 0;
    else if (failedStep >= 0) stepsRun = failedStep + 1;
    else if (status.success()) stepsRun = total;
    else stepsRun = 1 + Hashing.below(h(serial, 8), Math.max(1, total - 1));
    String trigger = profile.triggers().get(Hashing.weighted(h(serial, 9), profile.triggerWeights()));
    List<String> tags = List.of();
    if (profile.hasTags()) {
      String base = Catalogue.TAGS.get(flow % Catalogue.TAGS.size());
      long th = h(serial, 10);
      String extra = Catalogue.TAGS.get(Hashing.below(th >>> 8, Catalogue.TAGS.size()));
      tags = Hashing.below(th, 10) < 4 && !extra.equals(base) ? List.of(base, extra) : List.of(base);
    }
    int latest = latestVersion(flow);
    int version = Hashing.below(h(serial, 11), 100) < 15 ? latest - 1 : latest;
    String pause = "PAUSED".equals(status.raw()) ? Hashing.alnum(h(serial, 12), 21) : null;
    long uh = h(serial, 13);
    String userId = Hashing.below(uh, 10) < 6 ? "customer-" + (1000 + Hashing.below(uh >>> 16, 9000)) : null;
    boolean warnings = "5".equals(status.raw()) || Hashing.below(h(serial, 14), 100) < 5;
    long updated = finished != null ? finished : started != null ? started : created;
    return new RunData(serial, profile.runId(seed, serial), flow, status, created, started, finished, updated,
        trigger, total, stepsRun, failedStep, message, null, tags, null, version, pause, userId, warnings);
  }
}
