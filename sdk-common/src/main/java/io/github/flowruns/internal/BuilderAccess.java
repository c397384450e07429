package io.github.flowruns.internal;

import io.github.flowruns.http.FlowRunsClientBuilder;
import java.util.Objects;

/**
 * How a vendor builder's {@code build()} reads the transport settings of its
 * {@link FlowRunsClientBuilder} without the public builder showing {@link HttpSettings} (an
 * internal type) in a signature: the builder registers its private accessor here when its class is
 * initialised, the JDK's {@code SharedSecrets} pattern. Not API.
 *
 * <pre>{@code
 * public FlowStackClient build() {
 *   return new FlowStackClient(new Builder(this), requireApiKey(), BuilderAccess.httpSettings(this));
 * }
 * }</pre>
 */
public final class BuilderAccess {
  /** What the builder registers: its private {@code httpSettings()}. */
  @FunctionalInterface
  public interface Accessor {
    /**
     * @param builder the builder
     * @return a copy of its transport settings holding its API key as a secret
     */
    HttpSettings httpSettings(FlowRunsClientBuilder<?, ?> builder);
  }

  private static volatile Accessor accessor;

  private BuilderAccess() {}

  /**
   * Called once, by {@link FlowRunsClientBuilder}'s static initialiser.
   *
   * @param builderAccessor the accessor
   * @throws IllegalStateException if one is registered already (no one else may take its place)
   */
  public static synchronized void register(Accessor builderAccessor) {
    if (accessor != null) {
      throw new IllegalStateException("the builder accessor is registered already");
    }
    accessor = Objects.requireNonNull(builderAccessor, "builderAccessor");
  }

  /**
   * A copy of the builder's transport settings, for its {@code build()}: resolve the base URL and
   * assemble the OkHttp client with it, and keep it in the client (later changes to the builder do
   * not reach it).
   *
   * @param builder the builder; its class is initialised, so its accessor is registered
   * @return new settings holding the builder's base URL, OkHttp client, retry policy, timeouts,
   *     listener, insecure-HTTP opt-in and response size limit, and secrets holding the API key
   */
  public static HttpSettings httpSettings(FlowRunsClientBuilder<?, ?> builder) {
    Objects.requireNonNull(builder, "builder");
    return accessor.httpSettings(builder);
  }
}
