package io.github.flowruns;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Objects;

/**
 * One thing a {@link RunFeed} saw happen to a run: it appeared ({@link Type#NEW}) or its status
 * changed ({@link Type#STATUS_CHANGED}).
 *
 * <pre>{@code
 * for (RunEvent e : feed.poll()) {
 *   if (e.run().status().isFailure()) {
 *     System.out.println(e.id() + " " + e.run().id() + " " + e.previousStatus() + " -> " + e.run().status());
 *   }
 * }
 * }</pre>
 */
public final class RunEvent {

  /** What happened to the run. */
  public enum Type {
    /** The feed sees the run for the first time. */
    NEW,
    /** The run's status differs from the one the feed reported before. */
    STATUS_CHANGED
  }

  private final String id;
  private final Type type;
  private final Run run;
  private final RunStatus previousStatus;
  private final Instant observedAt;

  private RunEvent(Type type, Run run, RunStatus previousStatus, Instant observedAt) {
    this.type = Objects.requireNonNull(type, "type");
    this.run = Objects.requireNonNull(run, "run");
    if (type == Type.NEW && previousStatus != null) {
      throw new IllegalArgumentException("a NEW event has no previous status");
    }
    if (type == Type.STATUS_CHANGED && previousStatus == null) {
      throw new IllegalArgumentException("a STATUS_CHANGED event needs the previous status");
    }
    this.previousStatus = previousStatus;
    this.observedAt = Objects.requireNonNull(observedAt, "observedAt");
    this.id = idOf(run);
  }

  /**
   * An event. Feeds make these; tests and sinks may too.
   *
   * <pre>{@code RunEvent.of(RunEvent.Type.NEW, run, null, Instant.now())}</pre>
   *
   * @param type what happened
   * @param run the run as the feed saw it
   * @param previousStatus the status reported before; null for {@link Type#NEW}, required for
   *     {@link Type#STATUS_CHANGED}
   * @param observedAt when the feed saw it, on the vendor's clock where the vendor tells it
   * @return the event
   */
  public static RunEvent of(Type type, Run run, RunStatus previousStatus, Instant observedAt) {
    return new RunEvent(type, run, previousStatus, observedAt);
  }

  /**
   * A deterministic id: the same run in the same status gives the same id, whichever poll,
   * process or restart reports it, so a sink can drop repeats. A terminal status also counts the
   * run's finish time, so a run that a retry re-queues in place and that fails again gives a new
   * id. 32 lowercase hex characters (128 bits of SHA-256 over the vendor, the run id, the status
   * and, once terminal, the finish time).
   *
   * @return the id
   */
  public String id() {
    return id;
  }

  /** {@return {@link Type#NEW} or {@link Type#STATUS_CHANGED}} */
  public Type type() {
    return type;
  }

  /** {@return the run as the feed saw it} */
  public Run run() {
    return run;
  }

  /** {@return the status reported before this event; null for {@link Type#NEW}} */
  public RunStatus previousStatus() {
    return previousStatus;
  }

  /**
   * When the feed saw the event, on the vendor's clock (from its {@code Date} header) where the
   * vendor sends one, else on this machine's.
   *
   * @return the time
   */
  public Instant observedAt() {
    return observedAt;
  }

  static String idOf(Run run) {
    StringBuilder key = new StringBuilder(96)
        .append(run.vendor() == null ? "" : run.vendor().name()).append('\n')
        .append(run.id()).append('\n')
        .append(run.status().name());
    if (run.status().isTerminal()) {
      key.append('\n').append(run.finishedAt() == null ? "" : run.finishedAt().toString());
    }
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(key.toString().getBytes(StandardCharsets.UTF_8));
      StringBuilder hex = new StringBuilder(32);
      for (int i = 0; i < 16; i++) {
        hex.append(Character.forDigit((digest[i] >> 4) & 0xf, 16))
            .append(Character.forDigit(digest[i] & 0xf, 16));
      }
      return hex.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }

  /** Events are equal when their {@link #id()}s are: the same run in the same status. */
  @Override
  public boolean equals(Object o) {
    return o instanceof RunEvent && ((RunEvent) o).id.equals(id);
  }

  @Override
  public int hashCode() {
    return id.hashCode();
  }

  @Override
  public String toString() {
    return "RunEvent{" + type + " " + run.id() + " "
        + (previousStatus == null ? "" : previousStatus + " -> ") + run.status()
        + " at " + observedAt + ", id=" + id + "}";
  }
}
