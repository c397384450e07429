package io.github.flowruns.benchmarks;

import io.github.flowruns.benchmarks.Fixtures.Vendor;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A loopback Activepieces server answering {@code GET /api/v1/flow-runs} with canned pages of 100
 * runs, following the {@code cursor} of each page's {@code next}, optionally after a fixed delay:
 * the Activepieces {@link PageServer}, under the name the prefetch and cold-start benchmarks use.
 *
 * <pre>{@code
 * try (ActivepiecesServer server = ActivepiecesServer.start(20_000, 0)) { ... server.baseUrl() ... }
 * }</pre>
 */
public final class ActivepiecesServer extends PageServer {
  /** The project the canned runs belong to. */
  public static final String PROJECT_ID = "pRj8Kq2LmN4vXw9ZtY1aB";

  private ActivepiecesServer(long runs, long latencyMillis, int port) throws IOException {
    super(Vendor.ACTIVEPIECES, runs, latencyMillis, port);
  }

  /**
   * Starts a server on a free loopback port.
   *
   * @param runs runs in the whole history, served in pages of {@value PageServer#PAGE_SIZE}
   * @param latencyMillis delay before each response's headers
   * @return the running server
   */
  public static ActivepiecesServer start(long runs, long latencyMillis) {
    return start(runs, latencyMillis, 0);
  }

  /**
   * Starts a server on the given loopback port.
   *
   * @param runs runs in the whole history
   * @param latencyMillis delay before each response's headers
   * @param port the port, 0 for any free one
   * @return the running server
   */
  public static ActivepiecesServer start(long runs, long latencyMillis, int port) {
    try {
      return new ActivepiecesServer(runs, latencyMillis, port);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
