package io.github.flowruns.testsupport.fuzz;

import java.util.Objects;
import java.util.function.Function;

/**
 * A fuzz harness's loopback server and the client under test, started on first use and closed
 * once: the setup every vendor's harness shares, so each keeps only how its client is built.
 *
 * <p>Started on the first input, not in {@code @BeforeAll}: Jazzer's agent (and its network
 * detector, which the server must configure) is installed only when a fuzz test starts.
 *
 * <pre>{@code
 * private static final FuzzTarget<FlowStackClient> TARGET = FuzzTarget.of(server ->
 *     FlowStackClient.builder().apiKey(KEY).baseUrl(server.url())
 *         .okHttpClient(server.okHttpClient()).retryPolicy(RetryPolicy.none()).build());
 *
 * @AfterAll static void stop() { TARGET.close(); }
 *
 * @FuzzTest void listPage(byte[] data) {
 *   FlowStackClient client = TARGET.answering(200, data);
 *   onlyThrows(FlowRunsException.class, () -> drainPages(client.listRuns(q).pages(), Page::items));
 * }
 * }</pre>
 *
 * @param <C> the client, or a holder of several
 */
public final class FuzzTarget<C extends AutoCloseable> {
  private final Function<FuzzServer, C> clientFactory;
  private FuzzServer server;
  private C client;

  private FuzzTarget(Function<FuzzServer, C> clientFactory) {
    this.clientFactory = clientFactory;
  }

  /**
   * A target whose client {@code clientFactory} builds against the started server.
   *
   * @param clientFactory builds the client (base URL {@link FuzzServer#url()}, OkHttp client
   *     {@link FuzzServer#okHttpClient()}, no retries)
   * @param <C> the client type
   * @return a target, not started yet
   */
  public static <C extends AutoCloseable> FuzzTarget<C> of(Function<FuzzServer, C> clientFactory) {
    return new FuzzTarget<>(Objects.requireNonNull(clientFactory, "clientFactory"));
  }

  /**
   * The server, started with the client on the first call.
   *
   * @return the running server
   */
  public synchronized FuzzServer server() {
    if (server == null) {
      server = FuzzServer.start();
      client = clientFactory.apply(server);
    }
    return server;
  }

  /**
   * The client, started with the server on the first call.
   *
   * @return the client
   */
  public synchronized C client() {
    server();
    return client;
  }

  /**
   * Makes the server answer every request with {@code status} and {@code body}.
   *
   * @param status the HTTP status
   * @param body the body, e.g. the fuzzer's input
   * @return the client, to send the requests
   */
  public synchronized C answering(int status, byte[] body) {
    server().answerAll(status, body);
    return client;
  }

  /**
   * Closes the client, then the server; a later call starts both again.
   *
   * @throws Exception if the client's close throws
   */
  public synchronized void close() throws Exception {
    if (server == null) {
      return;
    }
    try {
      client.close();
    } finally {
      server.close();
      server = null;
      client = null;
    }
  }
}
