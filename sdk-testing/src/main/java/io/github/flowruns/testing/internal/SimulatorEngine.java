package io.github.flowruns.testing.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Lock;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;

/**
 * Runs a {@link VendorApi} on MockWebServer: applies the faults, records requests (a bounded
 * window of the most recent ones, so a long export does not grow the heap), and serves an
 * optional second host for Patchworks' login.
 */
public final class SimulatorEngine implements AutoCloseable {
  private final VendorApi api;
  private final Faults faults;
  private final int port;
  private final MockWebServer server = new MockWebServer();
  private final MockWebServer loginServer;
  private final LinkedBlockingDeque<RecordedRequest> recorded;
  private final AtomicInteger requestCount = new AtomicInteger();
  private volatile boolean started;
  private volatile boolean closed;
  private final boolean wallClock;
  private Thread ticker;
  private final Object tickLock = new Object();
  /** Guarded by tickLock: the real time the wall clock was last brought up to. */
  private long lastTickNanos;

  /** The {@code Date} header's form, IMF-fixdate (RFC 9110; the RFC 1123 form with a two-digit day). */
  private static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

  public SimulatorEngine(VendorApi api, int port, int recordCapacity, boolean separateLoginHost) {
    this(api, port, recordCapacity, separateLoginHost, false);
  }

  /**
   * @param wallClock whether the clock follows real time once started: a daemon thread advances it
   *     by the real time elapsed, a few times a second and before each answer, until {@link #close()}
   */
  public SimulatorEngine(VendorApi api, int port, int recordCapacity, boolean separateLoginHost, boolean wallClock) {
    this.api = api;
    this.wallClock = wallClock;
    this.faults = new Faults(api.planLimit(), api.planWindow());
    this.port = port;
    this.recorded = new LinkedBlockingDeque<>(Math.max(1, recordCapacity));
    this.loginServer = separateLoginHost ? new MockWebServer() : null;
    server.setDispatcher(new Host(server, false));
    server.setServerSocketFactory(NoDelayServerSocketFactory.INSTANCE);
    if (loginServer != null) {
      loginServer.setDispatcher(new Host(loginServer, true));
      loginServer.setServerSocketFactory(NoDelayServerSocketFactory.INSTANCE);
    }
  }

  public Faults faults() {
    return faults;
  }

  public VendorApi api() {
    return api;
  }

  public synchronized void start() {
    if (closed) throw new IllegalStateException("simulator is closed");
    if (started) return;
    try {
      server.start(InetAddress.getLoopbackAddress(), port);
      if (loginServer != null) loginServer.start(InetAddress.getLoopbackAddress(), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the simulator on port " + port, e);
    }
    started = true;
    if (wallClock) {
      synchronized (tickLock) {
        lastTickNanos = System.nanoTime();
      }
      ticker = new Thread(this::tick, "flowruns-simulator-clock-" + server.getPort());
      ticker.setDaemon(true);
      ticker.start();
    }
  }

  /** Advances the clock by the real time elapsed since the last tick, five times a second, until closed. */
  private void tick() {
    while (!closed) {
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        return;
      }
      if (!closed) {
        catchUp();
      }
    }
  }

  /**
   * Brings the wall clock up to real time. Each answer does this first, so that its {@code Date}
   * and the rate-limit window it is counted in are the real time to the millisecond, not up to a
   * tick (or, on a loaded machine, far more) behind: a client reads the window's end against
   * {@code Date}, and a clock that lags by a varying amount would move the end under it.
   */
  private void catchUp() {
    synchronized (tickLock) {
      long nowNanos = System.nanoTime();
      long ms = (nowNanos - lastTickNanos) / 1_000_000;
      if (ms > 0) {
        api.store().advance(ms);
        lastTickNanos += ms * 1_000_000;
      }
    }
  }

  private void requireStarted() {
    if (!started) throw new IllegalStateException("call start() first");
  }

  /** The server root, without a trailing slash. */
  public String rootUrl() {
    requireStarted();
    return strip(server.url("/").toString());
  }

  public String loginRootUrl() {
    requireStarted();
    return loginServer == null ? rootUrl() : strip(loginServer.url("/").toString());
  }

  private static String strip(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  public int port() {
    requireStarted();
    return server.getPort();
  }

  public int requestCount() {
    return requestCount.get();
  }

  public RecordedRequest takeRequest(Duration timeout) throws InterruptedException {
    return recorded.pollFirst(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  @Override
  public synchronized void close() {
    if (closed) return;
    closed = true;
    if (ticker != null) {
      ticker.interrupt();
      try {
        ticker.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    server.close();
    if (loginServer != null) loginServer.close();
  }

  private void record(RecordedRequest request) {
    while (!recorded.offerLast(request)) {
      recorded.pollFirst();
    }
  }

  private MockResponse dispatch(MockWebServer host, RecordedRequest rr, boolean loginHost) {
    requestCount.incrementAndGet();
    record(rr);
    // MockWebServer keeps its own unbounded queue of every request; keep it drained.
    try {
      while (host.takeRequest(0, TimeUnit.NANOSECONDS) != null) {
        // discard
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Req req = new Req(rr, loginHost);
    if (wallClock) {
      catchUp();
    }
    // With the wall clock on, one clock for Date and X-RateLimit-Reset (vendors.md: both are the
    // vendor's): the window runs on the simulator's clock. With it stopped, the window runs in real
    // time, as before, so that a test's window still ends.
    Faults.Decision d = faults.next(wallClock ? api.store().nowMs() : System.currentTimeMillis());
    MockResponse.Builder b;
    Lock answering = api.store().answering();
    answering.lock();
    try {
      try {
        if (d.fail()) b = api.serverError(req, d.failStatus());
        else if (d.rateLimited()) b = api.tooManyRequests(req, d.retryAfterSeconds());
        else b = api.handle(req);
      } catch (RuntimeException e) {
        b = api.serverError(req, 500);
      }
      // Every answer, faults included, says the vendor's time: the SDK's feeds read it.
      b.setHeader("Date", HTTP_DATE.format(Instant.ofEpochMilli(api.store().nowMs())));
    } finally {
      answering.unlock();
    }
    if (d.window() != null) api.rateHeaders(b, d.window(), d.rateLimited());
    if (d.latencyMillis() > 0) b.headersDelay(d.latencyMillis(), TimeUnit.MILLISECONDS);
    if (d.dropMidBody()) b.onResponseBody(new SocketEffect.CloseSocket(true, false, false));
    return b.build();
  }

  private final class Host extends Dispatcher {
    private final MockWebServer host;
    private final boolean login;

    Host(MockWebServer host, boolean login) {
      this.host = host;
      this.login = login;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
      return SimulatorEngine.this.dispatch(host, request, login);
    }
  }
}
