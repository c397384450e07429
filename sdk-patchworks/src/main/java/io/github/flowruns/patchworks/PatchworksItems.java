package io.github.flowruns.patchworks;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonPrimitive;
import io.github.flowruns.FailedStep;
import io.github.flowruns.Run;
import io.github.flowruns.RunLog;
import io.github.flowruns.RunStatus;
import io.github.flowruns.patchworks.invoker.JSON;
import io.github.flowruns.patchworks.model.FlowRun;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads Patchworks items from the JSON as sent, where the generated models lose what the facade
 * needs: a status name as sent ({@code "SUCCESS"} stays {@code "SUCCESS"}), log items that come
 * flat or JSON:API-shaped with {@code message} as text or an array, and the error logs a run
 * carries with {@code include=errorWarningLogs}.
 */
final class PatchworksItems {
  /** The include that makes get-one carry the run's error and warning logs (seed 001). */
  static final String ERROR_LOGS_INCLUDE = "errorWarningLogs";

  /** Log levels that mean a step failed (PSR-3 / Laravel levels from error up). */
  private static final Set<String> ERROR_LEVELS =
      Set.of("error", "critical", "alert", "emergency", "fatal");

  private PatchworksItems() {}

  /**
   * A run, flat or JSON:API, with {@link Run#rawStatus()} exactly the text the vendor sent.
   *
   * @throws IllegalStateException if the item has no id (the transport reports it as unreadable)
   */
  static Run run(JsonObject item) {
    JsonElement status = fields(item).get("status");
    // The generated enum keeps "2" for a status sent as "SUCCESS"; the facade promises the text as
    // sent. Given to the mapper rather than set on a copy of its run: one Run per item, not two.
    return RunMapper.toRun(model(item),
        status != null && status.isJsonPrimitive() ? status.getAsString() : null);
  }

  /**
   * A run from a get-one answer (the {@code data} of {@code body}, or {@code body} itself), with
   * {@link Run#failedStep()} read from its error logs when it failed or partly failed.
   */
  static Run runWithFailedStep(JsonObject body, JsonObject item) {
    Run run = run(item);
    if (run.status() == RunStatus.FAILED || run.status() == RunStatus.PARTIALLY_SUCCEEDED) {
      FailedStep failed = failedStep(body, item);
      if (failed != null) {
        run = run.toBuilder().failedStep(failed).build();
      }
    }
    return run;
  }

  /** The generated model; an error log it cannot type does not cost the run. */
  private static FlowRun model(JsonObject item) {
    try {
      return JSON.getGson().fromJson(item, FlowRun.class);
    } catch (JsonParseException | IllegalArgumentException | IllegalStateException e) {
      if (!hasErrorLogs(item)) {
        throw e;
      }
      JsonObject copy = item.deepCopy();
      copy.remove("error_warning_logs");
      JsonElement attributes = copy.get("attributes");
      if (attributes != null && attributes.isJsonObject()) {
        attributes.getAsJsonObject().remove("error_warning_logs");
      }
      return JSON.getGson().fromJson(copy, FlowRun.class);
    }
  }

  private static boolean hasErrorLogs(JsonObject item) {
    return item.has("error_warning_logs") || fields(item).has("error_warning_logs");
  }

  /**
   * The first error-level entry of the run's error and warning logs: flat under
   * {@code error_warning_logs}, or JSON:API under {@code relationships.errorWarningLogs} with the
   * entries in the answer's top-level {@code included}. Its step is the entry's
   * {@code flow_step.name} when included, else its {@code flow_step_id}.
   */
  static FailedStep failedStep(JsonObject body, JsonObject item) {
    for (JsonObject log : errorLogs(body, item)) {
      JsonObject f = fields(log);
      String level = text(f.get("log_level"), text(f.get("level"), null));
      if (level == null || !ERROR_LEVELS.contains(level.toLowerCase(Locale.ROOT))) {
        continue;
      }
      String step = null;
      JsonElement flowStep = f.get("flow_step");
      if (flowStep != null && flowStep.isJsonObject()) {
        step = text(flowStep.getAsJsonObject().get("name"), null);
      }
      if (step == null) {
        step = text(f.get("flow_step_id"), null);
      }
      return FailedStep.of(step, message(f));
    }
    return null;
  }

