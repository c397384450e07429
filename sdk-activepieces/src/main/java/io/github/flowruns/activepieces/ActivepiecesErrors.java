package io.github.flowruns.activepieces;

import com.google.gson.JsonObject;
import io.github.flowruns.ErrorDetails;
import io.github.flowruns.internal.ErrorBodies;
import io.github.flowruns.internal.ErrorBodyParser;
import io.github.flowruns.internal.VendorError;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the two error shapes of an Activepieces server.
 *
 * <ul>
 *   <li>Activepieces' own: {@code {"code": "ENTITY_NOT_FOUND", "params": {..., "message": "..."}}}
 *       gives the code, and {@code params.message} (else the code and the params) as the
 *       message. Older servers' {@code FLOW_RUN_NOT_FOUND}, sent as 400, is a not-found. A 409 is the
 *       server's VALIDATION error, so it becomes an {@code InvalidRequestException}, not a
 *       conflict.</li>
 *   <li>The web framework's, for requests that fail schema validation:
 *       {@code {"statusCode": 400, "code": "FST_ERR_VALIDATION", "error": "Bad Request",
 *       "message": "body/strategy must be equal to one of the allowed values"}} gives code and
 *       message, and the field the message names ({@code strategy}; {@code projectId} for
 *       "querystring must have required property 'projectId'") as a field error.</li>
 * </ul>
 */
final class ActivepiecesErrors implements ErrorBodyParser {
  private static final Pattern FRAMEWORK_FIELD =
      Pattern.compile("^(?:body|querystring|params|headers)(/\\S*)? (must .*)$");
  private static final Pattern REQUIRED = Pattern.compile("must have required property '([^']+)'");

  @Override
  public VendorError parse(int httpStatus, String contentType, String body) {
    JsonObject o = ErrorBodies.object(body);
    if (o == null) {
      return VendorError.empty();
    }
    VendorError.Builder b = VendorError.builder();
    if (o.has("statusCode") || (o.has("message") && !o.has("params"))) {
      String message = ErrorBodies.firstText(o, "message");
      b.code(ErrorBodies.firstText(o, "code"))
          .message(message != null ? message : ErrorBodies.firstText(o, "error"));
      fieldFromFrameworkMessage(b, message);
    } else {
      String code = ErrorBodies.firstText(o, "code");
      String message = null;
      if (o.has("params") && o.get("params").isJsonObject()) {
        message = ErrorBodies.firstText(o.getAsJsonObject("params"), "message");
      }
      if (message == null && o.has("params") && o.get("params").isJsonObject()
          && o.getAsJsonObject("params").size() > 0) {
        // e.g. FLOW_RUN_RETRY_OUTSIDE_RETENTION carries only {flowRunId, failedJobRetentionDays}.
        message = code + " " + o.get("params");
      }
      b.code(code).message(message != null ? message : code);
      if ("FLOW_RUN_NOT_FOUND".equals(code)) {
        // Older servers: the code had no status of its own, so it arrived as 400.
        b.kind(ErrorDetails.Kind.NOT_FOUND);
      }
    }
    if (httpStatus == 409) {
      b.kind(ErrorDetails.Kind.INVALID_REQUEST);
    }
    return b.build();
  }

  private static void fieldFromFrameworkMessage(VendorError.Builder b, String message) {
    if (message == null) {
      return;
    }
    Matcher m = FRAMEWORK_FIELD.matcher(message.trim());
    if (!m.matches()) {
      return;
    }
    String path = m.group(1) == null ? "" : m.group(1).replaceAll("^/+", "").replace('/', '.');
    String rule = m.group(2);
    Matcher required = REQUIRED.matcher(rule);
    if (required.find()) {
      path = path.isEmpty() ? required.group(1) : path + "." + required.group(1);
    }
    if (!path.isEmpty()) {
      b.fieldError(path, rule);
    }
  }
}
