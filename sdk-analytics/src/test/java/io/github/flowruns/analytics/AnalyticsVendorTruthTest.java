package io.github.flowruns.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.flowruns.InvalidRequestException;
import io.github.flowruns.Run;
import io.github.flowruns.RunQuery;
import io.github.flowruns.testing.AnalyticsSimulator;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client against the StackAI simulator, which follows vendors.md (StackAI and "StackAI,
 * more"): pages from 0 ending on a short page, the organisation's projects-run-summary.
 */
class AnalyticsVendorTruthTest {
  private static final Instant NEWEST = Instant.parse("2026-02-01T08:00:00Z");

  private AnalyticsSimulator sim;
  private AnalyticsClient client;

  @BeforeEach
  void start() {
    sim = AnalyticsSimulator.builder().runs(500).flows(9).seed(8).newestAt(NEWEST).build().start();
    client = AnalyticsClient.builder().apiKey(sim.apiKey()).orgId(sim.orgId()).baseUrl(sim.baseUrl()).build();
  }

  @AfterEach
  void stop() {
    client.close();
    sim.close();
  }

  private List<RecordedRequest> requests() throws InterruptedException {
    List<RecordedRequest> out = new ArrayList<>();
    for (RecordedRequest r; (r = sim.takeRequest(Duration.ofMillis(50))) != null; ) {
      out.add(r);
    }
    return out;
  }

  // vendors.md, "StackAI, more": without flow ids, the organisation's projects-run-summary names
  // the flows; the listing covers every run of every flow, newest first across flows.
  @Test
  void aQueryWithoutFlowsListsEveryFlowOfTheOrganisationNewestFirst() throws Exception {
    List<Run> runs = client.listRuns(RunQuery.builder().pageSize(20).build()).stream().collect(Collectors.toList());

    Set<String> want = sim.runs().stream().map(r -> r.id()).collect(Collectors.toSet());
    assertEquals(want, runs.stream().map(Run::id).collect(Collectors.toSet()));
    assertEquals(500, runs.size());
    for (int i = 1; i < runs.size(); i++) {
      assertTrue(!runs.get(i).startedAt().isAfter(runs.get(i - 1).startedAt()), "newest first at " + i);
    }
    for (Run run : runs) {
      assertEquals(sim.findRun(run.id()).orElseThrow().flowId(), run.flowId());
    }
    List<String> summaries = requests().stream().map(RecordedRequest::getTarget)
        .filter(t -> t.startsWith("/organizations/analytics/projects-run-summary")).collect(Collectors.toList());
    assertEquals(List.of("/organizations/analytics/projects-run-summary?page=0&page_size=100"), summaries);
  }

  @Test
  void theQuerysTimeWindowNarrowsTheProjectsAsked() throws Exception {
    Instant after = NEWEST.minus(Duration.ofDays(2));
    List<Run> runs = client.listRuns(RunQuery.builder().startedAfter(after).build()).stream()
        .collect(Collectors.toList());

    long want = sim.runs().stream().filter(r -> !r.createdAt().isBefore(after)).count();
    assertEquals(want, runs.size());
    assertTrue(requests().stream().map(RecordedRequest::getTarget)
        .anyMatch(t -> t.startsWith("/organizations/analytics/projects-run-summary?page=0&page_size=100&start_date=")));
  }

  // vendors.md, StackAI: pages from 0; the first page shorter than page_size is the last.
  @Test
  void oneFlowIsPagedFromZeroUntilAShortPage() throws Exception {
    String flow = sim.flowIds().get(0);
    long want = sim.runs().stream().filter(r -> r.flowId().equals(flow)).count();
    assertEquals(want, client.listRuns(RunQuery.builder().flowIds(flow).pageSize(10).build()).stream().count());
    List<String> pages = requests().stream().map(RecordedRequest::getTarget).collect(Collectors.toList());
    assertEquals(want / 10 + 1, pages.size(), pages.toString());
    assertTrue(pages.get(0).contains("page=0&page_size=10"), pages.get(0));
  }

  // vendors.md, "StackAI, more": validation loc items may be strings or integers.
  @Test
  void aValidationErrorOfTheSummaryWithIntegerLocationsIsAnInvalidRequest() throws IOException {
    try (MockWebServer server = new MockWebServer()) {
      server.enqueue(new MockResponse.Builder().code(422).addHeader("Content-Type", "application/json")
          .body("{\"detail\":[{\"loc\":[\"query\",\"page_size\",0],\"msg\":\"Input should be greater than or equal to 1\","
              + "\"type\":\"greater_than_equal\"}]}").build());
      server.start();
      try (AnalyticsClient c = AnalyticsClient.builder().apiKey("sk-test").orgId("org-1")
          .baseUrl(server.url("/").toString()).build()) {
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
            () -> c.listRuns(RunQuery.all()).forEach(r -> { }));
        assertEquals(422, e.httpStatus().getAsInt());
        assertTrue(e.fieldErrors().containsKey("page_size.0"), e.fieldErrors().toString());
      }
    }
  }
}
