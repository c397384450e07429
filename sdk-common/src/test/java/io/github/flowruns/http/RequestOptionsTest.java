package io.github.flowruns.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestOptionsTest {

  @Test
  void headersKeepTheirOrderAndTheLastValueWins() {
    RequestOptions o = RequestOptions.builder().header("B", "1").header("A", "2").header("B", "3").build();
    assertEquals(List.of("B", "A"), List.copyOf(o.headers().keySet()));
    assertEquals("3", o.headers().get("B"));
  }

  @Test
  void crOrLfInAHeaderIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> RequestOptions.builder().header("X", "a\r\nB: c"));
    assertThrows(IllegalArgumentException.class, () -> RequestOptions.builder().header("X\n", "a"));
    assertThrows(IllegalArgumentException.class, () -> RequestOptions.builder().header(" ", "a"));
  }

  @Test
  void toStringHidesAuthorizationLikeHeaderValues() {
    RequestOptions o = RequestOptions.builder().header("Authorization", "Bearer s3cr3t")
        .header("X-Api-Key", "k3y").header("X-Trace", "visible").build();
    String s = o.toString();
    assertFalse(s.contains("s3cr3t") || s.contains("k3y"), s);
    assertTrue(s.contains("visible"), s);
  }

  @Test
  void invalidTimeoutsAndRetriesAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> RequestOptions.builder().timeout(Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> RequestOptions.builder().maxRetries(-1));
  }

  @Test
  void defaultsChangeNothing() {
    RequestOptions d = RequestOptions.defaults();
    assertEquals(null, d.timeout());
    assertEquals(null, d.maxRetries());
    assertTrue(d.headers().isEmpty());
    assertFalse(d.retryNonIdempotent());
    assertEquals(d, d.toBuilder().build());
  }
}
