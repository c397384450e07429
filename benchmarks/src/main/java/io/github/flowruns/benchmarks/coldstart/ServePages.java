package io.github.flowruns.benchmarks.coldstart;

import io.github.flowruns.benchmarks.ActivepiecesServer;

/**
 * The server the cold-start runs read from, in its own process so that it is not timed: serves
 * Activepieces pages on a loopback port until killed, printing its base URL.
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar io.github.flowruns.benchmarks.coldstart.ServePages [port]}
 */
public final class ServePages {
  private ServePages() {}

  public static void main(String[] args) throws InterruptedException {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
    ActivepiecesServer server = ActivepiecesServer.start(1_000, 0, port);
    System.out.println(server.baseUrl());
    System.out.flush();
    Thread.currentThread().join();
  }
}
