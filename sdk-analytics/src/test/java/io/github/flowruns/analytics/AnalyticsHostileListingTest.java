package io.github.flowruns.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.flowruns.ResponseParseException;
import io.github.flowruns.Run;
import io.github.flowruns.RunQuery;
import io.github.flowruns.analytics.model.FlowRunSummary;
import io.github.flowruns.http.RetryPolicy;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A hostile StackAI: a server that ignores {@code page} (full pages forever), also on the second
 * flow of a flow-by-flow listing, and run summaries carrying numbers and dates no Java type holds.
 */
class AnalyticsHostileListingTest {
  private final MockWebServer server = new MockWebServer();
  private final AtomicInteger requests = new AtomicInteger();
  private AnalyticsClient client;

  private void serve(Function<RecordedRequest, String> body) throws IOException {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        requests.incrementAndGet();
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
            .body(body.apply(request)).build();
      }
    });
    server.start();
    client = AnalyticsClient.builder().apiKey(ScriptedStackAi.API_KEY).orgId(ScriptedStackAi.ORG)
        .baseUrl(server.url("/").toString()).retryPolicy(RetryPolicy.none()).build();
  }

  @AfterEach
  void stop() {
    if (client != null) {
      client.close();
    }
    server.close();
  }

  private static String summary(String id) {
    return ScriptedStackAi.run(id, "COMPLETED", true, "2026-04-01T10:00:00Z").toString();
  }

  private static List<Run> drain(Iterable<Run> runs) {
    List<Run> out = new ArrayList<>();
    runs.forEach(out::add);
    return out;
  }

  @Test
  void aServerIgnoringThePageNumberEndsWithAParseErrorOnTheFourthRequest() throws IOException {
    serve(request -> "[" + summary("r1") + "," + summary("r2") + "]");
    ResponseParseException e = assertThrows(ResponseParseException.class,
        () -> drain(client.listRuns(RunQuery.builder().flowIds("f1").pageSize(2).build())));
    assertTrue(e.getMessage().contains("same 2 items on 4 pages in a row"), e.getMessage());
    assertEquals(4, requests.get(), "the page and three repeats of it");
  }

  @Test
  void aSecondFlowIgnoringThePageNumberEndsTheMergedListing() throws IOException {
    serve(request -> request.getUrl().pathSegments().get(4).equals("f1")
        ? "[" + summary("a1") + "]"
        : "[" + summary("b1") + "," + summary("b2") + "]");
    List<String> seen = new ArrayList<>();
    assertThrows(ResponseParseException.class, () -> client.listRuns(
        RunQuery.builder().flowIds("f1", "f2").pageSize(2).build()).forEach(r -> seen.add(r.id())));
    // The flows are merged newest first, a page of 2 at a time: [a1, b1] is delivered; b2 waits
    // for f2's next page, which repeats the first, and the listing ends there.
    assertEquals(List.of("a1", "b1"), seen);
    assertEquals(5, requests.get(), "f1 once, f2 four times");
  }

  @Test
  void badNumbersAndDatesStayNullWithTheirTextKeptAndTheOtherRunsRead() throws IOException {
    String bad = "{\"run_id\":9999999999999999999999,\"date\":\"99999999999-01-01T00:00:00Z\","
        + "\"state\":\"FAILED\",\"is_flow_successful\":false,\"latency\":1e400,"
        + "\"total_tokens\":99999999999999999999,\"parent_run_id\":1e3}";
    String worse = "{\"run_id\":\"r3\",\"date\":1e400,\"state\":\"COMPLETED\",\"latency\":-1e400,"
        + "\"total_tokens\":2.5}";
    serve(request -> "[" + summary("r1") + "," + bad + "," + worse + "]");
    List<Run> runs = drain(client.listRuns(RunQuery.builder().flowIds("f1").build()));
    assertEquals(3, runs.size());

    assertEquals("r1", runs.get(0).id());
    assertEquals(Instant.parse("2026-04-01T10:00:00Z"), runs.get(0).startedAt());
    assertEquals(Duration.ofMillis(1500), runs.get(0).duration());

    Run second = runs.get(1);
    assertEquals("9999999999999999999999", second.id());
    assertEquals("1e3", second.parentRunId());
    assertNull(second.startedAt());
    assertNull(second.duration());
    FlowRunSummary model = second.unwrap(FlowRunSummary.class);
    assertNull(model.getTotalTokens(), "a long field never wraps");
    Map<String, Object> raw = model.getAdditionalProperties();
    assertEquals("99999999999-01-01T00:00:00Z", raw.get("date").toString());
    assertEquals("1e400", raw.get("latency").toString());
    assertEquals("99999999999999999999", raw.get("total_tokens").toString());

    Run third = runs.get(2);
    assertNull(third.startedAt(), "1e400 is no epoch time; never 1970");
    FlowRunSummary thirdModel = third.unwrap(FlowRunSummary.class);
    assertEquals("1e400", thirdModel.getAdditionalProperties().get("date").toString());
    assertEquals("-1e400", thirdModel.getAdditionalProperties().get("latency").toString());
    assertEquals("2.5", thirdModel.getAdditionalProperties().get("total_tokens").toString());
    assertNull(thirdModel.getTotalTokens(), "2.5 is not truncated to 2");
  }
}
