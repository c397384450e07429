package io.github.flowruns.kafka;

import io.github.flowruns.testsupport.PublicApiSurface;
import org.junit.jupiter.api.Test;

/**
 * The module's public API is what api/sdk-kafka-connect.api pins: the connector and its task,
 * which Connect creates by name; everything else is package-private.
 */
class PublicApiSurfaceTest {
  @Test
  void publicApiIsPinned() {
    PublicApiSurface.assertMatchesSignatureFile(FlowRunsSourceConnector.class);
  }
}
