package io.github.flowruns.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.flowruns.benchmarks.Fixtures.Vendor;
import io.github.flowruns.benchmarks.baseline.ActivepiecesPage;
import io.github.flowruns.benchmarks.baseline.FlowStackPage;
import io.github.flowruns.benchmarks.baseline.PatchworksPage;
import io.github.flowruns.benchmarks.baseline.StackAiRuns;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Keeps the benchmarks from rotting: each runs once, briefly, in this JVM, and the SDK and the
 * hand-written baseline must read the same runs from the same page. Nothing here is about time.
 */
class BenchmarkSmokeTest {

  @Test
  void everyBenchmarkProducesAResult() throws RunnerException {
    Set<String> declared = BenchmarkList.defaultList()
        .getAll(OutputFormatFactory.createFormatInstance(System.out, VerboseMode.SILENT), List.of())
        .stream().map(BenchmarkListEntry::getUsername).collect(Collectors.toCollection(TreeSet::new));
    assertFalse(declared.isEmpty(), "no benchmark was generated");

    Options options = new OptionsBuilder()
        .include(BenchmarkSmokeTest.class.getPackageName() + ".*")
        .warmupIterations(0)
        .measurementIterations(1)
        .measurementTime(TimeValue.milliseconds(150))
        .forks(0)
        .param("runs", "300")                    // three pages are enough to prove the paging loops
        .addProfiler(PairedTime.class)           // FacadeBenchmark.interleaved's ratios
        .shouldFailOnError(true)
        .verbosity(VerboseMode.SILENT)
        .build();
    Collection<RunResult> results = new Runner(options).run();

    Set<String> measured = new TreeSet<>();
    for (RunResult result : results) {
      assertTrue(result.getPrimaryResult().getSampleCount() > 0, result.getParams().getBenchmark());
      measured.add(result.getParams().getBenchmark());
    }
    assertEquals(declared, measured);
  }

  @Test
  void patchworksSdkAndBaselineReadTheSameRuns() throws IOException {
    byte[] body = Parsers.fixture(Vendor.PATCHWORKS);
    io.github.flowruns.patchworks.model.FlowRunList sdk = Parsers.patchworksSdk(body);
    PatchworksPage baseline = Parsers.patchworksBaseline(body);

    List<String> fromSdk = new ArrayList<>();
    for (io.github.flowruns.patchworks.model.FlowRun run : sdk.getData()) {
      fromSdk.add(line(run.getId(), raw(run.getStatus()), run.getStartedAt(), run.getFinishedAt(),
          run.getDuration(), raw(run.getTrigger()), run.getFlowId(), run.getUserId(), run.getRetryFlowRunId(),
          run.getSummary(), run.getFlowStepsWithErrors(), run.getStartingPayloadCount(), run.getHasWarnings()));
    }
    fromSdk.add(line(sdk.getMeta().getTotal(), sdk.getMeta().getLastPage(), sdk.getLinks().getNext()));
    List<String> fromBaseline = new ArrayList<>();
    for (PatchworksPage.Run run : baseline.data) {
      fromBaseline.add(line(run.id, run.status, run.startedAt, run.finishedAt, run.duration, run.trigger,
          run.flowId, run.userId, run.retryFlowRunId, run.summary, run.flowStepsWithErrors,
          run.startingPayloadCount, run.hasWarnings));
    }
    fromBaseline.add(line(baseline.meta.total, baseline.meta.lastPage, baseline.links.next));

    assertEquals(101, fromSdk.size());
    assertEquals(fromBaseline, fromSdk);
  }

  @Test
  void stackAiSdkAndBaselineReadTheSameRuns() throws IOException {
    byte[] body = Parsers.fixture(Vendor.STACKAI);
    List<String> fromSdk = new ArrayList<>();
    for (io.github.flowruns.analytics.model.FlowRunSummary run : Parsers.stackAiSdk(body)) {
      StringBuilder calls = new StringBuilder();
      for (io.github.flowruns.analytics.model.LlmUsage call : run.getLlmUsage()) {
        calls.append(line(raw(call.getProvider()), call.getModelId(), call.getTokens(), call.getInputTokens(),
            call.getOutputTokens(), call.getConnectionId(), raw(call.getConnectionOrigin()), call.getShouldCharge()));
      }
      fromSdk.add(line(run.getRunId(), raw(run.getState()), run.getDate(), run.getIsFlowSuccessful(), run.getError(),
          run.getLatency(), run.getTotalTokens(), run.getInputs(), run.getOutputs(), raw(run.getRunType()),
          raw(run.getRanByType()), calls));
    }
    List<String> fromBaseline = new ArrayList<>();
    for (StackAiRuns.Run run : Parsers.stackAiBaseline(body)) {
      StringBuilder calls = new StringBuilder();
      for (StackAiRuns.LlmUsage call : run.llmUsage) {
        calls.append(line(call.provider, call.modelId, call.tokens, call.inputTokens, call.outputTokens,
            call.connectionId, call.connectionOrigin, call.shouldCharge));
      }
      fromBaseline.add(line(run.runId, run.state, run.date, run.isFlowSuccessful, run.error, run.latency,
          run.totalTokens, run.inputs, run.outputs, run.runType, run.ranByType, calls));
    }

    assertEquals(100, fromSdk.size());
    assertEquals(fromBaseline, fromSdk);
  }

