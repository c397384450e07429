package io.github.flowruns.testing.internal;

import io.github.flowruns.testing.ActivepiecesSimulator;
import io.github.flowruns.testing.AnalyticsSimulator;
import io.github.flowruns.testing.FlowStackSimulator;
import io.github.flowruns.testing.N8nSimulator;
import io.github.flowruns.testing.PatchworksSimulator;
import io.github.flowruns.testing.SimulatorBuilder;
import io.github.flowruns.testing.VendorSimulator;
import io.github.flowruns.testing.spi.SimulatorProvider;
import java.util.List;

/**
 * The providers of this module's simulators, registered in {@code META-INF/services}. Not API.
 *
 * <pre>{@code new SimulatorProviders.FlowStack().builder().build().start()}</pre>
 */
public final class SimulatorProviders {
  private SimulatorProviders() {}

  /** The Patchworks simulator, {@code patchworks}. */
  public static final class Patchworks implements SimulatorProvider {
    @Override
    public String name() {
      return "patchworks";
    }

    @Override
    public SimulatorBuilder<?, ? extends VendorSimulator> builder() {
      return PatchworksSimulator.builder();
    }
  }

  /** The StackAI simulator, {@code stackai} or {@code analytics}. */
  public static final class StackAi implements SimulatorProvider {
    @Override
    public String name() {
      return "stackai";
    }

    @Override
    public List<String> aliases() {
      return List.of("analytics");
    }

    @Override
    public SimulatorBuilder<?, ? extends VendorSimulator> builder() {
      return AnalyticsSimulator.builder();
    }
  }

  /** The Activepieces simulator, {@code activepieces}. */
  public static final class Activepieces implements SimulatorProvider {
    @Override
    public String name() {
      return "activepieces";
    }

    @Override
    public SimulatorBuilder<?, ? extends VendorSimulator> builder() {
      return ActivepiecesSimulator.builder();
    }
  }

  /** The FlowStack simulator, {@code flowstack}. */
  public static final class FlowStack implements SimulatorProvider {
    @Override
    public String name() {
      return "flowstack";
    }

    @Override
    public SimulatorBuilder<?, ? extends VendorSimulator> builder() {
      return FlowStackSimulator.builder();
    }
  }

  /** The n8n simulator, {@code n8n}. */
  public static final class N8n implements SimulatorProvider {
    @Override
    public String name() {
      return "n8n";
    }

    @Override
    public SimulatorBuilder<?, ? extends VendorSimulator> builder() {
      return N8nSimulator.builder();
    }
  }
}
