package io.github.flowruns.flowstack;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.github.flowruns.internal.ErrorBodies;
import io.github.flowruns.internal.ErrorBodyParser;
import io.github.flowruns.internal.VendorError;

/**
 * Reads FlowStack's error body {@code {"error": {"code": "NOT_FOUND", "message": "...",
 * "statusCode": 404}}}. The HTTP status decides the exception class; the body gives code and
 * message.
 *
 * <p>FlowStack documents no per-field detail for VALIDATION_ERROR. Where a body carries
 * {@code error.details} (an object of field to message(s), or an array of {@code {field|path|param,
 * message}}), it is read into field errors; this is an inference from common API practice, and a
 * body without it simply has none. An {@code error} that is a plain string, or a top-level
 * {@code message}, is taken as the message.
 */
final class FlowStackErrorParser implements ErrorBodyParser {

  @Override
  public VendorError parse(int httpStatus, String contentType, String body) {
    JsonObject obj = ErrorBodies.object(body);
    if (obj == null) {
      return VendorError.empty();
    }
    JsonElement error = obj.get("error");
    VendorError.Builder out = VendorError.builder();
    String message = null;
    if (error != null && error.isJsonObject()) {
      JsonObject e = error.getAsJsonObject();
      out.code(ErrorBodies.nonBlank(e.get("code")));
      message = ErrorBodies.nonBlank(e.get("message"));
      readDetails(e.get("details"), out);
    } else {
      message = ErrorBodies.nonBlank(error);
    }
    out.message(message != null ? message : ErrorBodies.nonBlank(obj.get("message")));
    return out.build();
  }

  private static void readDetails(JsonElement details, VendorError.Builder out) {
    if (details != null && details.isJsonArray()) {
      for (JsonElement item : details.getAsJsonArray()) {
        if (item.isJsonObject()) {
          JsonObject d = item.getAsJsonObject();
          String field = ErrorBodies.firstText(d, "field", "path", "param");
          if (field != null) {
            ErrorBodies.fieldError(out, field, d.get("message"));
          }
        }
      }
    } else {
      ErrorBodies.fieldErrors(out, details);
    }
  }
}
