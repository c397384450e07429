package io.github.flowruns.activepieces;

import static io.github.flowruns.activepieces.ApFixtures.page;
import static io.github.flowruns.activepieces.ApFixtures.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonPrimitive;
import com.google.gson.internal.LazilyParsedNumber;
import io.github.flowruns.ResponseParseException;
import io.github.flowruns.Run;
import io.github.flowruns.RunQuery;
import io.github.flowruns.activepieces.model.FlowRun;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A hostile Activepieces: cursors that cycle, the same page forever under fresh cursors or
 * whatever creation-time bound it is sent, and runs carrying numbers and dates no Java type
 * holds. The cursor cases carry runs without a creation time, so that the listing follows the
 * server's cursor (as it does only then: {@code CreatedKeyset}).
 */
class ActivepiecesHostileListingTest {
  private final MockWebServer server = new MockWebServer();
  private ActivepiecesClient client;

  @BeforeEach
  void start() throws IOException {
    server.start();
    client = ApFixtures.client(server);
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  private void serve(Function<String, String> byCursor) {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
            .body(byCursor.apply(request.getUrl().queryParameter("cursor"))).build();
      }
    });
  }

  private List<Run> drain() {
    List<Run> out = new ArrayList<>();
    client.listRuns(RunQuery.builder().build()).forEach(out::add);
    return out;
  }

  private static String id(String seed) {
    return (seed + "000000000000000000000").substring(0, 21);
  }

  @Test
  void aThreeCycleOfCursorsEndsWithAParseErrorAfterOneLap() {
    serve(cursor -> {
      String c = cursor == null ? "start" : cursor;
      String next = switch (c) {
        case "start", "C" -> "A";
        case "A" -> "B";
        default -> "C";
      };
      return page(next, run(id("r" + c)).created(null));
    });
    ResponseParseException e = assertThrows(ResponseParseException.class, this::drain);
    assertTrue(e.getMessage().contains("already returned"), e.getMessage());
    assertEquals(4, server.getRequestCount(), "start, A, B, C; C points back to A");
  }

  @Test
  void theSamePageUnderFreshCursorsEndsWithAParseErrorOnTheFourthRequest() {
    int[] n = {0};
    serve(cursor -> page("cursor" + (++n[0]), run(id("a")).created(null), run(id("b")).created(null)));
    ResponseParseException e = assertThrows(ResponseParseException.class, this::drain);
    assertTrue(e.getMessage().contains("same 2 items"), e.getMessage());
    assertEquals(4, server.getRequestCount(), "the page and three repeats of it");
  }

  @Test
  void theSameCursorForeverEndsWithAParseErrorOnTheSecondRequest() {
    int[] n = {0};
    serve(cursor -> page("again", run(id("x" + (++n[0]))).created(null)));
    assertThrows(ResponseParseException.class, this::drain);
    assertEquals(2, server.getRequestCount());
  }

  @Test
  void theSamePageWhateverTheBoundEndsWithAParseErrorAndNoRunTwice() {
    // Both runs created at one instant, the server deaf to createdBefore: the second answer
    // brings no new run of that instant, so the listing would ask the same page again.
    List<Run> seen = new ArrayList<>();
    serve(cursor -> page("fresh" + server.getRequestCount(), run(id("a")), run(id("b"))));
    ResponseParseException e = assertThrows(ResponseParseException.class,
        () -> client.listRuns(RunQuery.builder().pageSize(2).build()).forEach(seen::add));
    assertTrue(e.getMessage().contains("already returned"), e.getMessage());
    assertEquals(2, server.getRequestCount(), "the page, and the same page for its instant");
    assertEquals(List.of(id("a"), id("b")), seen.stream().map(Run::id).toList());
  }

  @Test
  void runsNewerThanTheBoundSentEndWithAParseErrorAndNoRunTwice() {
    List<Run> seen = new ArrayList<>();
    java.time.Instant t = java.time.Instant.parse("2025-03-14T09:00:00Z");
    serve(cursor -> page("fresh" + server.getRequestCount(), run(id("a")).created(t.plusSeconds(1)),
        run(id("b")).created(t)));
    ResponseParseException e = assertThrows(ResponseParseException.class,
        () -> client.listRuns(RunQuery.builder().pageSize(2).build()).forEach(seen::add));
    assertTrue(e.getMessage().contains("past the bound it was sent"), e.getMessage());
    assertEquals(2, server.getRequestCount());
    assertEquals(List.of(id("a"), id("b")), seen.stream().map(Run::id).toList());
  }

  @Test
  void badNumbersAndDatesStayNullWithTheirTextKeptAndTheOtherRunsRead() {
    ApFixtures.RunJson bad = run(id("bad"));
    bad.json.add("id", new JsonPrimitive(new LazilyParsedNumber("9999999999999999999999")));
    bad.json.add("stepsCount", new JsonPrimitive(new LazilyParsedNumber("99999999999")));
    bad.json.add("tasks", new JsonPrimitive(new LazilyParsedNumber("1e3")));
    bad.json.addProperty("startTime", "99999999999-01-01T00:00:00Z");
    bad.json.add("finishTime", new JsonPrimitive(new LazilyParsedNumber("1e400")));
    bad.json.add("duration", new JsonPrimitive(new LazilyParsedNumber("1e400")));
    ApFixtures.RunJson huge = run(id("huge"));
    huge.json.add("startTime", com.google.gson.JsonNull.INSTANCE);
    huge.json.add("finishTime", com.google.gson.JsonNull.INSTANCE);
    huge.json.add("duration", new JsonPrimitive(new LazilyParsedNumber("1e300")));
    huge.json.add("created", new JsonPrimitive(new LazilyParsedNumber("-1e400")));
    serve(cursor -> page(null, run(id("good")), bad, huge));

    List<Run> runs = drain();
    assertEquals(3, runs.size());
    assertEquals(Duration.ofSeconds(4), runs.get(0).duration());

    Run second = runs.get(1);
    assertEquals("9999999999999999999999", second.id());
    assertNull(second.stepsCount(), "neither stepsCount nor tasks holds an int; never wrapped");
    assertNull(second.finishedAt());
    assertNull(second.duration());
    FlowRun model = second.unwrap(FlowRun.class);
    Map<String, Object> raw = model.getAdditionalProperties();
    assertEquals("99999999999", raw.get("stepsCount").toString());
    assertEquals("1e3", raw.get("tasks").toString());
    assertEquals("99999999999-01-01T00:00:00Z", raw.get("startTime").toString());
    assertEquals("1e400", raw.get("finishTime").toString());
    assertEquals("1e400", raw.get("duration").toString());
    // startedAt falls back to created, which is fine here
    assertEquals(java.time.Instant.parse("2025-03-14T09:00:00Z"), second.startedAt());

    Run third = runs.get(2);
    assertNull(third.duration(), "1e300 ms is not clamped to 292 years");
    assertNull(third.startedAt(), "-1e400 is no time; never 1970");
    assertEquals(1e300, third.unwrap(FlowRun.class).getDuration());
    assertEquals("-1e400", third.unwrap(FlowRun.class).getAdditionalProperties().get("created").toString());
  }
}
