package io.github.flowruns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.flowruns.Capabilities.Operation;
import io.github.flowruns.internal.ProviderSettings;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which retry modes a client takes, and the common insecure-HTTP setting of the providers. */
class CapabilitiesRetryModesTest {

  @Test
  void aClientThatRetriesTakesEveryModeUnlessItSaysWhich() {
    Capabilities all = Capabilities.builder().supports(Operation.RETRY_RUN).build();
    assertEquals(EnumSet.allOf(RetryMode.class), all.retryModes());
    Capabilities one = Capabilities.builder().supports(Operation.RETRY_RUN)
        .retryModes(RetryMode.DEFAULT).build();
    assertEquals(EnumSet.of(RetryMode.DEFAULT), one.retryModes());
    assertNotEquals(all, one);
  }

  @Test
  void aClientThatCannotRetryHasNoMode() {
    assertTrue(Capabilities.builder().supports(Operation.LIST_RUNS)
        .retryModes(RetryMode.DEFAULT).build().retryModes().isEmpty());
  }

  @Test
  void allowInsecureHttpIsTrueOrFalseAndNothingElse() {
    assertTrue(ProviderSettings.allowInsecureHttp(Map.of("allowInsecureHttp", "TRUE")));
    assertEquals(false, ProviderSettings.allowInsecureHttp(Map.of("allowInsecureHttp", "false")));
    assertEquals(false, ProviderSettings.allowInsecureHttp(Map.of()));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ProviderSettings.allowInsecureHttp(Map.of("allowInsecureHttp", "yes")));
    assertTrue(e.getMessage().contains("allowInsecureHttp must be true or false"), e.getMessage());
  }
}
