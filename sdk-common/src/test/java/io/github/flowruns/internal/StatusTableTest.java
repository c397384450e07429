package io.github.flowruns.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.flowruns.RunStatus;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The one status table type: both directions derive from the values declared once. */
class StatusTableTest {
  /** A vendor whose values are plain text, declared in the order its spec lists them. */
  private static final StatusTable<String> TABLE = StatusTable.<String>builder(v -> v)
      .map(RunStatus.QUEUED, "PENDING")
      .map(RunStatus.SUCCEEDED, "DONE")
      .map(RunStatus.FAILED, "ERROR")
      .map(RunStatus.CANCELLED, "CANCELED")
      .map(RunStatus.FAILED, "CRASHED")
      .map(RunStatus.CANCELLED, "STOPPED")
      .alsoSelects(RunStatus.FAILED, "DONE")
      .build();

  @Test
  void eachDeclaredValueMapsToItsStatus() {
    assertEquals(RunStatus.QUEUED, TABLE.toRunStatus("PENDING"));
    assertEquals(RunStatus.FAILED, TABLE.toRunStatus("CRASHED"));
    assertEquals(RunStatus.CANCELLED, TABLE.toRunStatus("STOPPED"));
    assertEquals(RunStatus.SUCCEEDED, TABLE.toRunStatus("DONE"), "alsoSelects leaves the table's own status");
  }

  @Test
  void unknownValuesAndNullAreUnknownAndNeverThrow() {
    assertEquals(RunStatus.UNKNOWN, TABLE.toRunStatus("ARCHIVED"));
    assertEquals(RunStatus.UNKNOWN, TABLE.toRunStatus("pending"), "values match exactly, as sent");
    assertEquals(RunStatus.CANCELLED, TABLE.rawToRunStatus("STOPPED"), "a value's text, e.g. a step's");
    assertEquals(RunStatus.UNKNOWN, TABLE.rawToRunStatus(null));
    assertEquals(RunStatus.UNKNOWN, TABLE.toRunStatus(null));
  }

  @Test
  void aFilterBecomesEveryValueThatMapsToItInDeclarationOrder() {
    assertEquals(List.of("CANCELED", "STOPPED"), TABLE.vendorValues(Set.of(RunStatus.CANCELLED)));
    assertEquals(List.of("DONE", "ERROR", "CRASHED"), TABLE.vendorValues(Set.of(RunStatus.FAILED)));
    assertEquals(List.of("PENDING", "DONE", "ERROR", "CANCELED", "CRASHED", "STOPPED"),
        TABLE.vendorValues(List.of(RunStatus.CANCELLED, RunStatus.FAILED, RunStatus.QUEUED)),
        "several statuses: declaration order, each value once");
    assertEquals(List.of(), TABLE.vendorValues(Set.of(RunStatus.TIMED_OUT)));
    assertEquals(List.of(), TABLE.vendorValues(Set.of(RunStatus.UNKNOWN)));
  }

  @Test
  void theServerFilterIsNullWithoutStatusesOrWithUnknownAndEmptyWhenNothingCanMatch() {
    assertNull(TABLE.serverFilter(Set.of()));
    assertNull(TABLE.serverFilter(Set.of(RunStatus.UNKNOWN, RunStatus.FAILED)),
        "UNKNOWN is no list of values: filtered client-side");
    assertEquals(List.of(), TABLE.serverFilter(Set.of(RunStatus.PAUSED, RunStatus.TIMED_OUT)));
    assertEquals(List.of("PENDING"), TABLE.serverFilter(Set.of(RunStatus.QUEUED)));

    assertTrue(TABLE.matchesNothing(Set.of(RunStatus.PARTIALLY_SUCCEEDED)));
    assertFalse(TABLE.matchesNothing(Set.of(RunStatus.PARTIALLY_SUCCEEDED, RunStatus.QUEUED)));
    assertFalse(TABLE.matchesNothing(Set.of(RunStatus.UNKNOWN)));
    assertFalse(TABLE.matchesNothing(Set.of()));
  }

  @Test
  void theStatusesAreThoseOfTheTableInOrder() {
    assertEquals(List.of(RunStatus.QUEUED, RunStatus.SUCCEEDED, RunStatus.FAILED, RunStatus.CANCELLED),
        TABLE.statuses());
  }

  @Test
  void aTableRefusesAValueTwiceAndUnknownAsATarget() {
    assertThrows(IllegalArgumentException.class,
        () -> StatusTable.<String>builder(v -> v).map(RunStatus.FAILED, "A").map(RunStatus.QUEUED, "A"));
    assertThrows(IllegalArgumentException.class,
        () -> StatusTable.<String>builder(v -> v).map(RunStatus.UNKNOWN, "A"));
    assertThrows(IllegalArgumentException.class,
        () -> StatusTable.<String>builder(v -> v).alsoSelects(RunStatus.FAILED, "A"));
  }
}
