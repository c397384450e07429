package io.github.flowruns.patchworks;

import io.github.flowruns.Run;
import io.github.flowruns.RunStatus;
import io.github.flowruns.Vendor;
import io.github.flowruns.internal.StatusTable;
import io.github.flowruns.internal.Times;
import io.github.flowruns.patchworks.model.FlowRun;
import io.github.flowruns.patchworks.model.FlowRunStatus;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;

/**
 * Turns generated Patchworks models into facade values. A run may arrive flat
 * ({@code {"id":1,"status":3,...}}) or in the JSON:API shape the vendor's own tooling reads
 * ({@code {"id":"1","type":"flow-runs","attributes":{...},"relationships":{"flow":{"data":{"id":"7"}}}}});
 * both give the same {@link Run}.
 */
final class RunMapper {
  /**
   * The Patchworks column of the status table, in code order: 1 STARTED running, 2 SUCCESS
   * succeeded, 3 FAILURE failed, 4 STOPPED cancelled, 5 PARTIAL_SUCCESS partially succeeded,
   * anything else unknown. A name in any case reads as its code (the generated enum does that).
   */
  static final StatusTable<FlowRunStatus> STATUSES = StatusTable.builder(FlowRunStatus::raw)
      .map(RunStatus.RUNNING, FlowRunStatus.STARTED).map(RunStatus.SUCCEEDED, FlowRunStatus.SUCCESS)
      .map(RunStatus.FAILED, FlowRunStatus.FAILURE).map(RunStatus.CANCELLED, FlowRunStatus.STOPPED)
      .map(RunStatus.PARTIALLY_SUCCEEDED, FlowRunStatus.PARTIAL_SUCCESS).build();
  /** The first double at which {@code Math.round} clamps to {@code Long.MAX_VALUE}. */
  private static final double MAX_MILLIS = 0x1p63;

  private RunMapper() {}

  /**
   * Maps a run in either shape, with the status text as the vendor sent it, where known.
   *
   * @param sentStatus the status as sent, or null to take the generated enum's text
   * @throws IllegalStateException if the item has no id (the transport reports it as unreadable)
   */
  static Run toRun(FlowRun item, String sentStatus) {
    FlowRun fields = item.getAttributes() != null ? item.getAttributes() : item;
    String id = idText(item.getId(), item.getAdditionalProperties(), "id");
    if (id == null) {
      id = idText(fields.getId(), fields.getAdditionalProperties(), "id");
    }
    if (id == null) {
      throw new IllegalStateException("a Patchworks flow run without an id");
    }
    Run.Builder run = Run.builder()
        .vendor(Vendor.PATCHWORKS)
        .id(id)
        .flowId(flowId(item, fields))
        .status(STATUSES.toRunStatus(fields.getStatus()))
        .rawStatus(sentStatus != null ? sentStatus
            : fields.getStatus() == null ? null : fields.getStatus().raw())
        .trigger(fields.getTrigger() == null ? null : fields.getTrigger().raw())
        .startedAt(Times.instant(fields.getStartedAt()))
        .finishedAt(Times.instant(fields.getFinishedAt()))
        .retryOf(fields.getRetryFlowRunId() == null ? null : Long.toString(fields.getRetryFlowRunId()))
        .raw(item);
    Double millis = fields.getDuration();
    // Past Long.MAX_VALUE milliseconds Math.round would clamp: null then, the value stays in the model.
    if (millis != null && Double.isFinite(millis) && millis >= 0 && millis < MAX_MILLIS) {
      // The unit is inferred (milliseconds); without it, Run computes finished - started.
      run.duration(Duration.ofMillis(Math.round(millis)));
    }
    return run.build();
  }

  /** {@code flow_id}, else {@code relationships.flow.data.id}, else the included {@code flow.id}. */
  private static String flowId(FlowRun item, FlowRun fields) {
    String own = idText(fields.getFlowId(), fields.getAdditionalProperties(), "flow_id");
    if (own != null) {
      return own;
    }
    Map<String, Object> relationships = item.getRelationships();
    if (relationships != null) {
      String id = idOf(member(relationships.get("flow"), "data"));
      if (id != null) {
        return id;
      }
    }
    return idOf(fields.getFlow());
  }

  /**
   * An id field as text: its value, else the exact JSON text the generated model kept for a value
   * a {@code Long} cannot hold ({@code 9999999999999999999999}, {@code 1e3}), so no id ever
   * becomes another id.
   */
  static String idText(Long value, Map<String, Object> additional, String jsonName) {
    if (value != null) {
      return value.toString();
    }
    return additional == null ? null : text(additional.get(jsonName));
  }

  private static Object member(Object object, String name) {
    return object instanceof Map<?, ?> map ? map.get(name) : null;
  }

  private static String idOf(Object object) {
    return text(member(object, "id"));
  }

  /**
   * An id as text. The generated models keep untyped numbers with their exact JSON text
   * ({@code LazilyParsedNumber}), which is the id; a double (from elsewhere) is written without
   * its ".0".
   */
  static String text(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof Double || value instanceof Float) {
      Number number = (Number) value;
      BigDecimal decimal = new BigDecimal(number.toString()).stripTrailingZeros();
      return decimal.scale() <= 0 ? decimal.toBigInteger().toString() : decimal.toPlainString();
    }
    String text = value.toString();
    return text.isBlank() ? null : text;
  }
}
