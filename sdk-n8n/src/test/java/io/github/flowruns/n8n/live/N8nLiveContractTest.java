package io.github.flowruns.n8n.live;

import io.github.flowruns.contract.ContractTarget;
import io.github.flowruns.contract.FlowRunsContract;
import io.github.flowruns.spi.VendorDescriptor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The facade's contract against a real n8n server (only with {@code -Pn8n-live}): the same checks
 * as {@code N8nContractTest} runs against the simulator, on {@link LiveN8n}'s seeded history. The
 * checks that need a simulator (503s injected, raw requests recorded, the exact page count that
 * reads the simulator's counter) are skipped with that reason.
 */
@EnabledIfSystemProperty(named = "flowruns.n8n.live", matches = "true")
class N8nLiveContractTest extends FlowRunsContract {

  @BeforeAll
  static void server() {
    LiveN8n.get();
  }

  @Override
  protected ContractTarget target(VendorDescriptor vendor) {
    return LiveN8n.get().target();
  }
}
