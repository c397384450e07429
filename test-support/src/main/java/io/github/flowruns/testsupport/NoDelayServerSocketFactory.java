package io.github.flowruns.testsupport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import javax.net.ServerSocketFactory;

/**
 * Server sockets whose accepted connections send at once ({@code TCP_NODELAY}). MockWebServer
 * writes an answer's head and body apart; with Nagle's algorithm against the client's delayed ACK
 * the body waits about 40 ms on Linux loopback, a wait no real vendor imposes, which would hold
 * loopback tests and harnesses at a few answers a second. For this repository's own tests; the
 * published testing kit (sdk-testing, which cannot depend on this module) keeps its own.
 *
 * <pre>{@code server.setServerSocketFactory(NoDelayServerSocketFactory.INSTANCE);}</pre>
 */
public final class NoDelayServerSocketFactory extends ServerSocketFactory {
  /** The one instance; it holds no state. */
  public static final NoDelayServerSocketFactory INSTANCE = new NoDelayServerSocketFactory();

  private NoDelayServerSocketFactory() {}

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
  public ServerSocket createServerSocket(int port) throws IOException {
    return bound(new InetSocketAddress(port), 50);
  }

  @Override
  public ServerSocket createServerSocket(int port, int backlog) throws IOException {
    return bound(new InetSocketAddress(port), backlog);
  }

  @Override
  public ServerSocket createServerSocket(int port, int backlog, InetAddress address)
      throws IOException {
    return bound(new InetSocketAddress(address, port), backlog);
  }

  private ServerSocket bound(InetSocketAddress address, int backlog) throws IOException {
    ServerSocket socket = createServerSocket();
    socket.bind(address, backlog);
    return socket;
  }
}
