package io.github.flowruns.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.flowruns.FailedStep;
import io.github.flowruns.Page;
import io.github.flowruns.Run;
import io.github.flowruns.RunQuery;
import io.github.flowruns.RunStatus;
import io.github.flowruns.Vendor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Runs in its own Surefire execution with -Xmx64m (see the module pom). */
@Tag("lowmem")
class PagerLowMemoryTest {
  static final int TOTAL = 200_000;
  static final int PAGE = 100;

  @Test
  void iterates200000RunsInConstantMemoryOnA64MegabyteHeap() {
    long maxHeap = Runtime.getRuntime().maxMemory();
    assertTrue(maxHeap <= 80L * 1024 * 1024, "this test must run with -Xmx64m, max heap is " + maxHeap);
    String filler = "x".repeat(1_000); // ~2 KB per run: 200,000 runs would need ~400 MB if kept
    PageFetcher<Run> fetcher = (token, options) -> {
      int start = token == null ? 0 : Integer.parseInt(token);
      List<Run> runs = new ArrayList<>(PAGE);
      for (int i = start; i < Math.min(start + PAGE, TOTAL); i++) {
        runs.add(Run.builder().id("run-" + i).vendor(Vendor.FLOWSTACK).flowId("flow")
            .status(i % 10 == 0 ? RunStatus.FAILED : RunStatus.SUCCEEDED)
            .startedAt(Instant.ofEpochSecond(1_700_000_000L + i))
            .failedStep(FailedStep.of("step", filler + i))
            .build());
      }
      int next = start + PAGE;
      return Page.of(runs, next < TOTAL ? String.valueOf(next) : null);
    };
    RunQuery query = RunQuery.builder().statuses(RunStatus.FAILED, RunStatus.SUCCEEDED).build();
    long count = 0;
    long failed = 0;
    for (Run run : Pager.builder(fetcher).filter(query::matches).build()) {
      count++;
      if (run.status().isFailure()) {
        failed++;
      }
    }
    assertEquals(TOTAL, count);
    assertEquals(TOTAL / 10, failed);
  }
}
