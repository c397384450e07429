package io.github.flowruns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.flowruns.internal.ClientCore;
import io.github.flowruns.spi.FlowRunsClientProvider;
import io.github.flowruns.spi.VendorDescriptor;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FlowRunsClientsTest {

  /** Registered in src/test/resources/META-INF/services for FLOWSTACK only. */
  public static final class TestProvider implements FlowRunsClientProvider {
    // FlowStack's key shape, so that sdk-common's redaction tests see a vendor's shape.
    static final VendorDescriptor DESCRIPTOR = VendorDescriptor.builder(Vendor.FLOWSTACK)
        .settings(VendorDescriptor.Setting.API_KEY)
        .credentialShapes("fs_(?:live|test)_[A-Za-z0-9]{6,}")
        .capabilities(Capabilities.builder().build())
        .build();

    @Override
    public VendorDescriptor descriptor() {
      return DESCRIPTOR;
    }

    @Override
    public FlowRunsClient create(Map<String, String> settings) {
      String key = ClientCore.requireNonBlank(Vendor.FLOWSTACK, settings.get("apiKey"), "apiKey");
      return new FlowRunsClient() {
        @Override
        public Vendor vendor() {
          return Vendor.FLOWSTACK;
        }

        @Override
        public void close() {}

        @Override
        public Capabilities capabilities() {
          return Capabilities.builder().build();
        }

        @Override
        public String toString() {
          return "test client " + key.length();
        }
      };
    }
  }

  @Test
  void findsTheVendorModuleThroughServiceLoader() {
    try (FlowRunsClient c = FlowRunsClients.create(Vendor.FLOWSTACK, Map.of("apiKey", "k"))) {
      assertEquals(Vendor.FLOWSTACK, c.vendor());
    }
  }

  @Test
  void aMissingModuleIsNamedInTheError() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> FlowRunsClients.create(Vendor.ACTIVEPIECES, Map.of()));
    assertEquals("No Activepieces client on the class path: add io.github.flowruns:sdk-activepieces",
        e.getMessage());
  }

  @Test
  void aMissingSettingIsNamedInTheError() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> FlowRunsClients.create(Vendor.FLOWSTACK, Map.of()));
    assertTrue(e.getMessage().contains("apiKey"), e.getMessage());
  }

  @Test
  void unsupportedOperationsNameTheVendorAndTheOperation() {
    try (FlowRunsClient c = FlowRunsClients.create(Vendor.FLOWSTACK, Map.of("apiKey", "k"))) {
      UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
          () -> c.stopRun("r1"));
      assertEquals("FlowStack does not support stopRun", e.getMessage());
      assertThrows(UnsupportedOperationException.class, () -> c.retryRuns(RunQuery.all(), RetryMode.DEFAULT));
      assertThrows(UnsupportedOperationException.class, () -> c.countByStatus(RunQuery.all()));
    }
  }
}
