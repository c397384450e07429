package io.github.flowruns.benchmarks.baseline;

import com.google.gson.stream.JsonReader;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/** Hand-written baseline: a FlowStack list page with the fields of the generated {@code FlowRunPage}. */
public final class FlowStackPage {
  public List<Run> data;
  public String cursor;
  public Boolean hasMore;

  /** One run, with the fields of the generated {@code FlowRun}. */
  public static final class Run {
    public String id;
    public String flowId;
    public String status;
    public Long duration;
    public String triggerType;
    public OffsetDateTime startTime;
    public OffsetDateTime finishTime;
    public Integer stepsCount;
    public Integer stepsSucceeded;
    public String errorStep;
    public String errorMessage;
    public List<Step> steps;
  }

  /** One step's result. */
  public static final class Step {
    public String name;
    public String status;
    public Long duration;
    public Map<String, Object> output;
    public String error;
  }

  /**
   * Reads one page.
   *
   * @param in positioned before the page object
   * @return the page
   * @throws IOException on malformed JSON
   */
  // CPD-OFF: from here to the first case of run(), this file has the shape of ActivepiecesPage
  // (a page reader followed by its run reader, both on Read.fields); the shared loop is in Read.
  public static FlowStackPage read(JsonReader in) throws IOException {
    return Read.fields(in, FlowStackPage::new, (page, field) -> {
      switch (field) {
        case "data" -> page.data = Read.array(in, FlowStackPage::run);
        case "cursor" -> page.cursor = Read.string(in);
        case "hasMore" -> page.hasMore = Read.bool(in);
        default -> in.skipValue();
      }
    });
  }

  private static Run run(JsonReader in) throws IOException {
    return Read.fields(in, Run::new, (run, field) -> {
      switch (field) {
        case "id" -> run.id = Read.string(in);
        // CPD-ON
        case "flowId" -> run.flowId = Read.string(in);
        case "status" -> run.status = Read.string(in);
        case "duration" -> run.duration = Read.longValue(in);
        case "triggerType" -> run.triggerType = Read.string(in);
        case "startTime" -> run.startTime = Read.dateTime(in);
        case "finishTime" -> run.finishTime = Read.dateTime(in);
        case "stepsCount" -> run.stepsCount = Read.intValue(in);
        case "stepsSucceeded" -> run.stepsSucceeded = Read.intValue(in);
        case "error" -> {
          if (!Read.nextIsNull(in)) {
            in.beginObject();
            while (in.hasNext()) {
              switch (in.nextName()) {
                case "step" -> run.errorStep = Read.string(in);
                case "message" -> run.errorMessage = Read.string(in);
                default -> in.skipValue();
              }
            }
            in.endObject();
          }
        }
        case "steps" -> run.steps = Read.array(in, FlowStackPage::step);
        default -> in.skipValue();
      }
    });
  }

  private static Step step(JsonReader in) throws IOException {
    return Read.fields(in, Step::new, (step, field) -> {
      switch (field) {
        case "name" -> step.name = Read.string(in);
        case "status" -> step.status = Read.string(in);
        case "duration" -> step.duration = Read.longValue(in);
        case "output" -> step.output = Read.object(in);
        case "error" -> step.error = Read.string(in);
        default -> in.skipValue();
      }
    });
  }
}
