package io.github.flowruns.internal;

import io.github.flowruns.Vendor;
import io.github.flowruns.http.AttemptEvent;
import io.github.flowruns.http.RequestListener;
import io.github.flowruns.http.RequestOptions;
import io.github.flowruns.http.RetryPolicy;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.ForwardingSource;
import okio.Okio;
import okio.Source;

/**
 * Retries failed attempts as the {@link RetryPolicy} says, reading the call's {@link CallContext}
 * (per-call retries, timeout and the non-idempotent opt-in), counting attempts into it, and telling
 * the {@link RequestListener} and the {@code io.github.flowruns.http} {@link System.Logger} (DEBUG,
 * silent by default, URLs redacted) of each attempt. Install it as the outermost SDK interceptor so
 * that each attempt re-runs authentication. Not API.
 *
 * <p>What is retried: connection failures before the request was sent (any method); timeouts and
 * other I/O failures, 408, 502, 503, 504 and (GET/HEAD) 500 for idempotent methods, or for any
 * method when the call opted in with {@link RequestOptions#retryNonIdempotent()}; 429 for any
 * method. A successful response to an idempotent request is read fully here, within the body size
 * limit, so that a connection broken mid-body is retried too.
 *
 * <p>Before every attempt, retries included, it asks the client's request budget
 * ({@link BudgetGate}) for leave to send, within what is left of the call's deadline, and tells it
 * each attempt's answer; the wait is the attempt's {@link AttemptEvent#budgetWait()}.
 *
 * <pre>{@code new OkHttpClient.Builder().addInterceptor(new RetryInterceptor(policy, listener))}</pre>
 */
public final class RetryInterceptor implements Interceptor {
  private static final System.Logger LOG = System.getLogger("io.github.flowruns.http");

  private final RetryPolicy policy;
  private final ListenerGuard listener;
  private final BudgetGate gate;
  /** The array the next body is held in while it could still be retried. */
  private final BodyBytes.Spare spareBytes = new BodyBytes.Spare();

  /**
   * @param policy the policy
   * @param listener told of every attempt, or null
   */
  public RetryInterceptor(RetryPolicy policy, RequestListener listener) {
    this(policy, new ListenerGuard(listener), null);
  }

  /**
   * @param policy the policy
   * @param listener told of every attempt
   * @param gate the client's request budget, consulted before every attempt; null for none
   */
  RetryInterceptor(RetryPolicy policy, ListenerGuard listener, BudgetGate gate) {
    this.policy = Objects.requireNonNull(policy, "policy");
    this.listener = Objects.requireNonNull(listener, "listener");
    this.gate = gate;
  }

  /** @return the client's request budget, or null if it has none */
  public BudgetGate gate() {
    return gate;
  }

  /** @return the policy, for the waits of the client this interceptor serves ({@link ServerClock}) */
  public RetryPolicy policy() {
    return policy;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    CallContext ctx = CallContext.of(request);
    RequestOptions options = ctx == null ? RequestOptions.defaults() : ctx.options();
    int maxRetries = options.maxRetries() != null ? options.maxRetries() : policy.maxRetries();
    String method = request.method().toUpperCase(Locale.ROOT);
    boolean idempotent = isIdempotent(method) || options.retryNonIdempotent();
    boolean replayable = request.body() == null || !request.body().isOneShot();
    Instant deadline = deadline(chain, options);

    for (int attempt = 1; ; attempt++) {
      // The budget's wait counts against the deadline; one it cannot meet fails the call unsent.
      Duration budgetWait = gate == null ? Duration.ZERO
          : gate.acquire(Duration.between(policy.clock().instant(), deadline), policy.sleeper());
      if (chain.call().isCanceled()) {
        if (gate != null) {
          gate.answered(0, null);
        }
        throw new IOException("Canceled");
      }
      if (ctx != null) {
        ctx.startAttempt();
      }
      long started = System.nanoTime();
      Response response = null;
      IOException failure = null;
      try {
        try {
          response = chain.proceed(request);
        } finally {
          if (gate != null) {
            gate.answered(response == null ? 0 : response.code(),
                response == null ? null : response.headers());
          }
        }
        if (response.isSuccessful() && idempotent && attempt <= maxRetries
            && response.body().contentLength() != 0) {
          response = buffered(response);
        }
      } catch (ResponseTooLargeException e) {
        if (response != null) {
          response.close();
        }
        report(ctx, request, method, attempt, response == null ? null : response.code(), e, null,
            started, budgetWait);
        throw e;
      } catch (IOException e) {
        if (response != null) {
          response.close(); // broke off mid-body
        }
        failure = e;
      }
      Integer status = failure == null ? response.code() : null;
      boolean retryable = replayable && attempt <= maxRetries && !chain.call().isCanceled()
          && (failure != null
              ? isRetryableFailure(failure, idempotent)
              : isRetryableStatus(response.code(), method, idempotent));
      Duration delay = null;
      if (retryable) {
        Duration serverWait = response == null ? null : RetryAfter.parse(response.code(), response.headers(), policy.clock());
        delay = serverWait != null ? serverWait : policy.backoff(attempt);
        // Compared as durations: a server's wait may be too long to add to an Instant.
        if (delay.compareTo(Duration.between(policy.clock().instant(), deadline)) > 0) {
          delay = null; // the wait would outlast the budget: fail now with what we have
        }
      }
      report(ctx, request, method, attempt, status, failure, delay, started, budgetWait);
      if (delay == null) {
        if (failure != null) {
          throw failure;
        }
        return response;
      }
      if (response != null) {
        response.close();
      }
      try {
        policy.sleeper().sleep(delay);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        InterruptedIOException ie = new InterruptedIOException("interrupted while waiting to retry");
        ie.initCause(e);
        throw ie;
      }
      if (chain.call().isCanceled()) {
        throw new IOException("Canceled");
      }
    }
  }

