package io.github.flowruns.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every run a simulator's API lists, read the vendor's way, as run id to status key: the raw
 * status, and for StackAI {@code is_flow_successful} after a slash.
 */
final class Listings {
  private Listings() {}

  /** The status key of a change's outcome, comparable with what {@link #all} reads. */
  static String key(String status, Boolean successful) {
    return status + (successful == null ? "" : "/" + successful);
  }

  /** The state the oracle says the API serves: the seeded statuses, then every change in order. */
  static Map<String, String> oracle(Map<String, String> seeded, List<StatusChange> changes, Instant at) {
    Map<String, String> out = new LinkedHashMap<>(seeded);
    for (StatusChange c : changes) {
      if (!c.at().isAfter(at)) out.put(c.runId(), key(c.to(), c.successful()));
    }
    return out;
  }

  static Map<String, String> seeded(VendorSimulator sim) {
    Map<String, String> out = new LinkedHashMap<>();
    for (SimulatedRun r : sim.runs()) out.put(r.id(), key(r.status(), r.successful()));
    return out;
  }

  static Instant date(Http.Reply r) {
    return ZonedDateTime.parse(r.header("Date"), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
  }

  static Map<String, String> all(VendorSimulator sim) {
    Map<String, String> out = new LinkedHashMap<>();
    String auth = Probe.auth(sim);
    switch (sim.vendor()) {
      case "activepieces" -> readActivepieces(out, activepiecesAll((ActivepiecesSimulator) sim), auth);
      case "patchworks" -> {
        int last;
        int page = 1;
        do {
          JsonObject body = ok(Http.get(sim.baseUrl() + "/api/v1/flow-runs?per_page=100&page=" + page, auth))
              .getAsJsonObject();
          for (JsonElement e : body.getAsJsonArray("data")) {
            JsonObject o = e.getAsJsonObject();
            JsonObject a = o.has("attributes") ? o.getAsJsonObject("attributes") : o;
            out.put(o.get("id").getAsString(), key(a.get("status").getAsString(), null));
          }
          last = body.getAsJsonObject("meta").get("last_page").getAsInt();
          page++;
        } while (page <= last);
      }
      case "stackai" -> {
        AnalyticsSimulator s = (AnalyticsSimulator) sim;
        for (String flow : sim.flowIds()) {
          for (int page = 0; ; page++) {
            JsonArray items = ok(Http.get(sim.baseUrl() + "/analytics/org/" + s.orgId() + "/flows/" + flow
                + "?page_size=100&page=" + page, auth)).getAsJsonArray();
            for (JsonElement e : items) {
              JsonObject o = e.getAsJsonObject();
              JsonElement ok = o.get("is_flow_successful");
              out.put(o.get("run_id").getAsString(), key(o.get("state").isJsonNull() ? null : o.get("state").getAsString(),
                  ok.isJsonNull() ? null : ok.getAsBoolean()));
            }
            if (items.size() < 100) break;
          }
        }
      }
      case "flowstack" -> {
        for (String flow : sim.flowIds()) {
          String cursor = null;
          boolean more;
          do {
            JsonObject page = ok(Http.get(sim.baseUrl() + "/api/v1/flows/" + flow + "/runs?limit=100"
                + (cursor == null ? "" : "&cursor=" + cursor), auth)).getAsJsonObject();
            for (JsonElement e : page.getAsJsonArray("data")) {
              JsonObject o = e.getAsJsonObject();
              out.put(o.get("id").getAsString(), key(o.get("status").getAsString(), null));
            }
            more = page.get("hasMore").getAsBoolean();
            cursor = more ? page.get("cursor").getAsString() : null;
          } while (more);
        }
      }
      case "n8n" -> {
        // Running executions are listed only with status=running (vendors.md, n8n).
        for (String status : new String[] {"", "&status=running"}) {
          String cursor = null;
          do {
            JsonObject page = ok(Http.get(sim.baseUrl() + "/api/v1/executions?limit=250" + status
                + (cursor == null ? "" : "&cursor=" + cursor), auth)).getAsJsonObject();
            for (JsonElement e : page.getAsJsonArray("data")) {
              JsonObject o = e.getAsJsonObject();
              out.put(o.get("id").getAsString(), key(o.get("status").getAsString(), null));
            }
            cursor = page.get("nextCursor").isJsonNull() ? null : page.get("nextCursor").getAsString();
          } while (cursor != null);
        }
      }
      default -> throw new IllegalArgumentException(sim.vendor());
    }
    return out;
  }

  /** Activepieces' whole listing in one answer: limit -1 is unlimited (vendors.md). */
  static String activepiecesAll(ActivepiecesSimulator sim) {
    return sim.baseUrl() + "/v1/flow-runs?projectId=" + sim.projectId() + "&limit=-1&includeArchived=true";
  }

  static Map<String, String> readActivepieces(Map<String, String> out, String url, String auth) {
    return readActivepieces(out, Http.get(url, auth));
  }

  static Map<String, String> readActivepieces(Map<String, String> out, Http.Reply reply) {
    for (JsonElement e : ok(reply).getAsJsonObject().getAsJsonArray("data")) {
      JsonObject o = e.getAsJsonObject();
      out.put(o.get("id").getAsString(), key(o.get("status").getAsString(), null));
    }
    return out;
  }

  private static JsonElement ok(Http.Reply r) {
    assertEquals(200, r.code(), r.body());
    return r.json();
  }
}
