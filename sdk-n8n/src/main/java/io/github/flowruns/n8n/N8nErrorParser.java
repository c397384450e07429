package io.github.flowruns.n8n;

import com.google.gson.JsonObject;
import io.github.flowruns.internal.ErrorBodies;
import io.github.flowruns.internal.ErrorBodyParser;
import io.github.flowruns.internal.VendorError;

/**
 * Reads n8n's error body {@code {"message": "..."}} (vendors.md, n8n: 401 {@code unauthorized},
 * 404 {@code The execution with the ID "99999" does not exist.}, 400 validation such as
 * {@code request/params/id must be number}). The HTTP status decides the exception class; n8n
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
