package io.github.flowruns.flowstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.github.flowruns.Run;
import io.github.flowruns.RunQuery;
import io.github.flowruns.RunStatus;
import io.github.flowruns.StepResult;
import io.github.flowruns.contract.Scripted;
import io.github.flowruns.http.RetryPolicy;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every row of the FlowStack column of the status table, both ways. */
class FlowStackStatusTest {

  private MockWebServer server;
  private FlowStackClient client;

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.start();
    client = FlowStackClient.builder().apiKey("fs_test_status01").flowId("flow_s")
        .baseUrl(server.url("/").toString()).retryPolicy(RetryPolicy.none()).build();
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "QUEUED, QUEUED",
      "RUNNING, RUNNING",
      "PAUSED, PAUSED",
      "SUCCEEDED, SUCCEEDED",
      "FAILED, FAILED",
      "CANCELED, CANCELLED",
      "STOPPED, CANCELLED",
      "TIMEOUT, TIMED_OUT",
      "COMPLETED, UNKNOWN",
      "CANCELLED, UNKNOWN",
      "failed, UNKNOWN",
      "WAITING_FOR_APPROVAL, UNKNOWN",
  })
  void aFlowStackStatusMapsAsTheTableSaysAndKeepsItsRawValue(String raw, RunStatus expected) {
    server.enqueue(Scripted.json(200, "{\"id\":\"run_1\",\"flowId\":\"flow_s\",\"status\":\"" + raw
        + "\",\"steps\":[{\"name\":\"Step 1\",\"status\":\"" + raw + "\",\"duration\":5}]}"));

    Run run = client.getRun("run_1");

    assertEquals(expected, run.status());
    assertEquals(raw, run.rawStatus());
    StepResult step = run.steps().get(0);
    assertEquals(expected, step.status());
    assertEquals(raw, step.rawStatus());
  }

  @Test
  void aMissingStatusIsUnknownWithNoRawValue() {
    server.enqueue(Scripted.json(200, "{\"id\":\"run_1\",\"flowId\":\"flow_s\",\"status\":null}"));

    Run run = client.getRun("run_1");

    assertEquals(RunStatus.UNKNOWN, run.status());
    assertNull(run.rawStatus());
  }

  // vendors.md, FlowStack: only SUCCEEDED, FAILED, RUNNING are documented as status filter
  // values; the others are filtered client-side, so no status is sent for them.
  @ParameterizedTest(name = "{0} -> ?{1}")
  @CsvSource({
      "QUEUED, limit=100",
      "RUNNING, limit=100&status=RUNNING",
      "PAUSED, limit=100",
      "SUCCEEDED, limit=100&status=SUCCEEDED",
      "FAILED, limit=100&status=FAILED",
      "TIMED_OUT, limit=100",
      "CANCELLED, limit=100",
      "UNKNOWN, limit=100",
  })
  void aStatusFilterIsSentOnlyAsOneOfTheThreeDocumentedFlowStackValues(RunStatus status, String query) throws Exception {
    server.enqueue(Scripted.json(200, "{\"data\":[],\"cursor\":null,\"hasMore\":false}"));

    client.listRuns(RunQuery.builder().statuses(status).build()).forEach(r -> { });

    assertEquals(query, server.takeRequest(5, TimeUnit.SECONDS).getUrl().encodedQuery());
  }

  @Test
  void theReverseMappingListsEveryFlowStackValueOfAStatus() {
    assertEquals("[CANCELED, STOPPED]", FlowStackMapping.STATUSES.vendorValues(java.util.Set.of(RunStatus.CANCELLED)).toString());
    assertEquals("[]", FlowStackMapping.STATUSES.vendorValues(java.util.Set.of(RunStatus.PARTIALLY_SUCCEEDED)).toString());
    assertEquals("[]", FlowStackMapping.STATUSES.vendorValues(java.util.Set.of(RunStatus.UNKNOWN)).toString());
  }
}
