package io.github.flowruns.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Simulators whose runs move as their clock does. */
class LivingSimulatorTest {
  private static final Instant NEWEST = Instant.parse("2026-03-01T12:00:00Z");

  @Test
  void aTriggeredFlowStackRunEndsInThePlannedStatusAtThePlannedInstant() {
    try (FlowStackSimulator sim = FlowStackSimulator.builder().runs(20).flows(2).seed(3).newestAt(NEWEST)
        .arrivals(Duration.ZERO).build().start()) {
      String auth = "Bearer " + sim.apiKey();
      sim.planNext("FAILED", Duration.ofSeconds(30));
      Instant t0 = sim.now();
      String flow = sim.flowIds().get(0);
      Http.Reply created = Http.post(sim.baseUrl() + "/api/v1/flows/" + flow + "/runs", auth, "{}");
      assertEquals(201, created.code(), created.body());
      String id = created.json().getAsJsonObject().get("id").getAsString();
      String url = sim.baseUrl() + "/api/v1/flows/" + flow + "/runs/" + id;
      sim.advance(Duration.ofSeconds(29));
      assertEquals("RUNNING", status(Http.get(url, auth)));
      sim.advance(Duration.ofSeconds(1));
      assertEquals("FAILED", status(Http.get(url, auth)));
      assertEquals(List.of(new Change(id, null, "RUNNING", t0), new Change(id, "RUNNING", "FAILED", t0.plusSeconds(30))),
          sim.statusChanges().stream().filter(c -> c.runId().equals(id)).map(Change::of).toList());
    }
  }

  @Test
  void runsArriveAtTheSteadyRateAndEachDateHeaderReadsTheClock() {
    try (ActivepiecesSimulator sim = ActivepiecesSimulator.builder().runs(10).seed(5).newestAt(NEWEST)
        .arrivals(Duration.ofSeconds(10)).build().start()) {
      Instant t0 = sim.now();
      sim.advance(Duration.ofSeconds(35));
      assertEquals(t0.plusSeconds(35), sim.now());
      List<StatusChange> created = sim.statusChanges().stream().filter(c -> c.from() == null).toList();
      assertEquals(List.of(t0.plusSeconds(10), t0.plusSeconds(20), t0.plusSeconds(30)),
          created.stream().map(StatusChange::at).toList());
      Http.Reply r = Http.get(sim.baseUrl() + "/v1/flow-runs?projectId=" + sim.projectId(), "Bearer " + sim.apiKey());
      Instant date = ZonedDateTime.parse(r.header("Date"), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      assertEquals(sim.now().getEpochSecond(), date.getEpochSecond());
    }
  }

  @Test
  void planNextRefusesAStatusTheVendorDoesNotHave() {
    try (PatchworksSimulator sim = PatchworksSimulator.builder().runs(5).build()) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> sim.planNext("FAILED", Duration.ZERO));
      assertTrue(e.getMessage().contains("1, 3, 2, 5, 4"), e.getMessage());
    }
  }

  private static String status(Http.Reply r) {
    assertEquals(200, r.code(), r.body());
    JsonObject o = r.json().getAsJsonObject();
    return o.has("data") && o.get("data").isJsonObject() ? o.getAsJsonObject("data").get("status").getAsString()
        : o.get("status").getAsString();
  }

  private record Change(String runId, String from, String to, Instant at) {
    static Change of(StatusChange c) {
      return new Change(c.runId(), c.from(), c.to(), c.at());
    }
  }
}
