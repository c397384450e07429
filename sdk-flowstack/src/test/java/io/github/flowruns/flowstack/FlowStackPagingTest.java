package io.github.flowruns.flowstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.flowruns.Page;
import io.github.flowruns.ResponseParseException;
import io.github.flowruns.Run;
import io.github.flowruns.RunQuery;
import io.github.flowruns.contract.Scripted;
import io.github.flowruns.http.RetryPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Paging over scripted FlowStack pages: empty and short pages and the two stop signals. */
class FlowStackPagingTest {

  private MockWebServer server;
  private FlowStackClient client;

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.start();
    client = FlowStackClient.builder().apiKey("fs_test_paging01").flowId("flow_p")
        .baseUrl(server.url("/").toString()).retryPolicy(RetryPolicy.none()).build();
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  private static String run(String id) {
    return "{\"id\":\"" + id + "\",\"flowId\":\"flow_p\",\"status\":\"SUCCEEDED\"}";
  }

  private static String page(String cursor, Boolean hasMore, String... ids) {
    String data = java.util.Arrays.stream(ids).map(FlowStackPagingTest::run).collect(Collectors.joining(","));
    return "{\"data\":[" + data + "],\"cursor\":" + (cursor == null ? "null" : "\"" + cursor + "\"")
        + (hasMore == null ? "" : ",\"hasMore\":" + hasMore) + "}";
  }

  private void enqueue(String body) {
    server.enqueue(Scripted.json(200, body));
  }

  private List<String> targets(int n) throws InterruptedException {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
      out.add(r == null ? null : r.getTarget());
    }
    return out;
  }

  @Test
  void crossesAFullAnEmptyAndAShortPage() throws Exception {
    enqueue(page("c1", true, "run_1", "run_2", "run_3"));
    enqueue(page("c2", true));
    enqueue(page(null, false, "run_4", "run_5"));

    List<Page<Run>> pages = new ArrayList<>();
    client.listRuns(RunQuery.builder().pageSize(3).build()).pages().forEach(pages::add);

    assertEquals(List.of(3, 0, 2), pages.stream().map(p -> p.items().size()).collect(Collectors.toList()));
    assertEquals(List.of("flow_p/run_1", "flow_p/run_2", "flow_p/run_3", "flow_p/run_4", "flow_p/run_5"),
        pages.stream().flatMap(p -> p.items().stream()).map(Run::id).collect(Collectors.toList()));
    assertNull(pages.get(2).nextToken());
    assertEquals(List.of("/api/v1/flows/flow_p/runs?limit=3",
        "/api/v1/flows/flow_p/runs?limit=3&cursor=c1",
        "/api/v1/flows/flow_p/runs?limit=3&cursor=c2"), targets(3));
    assertEquals(3, server.getRequestCount());
  }

  @Test
  void stopsWhenHasMoreIsFalseEvenIfACursorIsSent() throws Exception {
    enqueue(page("c1", false, "run_1"));

    assertEquals(1, client.listRuns(RunQuery.all()).stream().count());
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void stopsWhenTheCursorIsNullEvenIfHasMoreIsTrue() {
    enqueue(page(null, true, "run_1"));

    assertEquals(1, client.listRuns(RunQuery.all()).stream().count());
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void aMissingHasMoreFollowsTheCursor() {
    enqueue(page("c1", null, "run_1"));
    enqueue(page(null, null, "run_2"));

    assertEquals(2, client.listRuns(RunQuery.all()).stream().count());
    assertEquals(2, server.getRequestCount());
  }

  @Test
  void aMissingDataArrayIsAnEmptyPage() {
    enqueue("{\"hasMore\":false}");

    assertEquals(0, client.listRuns(RunQuery.all()).stream().count());
  }

  @Test
  void theSameCursorTwiceFailsInsteadOfLoopingForever() {
    enqueue(page("c1", true, "run_1"));
    enqueue(page("c1", true, "run_2"));

    assertThrows(ResponseParseException.class, () -> client.listRuns(RunQuery.all()).forEach(r -> { }));
  }

  @Test
  void aLimitMidPageFetchesNoFurtherPage() throws Exception {
    enqueue(page("c1", true, "run_1", "run_2", "run_3"));
    enqueue(page("c2", true, "run_4", "run_5", "run_6"));

    List<String> ids = client.listRuns(RunQuery.builder().pageSize(3).limit(4).build())
        .stream().map(Run::id).collect(Collectors.toList());

    assertEquals(List.of("flow_p/run_1", "flow_p/run_2", "flow_p/run_3", "flow_p/run_4"), ids);
    assertEquals(2, server.getRequestCount());
  }
}
