package io.github.flowruns.testing.internal;

import mockwebserver3.MockResponse;

/** One vendor's wire protocol over the shared {@link RunStore}. */
public abstract class VendorApi {
  protected final RunStore store;
  protected final Settings settings;

  /** What every vendor simulator is configured with. */
  public record Settings(String apiKey, long seed, int flows, long retentionMs) {}

  protected VendorApi(RunStore store, Settings settings) {
    this.store = store;
    this.settings = settings;
  }

  public RunStore store() {
    return store;
  }

  public Settings settings() {
    return settings;
  }

  /** Answers a request that no fault intercepted. */
  public abstract MockResponse.Builder handle(Req req);

  /** An injected 5xx in the vendor's error shape. */
  public abstract MockResponse.Builder serverError(Req req, int status);

  /** A 429 in the vendor's shape, with {@code Retry-After}. */
  public abstract MockResponse.Builder tooManyRequests(Req req, long retryAfterSeconds);

  /** Adds the vendor's rate-limit headers when a window is in force ({@code window} non-null). */
  public void rateHeaders(MockResponse.Builder b, Faults.RateWindow window, boolean limited) {}

  /** Rate-limit plan the vendor enforces by default (requests per window), or null for none. */
  public Integer planLimit() {
    return null;
  }

  public java.time.Duration planWindow() {
    return java.time.Duration.ofHours(1);
  }

  public String flowId(int flow) {
    return store.profile().flowId(settings.seed(), flow);
  }

  /** Index of the flow with this id, or -1. */
  public int flowIndex(String id) {
    return store.profile().flowIndex(settings.seed(), settings.flows(), id);
  }

  /** The names of the steps a run reached, in order; never more than its flow has. */
  protected static java.util.List<String> reachedSteps(RunData r) {
    java.util.List<String> names = Catalogue.steps(r.flow());
    return names.subList(0, Math.max(0, Math.min(r.stepsRun(), names.size())));
  }

  /**
   * What reached step {@code k} shows: FAILED at the failed step, {@code last} for the last step
   * reached when not null (a run still going, or stopped there), SUCCEEDED otherwise.
   */
  protected static String stepStatus(RunData r, int k, String last) {
    return k == r.failedStep() ? "FAILED" : k == r.stepsRun() - 1 && last != null ? last : "SUCCEEDED";
  }

  /** The bearer token in an Authorization header, or null. */
  protected static String bearer(Req req) {
    String h = req.header("Authorization");
    if (h == null || !h.regionMatches(true, 0, "Bearer ", 0, 7)) return null;
    return h.substring(7).trim();
  }

  protected static Integer parseInt(String s) {
    if (s == null) return null;
    try {
      return Integer.valueOf(s.trim());
    } catch (NumberFormatException e) {
      throw new BadParam(s);
    }
  }

  /** A query value the handler could not read. */
  public static final class BadParam extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BadParam(String value) {
      super(value, null, false, false);
    }
  }
}
