package io.github.flowruns.benchmarks.baseline;

import com.google.gson.stream.JsonReader;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/** Hand-written baseline: a Patchworks list page with the fields of the generated {@code FlowRunList}. */
public final class PatchworksPage {
  public List<Run> data;
  public Meta meta;
  public Links links;

  /** One run, flat or JSON:API ({@code attributes}); the fields of the generated {@code FlowRun}. */
  public static final class Run {
    public Long id;
    public String name;
    public String payloadId;
    public String stepsName;
    public String status;
    public OffsetDateTime createdAt;
    public OffsetDateTime updatedAt;
    public Long flowId;
    public Long flowVersionId;
    public Object virtualEnvironmentVersion;
    public Long userId;
    public String trigger;
    public String summary;
    public OffsetDateTime startedAt;
    public OffsetDateTime finishedAt;
    public Double duration;
    public Long retryFlowRunId;
    public List<Object> retriedFlowRun;
    public Object hasWarnings;
    public List<Object> flowRunLogs;
    public Object flow;
    public Object flowVersion;
    public Object metrics;
    public String cpuTime;
    public String payloadSize;
    public String operationsSent;
    public String operationsReceived;
    public String score;
    public Integer startingPayloadCount;
    public String startingPayloadSize;
    public String flowStepsWithErrors;
    public String type;
    public Run attributes;
    public Map<String, Object> relationships;
  }

  /** Laravel {@code meta}. */
  public static final class Meta {
    public Integer currentPage;
    public Integer from;
    public Integer lastPage;
    public String path;
    public Integer perPage;
    public Integer to;
    public Long total;
  }

  /** Laravel {@code links}. */
  public static final class Links {
    public String first;
    public String last;
    public String prev;
    public String next;
  }

  /**
   * Reads one page.
   *
   * @param in positioned before the page object
   * @return the page
   * @throws IOException on malformed JSON
   */
  public static PatchworksPage read(JsonReader in) throws IOException {
    return Read.fields(in, PatchworksPage::new, (page, field) -> {
      switch (field) {
        case "data" -> page.data = Read.array(in, PatchworksPage::run);
        case "meta" -> page.meta = meta(in);
        case "links" -> page.links = links(in);
        default -> in.skipValue();
      }
    });
  }

  static Run run(JsonReader in) throws IOException {
    return Read.fields(in, Run::new, (run, field) -> {
      switch (field) {
        case "id" -> run.id = Read.longValue(in);
        case "name" -> run.name = Read.string(in);
        case "payload.id" -> run.payloadId = Read.string(in);
        case "steps.name" -> run.stepsName = Read.string(in);
        case "status" -> run.status = Read.string(in);
        case "created_at" -> run.createdAt = Read.dateTime(in);
        case "updated_at" -> run.updatedAt = Read.dateTime(in);
        case "flow_id" -> run.flowId = Read.longValue(in);
        case "flow_version_id" -> run.flowVersionId = Read.longValue(in);
        case "virtual_environment_version" -> run.virtualEnvironmentVersion = Read.any(in);
        case "user_id" -> run.userId = Read.longValue(in);
        case "trigger" -> run.trigger = Read.string(in);
        case "summary" -> run.summary = Read.string(in);
        case "started_at" -> run.startedAt = Read.dateTime(in);
        case "finished_at" -> run.finishedAt = Read.dateTime(in);
        case "duration" -> run.duration = Read.doubleValue(in);
        case "retry_flow_run_id" -> run.retryFlowRunId = Read.longValue(in);
        case "retried_flow_run" -> run.retriedFlowRun = Read.list(in);
        case "has_warnings" -> run.hasWarnings = Read.any(in);
        case "flow_run_logs" -> run.flowRunLogs = Read.list(in);
        case "flow" -> run.flow = Read.any(in);
        case "flow_version" -> run.flowVersion = Read.any(in);
        case "metrics" -> run.metrics = Read.any(in);
        case "cpu_time" -> run.cpuTime = Read.string(in);
        case "payload_size" -> run.payloadSize = Read.string(in);
        case "operations_sent" -> run.operationsSent = Read.string(in);
        case "operations_received" -> run.operationsReceived = Read.string(in);
        case "score" -> run.score = Read.string(in);
        case "starting_payload_count" -> run.startingPayloadCount = Read.intValue(in);
        case "starting_payload_size" -> run.startingPayloadSize = Read.string(in);
        case "flow_steps_with_errors" -> run.flowStepsWithErrors = Read.string(in);
        case "type" -> run.type = Read.string(in);
        case "attributes" -> run.attributes = run(in);
        case "relationships" -> run.relationships = Read.object(in);
        default -> in.skipValue();
      }
    });
  }

  private static Meta meta(JsonReader in) throws IOException {
    return Read.fields(in, Meta::new, (meta, field) -> {
      switch (field) {
        case "current_page" -> meta.currentPage = Read.intValue(in);
        case "from" -> meta.from = Read.intValue(in);
        case "last_page" -> meta.lastPage = Read.intValue(in);
        case "path" -> meta.path = Read.string(in);
        case "per_page" -> meta.perPage = Read.intValue(in);
        case "to" -> meta.to = Read.intValue(in);
        case "total" -> meta.total = Read.longValue(in);
        default -> in.skipValue();
      }
    });
  }

  private static Links links(JsonReader in) throws IOException {
    return Read.fields(in, Links::new, (links, field) -> {
      switch (field) {
        case "first" -> links.first = Read.string(in);
        case "last" -> links.last = Read.string(in);
        case "prev" -> links.prev = Read.string(in);
        case "next" -> links.next = Read.string(in);
        default -> in.skipValue();
      }
    });
  }
}
