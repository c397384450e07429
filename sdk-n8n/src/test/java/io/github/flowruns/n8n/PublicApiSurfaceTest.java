package io.github.flowruns.n8n;

import io.github.flowruns.testsupport.PublicApiSurface;
import org.junit.jupiter.api.Test;

/**
 * The module's public API is what api/sdk-flowstack.api pins, and no API signature names an
 * internal or generated type (generated ones only through {@code api()}).
 */
class PublicApiSurfaceTest {
  @Test
  void publicApiIsPinned() {
    PublicApiSurface.assertMatchesSignatureFile(N8nClient.class, "api");
  }
}
