package io.github.flowruns.testing.internal;

/**
 * One status value of a vendor, with the facts the simulator needs to move runs between them.
 *
 * @param raw the value on the wire, as text ({@code "3"} for Patchworks); null for StackAI's null state
 * @param successful StackAI's {@code is_flow_successful}; null elsewhere and while a run has no outcome
 * @param success the run reached its end without an error
 */
public record Status(String raw, Boolean successful, boolean terminal, boolean failed, boolean queued,
    boolean success) {
  public static Status running(String raw) {
    return new Status(raw, null, false, false, false, false);
  }

  public static Status queued(String raw) {
    return new Status(raw, null, false, false, true, false);
  }

  public static Status ok(String raw) {
    return new Status(raw, null, true, false, false, true);
  }

  public static Status failure(String raw) {
    return new Status(raw, null, true, true, false, false);
  }

  /** Terminal, neither success nor failure: stopped, cancelled. */
  public static Status ended(String raw) {
    return new Status(raw, null, true, false, false, false);
  }

  public Status withSuccessful(Boolean value) {
    return new Status(raw, value, terminal, failed, queued, success);
  }
}
