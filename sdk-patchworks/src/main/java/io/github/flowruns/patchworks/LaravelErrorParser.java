package io.github.flowruns.patchworks;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.flowruns.internal.ErrorBodyParser;
import io.github.flowruns.internal.VendorError;
import java.util.Map;

/**
 * Reads the Laravel error body Patchworks answers with: {@code {"message": "...", "errors":
 * {"field": ["...", ...]}}} (422), {@code {"message": "Unauthenticated."}} (401). Laravel sends no
 * error code; a {@code code} member, if a proxy adds one, is kept. Anything else reads as nothing,
 * and the HTTP status alone decides.
 */
final class LaravelErrorParser implements ErrorBodyParser {

  @Override
  public VendorError parse(int httpStatus, String contentType, String body) {
    JsonElement root = JsonParser.parseString(body);
    if (!root.isJsonObject()) {
      return VendorError.empty();
    }
    JsonObject object = root.getAsJsonObject();
    VendorError.Builder error = VendorError.builder()
        .message(string(object.get("message")))
        .code(string(object.get("code")));
    JsonElement errors = object.get("errors");
    if (errors != null && errors.isJsonObject()) {
      for (Map.Entry<String, JsonElement> field : errors.getAsJsonObject().entrySet()) {
        JsonElement messages = field.getValue();
        if (messages.isJsonArray()) {
          for (JsonElement message : messages.getAsJsonArray()) {
            error.fieldError(field.getKey(), string(message));
          }
        } else {
          error.fieldError(field.getKey(), string(messages));
        }
      }
    }
    return error.build();
  }

  private static String string(JsonElement element) {
    return element != null && element.isJsonPrimitive() ? element.getAsString() : null;
  }
}
