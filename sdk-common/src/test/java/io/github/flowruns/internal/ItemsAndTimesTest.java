package io.github.flowruns.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The null-skipping item mapper and the time helpers every adapter uses. */
class ItemsAndTimesTest {

  @Test
  void nullItemsAndItemsMappedToNullAreSkippedInOrder() {
    List<String> page = Arrays.asList("a", null, "skip", "b");

    assertEquals(List.of("A", "B"), Items.map(page, s -> s.equals("skip") ? null : s.toUpperCase()));
    assertEquals(List.of(), Items.map(null, s -> s), "a missing list has no items");
  }

  @Test
  void anItemTheMapperCannotReadFailsThePage() {
    assertThrows(IllegalStateException.class, () -> Items.map(List.of("a", "bad"), s -> {
      if (s.equals("bad")) {
        throw new IllegalStateException("a run without an id");
      }
      return s;
    }));
  }

  @Test
  void timesConvertBothWaysAndKeepNull() {
    OffsetDateTime paris = OffsetDateTime.parse("2025-06-03T16:07:22.5+02:00");
    assertEquals(Instant.parse("2025-06-03T14:07:22.5Z"), Times.instant(paris));
    assertEquals(OffsetDateTime.of(2025, 6, 3, 14, 7, 22, 500_000_000, ZoneOffset.UTC),
        Times.utc(Instant.parse("2025-06-03T14:07:22.5Z")));
    assertEquals(1_748_959_642_500L, Times.epochMillis(Instant.parse("2025-06-03T14:07:22.5Z")));
    assertNull(Times.instant(null));
    assertNull(Times.utc(null));
    assertNull(Times.epochMillis(null));
  }

  @Test
  void durationsKeepFractionsAndRefuseWhatNoDurationShouldHold() {
    assertEquals(Duration.ofMillis(1200), Times.millis(1200L));
    assertEquals(Duration.ofNanos(1_500_000), Times.millis(1.5d));
    assertEquals(Duration.ofMillis(2_500), Times.seconds(2.5d));
    assertEquals(Duration.ofSeconds(3, 250_000_000), Times.seconds(3.25d));
    assertNull(Times.millis(-1L));
    assertNull(Times.millis((Long) null));
    assertNull(Times.millis(Double.NaN));
    assertNull(Times.millis(1e300), "past Long.MAX_VALUE nanoseconds: null, not clamped");
    assertNull(Times.seconds(-0.5d));
    assertNull(Times.seconds(Double.POSITIVE_INFINITY));
    assertNull(Times.seconds(1e16));
  }
}
