package io.github.flowruns.patchworks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.flowruns.Run;
import io.github.flowruns.RunQuery;
import io.github.flowruns.RunStatus;
import io.github.flowruns.patchworks.model.FlowRun;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** Every row of the api.md status table for Patchworks, both ways, in both response shapes. */
class PatchworksStatusMappingTest {
  private final FakePatchworks patchworks = new FakePatchworks();
  private final PatchworksClient client = patchworks.client();

  @AfterEach
  void close() {
    client.close();
    patchworks.close();
  }

  // api.md / issue 10: rawStatus is exactly the text the vendor sent; a name keeps its spelling.
  @ParameterizedTest(name = "status {0} reads as {1} with raw {2}")
  @CsvSource(nullValues = "NULL", value = {
      "1, RUNNING, 1",
      "2, SUCCEEDED, 2",
      "3, FAILED, 3",
      "4, CANCELLED, 4",
      "5, PARTIALLY_SUCCEEDED, 5",
      "'\"STARTED\"', RUNNING, STARTED",
      "'\"success\"', SUCCEEDED, success",
      "'\"Failure\"', FAILED, Failure",
      "'\"stopped\"', CANCELLED, stopped",
      "'\"partial_success\"', PARTIALLY_SUCCEEDED, partial_success",
      "'\"3\"', FAILED, 3",
      "0, UNKNOWN, 0",
      "6, UNKNOWN, 6",
      "'\"Deployed\"', UNKNOWN, Deployed",
      "null, UNKNOWN, NULL",
  })
  void aFlatRunStatusMapsAsTheTableSays(String json, RunStatus expected, String raw) {
    patchworks.enqueue(200, "{\"data\":" + FakePatchworks.run(7, 42, json) + "}");

    Run run = client.getRun("7");

    assertEquals(expected, run.status());
    assertEquals(raw, run.rawStatus());
  }

  @ParameterizedTest(name = "JSON:API status {0} reads as {1} with raw {2}")
  @CsvSource(nullValues = "NULL", value = {
      "1, RUNNING, 1",
      "2, SUCCEEDED, 2",
      "3, FAILED, 3",
      "4, CANCELLED, 4",
      "5, PARTIALLY_SUCCEEDED, 5",
      "'\"FAILURE\"', FAILED, FAILURE",
      "99, UNKNOWN, 99",
  })
  void aJsonApiRunStatusMapsAsTheTableSays(String json, RunStatus expected, String raw) {
    patchworks.enqueue(200, "{\"data\":" + FakePatchworks.jsonApiRun(7, 42, json) + "}");

    Run run = client.getRun("7");

    assertEquals(expected, run.status());
    assertEquals(raw, run.rawStatus());
    assertEquals("42", run.flowId(), "the flow id comes from relationships.flow.data.id");
  }

  @ParameterizedTest(name = "a {0} filter sends filter[status]={1}")
  @CsvSource({
      "RUNNING, 1",
      "SUCCEEDED, 2",
      "FAILED, 3",
      "CANCELLED, 4",
      "PARTIALLY_SUCCEEDED, 5",
  })
  void aStatusFilterBecomesItsPatchworksCode(RunStatus status, String code) {
    patchworks.enqueue(200, FakePatchworks.page(1, 1, 15, 0));

    client.listRuns(RunQuery.builder().statuses(status).build()).stream().count();

    assertEquals(code, patchworks.take().getUrl().queryParameter("filter[status]"));
  }

  @ParameterizedTest(name = "a {0} filter alone matches no Patchworks run and sends nothing")
  @EnumSource(value = RunStatus.class, names = {"QUEUED", "PAUSED", "TIMED_OUT"})
  void aStatusPatchworksNeverReportsMatchesNothingWithoutARequest(RunStatus status) {
    List<Run> runs = client.listRuns(RunQuery.builder().statuses(status).build()).stream().toList();

    assertTrue(runs.isEmpty());
    assertEquals(0, patchworks.requestCount());
  }

  @Test
  void aStatusPatchworksNeverReportsAddsNothingToTheOthers() {
    patchworks.enqueue(200, FakePatchworks.page(1, 1, 15, 0)).enqueue(200, FakePatchworks.page(1, 1, 15, 0));

    client.listRuns(RunQuery.builder()
        .statuses(RunStatus.QUEUED, RunStatus.FAILED, RunStatus.PARTIALLY_SUCCEEDED).build()).stream().count();

    assertEquals("filter%5Bstatus%5D=3&sort=-started_at&page=1", patchworks.take().getUrl().encodedQuery());
    assertEquals("filter%5Bstatus%5D=5&sort=-started_at&page=1", patchworks.take().getUrl().encodedQuery());
    assertEquals(2, patchworks.requestCount());
  }

  @Test
  void theRawModelAndTheStatusNameAreKept() {
    patchworks.enqueue(200, "{\"data\":" + FakePatchworks.run(7, 42, "\"failure\"") + "}");

    Run run = client.getRun("7");

    FlowRun raw = run.unwrap(FlowRun.class);
    assertEquals("FAILURE", raw.getStatus().name());
    assertNull(raw.getAttributes());
  }
}
