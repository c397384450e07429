package io.github.flowruns.n8n.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.flowruns.AuthenticationException;
import io.github.flowruns.Capabilities.Operation;
import io.github.flowruns.ConflictException;
import io.github.flowruns.FlowRunsException;
import io.github.flowruns.InvalidRequestException;
import io.github.flowruns.NotFoundException;
import io.github.flowruns.Page;
import io.github.flowruns.RetryMode;
import io.github.flowruns.Run;
import io.github.flowruns.RunEvent;
import io.github.flowruns.RunFeed;
import io.github.flowruns.RunQuery;
import io.github.flowruns.RunStatus;
import io.github.flowruns.WatchOptions;
import io.github.flowruns.n8n.N8nClient;
import io.github.flowruns.testsupport.SecretAssert;
import io.github.flowruns.testsupport.n8n.N8nSeeds;
import io.github.flowruns.testsupport.n8n.N8nServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.function.Executable;

/**
 * n8n's own facts, checked through {@link N8nClient} against a real n8n server (only with
 * {@code -Pn8n-live}), each against a ground truth read from the server without the SDK
 * ({@link N8nSeeds#executions}). Checks that act (retry, stop, webhooks) make executions of their
 * own and look only at those, so they run in any order with the live contract on one server.
 */
@EnabledIfSystemProperty(named = "flowruns.n8n.live", matches = "true")
class N8nLiveFactsTest {
  private static LiveN8n live;
  private static N8nServer n8n;
  private static N8nSeeds.History seeded;

  @BeforeAll
  static void server() {
    live = LiveN8n.get();
    n8n = live.server;
    seeded = live.history;
  }

  // ---- listing

  @Test
  void everyFilterListsWhatTheServerHolds() {
    List<JsonObject> truth = N8nSeeds.executions(n8n, "");
    String ok = seeded.workflowIds().get(0);
    String fail = seeded.workflowIds().get(1);
    String wait = seeded.workflowIds().get(2);
    // Between the starts of two executions, not on one (the boundary is not what is checked).
    Instant mid = between(truth, truth.size() / 2);
    Instant late = between(truth, truth.size() / 4);

    Map<String, RunQuery> queries = new LinkedHashMap<>();
    Map<String, Predicate<JsonObject>> expected = new LinkedHashMap<>();
    queries.put("one workflow", RunQuery.builder().flowIds(fail).build());
    expected.put("one workflow", e -> str(e, "workflowId").equals(fail));
    queries.put("two workflows", RunQuery.builder().flowIds(ok, wait).build());
    expected.put("two workflows", e -> List.of(ok, wait).contains(str(e, "workflowId")));
    for (RunStatus s : RunStatus.values()) {
      queries.put("status " + s, RunQuery.builder().statuses(s).build());
      expected.put("status " + s, e -> status(e) == s);
    }
    queries.put("failed or cancelled", RunQuery.builder().statuses(RunStatus.FAILED, RunStatus.CANCELLED).build());
    expected.put("failed or cancelled", e -> status(e) == RunStatus.FAILED || status(e) == RunStatus.CANCELLED);
    queries.put("started after", RunQuery.builder().startedAfter(mid).build());
    expected.put("started after", e -> started(e).isAfter(mid));
    queries.put("started before", RunQuery.builder().startedBefore(mid).build());
    expected.put("started before", e -> started(e).isBefore(mid));
    queries.put("a window", RunQuery.builder().startedAfter(mid).startedBefore(late).build());
    expected.put("a window", e -> started(e).isAfter(mid) && started(e).isBefore(late));
    queries.put("trigger retry", RunQuery.builder().trigger("retry").build());
    expected.put("trigger retry", e -> str(e, "mode").equals("retry"));
    queries.put("trigger webhook", RunQuery.builder().trigger("webhook").build());
    expected.put("trigger webhook", e -> str(e, "mode").equals("webhook"));
    // A listing has no error data: search finds ids, workflow ids and modes (RunQuery#search).
    queries.put("search", RunQuery.builder().search("RETR").build());
    expected.put("search", e -> str(e, "mode").contains("retr") || str(e, "workflowId").toLowerCase(Locale.ROOT).contains("retr"));
    queries.put("tags", RunQuery.builder().tags(List.of("any")).build());
    expected.put("tags", e -> false); // n8n executions carry no tags
    queries.put("everything at once, pages of 2",
        RunQuery.builder().flowIds(fail, ok).statuses(RunStatus.FAILED).trigger("retry")
            .startedBefore(Instant.now().plusSeconds(60)).pageSize(2).build());
    expected.put("everything at once, pages of 2", e -> str(e, "workflowId").equals(fail)
        && status(e) == RunStatus.FAILED && str(e, "mode").equals("retry"));
    queries.put("a limit with a client-side filter",
        RunQuery.builder().trigger("webhook").statuses(RunStatus.SUCCEEDED).pageSize(3).limit(5).build());
    expected.put("a limit with a client-side filter",
        e -> str(e, "mode").equals("webhook") && status(e) == RunStatus.SUCCEEDED);

    try (N8nClient client = live.client()) {
      for (Map.Entry<String, RunQuery> q : queries.entrySet()) {
        List<String> want = truth.stream().filter(expected.get(q.getKey())).map(e -> str(e, "id"))
            .limit(q.getValue().limit().orElse(Long.MAX_VALUE)).collect(Collectors.toList());
        assertEquals(want, ids(client.listRuns(q.getValue()).stream().collect(Collectors.toList())),
            q.getKey() + ": " + q.getValue());
      }
      for (String seededFilter : List.of("one workflow", "status SUCCEEDED", "status FAILED",
          "status CANCELLED", "status PAUSED", "trigger retry", "a window")) {
        assertTrue(truth.stream().anyMatch(expected.get(seededFilter)), seededFilter + " selects some seeded runs");
      }
    }
  }

