package io.github.flowruns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunTest {
  static final class VendorModel {}

  @Test
  void unwrapReturnsTheVendorModel() {
    VendorModel m = new VendorModel();
    Run run = Run.builder().id("1").vendor(Vendor.PATCHWORKS).raw(m).build();
    assertSame(m, run.unwrap(VendorModel.class));
    assertSame(m, run.unwrap(Object.class));
  }

  @Test
  void unwrapAsTheWrongTypeNamesBothClasses() {
    Run run = Run.builder().id("1").vendor(Vendor.PATCHWORKS).raw(new VendorModel()).build();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> run.unwrap(String.class));
    assertTrue(e.getMessage().contains("java.lang.String"), e.getMessage());
    assertTrue(e.getMessage().contains("VendorModel"), e.getMessage());
  }

  @Test
  void unwrapWithoutAModelIsAnIllegalArgument() {
    Run run = Run.builder().id("1").vendor(Vendor.STACKAI).build();
    assertThrows(IllegalArgumentException.class, () -> run.unwrap(VendorModel.class));
  }

  @Test
  void equalityIgnoresTheRawModel() {
    Run a = Run.builder().id("1").vendor(Vendor.FLOWSTACK).status(RunStatus.FAILED).raw("x").build();
    Run b = Run.builder().id("1").vendor(Vendor.FLOWSTACK).status(RunStatus.FAILED).raw(42).build();
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    assertNotEquals(a, a.toBuilder().status(RunStatus.SUCCEEDED).build());
  }

  @Test
  void listsAreNeverNullAndCopied() {
    List<String> tags = new ArrayList<>(List.of("a"));
    Run run = Run.builder().id("1").vendor(Vendor.ACTIVEPIECES).tags(tags).steps(null).build();
    tags.add("b");
    assertEquals(List.of("a"), run.tags());
    assertEquals(List.of(), run.steps());
    assertEquals(List.of(), Run.builder().id("2").vendor(Vendor.ACTIVEPIECES).build().tags());
    assertThrows(UnsupportedOperationException.class, () -> run.tags().add("c"));
  }

  @Test
  void aMissingStatusIsUnknownAndDurationComesFromTheTimes() {
    Instant start = Instant.parse("2026-01-01T00:00:00Z");
    Run run = Run.builder().id("1").vendor(Vendor.ACTIVEPIECES).startedAt(start)
        .finishedAt(start.plusSeconds(90)).build();
    assertEquals(RunStatus.UNKNOWN, run.status());
    assertEquals(Duration.ofSeconds(90), run.duration());
  }

  @Test
  void idAndVendorAreRequired() {
    assertThrows(IllegalStateException.class, () -> Run.builder().vendor(Vendor.FLOWSTACK).build());
    assertThrows(IllegalStateException.class, () -> Run.builder().id("1").build());
  }

  @Test
  void toStringIsShort() {
    Run run = Run.builder().id("r1").vendor(Vendor.FLOWSTACK).flowId("f").status(RunStatus.FAILED)
        .rawStatus("FAILED").raw("huge model").build();
    assertEquals("Run{FlowStack r1 flow=f FAILED(FAILED)}", run.toString());
  }

  @Test
  void bulkResultCountsOutcomes() {
    FlowRunsException e = FlowRunsException.forStatus(ErrorDetails.builder().httpStatus(409).build());
    BulkResult r = BulkResult.builder().succeeded("a", "b").failed("c", e).build();
    assertEquals(3, r.total());
    assertTrue(!r.allSucceeded());
    assertSame(e, r.failed().get("c"));
  }
}