  private static List<JsonObject> errorLogs(JsonObject body, JsonObject item) {
    List<JsonObject> logs = new ArrayList<>();
    for (JsonElement e : array(fields(item).get("error_warning_logs"), item.get("error_warning_logs"))) {
      if (e.isJsonObject()) {
        logs.add(e.getAsJsonObject());
      }
    }
    JsonElement relationships = item.get("relationships");
    JsonElement included = body.get("included");
    if (logs.isEmpty() && relationships != null && relationships.isJsonObject()
        && included != null && included.isJsonArray()) {
      JsonObject rel = relationships.getAsJsonObject();
      JsonElement link = rel.has(ERROR_LOGS_INCLUDE) ? rel.get(ERROR_LOGS_INCLUDE) : rel.get("error_warning_logs");
      JsonElement refs = link != null && link.isJsonObject() ? link.getAsJsonObject().get("data") : null;
      for (JsonElement ref : array(refs, null)) {
        String id = ref.isJsonObject() ? text(ref.getAsJsonObject().get("id"), null) : null;
        for (JsonElement candidate : included.getAsJsonArray()) {
          if (id != null && candidate.isJsonObject()
              && id.equals(text(candidate.getAsJsonObject().get("id"), null))
              && !"flow-runs".equals(text(candidate.getAsJsonObject().get("type"), null))) {
            logs.add(candidate.getAsJsonObject());
            break;
          }
        }
      }
    }
    return logs;
  }

  /**
   * A log entry, flat or JSON:API ({@code attributes.{log_level, log_message, created_at,
   * flow_step_id, payload_metadata_id}}); null for an item that is not an object. A field it
   * cannot read is left null rather than failing the page.
   *
   * @param runId the run that was asked for, used if the entry does not name its run
   */
  static RunLog log(JsonElement item, String runId) {
    if (item == null || !item.isJsonObject()) {
      return null;
    }
    JsonObject object = item.getAsJsonObject();
    JsonObject f = fields(object);
    return RunLog.builder()
        .id(text(object.get("id"), text(f.get("id"), null)))
        .runId(text(f.get("flow_run_id"), runId))
        .level(text(f.get("log_level"), text(f.get("level"), null)))
        .message(message(f))
        .createdAt(instant(f.get("created_at")))
        .stepId(text(f.get("flow_step_id"), null))
        .payloadId(text(f.get("payload_metadata_id"), null))
        .build();
  }

  /**
   * {@code log_message}, else {@code message}: a string as it is, an array as its items one per
   * line (strings as they are, anything else as JSON), an object as JSON.
   */
  static String message(JsonObject f) {
    String text = text(f.get("log_message"), null);
    if (text != null) {
      return text;
    }
    JsonElement message = f.get("message");
    if (message == null || message.isJsonNull()) {
      return null;
    }
    if (message.isJsonPrimitive()) {
      return message.getAsString();
    }
    if (message.isJsonArray()) {
      List<String> lines = new ArrayList<>();
      for (JsonElement part : message.getAsJsonArray()) {
        if (part.isJsonPrimitive()) {
          lines.add(part.getAsString());
        } else if (!part.isJsonNull()) {
          lines.add(part.toString());
        }
      }
      return lines.isEmpty() ? null : String.join("\n", lines);
    }
    return message.toString();
  }

  /** The item's fields: {@code attributes} in the JSON:API shape, else the item itself. */
  static JsonObject fields(JsonObject item) {
    JsonElement attributes = item.get("attributes");
    return attributes != null && attributes.isJsonObject() ? attributes.getAsJsonObject() : item;
  }

  private static Iterable<JsonElement> array(JsonElement first, JsonElement second) {
    JsonElement e = first != null && first.isJsonArray() ? first : second;
    return e != null && e.isJsonArray() ? e.getAsJsonArray() : new JsonArray();
  }

  /** A primitive as its text (a number as written: 42 stays "42"), else {@code otherwise}. */
  private static String text(JsonElement e, String otherwise) {
    if (e == null || !e.isJsonPrimitive()) {
      return otherwise;
    }
    String s = ((JsonPrimitive) e).getAsString();
    return s.isBlank() ? otherwise : s;
  }

  /**
   * A time read as the generated models read times (the same rules as a run's dates); null when
   * it cannot be read rather than failing the page.
   */
  private static Instant instant(JsonElement e) {
    if (text(e, null) == null) {
      return null;
    }
    try {
      OffsetDateTime time = JSON.getGson().fromJson(e, OffsetDateTime.class);
      return time == null ? null : time.toInstant();
    } catch (RuntimeException unreadable) {
      return null;
    }
  }
}
