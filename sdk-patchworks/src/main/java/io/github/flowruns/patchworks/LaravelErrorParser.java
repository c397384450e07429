package io.github.flowruns.patchworks;

import com.google.gson.JsonObject;
import io.github.flowruns.internal.ErrorBodies;
import io.github.flowruns.internal.ErrorBodyParser;
import io.github.flowruns.internal.VendorError;

/**
 * Reads the Laravel error body Patchworks answers with: {@code {"message": "...", "errors":
 * {"field": ["...", ...]}}} (422), {@code {"message": "Unauthenticated."}} (401). Laravel sends no
 * error code; a {@code code} member, if a proxy adds one, is kept. Anything else reads as nothing,
 * and the HTTP status alone decides.
 */
final class LaravelErrorParser implements ErrorBodyParser {

  @Override
  public VendorError parse(int httpStatus, String contentType, String body) {
    JsonObject object = ErrorBodies.object(body);
    if (object == null) {
      return VendorError.empty();
    }
    VendorError.Builder error = VendorError.builder()
        .message(ErrorBodies.text(object.get("message")))
        .code(ErrorBodies.text(object.get("code")));
    ErrorBodies.fieldErrors(error, object.get("errors"));
    return error.build();
  }
}
