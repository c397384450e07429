package io.github.flowruns.testing.internal;

import java.util.List;

/** What differs between vendors in the seeded history: statuses, triggers, id formats, step names. */
public abstract class VendorProfile {
  /** The vendor's name as the CLI spells it: patchworks, stackai, activepieces, flowstack. */
  public abstract String name();

  /** Every status, in the order the first seeded runs show them (so a small history has them all). */
  public abstract List<Status> forcedStatuses();

  /** Terminal statuses drawn for the rest of the history, with {@link #terminalWeights()}. */
  public abstract List<Status> terminalStatuses();

  public abstract int[] terminalWeights();

  public abstract List<String> triggers();

  public abstract int[] triggerWeights();

  /** The status a retried or triggered run starts in. */
  public abstract Status startStatus();

  /**
   * The status a queued run moves to when it starts: the first status of {@link #forcedStatuses()}
   * that is neither queued, terminal nor PAUSED (RUNNING, StackAI's RESUMED, Patchworks' 1).
   */
  public Status runningStatus() {
    for (Status s : forcedStatuses()) {
      if (!s.queued() && !s.terminal() && !"PAUSED".equals(s.raw())) return s;
    }
    throw new IllegalStateException(name() + " has no running status");
  }

  /**
   * Whether a run may end in {@code s} by itself, with no request: a success or a failure, never a
   * stop or a cancel (those come from a request). Patchworks overrides it for PARTIAL_SUCCESS.
   */
  public boolean naturalOutcome(Status s) {
    return s.terminal() && (s.success() || s.failed());
  }

  /** Whether the vendor's runs wait in a queue before starting (so started is after created). */
  public boolean queuesBeforeStart() {
    return false;
  }

  /** Whether seeded runs carry tags. */
  public boolean hasTags() {
    return false;
  }

  public abstract String runId(long seed, long serial);

  /** The serial encoded in {@code id}, or -1 when {@code id} is not one of this simulator's. */
  public abstract long serialOf(long seed, String id);

  public abstract String flowId(long seed, int flow);

  /** The step name the vendor puts in its failed-step field. */
  public String stepName(int flow, int step) {
    return Catalogue.steps(flow).get(step);
  }

  /** Finds a status by its raw value; null when unknown. */
  public Status status(String raw) {
    for (Status s : forcedStatuses()) {
      if (s.raw() != null && s.raw().equals(raw) && (s.successful() == null || s.successful())) return s;
    }
    return null;
  }

  /** The index of {@code flowId} among this simulator's flows, or -1. */
  public int flowIndex(long seed, int flows, String flowId) {
    for (int f = 0; f < flows; f++) {
      if (flowId(seed, f).equals(flowId)) return f;
    }
    return -1;
  }

  /** Codec for ids of the form prefix + 9 base-62 characters of the permuted serial + padding. */
  protected static String encodeId(long seed, long serial, String prefix, int length) {
    String head = Hashing.base62(Hashing.permute(seed, serial), 9);
    int pad = length - prefix.length() - 9;
    return prefix + head + (pad > 0 ? Hashing.alnum(Hashing.hash(seed, serial, 77), pad) : "");
  }

  protected static long decodeId(long seed, String id, String prefix, int length) {
    if (id == null || id.length() != length || !id.startsWith(prefix)) return -1;
    long v = Hashing.parseBase62(id.substring(prefix.length(), prefix.length() + 9));
    if (v < 0 || v >= (1L << 48)) return -1;
    long serial = Hashing.unpermute(seed, v);
    return encodeId(seed, serial, prefix, length).equals(id) ? serial : -1;
  }
}