  @Test
  void smallPagesAndResumeTokensListEachExecutionOnce() {
    try (N8nClient client = live.client()) {
      for (RunStatus s : List.of(RunStatus.SUCCEEDED, RunStatus.FAILED, RunStatus.CANCELLED, RunStatus.PAUSED)) {
        List<String> want = N8nSeeds.executions(n8n, "").stream().filter(e -> status(e) == s)
            .map(e -> str(e, "id")).collect(Collectors.toList());
        RunQuery q = RunQuery.builder().statuses(s).pageSize(2).build();
        List<Page<Run>> pages = new ArrayList<>();
        client.listRuns(q).pages().forEach(pages::add);
        List<String> got = pages.stream().flatMap(p -> ids(p.items()).stream()).collect(Collectors.toList());

        assertEquals(want, got, s + " in pages of 2");
        assertTrue(pages.size() >= 2, s + ": several pages: " + pages.size());
        assertNull(pages.get(pages.size() - 1).nextToken(), s + ": the last page has no token");
        String token = pages.get(0).nextToken();
        assertNotNull(token);
        assertEquals(want.subList(pages.get(0).items().size(), want.size()),
            ids(client.listRuns(q).resumeFrom(token).stream().collect(Collectors.toList())),
            s + ": resumed after the first page (n8n's cursor carries no filter: the SDK sends it again)");
      }
      // Unfiltered in pages of 2: every execution, running ones merged in, each once.
      List<String> all = ids(client.listRuns(RunQuery.builder().pageSize(2).build()).stream()
          .collect(Collectors.toList()));
      assertEquals(N8nSeeds.executions(n8n, "").stream().map(e -> str(e, "id")).collect(Collectors.toList()), all);
    }
  }

  // ---- one run

  @Test
  void getRunOfAFailureNamesTheCodeNodeAndItsMessage() {
    try (N8nClient client = live.client()) {
      Run failed = client.getRun(seeded.failed().get(0));
      assertEquals(RunStatus.FAILED, failed.status());
      assertEquals("error", failed.rawStatus());
      assertEquals(seeded.workflowIds().get(1), failed.flowId());
      assertNotNull(failed.failedStep(), "getRun asks includeData=true");
      assertEquals("Code", failed.failedStep().name(), "n8n's lastNodeExecuted");
      assertTrue(failed.failedStep().message().startsWith(N8nSeeds.FAILURE_MESSAGE),
          "the Code node's message (n8n appends the line): " + failed.failedStep().message());
      assertNotNull(failed.finishedAt());

      Run ok = client.getRun(seeded.succeeded().get(0));
      assertEquals(RunStatus.SUCCEEDED, ok.status());
      assertNull(ok.failedStep());
      Run paused = client.getRun(seeded.waiting().get(0));
      assertEquals(RunStatus.PAUSED, paused.status());
      assertEquals("waiting", paused.rawStatus());
      assertEquals(RunStatus.CANCELLED, client.getRun(seeded.cancelled().get(0)).status());
      Run retry = client.getRun(seeded.retries().get(0));
      assertEquals("retry", retry.trigger());
      assertNotNull(retry.retryOf(), "a retry names its original");
    }
  }

