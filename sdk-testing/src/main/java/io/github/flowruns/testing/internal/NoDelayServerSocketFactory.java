package io.github.flowruns.testing.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import javax.net.ServerSocketFactory;

/**
 * Server sockets whose accepted connections have {@code TCP_NODELAY} set. MockWebServer writes a
 * response's head and body separately; without it, Nagle's algorithm holds the body until the
 * client's delayed ACK (about 40 ms on Linux loopback), a wait no real vendor imposes. Not API.
 *
 * <pre>{@code mockWebServer.setServerSocketFactory(NoDelayServerSocketFactory.INSTANCE);}</pre>
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
  public ServerSocket createServerSocket(int port, int backlog, InetAddress address) throws IOException {
    return bound(new InetSocketAddress(address, port), backlog);
  }

  private ServerSocket bound(InetSocketAddress address, int backlog) throws IOException {
    ServerSocket socket = createServerSocket();
    socket.bind(address, backlog);
    return socket;
  }
}
