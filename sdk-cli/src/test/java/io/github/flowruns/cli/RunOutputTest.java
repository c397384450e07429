package io.github.flowruns.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.flowruns.FailedStep;
import io.github.flowruns.Run;
import io.github.flowruns.RunStatus;
import io.github.flowruns.Vendor;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/** The four output formats, on runs built by hand. */
class RunOutputTest {
  static final String TRICKY = "Invalid value for \"sku\", expected a string\nsecond line";
  static final Set<String> FIELDS = Set.of("id", "vendor", "flowId", "status", "rawStatus",
      "startedAt", "finishedAt", "durationMs", "trigger", "failedStep", "stepsCount", "parentRunId",
      "tags");

  static Run failedRun() {
    return Run.builder().id("r-1").vendor(Vendor.ACTIVEPIECES).flowId("flow-a")
        .status(RunStatus.FAILED).rawStatus("QUOTA_EXCEEDED")
        .startedAt(Instant.parse("2026-01-31T08:00:00.250Z"))
        .finishedAt(Instant.parse("2026-01-31T08:01:05.250Z"))
        .trigger("webhook").failedStep(FailedStep.of("Upsert, order", TRICKY))
        .stepsCount(3).parentRunId("r-0").tags(List.of("finance", "nightly")).build();
  }

  static Run queuedRun() {
    return Run.builder().id("r-2").vendor(Vendor.STACKAI).flowId("flow-b")
        .status(RunStatus.QUEUED).rawStatus("PENDING").build();
  }

  static String write(OutputFormat format, Run... runs) throws Exception {
    StringWriter out = new StringWriter();
    RunSink sink = RunSink.create(format, out);
    for (Run r : runs) {
      sink.write(r);
    }
    sink.finish();
    return out.toString();
  }

  @Test
  void jsonIsOneArrayWithEveryFieldCamelCaseAndTimesInUtc() throws Exception {
    JsonArray array = JsonParser.parseString(write(OutputFormat.JSON, failedRun(), queuedRun()))
        .getAsJsonArray();
    assertEquals(2, array.size());
    JsonObject r = array.get(0).getAsJsonObject();
    assertEquals(FIELDS, r.keySet());
    assertEquals("r-1", r.get("id").getAsString());
    assertEquals("activepieces", r.get("vendor").getAsString());
    assertEquals("flow-a", r.get("flowId").getAsString());
    assertEquals("FAILED", r.get("status").getAsString());
    assertEquals("QUOTA_EXCEEDED", r.get("rawStatus").getAsString());
    assertEquals("2026-01-31T08:00:00.250Z", r.get("startedAt").getAsString());
    assertEquals("2026-01-31T08:01:05.250Z", r.get("finishedAt").getAsString());
    assertEquals(65_000, r.get("durationMs").getAsLong());
    assertEquals("webhook", r.get("trigger").getAsString());
    assertEquals("Upsert, order", r.getAsJsonObject("failedStep").get("name").getAsString());
    assertEquals(TRICKY, r.getAsJsonObject("failedStep").get("message").getAsString());
    assertEquals(3, r.get("stepsCount").getAsInt());
    assertEquals("r-0", r.get("parentRunId").getAsString());
    assertEquals(List.of("finance", "nightly"),
        List.of(r.getAsJsonArray("tags").get(0).getAsString(), r.getAsJsonArray("tags").get(1).getAsString()));

    JsonObject q = array.get(1).getAsJsonObject();
    assertEquals(FIELDS, q.keySet(), "absent values are null, not missing");
    assertTrue(q.get("startedAt").isJsonNull());
    assertTrue(q.get("failedStep").isJsonNull());
    assertTrue(q.get("durationMs").isJsonNull());
    assertEquals("stackai", q.get("vendor").getAsString());
    assertEquals(0, q.getAsJsonArray("tags").size());
  }

  @Test
  void emptyJsonListingIsAnEmptyArray() throws Exception {
    assertEquals("[]\n", write(OutputFormat.JSON));
  }

  @Test
  void jsonlIsOneCompactObjectPerLine() throws Exception {
    String out = write(OutputFormat.JSONL, failedRun(), queuedRun());
    List<String> lines = out.lines().toList();
    assertEquals(2, lines.size());
    assertTrue(out.endsWith("\n"));
    assertEquals("r-1", JsonParser.parseString(lines.get(0)).getAsJsonObject().get("id").getAsString());
    assertEquals(FIELDS, JsonParser.parseString(lines.get(1)).getAsJsonObject().keySet());
  }

