package io.github.flowruns.flowstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.flowruns.ResponseParseException;
import io.github.flowruns.Run;
import io.github.flowruns.RunQuery;
import io.github.flowruns.flowstack.model.FlowRun;
import io.github.flowruns.http.RetryPolicy;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A hostile FlowStack: cursors that cycle within the second flow of a flow-by-flow listing, the
 * same page forever under fresh cursors, and runs carrying numbers and dates no Java type holds.
 */
class FlowStackHostileListingTest {
  private final MockWebServer server = new MockWebServer();
  private FlowStackClient client;

  @BeforeEach
  void start() throws IOException {
    server.start();
    client = FlowStackClient.builder().apiKey("fs_test_a1b2c3d4e5f6")
        .baseUrl(server.url("/").toString()).retryPolicy(RetryPolicy.none()).build();
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  /** Answers by (flow id, cursor). */
  private void serve(BiFunction<String, String, String> page) {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
            .body(page.apply(request.getUrl().pathSegments().get(3),
                request.getUrl().queryParameter("cursor"))).build();
      }
    });
  }

  private static String run(String id) {
    return "{\"id\":\"" + id + "\",\"status\":\"SUCCEEDED\",\"duration\":1000,"
        + "\"startTime\":\"2026-04-21T12:00:00Z\",\"finishTime\":\"2026-04-21T12:00:01Z\"}";
  }

  private static String page(String cursor, String... runs) {
    return "{\"data\":[" + String.join(",", runs) + "],\"cursor\":"
        + (cursor == null ? "null" : "\"" + cursor + "\"") + ",\"hasMore\":" + (cursor != null) + "}";
  }

  private List<Run> drain(String... flows) {
    List<Run> out = new ArrayList<>();
    client.listRuns(RunQuery.builder().flowIds(flows).build()).forEach(out::add);
    return out;
  }

  @Test
  void aThreeCycleOfCursorsInTheSecondFlowEndsTheFlowByFlowListingAfterOneLap() {
    serve((flow, cursor) -> {
      if (flow.equals("flow_1")) {
        return page(null, run("run_a"));
      }
      String c = cursor == null ? "start" : cursor;
      String next = switch (c) {
        case "start", "C" -> "A";
        case "A" -> "B";
        default -> "C";
      };
      return page(next, run("run_" + c));
    });
    ResponseParseException e = assertThrows(ResponseParseException.class,
        () -> drain("flow_1", "flow_2"));
    assertTrue(e.getMessage().contains("already returned"), e.getMessage());
    assertEquals(5, server.getRequestCount(), "flow_1 once; flow_2 start, A, B, C");
  }

  @Test
  void theSamePageUnderFreshCursorsEndsWithAParseErrorOnTheFourthRequest() {
    int[] n = {0};
    serve((flow, cursor) -> page("cur_" + (++n[0]), run("run_1"), run("run_2")));
    ResponseParseException e = assertThrows(ResponseParseException.class, () -> drain("flow_1"));
    assertTrue(e.getMessage().contains("same 2 items"), e.getMessage());
    assertEquals(4, server.getRequestCount(), "the page and three repeats of it");
  }

  @Test
  void badNumbersAndDatesStayNullWithTheirTextKeptAndTheOtherRunsRead() {
    String bad = "{\"id\":\"run_bad\",\"status\":\"FAILED\",\"duration\":99999999999999999999,"
        + "\"stepsCount\":1e3,\"stepsSucceeded\":-99999999999,\"startTime\":1e400,"
        + "\"finishTime\":\"99999999999-01-01T00:00:00Z\"}";
    String fraction = "{\"id\":\"run_frac\",\"status\":\"SUCCEEDED\",\"duration\":2.5,"
        + "\"startTime\":\"2026-04-21T12:00:00Z\",\"finishTime\":\"2026-04-21T12:00:01Z\"}";
    serve((flow, cursor) -> page(null, run("run_1"), bad, fraction));
    List<Run> runs = drain("flow_1");
    assertEquals(3, runs.size());
    assertEquals(Duration.ofSeconds(1), runs.get(0).duration());

    Run second = runs.get(1);
    assertNull(second.duration());
    assertNull(second.stepsCount());
    assertNull(second.startedAt(), "1e400 is no epoch time; never 1970");
    assertNull(second.finishedAt());
    Map<String, Object> raw = second.unwrap(FlowRun.class).getAdditionalProperties();
    assertEquals("99999999999999999999", raw.get("duration").toString());
    assertEquals("1e3", raw.get("stepsCount").toString());
    assertEquals("-99999999999", raw.get("stepsSucceeded").toString());
    assertEquals("1e400", raw.get("startTime").toString());
    assertEquals("99999999999-01-01T00:00:00Z", raw.get("finishTime").toString());

    Run third = runs.get(2);
    assertEquals(Duration.ofSeconds(1), third.duration(), "2.5 ms is not truncated to 2: from the times");
    assertEquals("2.5", third.unwrap(FlowRun.class).getAdditionalProperties().get("duration").toString());
  }
}
