package io.github.flowruns;

/**
 * The server answered with a redirect (HTTP 3xx), which the SDK never follows: a redirect would
 * carry the API key, the token or a login's password to wherever the {@code Location} points. The
 * message names the status and the target; {@link #location()} gives the target without its query,
 * fragment and user info (they may hold secrets). A redirect usually means a wrong base URL (an
 * {@code http} URL the server upgrades, a missing path prefix, a moved host): fix the base URL
 * rather than following it.
 *
 * <pre>{@code
 * catch (RedirectException e) {
 *   log.error("HTTP {}: the API moved to {}; check baseUrl", e.httpStatus().getAsInt(), e.location());
 * }
 * }</pre>
 */
public final class RedirectException extends FlowRunsException {
  private static final long serialVersionUID = 1L;

  /** The redirect's target without its query. */
  private final String location;

  private RedirectException(ErrorDetails details, String location) {
    super(details);
    this.location = location;
  }

  /**
   * Creates the exception for a redirect that was not followed. For the SDK's transport; the
   * location must already be stripped of query, fragment, user info and secrets.
   *
   * <pre>{@code throw RedirectException.of(details, "https://api.example.com/v2/runs");}</pre>
   *
   * @param details the facts: vendor, operation, the 3xx status, attempts, a message naming the target
   * @param location the target without query and fragment, or null when none was sent
   * @return the exception, to throw
   */
  public static RedirectException of(ErrorDetails details, String location) {
    return new RedirectException(details, location);
  }

  /**
   * Where the server redirected to, resolved against the request's URL, without query, fragment
   * or user info.
   *
   * @return e.g. {@code https://other.example.com/api/v1/runs}, or null if the response had no
   *     {@code Location}
   */
  public String location() {
    return location;
  }
}
