package io.github.flowruns.activepieces;

import static io.github.flowruns.activepieces.ApFixtures.PROJECT;
import static io.github.flowruns.activepieces.ApFixtures.enqueueJson;
import static io.github.flowruns.activepieces.ApFixtures.page;
import static io.github.flowruns.activepieces.ApFixtures.run;
import static io.github.flowruns.activepieces.ApFixtures.take;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.flowruns.Run;
import io.github.flowruns.RunQuery;
import io.github.flowruns.RunStatus;
import io.github.flowruns.activepieces.model.FlowRun;
import java.io.IOException;
import java.util.List;
import java.util.stream.Collectors;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The Activepieces column of the status table in api.md, read from a server and sent to it. */
class ActivepiecesStatusMappingTest {
  private MockWebServer server;
  private ActivepiecesClient client;

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start();
    client = ApFixtures.client(server);
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  @ParameterizedTest(name = "{0} reads as {1}")
  @CsvSource({
      "QUEUED, QUEUED",
      "RUNNING, RUNNING",
      "PAUSED, PAUSED",
      "SUCCEEDED, SUCCEEDED",
      "FAILED, FAILED",
      "INTERNAL_ERROR, FAILED",
      "QUOTA_EXCEEDED, FAILED",
      "MEMORY_LIMIT_EXCEEDED, FAILED",
      "LOG_SIZE_EXCEEDED, FAILED",
      "TIMEOUT, TIMED_OUT",
      "CANCELED, CANCELLED",
      "STOPPED, CANCELLED",
      "WAITING_FOR_APPROVAL, UNKNOWN",
      "failed, UNKNOWN",
      "CANCELLED, UNKNOWN",
  })
  void eachVendorStatusMapsAsTheTableSaysAndKeepsItsRawValue(String raw, RunStatus expected)
      throws Exception {
    enqueueJson(server, 200, run("Vq3kT9bXz1LmN8pQr2sUw").status(raw).toString());

    Run run = client.getRun("Vq3kT9bXz1LmN8pQr2sUw");

    assertEquals(expected, run.status());
    assertEquals(raw, run.rawStatus());
    assertEquals(raw, run.unwrap(FlowRun.class).getStatus().raw());
  }

  @Test
  void aRunWithoutStatusIsUnknownWithNoRawValue() {
    enqueueJson(server, 200, run("Vq3kT9bXz1LmN8pQr2sUw").remove("status").toString());

    Run run = client.getRun("Vq3kT9bXz1LmN8pQr2sUw");

    assertEquals(RunStatus.UNKNOWN, run.status());
    assertEquals(null, run.rawStatus());
  }

  // A fresh client sends the whole set first; ActivepiecesConformanceTest shows what a 400 does.
  @ParameterizedTest(name = "filter {0} sends {1}")
  @CsvSource(delimiter = ';', value = {
      "QUEUED; QUEUED",
      "RUNNING; RUNNING",
      "PAUSED; PAUSED",
      "SUCCEEDED; SUCCEEDED",
      "FAILED; FAILED,QUOTA_EXCEEDED,INTERNAL_ERROR,MEMORY_LIMIT_EXCEEDED,LOG_SIZE_EXCEEDED",
      "TIMED_OUT; TIMEOUT",
      "CANCELLED; CANCELED,STOPPED",
  })
  void aStatusFilterSendsEveryVendorValueThatMapsToIt(RunStatus status, String vendorValues)
      throws Exception {
    enqueueJson(server, 200, page(null));

    client.listRuns(RunQuery.builder().statuses(status).build()).forEach(r -> { });

    String expected = "projectId=" + PROJECT + "&" + List.of(vendorValues.split(",")).stream()
        .map(v -> "status=" + v).collect(Collectors.joining("&"));
    assertEquals(expected, take(server).getUrl().encodedQuery());
  }

  @Test
  void partiallySucceededHasNoActivepiecesValueSoTheListIsEmptyWithoutARequest() {
    List<Run> runs = client.listRuns(RunQuery.builder().statuses(RunStatus.PARTIALLY_SUCCEEDED)
        .build()).stream().collect(Collectors.toList());

    assertEquals(List.of(), runs);
    assertEquals(0, server.getRequestCount());
  }

  @Test
  void anUnknownFilterCannotBeSaidServerSideAndIsAppliedToTheListedRuns() throws Exception {
    enqueueJson(server, 200, page(null, run("a1").status("SUCCEEDED"), run("a2").status("SLEEPING"),
        run("a3").status("FAILED")));

    List<String> ids = client.listRuns(RunQuery.builder().statuses(RunStatus.UNKNOWN, RunStatus.FAILED)
        .build()).stream().map(Run::id).collect(Collectors.toList());

    assertEquals("projectId=" + PROJECT, take(server).getUrl().encodedQuery());
    assertEquals(List.of("a2", "a3"), ids);
  }
}
