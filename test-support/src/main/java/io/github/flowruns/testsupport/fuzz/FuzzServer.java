package io.github.flowruns.testsupport.fuzz;

import com.code_intelligence.jazzer.api.BugDetectors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ServerSocketFactory;
import javax.net.SocketFactory;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import okio.Buffer;

/**
 * One loopback server for a whole fuzz harness: it answers every request with the response the
 * current fuzz input set, so one server and one client serve millions of inputs. Answers are
 * chosen by the longest matching path prefix ({@link #answer(String, int, byte[])}), so a harness
 * can fuzz one response kind (a login answer) while the others stay fixed.
 *
 * <pre>{@code
 * static final FuzzServer SERVER = FuzzServer.start();
 * SERVER.answerAll(200, data);            // every path answers the fuzz input
 * SERVER.answer("/login", 200, LOGIN);    // except the login, which stays valid
 * }</pre>
 */
public final class FuzzServer implements AutoCloseable {
  private final MockWebServer server = new MockWebServer();
  private final Map<String, MockResponse> answers = new ConcurrentHashMap<>();
  private final AtomicLong requests = new AtomicLong();

  private FuzzServer() {}

  /**
   * Starts a server on the loopback address. Jazzer's server-side request forgery detector would
   * report the SDK's connection to it as a finding, so connections are allowed here and with each
   * answer set: a harness JVM talks to its loopback servers and to nothing else.
   *
   * @return the started server
   */
  public static FuzzServer start() {
    allowConnections();
    FuzzServer fuzz = new FuzzServer();
    fuzz.server.setServerSocketFactory(new NoDelayServerSocketFactory());
    fuzz.server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        fuzz.requests.incrementAndGet();
        return fuzz.answerFor(request.getUrl().encodedPath());
      }
    });
    try {
      fuzz.server.start(InetAddress.getLoopbackAddress(), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the fuzz server on loopback", e);
    }
    return fuzz;
  }

  /**
   * The server's origin with a trailing slash, e.g. {@code http://127.0.0.1:41234/}.
   *
   * <pre>{@code PatchworksClient.builder().baseUrl(SERVER.url())}</pre>
   *
   * @return the base URL
   */
  public String url() {
    return server.url("/").toString();
  }

  /**
   * A base HTTP client for the SDK's builders ({@code .okHttpClient(server.okHttpClient())}) whose
   * sockets send at once (TCP_NODELAY): OkHttp writes a POST's headers and body apart, and Nagle's
   * algorithm against the server's delayed ACK held each POST up to 200 ms.
   *
   * <pre>{@code ActivepiecesClient.builder().okHttpClient(SERVER.okHttpClient())}</pre>
   *
   * @return a new client
   */
  public OkHttpClient okHttpClient() {
    return new OkHttpClient.Builder().socketFactory(new NoDelaySocketFactory()).build();
  }

  /**
   * Answers every request whose path starts with {@code pathPrefix} (and no longer configured
   * prefix) with this status and body, as {@code application/json}.
   *
   * @param pathPrefix a path prefix, {@code "/"} for every path
   * @param status the HTTP status, 200 to 599
   * @param body the body bytes, sent exactly as given
   */
  public void answer(String pathPrefix, int status, byte[] body) {
    allowConnections();
    answers.put(pathPrefix, response(status, body));
  }

  /**
   * Answers every path with this status and body ({@code answer("/", status, body)}) and forgets
   * the answers of longer prefixes.
   *
   * @param status the HTTP status
   * @param body the body bytes
   */
  public void answerAll(int status, byte[] body) {
    answers.clear();
    answer("/", status, body);
  }

  /**
   * Jazzer's server-side request forgery detector flags every new connection, and resets its
   * policy to "deny" once fuzzing starts (after this server was started), so the policy is set
   * again with each input. It is one global setting: OkHttp connects on its own threads.
   */
  private static void allowConnections() {
    BugDetectors.allowNetworkConnections();
  }

  /** @return the number of requests answered since the start */
  public long requests() {
    return requests.get();
  }

  private MockResponse answerFor(String path) {
    String best = null;
    for (String prefix : answers.keySet()) {
      if (path.startsWith(prefix) && (best == null || prefix.length() > best.length())) {
        best = prefix;
      }
    }
    return best == null ? response(404, new byte[0]) : answers.get(best);
  }

  private static MockResponse response(int status, byte[] body) {
    return new MockResponse.Builder()
        .code(status)
        .addHeader("Content-Type", "application/json")
        .body(new Buffer().write(body))
        .build();
  }

  @Override
  public void close() {
    server.close();
  }

  /** Client sockets that send at once (see {@link #okHttpClient()}). */
  private static final class NoDelaySocketFactory extends SocketFactory {
    private static Socket noDelay(Socket socket) throws IOException {
      socket.setTcpNoDelay(true);
      return socket;
    }

    @Override
    public Socket createSocket() throws IOException {
      return noDelay(new Socket());
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
      return noDelay(new Socket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress local, int localPort)
        throws IOException {
      return noDelay(new Socket(host, port, local, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
      return noDelay(new Socket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress host, int port, InetAddress local, int localPort)
        throws IOException {
      return noDelay(new Socket(host, port, local, localPort));
    }
  }

  /**
   * Accepted sockets send at once (TCP_NODELAY): the server writes headers and body apart, and
   * with Nagle's algorithm against the client's delayed ACK each answer waited about 40 ms, which
   * held a harness at a few executions a second.
   */
  private static final class NoDelayServerSocketFactory extends ServerSocketFactory {
    @Override
    public ServerSocket createServerSocket() throws IOException {
      return new ServerSocket() {
        @Override
        public Socket accept() throws IOException {
          return NoDelaySocketFactory.noDelay(super.accept());
        }
      };
    }

    @Override
    public ServerSocket createServerSocket(int port) throws IOException {
      throw new UnsupportedOperationException("unbound sockets only");
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog) throws IOException {
      throw new UnsupportedOperationException("unbound sockets only");
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog, InetAddress address)
        throws IOException {
      throw new UnsupportedOperationException("unbound sockets only");
    }
  }
}
