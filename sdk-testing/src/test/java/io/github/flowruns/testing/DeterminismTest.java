package io.github.flowruns.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DeterminismTest {
  private static final Instant NEWEST = Instant.parse("2026-06-01T00:00:00Z");

  private static VendorSimulator start(String vendor, long seed) {
    return VendorSimulator.forVendor(vendor).runs(120).seed(seed).newestAt(NEWEST).build().start();
  }

  @ParameterizedTest
  @MethodSource("io.github.flowruns.testing.VendorSimulator#vendors")
  void theSameSeedServesTheSameRunsByteForByte(String vendor) {
    try (VendorSimulator a = start(vendor, 1234); VendorSimulator b = start(vendor, 1234)) {
      assertEquals(a.apiKey(), b.apiKey());
      assertEquals(a.flowIds(), b.flowIds());
      assertEquals(a.runs(), b.runs());
      String bodyA = Probe.list(a).body().replace(a.baseUrl(), "");
      String bodyB = Probe.list(b).body().replace(b.baseUrl(), "");
      assertEquals(bodyA, bodyB);
    }
  }

  @ParameterizedTest
  @MethodSource("io.github.flowruns.testing.VendorSimulator#vendors")
  void anotherSeedServesAnotherHistory(String vendor) {
    try (VendorSimulator a = start(vendor, 1); VendorSimulator b = start(vendor, 2)) {
      assertNotEquals(a.run(50).id(), b.run(50).id());
      assertNotEquals(a.apiKey(), b.apiKey());
    }
  }

  @ParameterizedTest
  @MethodSource("io.github.flowruns.testing.VendorSimulator#vendors")
  void runsAreFoundByTheirIdAndListedNewestFirst(String vendor) {
    try (VendorSimulator sim = start(vendor, 5)) {
      for (int i = 0; i < sim.runCount(); i++) {
        SimulatedRun r = sim.run(i);
        assertEquals(r, sim.findRun(r.id()).orElseThrow());
        if (i > 0) assertTrue(!r.createdAt().isAfter(sim.run(i - 1).createdAt()));
      }
      assertTrue(sim.findRun("not-an-id").isEmpty());
    }
  }

  @ParameterizedTest
  @MethodSource("io.github.flowruns.testing.VendorSimulator#vendors")
  void theUnknownRunIdHasTheShapeOfTheVendorsIdsButNamesNoRun(String vendor) {
    try (VendorSimulator sim = start(vendor, 5); VendorSimulator same = start(vendor, 5)) {
      String unknown = sim.unknownRunId();
      assertEquals(unknown, same.unknownRunId());
      assertTrue(sim.findRun(unknown).isEmpty());
      assertTrue(sim.runs().stream().noneMatch(r -> r.id().equals(unknown)));
      String real = sim.run(0).id();
      // The same alphabet and, for fixed-width ids, the same length as a real id.
      assertTrue(unknown.chars().allMatch(c -> Character.isLetterOrDigit(c) || real.indexOf(c) >= 0 || c == '-' || c == '_'),
          unknown + " vs " + real);
      assertEquals(Character.isDigit(real.charAt(0)) && real.chars().allMatch(Character::isDigit),
          unknown.chars().allMatch(Character::isDigit), unknown + " vs " + real);
    }
  }

  @Test
  void forVendorKnowsTheFourVendorsAndRefusesOthers() {
    assertEquals(java.util.List.of("patchworks", "stackai", "activepieces", "flowstack", "n8n"), VendorSimulator.vendors());
    try (VendorSimulator sim = VendorSimulator.forVendor("Analytics").runs(3).build().start()) {
      assertEquals("stackai", sim.vendor());
      assertTrue(sim.baseUrl().startsWith("http://"));
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> VendorSimulator.forVendor("zapier"));
    assertTrue(e.getMessage().contains("activepieces"));
  }

  @ParameterizedTest
  @MethodSource("io.github.flowruns.testing.VendorSimulator#vendors")
  void clientSettingsReachTheSimulator(String vendor) {
    try (VendorSimulator sim = start(vendor, 3)) {
      java.util.Map<String, String> s = sim.clientSettings();
      assertEquals(sim.apiKey(), s.get("apiKey"));
      assertEquals(sim.baseUrl(), s.get("baseUrl"));
      assertEquals(vendor, sim.vendor());
      if (sim instanceof ActivepiecesSimulator ap) assertEquals(ap.projectId(), s.get("projectId"));
      if (sim instanceof AnalyticsSimulator an) assertEquals(an.orgId(), s.get("orgId"));
    }
  }

  @Test
  void activepiecesBaseUrlEndsInApiAndTheOthersAreTheRoot() {
    try (ActivepiecesSimulator ap = ActivepiecesSimulator.builder().build().start();
        FlowStackSimulator fs = FlowStackSimulator.builder().build().start()) {
      assertTrue(ap.baseUrl().endsWith("/api"));
      assertTrue(fs.baseUrl().matches("http://[^/]+:\\d+"));
      assertTrue(fs.apiKey().startsWith("fs_test_"));
    }
  }
}