  @Test
  void activepiecesSdkAndBaselineReadTheSameRuns() throws IOException {
    byte[] body = Parsers.fixture(Vendor.ACTIVEPIECES);
    io.github.flowruns.activepieces.model.FlowRunPage sdk = Parsers.activepiecesSdk(body);
    ActivepiecesPage baseline = Parsers.activepiecesBaseline(body);

    List<String> fromSdk = new ArrayList<>();
    for (io.github.flowruns.activepieces.model.FlowRun run : sdk.getData()) {
      io.github.flowruns.activepieces.model.FailedStep failed = run.getFailedStep();
      fromSdk.add(line(run.getId(), raw(run.getStatus()), run.getCreated(), run.getStartTime(), run.getFinishTime(),
          run.getFlowId(), run.getParentRunId(), run.getTags(), run.getFlowVersion().getDisplayName(),
          run.getPauseMetadata() == null ? null : raw(run.getPauseMetadata().getType()),
          failed == null ? null : failed.getName(),
          // the spec's FailedStep has no message (vendors.md); a fixture's is an additional property
          failed == null || failed.getAdditionalProperties() == null ? null
              : (String) failed.getAdditionalProperties().get("message"),
          run.getStepsCount(), raw(run.getEnvironment())));
    }
    fromSdk.add(line(sdk.getNext(), sdk.getPrevious()));
    List<String> fromBaseline = new ArrayList<>();
    for (ActivepiecesPage.Run run : baseline.data) {
      fromBaseline.add(line(run.id, run.status, run.created, run.startTime, run.finishTime, run.flowId,
          run.parentRunId, run.tags, run.flowVersionDisplayName,
          run.pauseMetadata == null ? null : run.pauseMetadata.type,
          run.failedStep == null ? null : run.failedStep.name,
          run.failedStep == null ? null : run.failedStep.message, run.stepsCount, run.environment));
    }
    fromBaseline.add(line(baseline.next, baseline.previous));

    assertEquals(101, fromSdk.size());
    assertEquals(fromBaseline, fromSdk);
  }

  @Test
  void flowStackSdkAndBaselineReadTheSameRuns() throws IOException {
    byte[] body = Parsers.fixture(Vendor.FLOWSTACK);
    io.github.flowruns.flowstack.model.FlowRunPage sdk = Parsers.flowStackSdk(body);
    FlowStackPage baseline = Parsers.flowStackBaseline(body);

    List<String> fromSdk = new ArrayList<>();
    for (io.github.flowruns.flowstack.model.FlowRun run : sdk.getData()) {
      fromSdk.add(line(run.getId(), raw(run.getStatus()), run.getDuration(), raw(run.getTriggerType()),
          run.getStartTime(), run.getFinishTime(), run.getStepsCount(), run.getStepsSucceeded(),
          run.getError() == null ? null : run.getError().getStep(),
          run.getError() == null ? null : run.getError().getMessage()));
    }
    fromSdk.add(line(sdk.getCursor(), sdk.getHasMore()));
    List<String> fromBaseline = new ArrayList<>();
    for (FlowStackPage.Run run : baseline.data) {
      fromBaseline.add(line(run.id, run.status, run.duration, run.triggerType, run.startTime, run.finishTime,
          run.stepsCount, run.stepsSucceeded, run.errorStep, run.errorMessage));
    }
    fromBaseline.add(line(baseline.cursor, baseline.hasMore));

    assertEquals(101, fromSdk.size());
    assertEquals(fromBaseline, fromSdk);
  }

  @ParameterizedTest
  @EnumSource(Vendor.class)
  void facadeAndGeneratedClientListTheSameRuns(Vendor vendor) throws Exception {
    FacadeBenchmark bench = new FacadeBenchmark();
    bench.runs = 300; // three pages: the paging loops, and their ends
    bench.vendor = vendor;
    bench.setUp();
    try {
      List<String> generated = bench.generatedLines();
      assertEquals(300, generated.size());
      assertEquals(generated, bench.facadeLines());
    } finally {
      bench.tearDown();
    }
  }

  @Test
  void everyFixtureIsAFullPageOfRealisticSize() {
    for (Vendor vendor : Vendor.values()) {
      int size = Parsers.fixture(vendor).length;
      assertTrue(size > 20_000 && size < 150_000, vendor + " page is " + size + " bytes");
    }
  }

  private static String raw(Object openEnum) {
    return openEnum == null ? null : openEnum.toString();
  }

  private static String line(Object... values) {
    StringBuilder line = new StringBuilder();
    for (Object value : values) {
      line.append(Objects.toString(value)).append('|');
    }
    return line.toString();
  }
}
