package io.github.flowruns.testsupport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import javax.net.ServerSocketFactory;

/**
 * Server sockets whose accepted connections send at once ({@code TCP_NODELAY}), for a test's
 * MockWebServer: it writes an answer's head and body apart, and Nagle's algorithm against the
 * client's delayed ACK would hold the body about 40 ms on loopback, a delay no vendor imposes and
 * one that caps a test at a few answers a second. MockWebServer binds an unbound socket, so only
 * {@link #createServerSocket()} is supported.
 *
 * <pre>{@code server.setServerSocketFactory(new NoDelayServerSocketFactory());}</pre>
 */
public final class NoDelayServerSocketFactory extends ServerSocketFactory {
  /** Creates the factory. */
  public NoDelayServerSocketFactory() {}

  @Override
  public ServerSocket createServerSocket() throws IOException {
    return new ServerSocket() {
      @Override
      public Socket accept() throws IOException {
        Socket socket = super.accept();
        socket.setTcpNoDelay(true);
        return socket;
      }
    };
  }

  @Override
  public ServerSocket createServerSocket(int port) {
    throw new UnsupportedOperationException("MockWebServer binds an unbound socket");
  }

  @Override
  public ServerSocket createServerSocket(int port, int backlog) {
    throw new UnsupportedOperationException("MockWebServer binds an unbound socket");
  }

  @Override
  public ServerSocket createServerSocket(int port, int backlog, InetAddress address) {
    throw new UnsupportedOperationException("MockWebServer binds an unbound socket");
  }
}
