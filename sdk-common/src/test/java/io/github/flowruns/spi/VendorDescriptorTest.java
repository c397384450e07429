package io.github.flowruns.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.flowruns.FlowRunsClient;
import io.github.flowruns.FlowRunsClients;
import io.github.flowruns.Vendor;
import io.github.flowruns.internal.Redaction;
import java.util.List;
import java.util.Map;
import java.util.regex.PatternSyntaxException;
import org.junit.jupiter.api.Test;

/** The descriptor contract, on the test-only vendor Zeta (no constant) and the FlowStack stand-in. */
class VendorDescriptorTest {

  @Test
  void aVendorWithNoConstantIsFoundByNameAliasAndArtifact() {
    assertSame(ZetaProvider.ZETA, Vendor.fromName("zeta"));
    assertSame(ZetaProvider.ZETA, Vendor.fromName("Zeta-Cloud"));
    assertSame(ZetaProvider.ZETA, Vendor.fromName("sdk-zeta"));
    assertSame(ZetaProvider.DESCRIPTOR, FlowRunsClients.descriptor("ZETA"));
    assertSame(ZetaProvider.DESCRIPTOR, FlowRunsClients.descriptor("zeta-cloud"));
    assertTrue(Vendor.values().contains(ZetaProvider.ZETA), Vendor.values().toString());
    assertEquals(List.of(Vendor.PATCHWORKS, Vendor.STACKAI, Vendor.ACTIVEPIECES, Vendor.FLOWSTACK),
        Vendor.values().subList(0, 4));
  }

  @Test
  void aVendorWithNoConstantIsCreatedThroughItsProvider() {
    try (FlowRunsClient c = FlowRunsClients.create(Vendor.fromName("zeta"), Map.of("apiKey", "k",
        "tenantId", "t1"))) {
      assertSame(ZetaProvider.ZETA, c.vendor());
      assertEquals("zeta client for t1", c.toString());
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> FlowRunsClients.create(ZetaProvider.ZETA, Map.of("apiKey", "k")));
    assertTrue(e.getMessage().contains("tenantId"), e.getMessage());
  }

  @Test
  void aVendorsKeyShapeIsRedactedInFreeText() {
    String r = Redaction.redactText("upstream said: key zt_0123456789abcdef is revoked");
    assertFalse(r.contains("zt_0123456789abcdef"), r);
    assertTrue(r.contains("is revoked"), r);
    // Not a shape of any vendor on the class path: kept.
    assertTrue(Redaction.redactText("zq_0123456789abcdef").contains("zq_0123456789abcdef"));
  }

  @Test
  void descriptorsListEachVendorOnceWithItsDefaults() {
    List<VendorDescriptor> all = FlowRunsClients.descriptors();
    assertEquals(List.of("flowstack", "zeta"), all.stream().map(VendorDescriptor::name).toList());
    VendorDescriptor fs = FlowRunsClients.descriptor("flowstack");
    assertEquals("FlowStack", fs.displayName());
    assertEquals("sdk-flowstack", fs.artifactId());
    assertEquals("flowstack", fs.simulator());
    assertEquals("RUN", fs.runIdForm());
    assertFalse(fs.listsPerFlow());
    assertNull(fs.defaultBaseUrl());
    VendorDescriptor zeta = ZetaProvider.DESCRIPTOR;
    assertEquals("Zeta", zeta.displayName());
    assertEquals("flowstack", zeta.simulator());
    assertEquals("TENANT/RUN", zeta.runIdForm());
  }

  @Test
  void anUnknownNameListsTheKnownOnes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> FlowRunsClients.descriptor("nope"));
    assertEquals("Unknown vendor 'nope'; expected one of flowstack, zeta", e.getMessage());
    // A constant whose module is missing is no descriptor either.
    assertThrows(IllegalArgumentException.class, () -> FlowRunsClients.descriptor("activepieces"));
    IllegalArgumentException v = assertThrows(IllegalArgumentException.class,
        () -> Vendor.fromName("nope"));
    assertEquals("Unknown vendor 'nope'; expected one of flowstack, zeta, patchworks, stackai, "
        + "activepieces", v.getMessage());
  }

  @Test
  void settingsDeriveTheirCommandLineOptions() {
    VendorDescriptor.Setting tenant = ZetaProvider.DESCRIPTOR.setting("tenantId");
    assertEquals("--tenant-id", tenant.option());
    assertTrue(tenant.required());
    assertFalse(tenant.secret());
    VendorDescriptor.Setting secret = ZetaProvider.DESCRIPTOR.setting("clientSecret");
    assertEquals("--client-secret-env", secret.option());
    assertTrue(secret.secret());
    assertNull(secret.option(null).option());
    assertEquals("--login-url",
        VendorDescriptor.Setting.optional("loginBaseUrl", "h").option("--login-url").option());
    assertEquals("--api-key", VendorDescriptor.Setting.API_KEY.option());
    assertTrue(VendorDescriptor.Setting.API_KEY.secret());
    assertNull(ZetaProvider.DESCRIPTOR.setting("nope"));
    assertThrows(IllegalArgumentException.class,
        () -> VendorDescriptor.Setting.optional("x", "h").option("-x"));
  }

  @Test
  void aBadKeyShapeOrMissingCapabilitiesFailsAtBuild() {
    assertThrows(PatternSyntaxException.class,
        () -> VendorDescriptor.builder(Vendor.FLOWSTACK).credentialShapes("(unclosed"));
    assertThrows(NullPointerException.class,
        () -> VendorDescriptor.builder(Vendor.FLOWSTACK).build());
  }
}