  private Instant deadline(Chain chain, RequestOptions options) {
    Duration budget = policy.totalBudget();
    if (options.timeout() != null && options.timeout().compareTo(budget) < 0) {
      budget = options.timeout();
    }
    long callTimeoutNanos = chain.call().timeout().timeoutNanos();
    if (callTimeoutNanos > 0 && Duration.ofNanos(callTimeoutNanos).compareTo(budget) < 0) {
      budget = Duration.ofNanos(callTimeoutNanos);
    }
    return policy.clock().instant().plus(budget);
  }

  /**
   * The response with its body read to the end, so that a body broken off mid-way is retried
   * here. Held in an array reused from body to body ({@link BodyBytes}), given back when the
   * body is closed, and read through okio's pooled segments.
   */
  private Response buffered(Response response) throws IOException {
    ResponseBody body = response.body();
    BodyBytes bytes = spareBytes.take();
    try {
      bytes.readAll(body.byteStream());
    } catch (IOException | RuntimeException e) {
      spareBytes.giveBack(bytes);
      throw e;
    } finally {
      body.close();
    }
    Source held = new ForwardingSource(Okio.source(bytes.stream())) {
      private boolean released;

      @Override
      public long read(okio.Buffer sink, long byteCount) throws IOException {
        // The array may hold the next body by now: a closed body reads nothing more from it.
        if (released) {
          throw new IllegalStateException("closed");
        }
        return super.read(sink, byteCount);
      }

      @Override
      public void close() throws IOException {
        super.close();
        if (!released) {
          released = true;
          spareBytes.giveBack(bytes);
        }
      }
    };
    return response.newBuilder()
        .body(ResponseBody.create(Okio.buffer(held), body.contentType(), bytes.length()))
        .build();
  }

  static boolean isIdempotent(String method) {
    switch (method) {
      case "GET":
      case "HEAD":
      case "OPTIONS":
      case "PUT":
      case "DELETE":
        return true;
      default:
        return false;
    }
  }

  static boolean isRetryableStatus(int code, String method, boolean idempotent) {
    switch (code) {
      case 429:
        return true; // refused unprocessed: safe for every method
      case 408:
      case 502:
      case 503:
      case 504:
        return idempotent;
      case 500:
        return idempotent && (method.equals("GET") || method.equals("HEAD"));
      default:
        return false;
    }
  }

  static boolean isRetryableFailure(IOException e, boolean idempotent) {
    if (neverSent(e)) {
      return true;
    }
    if (e instanceof javax.net.ssl.SSLException) {
      return false; // a certificate or protocol problem does not go away
    }
    return idempotent;
  }

  /** Whether the failure happened before the request could reach the server. */
  static boolean neverSent(IOException e) {
    if (e instanceof ConnectException || e instanceof NoRouteToHostException
        || e instanceof UnknownHostException) {
      return true;
    }
    if (e instanceof SocketTimeoutException) {
      String m = e.getMessage();
      return m != null && m.toLowerCase(Locale.ROOT).contains("connect");
    }
    return false;
  }

  private void report(CallContext ctx, Request request, String method, int attempt, Integer status,
      IOException failure, Duration delay, long startedNanos, Duration budgetWait) {
    if (!reported()) {
      return; // nobody reads the event: no redaction work on the request path
    }
    // A server-chosen page token can put a credential into the URL: the call's redactor knows them.
    String url = ctx == null ? Redaction.redactUrl(request.url())
        : ctx.redact(Redaction.redactUrl(request.url()));
    Duration took = Duration.ofNanos(System.nanoTime() - startedNanos);
    Vendor vendor = ctx == null ? null : ctx.vendor();
    String operation = ctx == null ? null : ctx.operation();
    String failureText = failure == null ? null : failure.getClass().getSimpleName()
        + (failure.getMessage() == null ? "" : ": " + (ctx == null
            ? Redaction.redactText(failure.getMessage()) : ctx.redact(failure.getMessage())));
    AttemptEvent event = AttemptEvent.of(vendor, operation, method, url, attempt, status,
        failureText, delay, took, budgetWait);
    if (LOG.isLoggable(System.Logger.Level.DEBUG)) {
      LOG.log(System.Logger.Level.DEBUG, event.toString());
    }
    listener.onAttempt(event, ctx); // what it throws is logged, never breaks the call
  }

  /** Whether anyone reads attempt events: the DEBUG log or a listener. */
  private boolean reported() {
    return listener.hasListener() || LOG.isLoggable(System.Logger.Level.DEBUG);
  }

  @Override
  public String toString() {
    return "RetryInterceptor{" + policy + "}";
  }
}
