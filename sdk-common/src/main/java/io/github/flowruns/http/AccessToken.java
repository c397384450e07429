package io.github.flowruns.http;

import java.time.Instant;
import java.util.Objects;

/**
 * A bearer token and when it expires, as a {@link TokenProvider} obtained it. {@link #toString()}
 * never shows the token.
 *
 * <pre>{@code
 * return AccessToken.of(body.token, clock.instant().plusSeconds(body.expiresIn));
 * }</pre>
 */
public final class AccessToken {
  private final String value;
  private final Instant expiresAt;

  private AccessToken(String value, Instant expiresAt) {
    ApiKeyAuth.checkSecret(value, "token");
    this.value = value;
    this.expiresAt = expiresAt;
  }

  /**
   * Makes a token that expires at the given time.
   *
   * @param value the token
   * @param expiresAt when it expires, or null if never (or unknown)
   * @return the token
   * @throws IllegalArgumentException if the token is blank or contains control characters
   */
  public static AccessToken of(String value, Instant expiresAt) {
    return new AccessToken(Objects.requireNonNull(value, "value"), expiresAt);
  }

  /** {@return the token text; keep it out of logs} */
  public String value() {
    return value;
  }

  /** {@return the expiry, or null if unknown} */
  public Instant expiresAt() {
    return expiresAt;
  }

  @Override
  public String toString() {
    return "AccessToken{value=[redacted], expiresAt=" + expiresAt + "}";
  }
}
