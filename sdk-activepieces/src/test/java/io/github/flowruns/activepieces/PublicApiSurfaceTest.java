package io.github.flowruns.activepieces;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.flowruns.testsupport.PublicApiSurface;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The facade's promise: generated types show only through {@code api()} and {@code Run.unwrap}. */
class PublicApiSurfaceTest {
  @Test
  void noPublicSignatureExposesAGeneratedTypeExceptApi() {
    assertEquals(List.of(), PublicApiSurface.generatedTypesExposed(ActivepiecesClient.class, Set.of("api")));
  }
}
