package io.github.flowruns.flowstack;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.flowruns.internal.ErrorBodyParser;
import io.github.flowruns.internal.VendorError;
import java.util.Map;

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
    JsonElement root = JsonParser.parseString(body);
    if (!root.isJsonObject()) {
      return VendorError.empty();
    }
    JsonObject obj = root.getAsJsonObject();
    JsonElement error = obj.get("error");
    VendorError.Builder out = VendorError.builder();
    String message = null;
    if (error != null && error.isJsonObject()) {
      JsonObject e = error.getAsJsonObject();
      out.code(text(e.get("code")));
      message = text(e.get("message"));
      readDetails(e.get("details"), out);
    } else {
      message = text(error);
    }
    out.message(message != null ? message : text(obj.get("message")));
    return out.build();
  }

  private static void readDetails(JsonElement details, VendorError.Builder out) {
    if (details == null || details.isJsonNull()) {
      return;
    }
    if (details.isJsonObject()) {
      for (Map.Entry<String, JsonElement> f : details.getAsJsonObject().entrySet()) {
        addMessages(f.getKey(), f.getValue(), out);
      }
    } else if (details.isJsonArray()) {
      for (JsonElement item : details.getAsJsonArray()) {
        if (!item.isJsonObject()) {
          continue;
        }
        JsonObject d = item.getAsJsonObject();
        String field = firstText(d, "field", "path", "param");
        if (field != null) {
          addMessages(field, d.get("message"), out);
        }
      }
    }
  }

  private static void addMessages(String field, JsonElement value, VendorError.Builder out) {
    if (value == null) {
      return;
    }
    if (value.isJsonArray()) {
      JsonArray a = value.getAsJsonArray();
      for (JsonElement m : a) {
        out.fieldError(field, text(m));
      }
    } else {
      out.fieldError(field, text(value));
    }
  }

  private static String firstText(JsonObject o, String... names) {
    for (String n : names) {
      String t = text(o.get(n));
      if (t != null) {
        return t;
      }
    }
    return null;
  }

  private static String text(JsonElement e) {
    if (e == null || e.isJsonNull() || !e.isJsonPrimitive()) {
      return null;
    }
    String s = e.getAsString();
    return s.isBlank() ? null : s;
  }
}