  @Test
  void retryRunAnswersTheNewRunAndRetryingASuccessIsAConflict() {
    try (N8nClient client = live.client()) {
      String original = seeded.failed().get(seeded.failed().size() - 1);

      Run retry = client.retryRun(original, RetryMode.DEFAULT);

      assertNotEquals(original, retry.id());
      assertEquals(original, retry.retryOf());
      assertEquals("retry", retry.trigger());
      assertEquals(seeded.workflowIds().get(1), retry.flowId());
      assertEquals(RunStatus.FAILED, retry.status(), "n8n answers once the retry ended; the Code node throws again");
      assertEquals(original, client.getRun(retry.id()).retryOf());
      assertTrue(Long.parseLong(retry.id()) > Long.parseLong(original));

      String success = seeded.succeeded().get(0);
      // 2.41.1 refuses with 409; 1.123 with 400 (vendors.md, n8n).
      boolean v2 = n8n.line() == N8nServer.Line.V2;
      Class<? extends FlowRunsException> refused = v2 ? ConflictException.class : InvalidRequestException.class;
      FlowRunsException e = assertThrows(refused, () -> client.retryRun(success, RetryMode.DEFAULT));
      assertEquals(OptionalInt.of(v2 ? 409 : 400), e.httpStatus());
      assertNamesVendor(e, "retryRun");
    }
  }

  @Test
  void stoppingAWaitingExecutionCancelsIt() throws Exception {
    String wait = seeded.workflowIds().get(2);
    List<String> before = idsOf(N8nSeeds.executions(n8n, "workflowId=" + wait));
    assertEquals(200, n8n.webhook("wait", "{\"stop\": true}").code());
    String parked = awaitNew(wait, "waiting", before);
    try (N8nClient client = live.client()) {
      assertEquals(RunStatus.PAUSED, client.getRun(parked).status());
      if (!n8n.line().canStop()) {
        // 1.x has no stop route in its public API (issue 13): the client, told the version, offers none.
        assertEquals(404, n8n.call("POST", "/api/v1/executions/" + parked + "/stop", "{}").code());
        assertFalse(client.capabilities().supports(Operation.STOP_RUN));
        assertThrows(UnsupportedOperationException.class, () -> client.stopRun(parked));
        return;
      }

      assertTrue(client.capabilities().supports(Operation.STOP_RUN));
      client.stopRun(parked);

      Run stopped = client.getRun(parked);
      assertEquals(RunStatus.CANCELLED, stopped.status());
      assertEquals("canceled", stopped.rawStatus());
      assertTrue(ids(client.listRuns(RunQuery.builder().statuses(RunStatus.CANCELLED).build())
          .stream().collect(Collectors.toList())).contains(parked));
      // Stopping it again, now that it has ended: the real server's answer, typed.
      N8nServer.Reply again = n8n.call("POST", "/api/v1/executions/" + parked + "/stop", "{}");
      System.out.println("[n8n live] stop of an ended execution: " + again.code() + " " + again.body());
      // 2.41.1: 409 "Only running or waiting executions can be stopped and <id> is currently canceled".
      assertEquals(409, again.code(), again.body());
      ConflictException e = assertThrows(ConflictException.class, () -> client.stopRun(parked));
      assertTrue(e.getMessage().contains("Only running or waiting executions can be stopped"), e.getMessage());
    }
  }

  // ---- counts

