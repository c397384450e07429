/**
 * Implementation shared by the vendor modules: {@link io.github.flowruns.internal.Transport},
 * {@link io.github.flowruns.internal.Pager}, {@link io.github.flowruns.internal.ClientCore},
 * error mapping and redaction.
 *
 * <p><b>Not API.</b> These classes are public only so that the vendor modules of this SDK can use
 * them; they may change or disappear in any release. Applications must not use them. No public or
 * protected signature of an API type names a type of this package (each module's
 * {@code PublicApiSurfaceTest} checks it), so a client never has to touch one.
 */
package io.github.flowruns.internal;
