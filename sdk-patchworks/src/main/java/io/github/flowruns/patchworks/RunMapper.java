package io.github.flowruns.patchworks;

import io.github.flowruns.Run;
import io.github.flowruns.Vendor;
import io.github.flowruns.patchworks.model.FlowRun;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;

/**
 * Turns generated Patchworks models into facade values. A run may arrive flat
 * ({@code {"id":1,"status":3,...}}) or in the JSON:API shape the vendor's own tooling reads
 * ({@code {"id":"1","type":"flow-runs","attributes":{...},"relationships":{"flow":{"data":{"id":"7"}}}}});
 * both give the same {@link Run}.
 */
final class RunMapper {
  private RunMapper() {}

  /**
   * Maps a run in either shape.
   *
   * @throws IllegalStateException if the item has no id (the transport reports it as unreadable)
   */
  static Run toRun(FlowRun item) {
    FlowRun fields = item.getAttributes() != null ? item.getAttributes() : item;
    Long id = item.getId() != null ? item.getId() : fields.getId();
    if (id == null) {
      throw new IllegalStateException("a Patchworks flow run without an id");
    }
    Run.Builder run = Run.builder()
        .vendor(Vendor.PATCHWORKS)
        .id(Long.toString(id))
        .flowId(flowId(item, fields))
        .status(PatchworksStatuses.toRunStatus(fields.getStatus()))
        .rawStatus(fields.getStatus() == null ? null : fields.getStatus().raw())
        .trigger(fields.getTrigger() == null ? null : fields.getTrigger().raw())
        .startedAt(instant(fields.getStartedAt()))
        .finishedAt(instant(fields.getFinishedAt()))
        .retryOf(fields.getRetryFlowRunId() == null ? null : Long.toString(fields.getRetryFlowRunId()))
        .raw(item);
    Double millis = fields.getDuration();
    if (millis != null && Double.isFinite(millis) && millis >= 0) {
      // The unit is inferred (milliseconds); without it, Run computes finished - started.
      run.duration(Duration.ofMillis(Math.round(millis)));
    }
    return run.build();
  }

  /** {@code flow_id}, else {@code relationships.flow.data.id}, else the included {@code flow.id}. */
  private static String flowId(FlowRun item, FlowRun fields) {
    if (fields.getFlowId() != null) {
      return Long.toString(fields.getFlowId());
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

  private static Object member(Object object, String name) {
    return object instanceof Map<?, ?> map ? map.get(name) : null;
  }

  private static String idOf(Object object) {
    return text(member(object, "id"));
  }

  /** An id as text; Gson reads numbers inside untyped maps as doubles, so 314.0 becomes "314". */
  static String text(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof Number number) {
      BigDecimal decimal = new BigDecimal(number.toString()).stripTrailingZeros();
      return decimal.scale() <= 0 ? decimal.toBigInteger().toString() : decimal.toPlainString();
    }
    String text = value.toString();
    return text.isBlank() ? null : text;
  }

  private static Instant instant(OffsetDateTime time) {
    return time == null ? null : time.toInstant();
  }
}
