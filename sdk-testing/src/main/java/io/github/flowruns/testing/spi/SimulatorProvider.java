package io.github.flowruns.testing.spi;

import io.github.flowruns.testing.SimulatorBuilder;
import io.github.flowruns.testing.VendorSimulator;
import java.util.List;

/**
 * Makes the simulator of one vendor wire API known to {@link VendorSimulator#forVendor(String)}.
 * Registered in {@code META-INF/services/io.github.flowruns.testing.spi.SimulatorProvider}; a
 * vendor module's descriptor names the simulator it needs with {@code VendorDescriptor.simulator()}.
 *
 * <pre>{@code
 * public final class FlowStackSimulatorProvider implements SimulatorProvider {
 *   public String name() { return "flowstack"; }
 *   public SimulatorBuilder<?, ? extends VendorSimulator> builder() { return FlowStackSimulator.builder(); }
 * }
 * }</pre>
 */
public interface SimulatorProvider {

  /**
   * The simulator's name, lower case, as {@link VendorSimulator#forVendor(String)} takes it.
   *
   * @return e.g. {@code "activepieces"}
   */
  String name();

  /**
   * Other names the simulator answers to, lower case.
   *
   * <pre>{@code List.of("analytics")}</pre>
   *
   * @return the aliases; none by default
   */
  default List<String> aliases() {
    return List.of();
  }

  /**
   * A new builder of the simulator.
   *
   * <pre>{@code provider.builder().runs(100).build().start()}</pre>
   *
   * @return a new builder
   */
  SimulatorBuilder<?, ? extends VendorSimulator> builder();
}
