package io.github.flowruns.patchworks;

import static io.github.flowruns.patchworks.FakePatchworks.json;
import static io.github.flowruns.patchworks.FakePatchworks.page;
import static io.github.flowruns.patchworks.FakePatchworks.runs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.flowruns.ResponseParseException;
import io.github.flowruns.Run;
import io.github.flowruns.RunLog;
import io.github.flowruns.RunQuery;
import io.github.flowruns.patchworks.model.FlowRun;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A hostile Patchworks: pages that never end (the same page forever, pages past the listing's own
 * last page), and runs carrying numbers and dates no Java type holds. Listings end with a
 * {@link ResponseParseException} after a bounded number of requests; a bad value stays null in the
 * {@link Run} with its exact text kept in the model, and the other runs of its page read normally.
 */
class PatchworksHostileListingTest {
  private final FakePatchworks patchworks = new FakePatchworks();
  private final PatchworksClient client = patchworks.client();

  @AfterEach
  void close() {
    client.close();
    patchworks.close();
  }

  private static Dispatcher answering(java.util.function.IntFunction<String> byPage) {
    return new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        String page = request.getUrl().queryParameter("page");
        return json(200, byPage.apply(page == null ? 1 : Integer.parseInt(page)));
      }
    };
  }

  private static <T> List<T> drain(Iterable<T> items) {
    List<T> out = new ArrayList<>();
    items.forEach(out::add);
    return out;
  }

  @Test
  void aServerIgnoringThePageNumberEndsWithAParseErrorOnTheFourthRequest() {
    patchworks.dispatch(answering(page -> page(1, 1000, 3, 3000, runs(1, 3))));
    ResponseParseException e = assertThrows(ResponseParseException.class,
        () -> drain(client.listRuns(RunQuery.builder().build())));
    assertTrue(e.getMessage().contains("same 3 items on 4 pages in a row"), e.getMessage());
    assertEquals(4, patchworks.requestCount(), "the page and three repeats of it");
  }

  @Test
  void pagesPastTheListingsOwnLastPageEndWithAParseErrorAtThatPage() {
    // current_page stuck at 1 while last_page says 3: each page claims more pages follow.
    patchworks.dispatch(answering(page -> page(1, 3, 2, 6, runs(page * 10L, 2))));
    ResponseParseException e = assertThrows(ResponseParseException.class,
        () -> drain(client.listRuns(RunQuery.builder().build())));
    assertTrue(e.getMessage().contains("page 3 says more pages follow, but the listing reports 3 pages"),
        e.getMessage());
    assertEquals(3, patchworks.requestCount());
  }

  @Test
  void pagesPastTheTotalEndWithAParseErrorWhenNoLastPageIsSent() {
    patchworks.dispatch(answering(page -> "{\"data\":[" + String.join(",", runs(page * 10L, 2))
        + "],\"meta\":{\"current_page\":1,\"per_page\":2,\"total\":4}}"));
    ResponseParseException e = assertThrows(ResponseParseException.class,
        () -> drain(client.listRuns(RunQuery.builder().build())));
    assertTrue(e.getMessage().contains("meta.total / meta.per_page"), e.getMessage());
    assertEquals(2, patchworks.requestCount());
  }

  @Test
  void anHonestListingStillEndsAtItsLastPage() {
    patchworks.dispatch(answering(page -> page(page, 3, 2, 6, runs(page * 10L, 2))));
    assertEquals(6, drain(client.listRuns(RunQuery.builder().build())).size());
    assertEquals(3, patchworks.requestCount());
  }

  @Test
  void aLogListingRepeatingItsPageEndsWithAParseError() {
    patchworks.dispatch(answering(page -> "{\"data\":[{\"id\":1,\"flow_run_id\":7,\"log_message\":\"a\"},"
        + "{\"id\":2,\"flow_run_id\":7,\"log_message\":\"b\"}],\"meta\":{\"current_page\":1,\"last_page\":50}}"));
    assertThrows(ResponseParseException.class, () -> drain(client.listLogs("7")));
    assertEquals(4, patchworks.requestCount(), "the page and three repeats of it");
  }

  @Test
  void idsKeepTheirExactTextAndBadNumbersAndDatesStayNullWithoutSpoilingThePage() {
    String good = "{\"id\":1,\"flow_id\":42,\"status\":2,\"started_at\":\"2026-03-01T19:00:00Z\","
        + "\"finished_at\":\"2026-03-01T19:00:02Z\",\"duration\":2000}";
    String huge = "{\"id\":9999999999999999999999,\"flow_id\":1e3,\"status\":3,"
        + "\"started_at\":\"99999999999-01-01T00:00:00Z\",\"finished_at\":1e400,\"duration\":1e400,"
        + "\"user_id\":-1e400,\"starting_payload_count\":99999999999}";
    String odd = "{\"id\":1e3,\"flow_id\":2.5,\"status\":2,\"started_at\":-1e400,"
        + "\"finished_at\":99999999999999999999,\"duration\":1e300,\"retry_flow_run_id\":\"x\"}";
    String jsonApi = "{\"id\":\"18446744073709551616\",\"type\":\"flow-runs\",\"attributes\":{\"status\":3},"
        + "\"relationships\":{\"flow\":{\"data\":{\"id\":9999999999999999999999}}}}";
    patchworks.enqueue(200, page(1, 1, 4, 4, good, huge, odd, jsonApi));

    List<Run> runs = drain(client.listRuns(RunQuery.builder().build()));
    assertEquals(4, runs.size());

    Run first = runs.get(0);
    assertEquals("1", first.id());
    assertEquals("42", first.flowId());
    assertEquals(Instant.parse("2026-03-01T19:00:00Z"), first.startedAt());
    assertEquals(Duration.ofSeconds(2), first.duration());

    Run second = runs.get(1);
    assertEquals("9999999999999999999999", second.id());
    assertEquals("1e3", second.flowId());
    assertNull(second.startedAt());
    assertNull(second.finishedAt());
    assertNull(second.duration());
    FlowRun model = second.unwrap(FlowRun.class);
    assertNull(model.getId());
    Map<String, Object> raw = model.getAdditionalProperties();
    assertEquals("99999999999-01-01T00:00:00Z", raw.get("started_at").toString());
    assertEquals("1e400", raw.get("finished_at").toString());
    assertEquals("1e400", raw.get("duration").toString());
    assertEquals("-1e400", raw.get("user_id").toString());
    assertEquals("99999999999", raw.get("starting_payload_count").toString());
    assertNull(model.getStartingPayloadCount(), "an int field never wraps");

    Run third = runs.get(2);
    assertEquals("1e3", third.id());
    assertEquals("2.5", third.flowId());
    assertNull(third.startedAt());
    assertNull(third.finishedAt());
    assertNull(third.duration(), "1e300 ms is past any Duration of milliseconds; not clamped");
    FlowRun thirdModel = third.unwrap(FlowRun.class);
    assertEquals(1e300, thirdModel.getDuration());
    assertEquals("-1e400", thirdModel.getAdditionalProperties().get("started_at").toString());
    assertEquals("99999999999999999999", thirdModel.getAdditionalProperties().get("finished_at").toString());
    assertEquals("x", thirdModel.getAdditionalProperties().get("retry_flow_run_id"));

    Run fourth = runs.get(3);
    assertEquals("18446744073709551616", fourth.id());
    assertEquals("9999999999999999999999", fourth.flowId());
  }

  @Test
  void aRunWithAnIdOutOfRangeIsReadByGetRunWithItsExactId() {
    patchworks.enqueue(200, "{\"data\":{\"id\":9999999999999999999999,\"flow_id\":42,\"status\":1,"
        + "\"started_at\":1e400}}");
    Run run = client.getRun("9999999999999999999999");
    assertEquals("9999999999999999999999", run.id());
    assertNull(run.startedAt());
    assertNotNull(run.unwrap(FlowRun.class).getAdditionalProperties().get("started_at"));
  }

  @Test
  void logIdsOutOfRangeKeepTheirExactText() {
    patchworks.enqueue(200, "{\"data\":[{\"id\":9999999999999999999999,\"flow_run_id\":1e3,"
        + "\"flow_step_id\":-5e-400,\"created_at\":1e400,\"log_message\":\"x\"},"
        + "{\"id\":2,\"flow_run_id\":7,\"log_message\":\"y\",\"created_at\":\"2026-03-01T19:00:00Z\"}],"
        + "\"meta\":{\"current_page\":1,\"last_page\":1}}");
    List<RunLog> logs = drain(client.listLogs("7"));
    assertEquals(2, logs.size());
    assertEquals("9999999999999999999999", logs.get(0).id());
    assertEquals("1e3", logs.get(0).runId());
    assertEquals("-5e-400", logs.get(0).stepId());
    assertNull(logs.get(0).createdAt());
    assertEquals(Instant.parse("2026-03-01T19:00:00Z"), logs.get(1).createdAt());
  }
}
