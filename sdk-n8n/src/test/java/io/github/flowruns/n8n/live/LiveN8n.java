package io.github.flowruns.n8n.live;

import io.github.flowruns.contract.ContractTarget;
import io.github.flowruns.http.RequestListener;
import io.github.flowruns.n8n.N8nClient;
import io.github.flowruns.testsupport.n8n.N8nSeeds;
import io.github.flowruns.testsupport.n8n.N8nServer;
import java.util.Locale;
import org.junit.jupiter.api.Assumptions;
import org.opentest4j.TestAbortedException;

/**
 * The one real n8n server of this module's live classes: started, provisioned and seeded on first
 * use, shared by every live class of the test JVM (one start, ~25 s, instead of one per class),
 * stopped when the JVM exits. Live classes must not depend on each other's order: each one reads
 * the server's state when it checks, and what it adds is added in its own executions.
 *
 * <p>Usage: {@code @BeforeAll static void server() { LiveN8n.get(); }}
 */
final class LiveN8n {
  /** Rounds of {@link N8nSeeds#history}: 50 executions, several pages of 2 of each status. */
  static final int ROUNDS = 24;
  /** No execution has this id: the suite makes hundreds at most. */
  static final String UNKNOWN_ID = "99999999";

  private static LiveN8n shared;
  private static TestAbortedException skipped;
  private static RuntimeException failed;

  final N8nServer server;
  final N8nSeeds.History history;

  private LiveN8n(N8nServer server, N8nSeeds.History history) {
    this.server = server;
    this.history = history;
  }

  /**
   * The shared server; the first call starts and seeds it. Aborts the caller (the class is
   * skipped) when n8n is not installed and the npm registry cannot be reached; any other failure
   * fails every live class.
   */
  static synchronized LiveN8n get() {
    if (skipped != null) {
      Assumptions.abort(skipped.getMessage());
    }
    if (failed != null) {
      throw new IllegalStateException("the live n8n server failed to start earlier", failed);
    }
    if (shared == null) {
      long t0 = System.nanoTime();
      N8nServer server;
      try {
        server = N8nServer.start();
      } catch (TestAbortedException e) {
        skipped = e;
        // Said once on the build's output: a skipped class shows no message of its own there.
        System.out.println("n8n live: skipped: " + e.getMessage());
        throw e;
      } catch (RuntimeException e) {
        failed = e;
        throw e;
      }
      Runtime.getRuntime().addShutdownHook(new Thread(server::close, "n8n-live-stop"));
      long t1 = System.nanoTime();
      try {
        N8nSeeds.History history = N8nSeeds.history(server, ROUNDS);
        System.out.printf(Locale.ROOT,
            "n8n live: n8n %s started and provisioned in %.1f s; %d executions seeded in %.1f s%n",
            server.version(), (t1 - t0) / 1e9, history.size(), (System.nanoTime() - t1) / 1e9);
        shared = new LiveN8n(server, history);
      } catch (RuntimeException e) {
        failed = e;
        throw new IllegalStateException("seeding n8n failed\n" + server.logTail(), e);
      }
    }
    return shared;
  }

  /** A client of the server with {@code apiKey}, telling {@code listener} of each attempt. */
  N8nClient client(String apiKey, RequestListener listener) {
    // The client is told the server's version, as a user of a 1.x server tells it.
    N8nClient.Builder b = N8nClient.builder().apiKey(apiKey).baseUrl(server.baseUrl())
        .serverVersion(server.version());
    return (listener == null ? b : b.listener(listener)).build();
  }

  /** A client with the server's key. */
  N8nClient client() {
    return client(server.apiKey(), null);
  }

  /** The contract's view of the server: the seeded workflows and a ground truth read without the SDK. */
  ContractTarget target() {
    return ContractTarget.live(server::apiKey, this::client, history.workflowIds(),
        () -> N8nSeeds.executions(server, "").size(), UNKNOWN_ID);
  }
}
