package io.github.flowruns.benchmarks.baseline;

import com.google.gson.stream.JsonReader;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Hand-written baseline: an Activepieces list page with the fields of the generated {@code FlowRunPage}. */
public final class ActivepiecesPage {
  public List<Run> data;
  public String next;
  public String previous;

  /** One run, with the fields of the generated {@code FlowRun}. */
  public static final class Run {
    public String id;
    public OffsetDateTime created;
    public OffsetDateTime updated;
    public String projectId;
    public String flowId;
    public String flowVersionId;
    public String parentRunId;
    public Boolean failParentOnFailure;
    public String triggeredBy;
    public List<String> tags;
    public String flowVersionDisplayName;
    public String logsFileId;
    public String status;
    public OffsetDateTime startTime;
    public OffsetDateTime finishTime;
    public String environment;
    public PauseMetadata pauseMetadata;
    public Map<String, StepOutput> steps;
    public FailedStep failedStep;
    public Integer stepsCount;
    public OffsetDateTime archivedAt;
    public Map<String, Object> internalError;
    public Double duration;
    public Integer tasks;
    public String flowDisplayName;
    public String failedStepName;
  }

  /** Why a run waits. */
  public static final class PauseMetadata {
    public String type;
    public OffsetDateTime resumeDateTime;
    public String requestId;
    public String requestIdToReply;
    public Object response;
    public String handlerId;
    public String progressUpdateType;
  }

  /** One step's result. */
  public static final class StepOutput {
    public String type;
    public String status;
    public Map<String, Object> input;
    public Object output;
    public Double duration;
    public Object errorMessage;
  }

  /** Where a run failed. */
  public static final class FailedStep {
    public String name;
    public String displayName;
    public String message;
  }

  /**
   * Reads one page.
   *
   * @param in positioned before the page object
   * @return the page
   * @throws IOException on malformed JSON
   */
  public static ActivepiecesPage read(JsonReader in) throws IOException {
    return Read.fields(in, ActivepiecesPage::new, (page, field) -> {
      switch (field) {
        case "data" -> page.data = Read.array(in, ActivepiecesPage::run);
        case "next" -> page.next = Read.string(in);
        case "previous" -> page.previous = Read.string(in);
        default -> in.skipValue();
      }
    });
  }

  private static Run run(JsonReader in) throws IOException {
    return Read.fields(in, Run::new, (run, field) -> {
      switch (field) {
        case "id" -> run.id = Read.string(in);
        case "created" -> run.created = Read.dateTime(in);
        case "updated" -> run.updated = Read.dateTime(in);
        case "projectId" -> run.projectId = Read.string(in);
        case "flowId" -> run.flowId = Read.string(in);
        case "flowVersionId" -> run.flowVersionId = Read.string(in);
        case "parentRunId" -> run.parentRunId = Read.string(in);
        case "failParentOnFailure" -> run.failParentOnFailure = Read.bool(in);
        case "triggeredBy" -> run.triggeredBy = Read.string(in);
        case "tags" -> run.tags = Read.strings(in);
        case "flowVersion" -> {
          if (!Read.nextIsNull(in)) {
            in.beginObject();
            while (in.hasNext()) {
              if (in.nextName().equals("displayName")) {
                run.flowVersionDisplayName = Read.string(in);
              } else {
                in.skipValue();
              }
            }
            in.endObject();
          }
        }
        case "logsFileId" -> run.logsFileId = Read.string(in);
        case "status" -> run.status = Read.string(in);
        case "startTime" -> run.startTime = Read.dateTime(in);
        case "finishTime" -> run.finishTime = Read.dateTime(in);
        case "environment" -> run.environment = Read.string(in);
        case "pauseMetadata" -> run.pauseMetadata = pauseMetadata(in);
        case "steps" -> {
          if (!Read.nextIsNull(in)) {
            Map<String, StepOutput> steps = new LinkedHashMap<>();
            in.beginObject();
            while (in.hasNext()) {
              steps.put(in.nextName(), stepOutput(in));
            }
            in.endObject();
            run.steps = steps;
          }
        }
        case "failedStep" -> run.failedStep = failedStep(in);
        case "stepsCount" -> run.stepsCount = Read.intValue(in);
        case "archivedAt" -> run.archivedAt = Read.dateTime(in);
        case "internalError" -> run.internalError = Read.object(in);
        case "duration" -> run.duration = Read.doubleValue(in);
        case "tasks" -> run.tasks = Read.intValue(in);
        case "flowDisplayName" -> run.flowDisplayName = Read.string(in);
        case "failedStepName" -> run.failedStepName = Read.string(in);
        default -> in.skipValue();
      }
    });
  }

  private static PauseMetadata pauseMetadata(JsonReader in) throws IOException {
    return Read.fields(in, PauseMetadata::new, (pause, field) -> {
      switch (field) {
        case "type" -> pause.type = Read.string(in);
        case "resumeDateTime" -> pause.resumeDateTime = Read.dateTime(in);
        case "requestId" -> pause.requestId = Read.string(in);
        case "requestIdToReply" -> pause.requestIdToReply = Read.string(in);
        case "response" -> pause.response = Read.any(in);
        case "handlerId" -> pause.handlerId = Read.string(in);
        case "progressUpdateType" -> pause.progressUpdateType = Read.string(in);
        default -> in.skipValue();
      }
    });
  }

  private static StepOutput stepOutput(JsonReader in) throws IOException {
    return Read.fields(in, StepOutput::new, (step, field) -> {
      switch (field) {
        case "type" -> step.type = Read.string(in);
        case "status" -> step.status = Read.string(in);
        case "input" -> step.input = Read.object(in);
        case "output" -> step.output = Read.any(in);
        case "duration" -> step.duration = Read.doubleValue(in);
        case "errorMessage" -> step.errorMessage = Read.any(in);
        default -> in.skipValue();
      }
    });
  }

  private static FailedStep failedStep(JsonReader in) throws IOException {
    return Read.fields(in, FailedStep::new, (failed, field) -> {
      switch (field) {
        case "name" -> failed.name = Read.string(in);
        case "displayName" -> failed.displayName = Read.string(in);
        case "message" -> failed.message = Read.string(in);
        default -> in.skipValue();
      }
    });
  }
}
