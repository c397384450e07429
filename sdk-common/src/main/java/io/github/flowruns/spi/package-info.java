/**
 * The service-provider interface vendor modules implement so that
 * {@link io.github.flowruns.FlowRunsClients#create} can find them.
 */
package io.github.flowruns.spi;
