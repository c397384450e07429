/**
 * The service-provider interface through which {@link
 * io.github.flowruns.testing.VendorSimulator#forVendor(String)} finds simulators.
 *
 * <pre>{@code for (String name : VendorSimulator.vendors()) { VendorSimulator.forVendor(name); }}</pre>
 */
package io.github.flowruns.testing.spi;
