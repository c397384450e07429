package io.github.flowruns.cli;

import io.github.flowruns.testsupport.PublicApiSurface;
import org.junit.jupiter.api.Test;

/**
 * The module's public API is what api/sdk-cli.api pins, and no API signature names an
 * internal or generated type.
 */
class PublicApiSurfaceTest {
  @Test
  void publicApiIsPinned() {
    PublicApiSurface.assertMatchesSignatureFile(FlowRunsCli.class);
  }
}
