package io.github.flowruns.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.flowruns.Page;
import io.github.flowruns.ResponseParseException;
import io.github.flowruns.Run;
import io.github.flowruns.RunQuery;
import io.github.flowruns.RunStatus;
import io.github.flowruns.Vendor;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The pager every adapter's listRuns starts from: the query's limit, runs' ids, its operation. */
class PagerRunsTest {
  private static Run run(String id) {
    return Run.builder().vendor(Vendor.FLOWSTACK).id(id).status(RunStatus.FAILED).build();
  }

  @Test
  void theQuerysLimitAppliesAndNoPagePastItIsFetched() {
    int[] fetches = {0};
    PageFetcher<Run> pages = (token, options) -> {
      fetches[0]++;
      int page = token == null ? 0 : Integer.parseInt(token);
      return Page.of(List.of(run("r" + (2 * page)), run("r" + (2 * page + 1))), Integer.toString(page + 1));
    };

    List<String> ids = Pager.runs(pages, Vendor.FLOWSTACK, RunQuery.builder().limit(3).build()).build()
        .stream().map(Run::id).collect(Collectors.toList());

    assertEquals(List.of("r0", "r1", "r2"), ids);
    assertEquals(2, fetches[0]);
  }

  @Test
  void aPageRepeatingTheRunsOfThePreviousOneEndsTheListingNamingVendorAndOperation() {
    PageFetcher<Run> stuck = (token, options) -> Page.of(List.of(run("same")), "next");

    ResponseParseException e = assertThrows(ResponseParseException.class,
        () -> Pager.runs(stuck, Vendor.FLOWSTACK, RunQuery.all()).build().stream().count());

    assertEquals(Vendor.FLOWSTACK, e.vendor());
    assertEquals("listRuns", e.operation());
    assertTrue(e.getMessage().contains("already returned") || e.getMessage().contains("same"), e.getMessage());
  }
}