  @Test
  void csvHasAHeaderAndQuotesCommasQuotesAndLineBreaks() throws Exception {
    String out = write(OutputFormat.CSV, failedRun(), queuedRun());
    assertTrue(out.startsWith("id,vendor,flowId,status,rawStatus,startedAt,finishedAt,durationMs,"
        + "trigger,failedStepName,failedStepMessage,stepsCount,parentRunId,tags\n"), out);
    assertTrue(out.contains("\"Upsert, order\",\"Invalid value for \"\"sku\"\", expected a string\n"
        + "second line\""), out);
    try (CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
        .parse(new StringReader(out))) {
      List<CSVRecord> records = new ArrayList<>(parser.getRecords());
      assertEquals(2, records.size());
      CSVRecord r = records.get(0);
      assertEquals("Upsert, order", r.get("failedStepName"));
      assertEquals(TRICKY, r.get("failedStepMessage"));
      assertEquals("finance;nightly", r.get("tags"));
      assertEquals("65000", r.get("durationMs"));
      assertEquals("2026-01-31T08:00:00.250Z", r.get("startedAt"));
      assertEquals("", records.get(1).get("failedStepMessage"));
    }
  }

  @Test
  void tableAlignsColumnsAndKeepsEachRunOnOneLine() throws Exception {
    String out = write(OutputFormat.TABLE, failedRun(), queuedRun());
    List<String> lines = out.lines().toList();
    assertEquals(3, lines.size(), out);
    assertTrue(lines.get(0).startsWith("ID"));
    int status = lines.get(0).indexOf("STATUS");
    assertEquals(status, lines.get(1).indexOf("FAILED"));
    assertEquals(status, lines.get(2).indexOf("QUEUED"));
    int failed = lines.get(0).indexOf("FAILED STEP");
    assertEquals(failed, lines.get(1).indexOf("Upsert, order: Invalid value"));
    assertTrue(lines.get(1).contains("2026-01-31T08:00:00Z"));
    assertTrue(lines.get(1).contains("1m 05s"));
    assertFalse(lines.get(2).endsWith(" "));
  }

  @Test
  void tableKeepsTheWidthsOfItsFirstRowsAndCutsLongerCells() throws Exception {
    StringWriter out = new StringWriter();
    RunSink sink = RunSink.create(OutputFormat.TABLE, out);
    for (int i = 0; i < TableSink.SAMPLE + 5; i++) {
      sink.write(queuedRun().toBuilder().id("r-" + i).build());
    }
    sink.write(queuedRun().toBuilder().id("x".repeat(60)).build());
    sink.finish();
    List<String> lines = out.toString().lines().toList();
    String last = lines.get(lines.size() - 1);
    int status = lines.get(0).indexOf("STATUS");
    assertEquals(status, last.indexOf("QUEUED"), last);
    assertTrue(last.contains("…"));
  }

  @Test
  void humanDurations() {
    assertEquals("850 ms", RunFields.humanDuration(Duration.ofMillis(850)));
    assertEquals("12.4 s", RunFields.humanDuration(Duration.ofMillis(12_400)));
    assertEquals("3m 05s", RunFields.humanDuration(Duration.ofSeconds(185)));
    assertEquals("2h 07m", RunFields.humanDuration(Duration.ofMinutes(127)));
    assertEquals("1d 02h", RunFields.humanDuration(Duration.ofHours(26)));
    assertEquals("", RunFields.humanDuration(null));
  }

  @Test
  void singleRunJsonIsAnObject() throws Exception {
    StringWriter s = new StringWriter();
    SingleRun.print(new java.io.PrintWriter(s), OutputFormat.JSON, failedRun(), true);
    JsonObject r = JsonParser.parseString(s.toString()).getAsJsonObject();
    assertEquals(FIELDS, r.keySet());
  }

  @Test
  void singleRunTableShowsEveryKnownField() throws Exception {
    StringWriter s = new StringWriter();
    SingleRun.print(new java.io.PrintWriter(s), OutputFormat.TABLE, failedRun(), true);
    String out = s.toString();
    assertTrue(out.contains("status        FAILED (QUOTA_EXCEEDED)"), out);
    assertTrue(out.contains("failed step   Upsert, order"), out);
    assertTrue(out.contains("tags          finance, nightly"), out);
  }
}
