package io.github.flowruns.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A million runs cost no memory until they are read, and any page is served without building the
 * others. Heap figures are printed for the record and asserted only loosely.
 */
class MillionRunsTest {
  private static final int MILLION = 1_000_000;

  private static long usedHeap() {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) System.gc();
    return rt.totalMemory() - rt.freeMemory();
  }

  @Test
  void aMillionRunPatchworksSimulatorServesItsLastPageWithoutMaterialisingTheRest() {
    long before = usedHeap();
    try (PatchworksSimulator sim = PatchworksSimulator.builder().runs(MILLION).build().start()) {
      long afterStart = usedHeap();
      JsonObject last = Http.get(sim.baseUrl() + "/api/v1/flow-runs?sort=-started_at&per_page=100&page=10000", sim.apiKey())
          .json().getAsJsonObject();
      JsonArray data = last.getAsJsonArray("data");
      assertEquals(100, data.size());
      assertEquals(sim.run(MILLION - 1).id(), data.get(99).getAsJsonObject().get("id").getAsString());
      assertEquals(MILLION, last.getAsJsonObject("meta").get("total").getAsLong());
      System.out.printf("patchworks 1M: heap +%d KB after start%n", (afterStart - before) / 1024);
      assertTrue(afterStart - before < 32L * 1024 * 1024, "a started simulator holds no runs");
    }
  }

  @Test
  void aMillionRunActivepiecesSimulatorPagesTenThousandRunsInLittleHeap() {
    long before = usedHeap();
    try (ActivepiecesSimulator sim = ActivepiecesSimulator.builder().runs(MILLION).build().start()) {
      long afterStart = usedHeap();
      Set<String> seen = new HashSet<>();
      String cursor = null;
      for (int page = 0; page < 100; page++) {
        JsonObject body = Http.get(sim.baseUrl() + "/v1/flow-runs?projectId=" + sim.projectId() + "&limit=100"
            + (cursor == null ? "" : "&cursor=" + cursor), "Bearer " + sim.apiKey()).json().getAsJsonObject();
        body.getAsJsonArray("data").forEach(e -> seen.add(e.getAsJsonObject().get("id").getAsString()));
        cursor = body.get("next").getAsString();
      }
      assertEquals(10_000, seen.size());
      seen.clear();
      long afterPaging = usedHeap();
      assertEquals(MILLION, sim.runCount());
      assertTrue(sim.findRun(sim.run(MILLION - 1).id()).isPresent(), "the oldest run is found by id");
      System.out.printf("activepieces 1M: heap +%d KB after start, +%d KB after paging 10,000 runs%n",
          (afterStart - before) / 1024, (afterPaging - before) / 1024);
      assertTrue(afterPaging - before < 32L * 1024 * 1024, "paging keeps no runs");
    }
  }

  @Test
  void aMillionRunStackAiSimulatorServesTheLastPageOfAFlow() {
    try (AnalyticsSimulator sim = AnalyticsSimulator.builder().runs(MILLION).flows(5).build().start()) {
      String flow = sim.flowIds().get(4);
      String base = sim.baseUrl() + "/analytics/org/" + sim.orgId() + "/flows/" + flow + "?page_size=1000";
      JsonArray page = Http.get(base + "&page=150", "Bearer " + sim.apiKey()).json().getAsJsonArray();
      assertTrue(page.size() > 0, "a flow of about 200,000 runs has a 151st page of 1000");
      JsonArray beyond = Http.get(base + "&page=400", "Bearer " + sim.apiKey()).json().getAsJsonArray();
      assertEquals(0, beyond.size());
    }
  }

  @Test
  void aMillionRunFlowStackSimulatorCursorsFromTheEnd() {
    try (FlowStackSimulator sim = FlowStackSimulator.builder().runs(MILLION).build().start()) {
      String flow = sim.flowIds().get(0);
      JsonObject stats = Http.get(sim.baseUrl() + "/api/v1/flows/" + flow + "/runs/stats", "Bearer " + sim.apiKey())
          .json().getAsJsonObject();
      assertTrue(stats.get("totalRuns").getAsLong() > 150_000);
    }
  }
}
