package io.github.flowruns.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.flowruns.FailedStep;
import io.github.flowruns.Run;
import io.github.flowruns.RunEvent;
import io.github.flowruns.RunStatus;
import io.github.flowruns.Vendor;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

/** Run events as records: names, optional fields, timestamps and offsets. */
class RunRecordsTest {
  private static final Instant START = Instant.parse("2026-01-31T08:00:00Z");
  private static final Instant END = Instant.parse("2026-01-31T08:00:42.500Z");

  private static Run failed() {
    return Run.builder().id("run_1").vendor(Vendor.ACTIVEPIECES).flowId("flow_1")
        .status(RunStatus.FAILED).rawStatus("FAILED").startedAt(START).finishedAt(END)
        .trigger("webhook").failedStep(FailedStep.of("send_email", "SMTP said no"))
        .stepsCount(4).tags(List.of("prod", "billing")).build();
  }

  private static Run queued() {
    return Run.builder().id("run_2").vendor(Vendor.ACTIVEPIECES).status(RunStatus.QUEUED)
        .rawStatus("QUEUED").build();
  }

  @Test
  void theValueCarriesTheRunAsTheCommandLineNamesItPlusTheEvent() {
    List<String> names = new ArrayList<>();
    for (Field f : RunRecords.VALUE_SCHEMA.fields()) {
      names.add(f.name());
    }
    assertEquals(List.of("id", "vendor", "flowId", "status", "rawStatus", "startedAt",
        "finishedAt", "durationMs", "trigger", "failedStep", "stepsCount", "parentRunId", "tags",
        "event", "previousStatus", "retryOf", "eventId", "observedAt"), names);

    RunEvent e = RunEvent.of(RunEvent.Type.STATUS_CHANGED, failed(), RunStatus.RUNNING, END);
    Struct v = RunRecords.value(e, "activepieces");
    v.validate();
    assertEquals("run_1", v.get("id"));
    assertEquals("activepieces", v.get("vendor"));
    assertEquals("FAILED", v.get("status"));
    assertEquals("RUNNING", v.get("previousStatus"));
    assertEquals("STATUS_CHANGED", v.get("event"));
    assertEquals(e.id(), v.get("eventId"));
    assertEquals(42_500L, v.get("durationMs"));
    assertEquals("send_email", v.getStruct("failedStep").get("name"));
    assertEquals(List.of("prod", "billing"), v.get("tags"));
    assertEquals(java.util.Date.from(START), v.get("startedAt"));
  }

  @Test
  void whatARunDoesNotTellIsNull() {
    RunEvent e = RunEvent.of(RunEvent.Type.NEW, queued(), null, END);
    Struct v = RunRecords.value(e, "activepieces");
    v.validate();
    for (String absent : List.of("flowId", "startedAt", "finishedAt", "durationMs", "trigger",
        "failedStep", "stepsCount", "parentRunId", "previousStatus", "retryOf")) {
      assertNull(v.get(absent), absent);
    }
    assertEquals(List.of(), v.get("tags"));
  }

  @Test
  void theTimestampIsWhenTheStatusTookEffect() {
    assertEquals(END, RunRecords.eventTime(RunEvent.of(RunEvent.Type.NEW, failed(), null,
        END.plusSeconds(60))));
    Run running = failed().toBuilder().status(RunStatus.RUNNING).finishedAt(null).build();
    assertEquals(START, RunRecords.eventTime(RunEvent.of(RunEvent.Type.NEW, running, null, END)));
    assertEquals(END, RunRecords.eventTime(RunEvent.of(RunEvent.Type.NEW, queued(), null, END)));
  }

  @Test
  void onlyTheLastRecordOfABatchCarriesTheCheckpointAfterIt() {
    List<RunEvent> batch = List.of(RunEvent.of(RunEvent.Type.NEW, queued(), null, END),
        RunEvent.of(RunEvent.Type.NEW, failed(), null, END));
    Map<String, Object> partition = Map.of("vendor", "activepieces", "account", "p");
    List<SourceRecord> records = RunRecords.records(partition, "t", batch,
        Map.of("checkpoint", "before"), Map.of("checkpoint", "after"), "activepieces");
    assertEquals(2, records.size());
    assertEquals(Map.of("checkpoint", "before"), records.get(0).sourceOffset());
    assertEquals(Map.of("checkpoint", "after"), records.get(1).sourceOffset());
    assertEquals("run_1", records.get(1).key());
    assertEquals(END.toEpochMilli(), records.get(1).timestamp());
    assertEquals(partition, records.get(0).sourcePartition());
    assertEquals("t", records.get(0).topic());
  }

  @Test
  void theJsonConverterWritesTheCommandLinesNames() {
    JsonConverter json = new JsonConverter();
    json.configure(Map.of("schemas.enable", "false"), false);
    RunEvent e = RunEvent.of(RunEvent.Type.NEW, failed(), null, END);
    byte[] bytes = json.fromConnectData("t", RunRecords.VALUE_SCHEMA,
        RunRecords.value(e, "activepieces"));
    JsonObject o = JsonParser.parseString(new String(bytes, StandardCharsets.UTF_8))
        .getAsJsonObject();
    assertEquals("SMTP said no", o.getAsJsonObject("failedStep").get("message").getAsString());
    assertEquals(END.toEpochMilli(), o.get("finishedAt").getAsLong());
    assertTrue(o.get("previousStatus").isJsonNull());
    assertEquals(e.id(), o.get("eventId").getAsString());
  }
}
