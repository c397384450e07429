package io.github.flowruns.internal;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.Map;

/**
 * The skeleton every vendor's {@link ErrorBodyParser} shares: read the body as lenient JSON, take
 * text from primitives only, and read field errors given as {@code {"field": "message"}} or
 * {@code {"field": ["message", ...]}}. What a vendor's shape adds (where code and message sit,
 * other kinds of field lists, an exception kind) stays in the vendor's parser. A body that is not
 * a JSON object reads as nothing and the HTTP status alone decides. Not API.
 *
 * <pre>{@code
 * ErrorBodyParser laravel = (status, contentType, body) -> {
 *   JsonObject o = ErrorBodies.object(body);
 *   if (o == null) {
 *     return VendorError.empty();
 *   }
 *   VendorError.Builder error = VendorError.builder().message(ErrorBodies.text(o.get("message")));
 *   ErrorBodies.fieldErrors(error, o.get("errors"));
 *   return error.build();
 * };
 * }</pre>
 */
public final class ErrorBodies {
  private ErrorBodies() {}

  /**
   * The body as a JSON object (read leniently, as Gson reads any answer).
   *
   * @param body the body text
   * @return the object, or null for JSON of another kind
   * @throws com.google.gson.JsonParseException for a body that is not JSON (the caller falls back
   *     to the HTTP status)
   */
  public static JsonObject object(String body) {
    JsonElement root = JsonParser.parseString(body);
    return root.isJsonObject() ? root.getAsJsonObject() : null;
  }

  /**
   * @param element a member, may be null
   * @return a primitive's text, else null (an object or array is no text)
   */
  public static String text(JsonElement element) {
    return element != null && element.isJsonPrimitive() ? element.getAsString() : null;
  }

  /**
   * @param element a member, may be null
   * @return a primitive's text unless blank, else null
   */
  public static String nonBlank(JsonElement element) {
    String text = text(element);
    return text == null || text.isBlank() ? null : text;
  }

  /**
   * @param object an object, may be null
   * @param names member names, in order of preference
   * @return the first non-blank text among them, or null
   */
  public static String firstText(JsonObject object, String... names) {
    if (object == null) {
      return null;
    }
    for (String name : names) {
      String text = nonBlank(object.get(name));
      if (text != null) {
        return text;
      }
    }
    return null;
  }

  /**
   * Adds the field errors of an object of field to message, or to a list of messages (Laravel's
   * {@code errors}); anything else adds nothing. Blank messages say nothing and are skipped.
   *
   * @param error the error being built
   * @param fields the object, may be null
   */
  public static void fieldErrors(VendorError.Builder error, JsonElement fields) {
    if (fields == null || !fields.isJsonObject()) {
      return;
    }
    for (Map.Entry<String, JsonElement> field : fields.getAsJsonObject().entrySet()) {
      fieldError(error, field.getKey(), field.getValue());
    }
  }

  /**
   * Adds one field's message, or each of a list of messages.
   *
   * @param error the error being built
   * @param field the field name
   * @param messages a message or a list of messages, may be null
   */
  public static void fieldError(VendorError.Builder error, String field, JsonElement messages) {
    if (messages == null) {
      return;
    }
    if (messages.isJsonArray()) {
      for (JsonElement message : messages.getAsJsonArray()) {
        error.fieldError(field, nonBlank(message));
      }
    } else {
      error.fieldError(field, nonBlank(messages));
    }
  }
}
