/**
 * The service-provider interface vendor modules implement: a {@link
 * io.github.flowruns.spi.FlowRunsClientProvider} registered in {@code
 * META-INF/services/io.github.flowruns.spi.FlowRunsClientProvider}, serving the vendor's {@link
 * io.github.flowruns.spi.VendorDescriptor}. {@link io.github.flowruns.FlowRunsClients}, the command
 * line, the simulators and the benchmarks find vendors only through it.
 *
 * <pre>{@code
 * for (VendorDescriptor d : FlowRunsClients.descriptors()) { System.out.println(d.name()); }
 * }</pre>
 */
package io.github.flowruns.spi;
