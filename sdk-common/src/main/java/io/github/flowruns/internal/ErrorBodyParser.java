package io.github.flowruns.internal;

/**
 * Reads a vendor's error body shape (Laravel, FastAPI, Activepieces, FlowStack). Each vendor
 * module implements one. It may throw anything on a body it does not understand: the caller then
 * falls back to the HTTP status alone. Not API.
 *
 * <pre>{@code
 * ErrorBodyParser flowstack = (status, contentType, body) -> {
 *   JsonObject err = JsonParser.parseString(body).getAsJsonObject().getAsJsonObject("error");
 *   return VendorError.of(err.get("code").getAsString(), err.get("message").getAsString());
 * };
 * }</pre>
 */
@FunctionalInterface
public interface ErrorBodyParser {

  /**
   * Reads an error body.
   *
   * @param httpStatus the HTTP status
   * @param contentType the Content-Type header, or null
   * @param body the body text, possibly empty, never null
   * @return what the body says; null or {@link VendorError#empty()} if nothing
   */
  VendorError parse(int httpStatus, String contentType, String body);

  /**
   * A parser that reads nothing.
   *
   * @return the parser
   */
  static ErrorBodyParser none() {
    return (s, c, b) -> VendorError.empty();
  }
}
