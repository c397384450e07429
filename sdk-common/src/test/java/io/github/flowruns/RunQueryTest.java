package io.github.flowruns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RunQueryTest {
  static final Instant T = Instant.parse("2026-01-10T12:00:00Z");

  static Run.Builder run() {
    return Run.builder().id("run_ABC").vendor(Vendor.ACTIVEPIECES).flowId("flow_1")
        .status(RunStatus.FAILED).startedAt(T).trigger("Webhook")
        .failedStep(FailedStep.of("send_email", "SMTP Timeout")).tags(List.of("prod", "eu"));
  }

  static boolean matches(RunQuery.Builder q, Run r) {
    return q.build().matches(r);
  }

  @Test
  void theEmptyQueryMatchesEveryRun() {
    assertTrue(RunQuery.all().matches(run().build()));
    assertTrue(RunQuery.all().matches(Run.builder().id("x").vendor(Vendor.STACKAI).build()));
    assertFalse(RunQuery.all().hasFilters());
  }

  @Test
  void flowIdsMatchAnyOfTheGivenFlows() {
    assertTrue(matches(RunQuery.builder().flowIds("flow_2", "flow_1"), run().build()));
    assertFalse(matches(RunQuery.builder().flowIds("flow_2"), run().build()));
    assertFalse(matches(RunQuery.builder().flowIds("flow_1"), run().flowId(null).build()));
  }

  @Test
  void statusesMatchAnyOfTheGivenStatuses() {
    assertTrue(matches(RunQuery.builder().statuses(RunStatus.TIMED_OUT, RunStatus.FAILED), run().build()));
    assertFalse(matches(RunQuery.builder().statuses(RunStatus.SUCCEEDED), run().build()));
  }

  @Test
  void startedAfterIsInclusive() {
    assertTrue(matches(RunQuery.builder().startedAfter(T), run().build()));
    assertTrue(matches(RunQuery.builder().startedAfter(T.minusMillis(1)), run().build()));
    assertFalse(matches(RunQuery.builder().startedAfter(T.plusMillis(1)), run().build()));
  }

  @Test
  void startedBeforeIsExclusive() {
    assertFalse(matches(RunQuery.builder().startedBefore(T), run().build()));
    assertTrue(matches(RunQuery.builder().startedBefore(T.plusMillis(1)), run().build()));
  }

  @Test
  void aRunWithoutStartTimeMatchesNoTimeFilter() {
    assertFalse(matches(RunQuery.builder().startedAfter(T), run().startedAt(null).build()));
    assertFalse(matches(RunQuery.builder().startedBefore(T), run().startedAt(null).build()));
  }

  @Test
  void triggerMatchesIgnoringCase() {
    assertTrue(matches(RunQuery.builder().trigger("webhook"), run().build()));
    assertFalse(matches(RunQuery.builder().trigger("schedule"), run().build()));
    assertFalse(matches(RunQuery.builder().trigger("webhook"), run().trigger(null).build()));
  }

  @Test
  void tagsRequireAllOfTheGivenTags() {
    assertTrue(matches(RunQuery.builder().tags("eu"), run().build()));
    assertTrue(matches(RunQuery.builder().tags("eu", "prod"), run().build()));
    assertFalse(matches(RunQuery.builder().tags("eu", "us"), run().build()));
  }

  @Test
  void searchIsACaseInsensitiveSubstringOfIdFlowFailedStepAndTrigger() {
    assertTrue(matches(RunQuery.builder().search("abc"), run().build()));
    assertTrue(matches(RunQuery.builder().search("FLOW_"), run().build()));
    assertTrue(matches(RunQuery.builder().search("email"), run().build()));
    assertTrue(matches(RunQuery.builder().search("smtp timeout"), run().build()));
    assertTrue(matches(RunQuery.builder().search("hook"), run().build()));
    assertFalse(matches(RunQuery.builder().search("nowhere"), run().build()));
    assertFalse(matches(RunQuery.builder().search("email"), run().failedStep(null).build()));
  }

  @Test
  void filtersCombineWithAnd() {
    RunQuery.Builder q = RunQuery.builder().flowIds("flow_1").statuses(RunStatus.FAILED).tags("prod");
    assertTrue(matches(q, run().build()));
    assertFalse(matches(q, run().status(RunStatus.SUCCEEDED).build()));
  }

  @Test
  void pageSizeOutsideOneToHundredIsRefusedAtBuild() {
    assertThrows(IllegalArgumentException.class, () -> RunQuery.builder().pageSize(0).build());
    assertThrows(IllegalArgumentException.class, () -> RunQuery.builder().pageSize(101).build());
    assertEquals(100, RunQuery.builder().pageSize(100).build().pageSize().getAsInt());
  }

  @Test
  void aNegativeLimitOrAnEmptyTimeWindowIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> RunQuery.builder().limit(-1).build());
    assertThrows(IllegalArgumentException.class,
        () -> RunQuery.builder().startedAfter(T).startedBefore(T).build());
  }

  @Test
  void blankFlowIdsAndTagsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> RunQuery.builder().flowIds("a", " "));
    assertThrows(IllegalArgumentException.class, () -> RunQuery.builder().tags(""));
  }

  @Test
  void vendorParamsKeepTheirOrderAndNullRemovesOne() {
    RunQuery q = RunQuery.builder().vendorParam("b", "1").vendorParam("a", "2")
        .vendorParam("c", "3").vendorParam("c", null).build();
    assertEquals(List.of("b", "a"), List.copyOf(q.vendorParams().keySet()));
    assertEquals(Map.of("b", "1", "a", "2"), q.vendorParams());
  }

  @Test
  void toBuilderCopiesEverything() {
    RunQuery q = RunQuery.builder().flowIds("f").statuses(RunStatus.QUEUED).startedAfter(T)
        .startedBefore(T.plusSeconds(1)).trigger("t").tags("x").search("s").pageSize(5).limit(9)
        .vendorParam("k", "v").build();
    assertEquals(q, q.toBuilder().build());
    assertEquals(Set.of(RunStatus.QUEUED), q.statuses());
    assertEquals(9, q.limit().getAsLong());
    assertTrue(q.toString().contains("limit=9"));
  }

  @Test
  void accessorsAreUnmodifiable() {
    RunQuery q = RunQuery.builder().flowIds("f").build();
    assertThrows(UnsupportedOperationException.class, () -> q.flowIds().add("g"));
    assertThrows(UnsupportedOperationException.class, () -> q.statuses().add(RunStatus.FAILED));
  }
}
