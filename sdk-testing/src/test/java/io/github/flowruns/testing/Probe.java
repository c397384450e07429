package io.github.flowruns.testing;

import com.google.gson.JsonObject;

/** The list request of each vendor, authenticated as its spec says, for tests common to all four. */
final class Probe {
  private Probe() {}

  static String listUrl(VendorSimulator sim, int pageSize) {
    String flow = sim.flowIds().get(0);
    return switch (sim.vendor()) {
      case "patchworks" -> sim.baseUrl() + "/api/v1/flow-runs?per_page=" + pageSize;
      case "stackai" -> sim.baseUrl() + "/analytics/org/" + ((AnalyticsSimulator) sim).orgId() + "/flows/" + flow
          + "?page_size=" + pageSize;
      case "activepieces" -> sim.baseUrl() + "/v1/flow-runs?projectId=" + ((ActivepiecesSimulator) sim).projectId()
          + "&limit=" + pageSize;
      case "flowstack" -> sim.baseUrl() + "/api/v1/flows/" + flow + "/runs?limit=" + pageSize;
      case "n8n" -> sim.baseUrl() + "/api/v1/executions?limit=" + pageSize;
      default -> throw new IllegalArgumentException(sim.vendor());
    };
  }

  /** n8n's key header (vendors.md, n8n). */
  static final String N8N_HEADER = "X-N8N-API-KEY";

  /**
   * The vendor's credential as {@link Http} sends it: the {@code Authorization} value, or for n8n
   * {@code "X-N8N-API-KEY: <key>"}, which {@link Http#authorize} sends as that header.
   */
  static String auth(VendorSimulator sim) {
    if (sim.vendor().equals("n8n")) return N8N_HEADER + ": " + sim.apiKey();
    return sim.vendor().equals("patchworks") ? sim.apiKey() : "Bearer " + sim.apiKey();
  }

  /** The credential a recorded request carried, in {@link #auth}'s form. */
  static String sentAuth(VendorSimulator sim, mockwebserver3.RecordedRequest r) {
    if (sim.vendor().equals("n8n")) return N8N_HEADER + ": " + r.getHeaders().get(N8N_HEADER);
    return r.getHeaders().get("Authorization");
  }

  static Http.Reply list(VendorSimulator sim) {
    return Http.get(listUrl(sim, 10), auth(sim));
  }

  /** The human-readable message of an error body, read the vendor's way. */
  static String errorMessage(VendorSimulator sim, Http.Reply reply) {
    JsonObject o = reply.json().getAsJsonObject();
    return switch (sim.vendor()) {
      case "patchworks" -> o.get("message").getAsString();
      case "stackai" -> o.get("detail").getAsString();
      case "activepieces" -> o.get("code").getAsString() + ": " + o.getAsJsonObject("params").get("message").getAsString();
      case "flowstack" -> {
        JsonObject e = o.getAsJsonObject("error");
        if (e.get("statusCode").getAsInt() != reply.code()) throw new AssertionError("statusCode differs");
        yield e.get("code").getAsString() + ": " + e.get("message").getAsString();
      }
      case "n8n" -> o.get("message").getAsString();
      default -> throw new IllegalArgumentException(sim.vendor());
    };
  }
}
