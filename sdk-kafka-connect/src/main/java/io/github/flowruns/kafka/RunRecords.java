package io.github.flowruns.kafka;

import io.github.flowruns.FailedStep;
import io.github.flowruns.Run;
import io.github.flowruns.RunEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Run events as Connect records: key the run id, value a {@link Struct} of {@link #VALUE_SCHEMA},
 * timestamp the time the event's status took effect. The value's fields are the run's as the
 * command line's JSON names them ({@code flowruns runs watch}), times as Connect {@link Timestamp}s
 * (so the JSON and Avro converters both carry them as times), plus {@code event},
 * {@code previousStatus}, {@code retryOf}, {@code eventId} and {@code observedAt}.
 */
final class RunRecords {
  static final Schema KEY_SCHEMA = Schema.STRING_SCHEMA;

  static final Schema FAILED_STEP_SCHEMA = SchemaBuilder.struct()
      .name("io.github.flowruns.kafka.FailedStep").optional()
      .field("name", Schema.OPTIONAL_STRING_SCHEMA)
      .field("message", Schema.OPTIONAL_STRING_SCHEMA)
      .build();

  private static final Schema OPTIONAL_TIME = Timestamp.builder().optional().build();

  /** Version 1; a later version only adds optional fields. */
  static final Schema VALUE_SCHEMA = SchemaBuilder.struct()
      .name("io.github.flowruns.kafka.RunEvent").version(1)
      .doc("A new run or a status change, seen by a flowruns feed.")
      .field("id", Schema.STRING_SCHEMA)
      .field("vendor", Schema.STRING_SCHEMA)
      .field("flowId", Schema.OPTIONAL_STRING_SCHEMA)
      .field("status", Schema.STRING_SCHEMA)
      .field("rawStatus", Schema.OPTIONAL_STRING_SCHEMA)
      .field("startedAt", OPTIONAL_TIME)
      .field("finishedAt", OPTIONAL_TIME)
      .field("durationMs", Schema.OPTIONAL_INT64_SCHEMA)
      .field("trigger", Schema.OPTIONAL_STRING_SCHEMA)
      .field("failedStep", FAILED_STEP_SCHEMA)
      .field("stepsCount", Schema.OPTIONAL_INT32_SCHEMA)
      .field("parentRunId", Schema.OPTIONAL_STRING_SCHEMA)
      .field("tags", SchemaBuilder.array(Schema.STRING_SCHEMA).build())
      .field("event", Schema.STRING_SCHEMA)
      .field("previousStatus", Schema.OPTIONAL_STRING_SCHEMA)
      .field("retryOf", Schema.OPTIONAL_STRING_SCHEMA)
      .field("eventId", Schema.STRING_SCHEMA)
      .field("observedAt", Timestamp.SCHEMA)
      .build();

  /** The offset key holding a feed checkpoint. */
  static final String CHECKPOINT = "checkpoint";
  /** The offset key holding an ISO-8601 instant to start a new feed from (set by an operator). */
  static final String SINCE = "since";

  private RunRecords() {}

  /**
   * The records of one batch of a partition. The last carries {@code after}, the checkpoint
   * after the batch; the others carry {@code before}, where the batch started: Connect may commit
   * the offset of any record once it and those before it are written (at least once, without a
   * transaction), and resuming from {@code before} reports the batch again, with the same event
   * ids, where resuming from {@code after} would lose the records not yet written. With
   * exactly-once, a transaction ends only after a whole batch, so the offset committed with it is
   * {@code after}.
   */
  static List<SourceRecord> records(Map<String, ?> partition, String topic, List<RunEvent> batch,
      Map<String, ?> before, Map<String, ?> after, String vendorName) {
    List<SourceRecord> out = new ArrayList<>(batch.size());
    for (int i = 0; i < batch.size(); i++) {
      RunEvent e = batch.get(i);
      Map<String, ?> offset = i == batch.size() - 1 ? after : before;
      out.add(new SourceRecord(partition, offset, topic, null, KEY_SCHEMA, e.run().id(),
          VALUE_SCHEMA, value(e, vendorName), eventTime(e).toEpochMilli()));
    }
    return out;
  }

  /** The record value of an event. */
  static Struct value(RunEvent e, String vendorName) {
    Run run = e.run();
    Struct v = new Struct(VALUE_SCHEMA)
        .put("id", run.id())
        .put("vendor", vendorName)
        .put("flowId", run.flowId())
        .put("status", run.status().name())
        .put("rawStatus", run.rawStatus())
        .put("startedAt", date(run.startedAt()))
        .put("finishedAt", date(run.finishedAt()))
        .put("durationMs", run.duration() == null ? null : run.duration().toMillis())
        .put("trigger", run.trigger())
        .put("stepsCount", run.stepsCount())
        .put("parentRunId", run.parentRunId())
        .put("tags", List.copyOf(run.tags()))
        .put("event", e.type().name())
        .put("previousStatus", e.previousStatus() == null ? null : e.previousStatus().name())
        .put("retryOf", run.retryOf())
        .put("eventId", e.id())
        .put("observedAt", Date.from(e.observedAt()));
    FailedStep fs = run.failedStep();
    if (fs != null) {
      v.put("failedStep", new Struct(FAILED_STEP_SCHEMA).put("name", fs.name())
          .put("message", fs.message()));
    }
    return v;
  }

  /**
   * When the event's status took effect as the run tells it: its finish time once terminal, else
   * its start time; when the feed saw it if the run tells neither. The feed orders a batch by the
   * same time, and a replay gives the same timestamp.
   */
  static Instant eventTime(RunEvent e) {
    Run run = e.run();
    if (run.status().isTerminal() && run.finishedAt() != null) {
      return run.finishedAt();
    }
    return run.startedAt() != null ? run.startedAt() : e.observedAt();
  }

  private static Date date(Instant t) {
    return t == null ? null : Date.from(t);
  }
}
