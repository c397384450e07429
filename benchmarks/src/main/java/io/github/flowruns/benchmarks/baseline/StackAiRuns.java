package io.github.flowruns.benchmarks.baseline;

import com.google.gson.stream.JsonReader;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.List;

/** Hand-written baseline: a StackAI list page (a bare array) with the fields of {@code FlowRunSummary}. */
public final class StackAiRuns {
  private StackAiRuns() {}

  /** One run summary. */
  public static final class Run {
    public String runId;
    public String conversationId;
    public OffsetDateTime date;
    public Boolean isFlowSuccessful;
    public String state;
    public String error;
    public Double latency;
    public Long totalTokens;
    public String userId;
    public String inputs;
    public String outputs;
    public String llms;
    public String feedback;
    public String runType;
    public String ranByType;
    public String ranById;
    public String ranByDisplayName;
    public String parentRunId;
    public String parentProjectId;
    public String parentProjectName;
    public List<LlmUsage> llmUsage;
  }

  /** One LLM call of a run. */
  public static final class LlmUsage {
    public String provider;
    public String modelId;
    public Long tokens;
    public Long inputTokens;
    public Long outputTokens;
    public String connectionId;
    public String connectionOrigin;
    public Boolean isLocalModel;
    public Boolean shouldCharge;
  }

  /**
   * Reads one page.
   *
   * @param in positioned before the array
   * @return the runs, or null for JSON null
   * @throws IOException on malformed JSON
   */
  public static List<Run> read(JsonReader in) throws IOException {
    return Read.array(in, StackAiRuns::run);
  }

  private static Run run(JsonReader in) throws IOException {
    return Read.fields(in, Run::new, (run, field) -> {
      switch (field) {
        case "run_id" -> run.runId = Read.string(in);
        case "conversation_id" -> run.conversationId = Read.string(in);
        case "date" -> run.date = Read.dateTime(in);
        case "is_flow_successful" -> run.isFlowSuccessful = Read.bool(in);
        case "state" -> run.state = Read.string(in);
        case "error" -> run.error = Read.string(in);
        case "latency" -> run.latency = Read.doubleValue(in);
        case "total_tokens" -> run.totalTokens = Read.longValue(in);
        case "user_id" -> run.userId = Read.string(in);
        case "inputs" -> run.inputs = Read.string(in);
        case "outputs" -> run.outputs = Read.string(in);
        case "llms" -> run.llms = Read.string(in);
        case "feedback" -> run.feedback = Read.string(in);
        case "run_type" -> run.runType = Read.string(in);
        case "ran_by_type" -> run.ranByType = Read.string(in);
        case "ran_by_id" -> run.ranById = Read.string(in);
        case "ran_by_display_name" -> run.ranByDisplayName = Read.string(in);
        case "parent_run_id" -> run.parentRunId = Read.string(in);
        case "parent_project_id" -> run.parentProjectId = Read.string(in);
        case "parent_project_name" -> run.parentProjectName = Read.string(in);
        case "llm_usage" -> run.llmUsage = Read.array(in, StackAiRuns::llmUsage);
        default -> in.skipValue();
      }
    });
  }

  private static LlmUsage llmUsage(JsonReader in) throws IOException {
    return Read.fields(in, LlmUsage::new, (usage, field) -> {
      switch (field) {
        case "provider" -> usage.provider = Read.string(in);
        case "model_id" -> usage.modelId = Read.string(in);
        case "tokens" -> usage.tokens = Read.longValue(in);
        case "input_tokens" -> usage.inputTokens = Read.longValue(in);
        case "output_tokens" -> usage.outputTokens = Read.longValue(in);
        case "connection_id" -> usage.connectionId = Read.string(in);
        case "connection_origin" -> usage.connectionOrigin = Read.string(in);
        case "is_local_model" -> usage.isLocalModel = Read.bool(in);
        case "should_charge" -> usage.shouldCharge = Read.bool(in);
        default -> in.skipValue();
      }
    });
  }
}
