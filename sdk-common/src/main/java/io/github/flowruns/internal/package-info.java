/**
 * Implementation shared by the vendor modules: {@link io.github.flowruns.internal.Transport},
 * {@link io.github.flowruns.internal.Pager}, {@link io.github.flowruns.internal.BaseFlowRunsClient},
 * error mapping and redaction.
 *
 * <p><b>Not API.</b> These classes are public only so that the vendor modules of this SDK can use
 * them; they may change or disappear in any release. Applications must not use them.
 */
package io.github.flowruns.internal;
