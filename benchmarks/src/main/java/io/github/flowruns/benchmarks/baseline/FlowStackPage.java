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
  public static FlowStackPage read(JsonReader in) throws IOException {
    FlowStackPage page = new FlowStackPage();
    in.beginObject();
    while (in.hasNext()) {
      switch (in.nextName()) {
        case "data" -> page.data = Read.array(in, FlowStackPage::run);
        case "cursor" -> page.cursor = Read.string(in);
        case "hasMore" -> page.hasMore = Read.bool(in);
        default -> in.skipValue();
      }
    }
    in.endObject();
    return page;
  }

  private static Run run(JsonReader in) throws IOException {
    if (Read.nextIsNull(in)) {
      return null;
    }
    Run run = new Run();
    in.beginObject();
    while (in.hasNext()) {
      switch (in.nextName()) {
        case "id" -> run.id = Read.string(in);
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
    }
    in.endObject();
    return run;
  }

  private static Step step(JsonReader in) throws IOException {
    if (Read.nextIsNull(in)) {
      return null;
    }
    Step step = new Step();
    in.beginObject();
    while (in.hasNext()) {
      switch (in.nextName()) {
        case "name" -> step.name = Read.string(in);
        case "status" -> step.status = Read.string(in);
        case "duration" -> step.duration = Read.longValue(in);
        case "output" -> step.output = Read.object(in);
        case "error" -> step.error = Read.string(in);
        default -> in.skipValue();
      }
    }
    in.endObject();
    return step;
  }
}
