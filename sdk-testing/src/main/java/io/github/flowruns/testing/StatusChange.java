package io.github.flowruns.testing;

import io.github.flowruns.testing.internal.Change;
import java.time.Instant;
import java.util.Objects;

/**
 * One change of a simulated run's status, as {@link VendorSimulator#statusChanges()} records it:
 * a run created ({@link #from()} null), or moved from one status to another, at an instant of the
 * simulator's clock. Statuses are the raw wire text ({@code "QUEUED"}, Patchworks' {@code "3"}).
 * It is the oracle a feed is compared against: at every instant, the API serves exactly the
 * statuses these changes lead to.
 *
 * <pre>{@code
 * sim.advance(Duration.ofMinutes(5));
 * for (StatusChange c : sim.statusChanges()) System.out.println(c.runId() + " " + c.from() + " -> " + c.to());
 * }</pre>
 */
public final class StatusChange {
  private final String runId;
  private final String from;
  private final String to;
  private final Boolean successful;
  private final Instant at;

  StatusChange(Change c) {
    this.runId = c.runId();
    this.from = c.from() == null ? null : c.from().raw();
    this.to = c.to().raw();
    this.successful = c.to().successful();
    this.at = Instant.ofEpochMilli(c.atMs());
  }

  /**
   * {@return the run's id as the API sends it}
   *
   * <pre>{@code sim.findRun(change.runId())}</pre>
   */
  public String runId() {
    return runId;
  }

  /**
   * {@return the status before the change, as raw text; null when the change is the run's creation}
   *
   * <pre>{@code boolean created = change.from() == null;}</pre>
   */
  public String from() {
    return from;
  }

  /**
   * {@return the status after the change, as raw text} The API shows exactly this from {@link #at()}
   * on.
   *
   * <pre>{@code assertEquals("FAILED", change.to());}</pre>
   */
  public String to() {
    return to;
  }

  /**
   * {@return StackAI's {@code is_flow_successful} after the change; null for other vendors and
   * for statuses without an outcome} It tells a successful COMPLETED from an unsuccessful one.
   *
   * <pre>{@code boolean ok = "COMPLETED".equals(change.to()) && Boolean.TRUE.equals(change.successful());}</pre>
   */
  public Boolean successful() {
    return successful;
  }

  /**
   * {@return when the change happened, on the simulator's clock}
   *
   * <pre>{@code assertFalse(change.at().isAfter(sim.now()));}</pre>
   */
  public Instant at() {
    return at;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StatusChange c && runId.equals(c.runId) && Objects.equals(from, c.from)
        && Objects.equals(to, c.to) && Objects.equals(successful, c.successful) && at.equals(c.at);
  }

  @Override
  public int hashCode() {
    return Objects.hash(runId, from, to, successful, at);
  }

  @Override
  public String toString() {
    return "StatusChange{" + runId + " " + (from == null ? "created" : from) + " -> " + to
        + (successful == null ? "" : " (successful=" + successful + ")") + " at " + at + "}";
  }
}
