package io.github.flowruns.analytics;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.github.flowruns.internal.ErrorBodies;
import io.github.flowruns.internal.ErrorBodyParser;
import io.github.flowruns.internal.VendorError;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads StackAI's FastAPI error bodies.
 *
 * <ul>
 *   <li>{@code {"detail": "Flow not found"}}: the message.</li>
 *   <li>{@code {"detail": [{"loc": ["query", "page_size"], "msg": "...", "type": "..."}]}} (422):
 *       one field error per item, keyed by {@code loc} joined with {@code "."} without its leading
 *       part when that part only says where the value was sent ({@code query}, {@code path},
 *       {@code body}, {@code header}, {@code cookie}), so {@code ["query", "page_size"]} is
 *       {@code page_size} and {@code ["body", "items", 0, "name"]} is {@code items.0.name}; a
 *       location with nothing after that part keeps it ({@code ["body"]} is {@code body}). The
 *       message lists every item as {@code field: msg}; the error code is the {@code type} of the
 *       first item (e.g. {@code greater_than_equal}).</li>
 *   <li>{@code detail} of another kind (an object): its JSON text as the message.</li>
 *   <li>No {@code detail} but a {@code message} string (what a gateway in front of FastAPI
 *       sends): the message.</li>
 * </ul>
 * Anything else throws, and the caller falls back to the HTTP status.
 */
final class FastApiErrorParser implements ErrorBodyParser {
  private static final Set<String> SOURCES = Set.of("query", "path", "body", "header", "cookie");

  @Override
  public VendorError parse(int httpStatus, String contentType, String body) {
    JsonObject root = ErrorBodies.object(body);
    if (root == null) {
      return VendorError.empty();
    }
    JsonElement detail = root.get("detail");
    if (detail == null || detail.isJsonNull()) {
      JsonElement message = root.get("message");
      if (message != null && message.isJsonPrimitive()) {
        return VendorError.of(null, message.getAsString());
      }
      return VendorError.empty();
    }
    if (detail.isJsonPrimitive()) {
      return VendorError.of(null, detail.getAsString());
    }
    if (detail.isJsonArray()) {
      return validationErrors(detail.getAsJsonArray());
    }
    return VendorError.of(null, detail.toString());
  }

  private static VendorError validationErrors(JsonArray items) {
    VendorError.Builder error = VendorError.builder();
    List<String> parts = new ArrayList<>();
    String code = null;
    for (JsonElement element : items) {
      if (!element.isJsonObject()) {
        continue;
      }
      JsonObject item = element.getAsJsonObject();
      String field = field(item.get("loc"));
      String msg = ErrorBodies.text(item.get("msg"));
      if (code == null) {
        code = ErrorBodies.text(item.get("type"));
      }
      if (msg == null) {
        msg = ErrorBodies.text(item.get("type"));
      }
      if (msg == null) {
        continue;
      }
      error.fieldError(field == null ? "" : field, msg);
      parts.add(field == null || field.isEmpty() ? msg : field + ": " + msg);
    }
    return error.code(code).message(parts.isEmpty() ? null : String.join("; ", parts)).build();
  }

  /** The field name of a FastAPI location, as described on the class. */
  static String field(JsonElement loc) {
    if (loc == null || loc.isJsonNull()) {
      return null;
    }
    if (loc.isJsonPrimitive()) {
      return loc.getAsString();
    }
    if (!loc.isJsonArray()) {
      return null;
    }
    List<String> path = new ArrayList<>();
    for (JsonElement part : loc.getAsJsonArray()) {
      String p = ErrorBodies.text(part);
      if (p != null) {
        path.add(p);
      }
    }
    if (path.size() > 1 && SOURCES.contains(path.get(0))) {
      path = path.subList(1, path.size());
    }
    return String.join(".", path);
  }
}
