package io.github.flowruns.http;

/**
 * Obtains a fresh bearer token (e.g. the Patchworks login call). {@link TokenAuth} calls it once
 * at first use, before the cached token expires, and once after a 401 — never from two threads at
 * once.
 *
 * <pre>{@code
 * TokenProvider login = () -> {
 *   LoginResponse r = transport.execute("login", loginRequest, LoginResponse.class, RequestOptions.defaults());
 *   return AccessToken.of(r.getToken(), Instant.now().plusSeconds(r.getExpiresIn()));
 * };
 * }</pre>
 */
@FunctionalInterface
public interface TokenProvider {

  /**
   * Fetches a new token.
   *
   * @return the token
   * @throws io.github.flowruns.FlowRunsException if the login fails
   */
  AccessToken fetchToken();
}