  @Test
  void countByStatusEqualsTheListingAndTheServer() {
    try (N8nClient client = live.client()) {
      for (RunQuery q : List.of(RunQuery.all(), RunQuery.builder().flowIds(seeded.workflowIds().get(1)).build(),
          RunQuery.builder().statuses(RunStatus.FAILED, RunStatus.PAUSED).build())) {
        Map<RunStatus, Long> truth = N8nSeeds.executions(n8n, "").stream()
            .filter(e -> q.flowIds().isEmpty() || q.flowIds().contains(str(e, "workflowId")))
            .filter(e -> q.statuses().isEmpty() || q.statuses().contains(status(e)))
            .collect(Collectors.groupingBy(N8nLiveFactsTest::status, () -> new EnumMap<>(RunStatus.class),
                Collectors.counting()));
        Map<RunStatus, Long> listed = client.listRuns(q).stream()
            .collect(Collectors.groupingBy(Run::status, () -> new EnumMap<>(RunStatus.class), Collectors.counting()));
        Map<RunStatus, Long> counted = new EnumMap<>(RunStatus.class);
        client.countByStatus(q).forEach((s, n) -> {
          if (n != 0) counted.put(s, n);
        });

        assertEquals(truth, listed, "listing of " + q);
        assertEquals(truth, counted, "counts of " + q);
      }
    }
  }

  // ---- await and watch

  @Test
  void awaitRunReturnsAWebhookExecutionOnceItEnded() {
    // A Wait node of 3 s: under 65 s n8n waits in place, so the execution is running meanwhile.
    JsonObject wf = JsonParser.parseString(N8nSeeds.workflow("flowruns slow", "slow", null, true)).getAsJsonObject();
    wf.getAsJsonArray("nodes").forEach(n -> {
      JsonObject p = n.getAsJsonObject().getAsJsonObject("parameters");
      if (p.has("unit")) {
        p.addProperty("amount", 3);
        p.addProperty("unit", "seconds");
      }
    });
    String slow = n8n.createWorkflow(wf.toString());
    n8n.activate(slow);
    assertEquals(200, n8n.webhook("slow", "{}").code());
    String running = awaitNew(slow, "running", List.of());
    try (N8nClient client = live.client()) {
      assertEquals(RunStatus.RUNNING, client.getRun(running).status(), "not ended yet");

      Run done = client.awaitRun(running, Duration.ofSeconds(60));

      assertEquals(running, done.id());
      assertEquals(RunStatus.SUCCEEDED, done.status());
      assertNotNull(done.finishedAt());
      assertFalse(done.finishedAt().isBefore(done.startedAt().plusSeconds(2)), "ended after the wait: " + done);
    }
  }

  @Test
  void watchRunsReportsEachNewExecutionOnceAndAFailureOnce() throws Exception {
    List<String> okWf = List.of(seeded.workflowIds().get(0), seeded.workflowIds().get(1));
    try (N8nClient client = live.client()) {
      RunFeed feed = client.watchRuns(RunQuery.builder().flowIds(okWf).build(),
          WatchOptions.builder().since(Instant.now()).build());
      List<RunEvent> events = new ArrayList<>(feed.poll());
      List<String> before = idsOf(N8nSeeds.executions(n8n, ""));

      assertEquals(200, n8n.webhook("ok", "{\"watch\": 1}").code());
      n8n.webhook("fail", "{\"watch\": 2}");
      assertEquals(200, n8n.webhook("ok", "{\"watch\": 3}").code());
      List<String> fired = idsOf(N8nSeeds.executions(n8n, ""));
      fired.removeAll(before);
      assertEquals(3, fired.size(), "three executions fired: " + fired);
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (!events.stream().map(e -> e.run().id()).collect(Collectors.toSet()).containsAll(fired)
          && System.nanoTime() < deadline) {
        events.addAll(feed.poll());
        Thread.sleep(300);
      }
      for (int i = 0; i < 3; i++) {
        events.addAll(feed.poll()); // nothing new: each execution ended before it was seen
      }

      List<String> reported = events.stream().map(e -> e.run().id()).collect(Collectors.toList());
      assertEquals(fired.stream().sorted().collect(Collectors.toList()),
          reported.stream().sorted().collect(Collectors.toList()), "each new execution once: " + events);
      List<RunEvent> failures = events.stream().filter(e -> e.run().status() == RunStatus.FAILED)
          .collect(Collectors.toList());
      assertEquals(1, failures.size(), "the failure once: " + events);
      assertEquals(RunEvent.Type.NEW, failures.get(0).type());
      assertEquals(seeded.workflowIds().get(1), failures.get(0).run().flowId());
    }
  }

  // ---- errors

