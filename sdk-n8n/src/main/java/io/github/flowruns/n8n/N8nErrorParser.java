package io.github.flowruns.n8n;

import com.google.gson.JsonObject;
import io.github.flowruns.internal.ErrorBodies;
import io.github.flowruns.internal.ErrorBodyParser;
import io.github.flowruns.internal.VendorError;

/**
 * Reads n8n's error body {@code {"message": "..."}} (vendors.md, n8n; 2.41.1 answers 401
 * {@code Unauthorized}, 404 {@code Not Found}, 400 validation such as
 * {@code request/params/executionId must be a positive integer}, 409 for a successful execution's
 * retry; older servers word them otherwise). The HTTP status decides the exception class; n8n
 * sends no code, so none is read.
 */
final class N8nErrorParser implements ErrorBodyParser {

  @Override
  public VendorError parse(int httpStatus, String contentType, String body) {
    JsonObject obj = ErrorBodies.object(body);
    if (obj == null) {
      return VendorError.empty();
    }
    return VendorError.builder().message(ErrorBodies.nonBlank(obj.get("message"))).build();
  }
}