  @Test
  void errorsAreTypedNameTheVendorAndNeverShowTheKey() {
    String right = n8n.apiKey();
    String wrong = right.substring(0, right.length() - 1) + (right.endsWith("x") ? "y" : "x");
    try (N8nClient bad = live.client(wrong, null); N8nClient client = live.client()) {
      Map<String, Executable> unauthorized = new LinkedHashMap<>();
      unauthorized.put("listRuns", () -> bad.listRuns(RunQuery.all()).iterator().next());
      unauthorized.put("getRun", () -> bad.getRun(seeded.succeeded().get(0)));
      unauthorized.put("retryRun", () -> bad.retryRun(seeded.failed().get(0), RetryMode.DEFAULT));
      for (Map.Entry<String, Executable> call : unauthorized.entrySet()) {
        AuthenticationException e = assertThrows(AuthenticationException.class, call.getValue(), call.getKey());
        assertEquals(OptionalInt.of(401), e.httpStatus());
        assertNamesVendor(e, call.getKey());
        SecretAssert.assertNoneOf(e, List.of(wrong, right));
      }
      assertFalse(bad.toString().contains(wrong));

      NotFoundException missing = assertThrows(NotFoundException.class, () -> client.getRun(LiveN8n.UNKNOWN_ID));
      assertEquals(OptionalInt.of(404), missing.httpStatus());
      assertNamesVendor(missing, "getRun");
      assertThrows(NotFoundException.class, () -> client.retryRun(LiveN8n.UNKNOWN_ID, RetryMode.DEFAULT));

      InvalidRequestException notANumber = assertThrows(InvalidRequestException.class, () -> client.getRun("not-a-number"));
      assertEquals(OptionalInt.of(400), notANumber.httpStatus());
      assertNamesVendor(notANumber, "getRun");
      for (FlowRunsException e : List.of(missing, notANumber)) {
        SecretAssert.assertNoneOf(e, List.of(right));
      }
    }
  }

  // ---- helpers

  private static void assertNamesVendor(FlowRunsException e, String operation) {
    assertEquals("N8N", e.vendor().name());
    assertEquals(operation, e.operation());
    assertTrue(e.getMessage().contains("n8n"), e.getMessage());
  }

  /** Waits for a new execution of {@code workflowId} in {@code status} (n8n lists running ones only so). */
  private static String awaitNew(String workflowId, String status, List<String> before) throws RuntimeException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      List<String> now = idsOf(N8nSeeds.executions(n8n, "workflowId=" + workflowId).stream()
          .filter(e -> str(e, "status").equals(status)).collect(Collectors.toList()));
      now.removeAll(before);
      if (!now.isEmpty()) {
        return now.get(0);
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new AssertionError("no new " + status + " execution of workflow " + workflowId);
  }

  /** The facade status of a raw execution, by the table of vendors.md (n8n). */
  private static RunStatus status(JsonObject e) {
    switch (str(e, "status")) {
      case "success": return RunStatus.SUCCEEDED;
      case "error": case "crashed": return RunStatus.FAILED;
      case "canceled": return RunStatus.CANCELLED;
      case "running": return RunStatus.RUNNING;
      case "waiting": return RunStatus.PAUSED;
      case "new": return RunStatus.QUEUED;
      default: return RunStatus.UNKNOWN;
    }
  }

  private static Instant started(JsonObject e) {
    return Instant.parse(str(e, "startedAt"));
  }

  /** The instant halfway between the starts of execution {@code i} and the next newer one. */
  private static Instant between(List<JsonObject> newestFirst, int i) {
    Instant older = started(newestFirst.get(i));
    Instant newer = started(newestFirst.get(i - 1));
    assertTrue(newer.toEpochMilli() - older.toEpochMilli() >= 2, "executions apart: " + older + " " + newer);
    return Instant.ofEpochMilli((older.toEpochMilli() + newer.toEpochMilli()) / 2);
  }

  private static String str(JsonObject e, String field) {
    return e.has(field) && !e.get(field).isJsonNull() ? e.get(field).getAsString() : "";
  }

  private static List<String> idsOf(List<JsonObject> executions) {
    return executions.stream().map(e -> str(e, "id")).collect(Collectors.toList());
  }

  private static List<String> ids(List<Run> runs) {
    return runs.stream().map(Run::id).collect(Collectors.toList());
  }
}
