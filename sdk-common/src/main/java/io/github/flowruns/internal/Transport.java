package io.github.flowruns.internal;

import com.google.gson.Gson;
import io.github.flowruns.ErrorDetails;
import io.github.flowruns.FlowRunsException;
import io.github.flowruns.Vendor;
import io.github.flowruns.http.RequestOptions;
import com.google.gson.stream.MalformedJsonException;
import java.io.EOFException;
import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.Type;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import okhttp3.Call;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Executes the requests a vendor adapter prepares with its generated client, and turns every
 * outcome into either a value or a {@link FlowRunsException}: a redirect (3xx, never followed)
 * becomes {@link io.github.flowruns.RedirectException}, other non-2xx responses the typed
 * exception ({@link ErrorMapper}), I/O failures {@link io.github.flowruns.TransportException},
 * unreadable bodies (malformed, truncated, wrong type, HTML, empty, too large)
 * {@link io.github.flowruns.ResponseParseException}. Nothing else escapes. Thread-safe. Not API.
 *
 * <pre>{@code
 * Transport transport = new Transport(Vendor.FLOWSTACK, okHttpClient, JSON.getGson(), errorParser);
 * Request request = transport.prepare("getRun", () -> runsApi.getRunCall(runId, null));
 * FlowRun run = transport.execute("getRun", request, FlowRun.class, options);
 * }</pre>
 */
public final class Transport {
  /** How much of an error body is read for the excerpt and the vendor's error parser. */
  static final long ERROR_BODY_PEEK = 64 * 1024;
  /** How much of a success body is kept while it is parsed: for the checks and excerpts only. */
  static final int HEAD_CHARS = 8 * 1024;

  private final Vendor vendor;
  private final OkHttpClient client;
  private final Gson gson;
  private final ErrorBodyParser errorParser;
  private final Secrets secrets;
  private final ServerClock serverClock;
  /** Calls in flight, so that {@link #close()} can end them; a call adds itself, then checks. */
  private final Set<Call> inFlight = ConcurrentHashMap.newKeySet();
  /** A head array no call is using, kept so that each page does not allocate 16 KB for it. */
  private final AtomicReference<char[]> spareHead = new AtomicReference<>();
  /** A body text reader no call is using, kept as {@link #spareHead} is (its 24 KB of buffers). */
  private final AtomicReference<BodyReader> spareReader = new AtomicReference<>();
  /** A body array no call is using ({@link #executeTwoWays}), kept as {@link #spareHead} is. */
  private final BodyBytes.Spare spareBytes = new BodyBytes.Spare();
  private volatile boolean closed;

  /** Supplies a prepared (not executed) call, typically the generated {@code xxxCall(..., null)}. */
  @FunctionalInterface
  public interface CallSupplier {
    /**
     * @return the prepared call
     * @throws Exception whatever the generated code throws (e.g. a missing required parameter)
     */
    Call get() throws Exception;
  }

  /**
   * @param vendor the vendor, for exceptions and listeners
   * @param client the client with the SDK's interceptors installed
   * @param gson the Gson that reads the vendor's generated models
   * @param errorParser the vendor's error body parser
   */
  public Transport(Vendor vendor, OkHttpClient client, Gson gson, ErrorBodyParser errorParser) {
    this(vendor, client, gson, errorParser, new Secrets());
  }

  /**
   * A transport that masks its client's credentials in every error it makes.
   *
   * <pre>{@code new Transport(Vendor.FLOWSTACK, ok, JSON.getGson(), parser, http.secrets())}</pre>
   *
   * @param vendor the vendor, for exceptions and listeners
   * @param client the client with the SDK's interceptors installed
   * @param gson the Gson that reads the vendor's generated models
   * @param errorParser the vendor's error body parser
   * @param secrets the client's credentials ({@link HttpSettings#secrets()}); tokens its
   *     authentication obtains are added as calls run
   */
  public Transport(Vendor vendor, OkHttpClient client, Gson gson, ErrorBodyParser errorParser,
      Secrets secrets) {
    this(vendor, client, gson, errorParser, secrets, new ServerClock(), false);
  }

  /**
   * A transport that also keeps the vendor's clock from every answer's {@code Date} header.
   *
   * <pre>{@code new Transport(Vendor.FLOWSTACK, ok, JSON.getGson(), parser, http.secrets(), core.serverClock())}</pre>
   *
   * @param vendor the vendor, for exceptions and listeners
   * @param client the client with the SDK's interceptors installed
   * @param gson the Gson that reads the vendor's generated models
   * @param errorParser the vendor's error body parser
   * @param secrets the client's credentials
   * @param serverClock told the {@code Date} and the rate-limit headers of every answer, errors
   *     included, and the retry policy of {@code client}'s {@link RetryInterceptor} (for the
   *     clock and sleeper of waits)
   */
  public Transport(Vendor vendor, OkHttpClient client, Gson gson, ErrorBodyParser errorParser,
      Secrets secrets, ServerClock serverClock) {
    this(vendor, client, gson, errorParser, secrets, serverClock, true);
  }

  /**
   * @param clientsClock whether {@code serverClock} is the client's own (its {@link ClientCore}'s),
   *     which then reads the client's rate-limit quota from the request budget and lends the
   *     budget the vendor's clock; a transport's private clock (a login's) does neither
   */
  private Transport(Vendor vendor, OkHttpClient client, Gson gson, ErrorBodyParser errorParser,
      Secrets secrets, ServerClock serverClock, boolean clientsClock) {
    this.serverClock = Objects.requireNonNull(serverClock, "serverClock");
    this.vendor = Objects.requireNonNull(vendor, "vendor");
    this.client = Objects.requireNonNull(client, "client");
    this.gson = Objects.requireNonNull(gson, "gson");
    this.errorParser = errorParser == null ? ErrorBodyParser.none() : errorParser;
    this.secrets = Objects.requireNonNull(secrets, "secrets");
    // Waits (awaitRun) sleep on the policy's clock and sleeper, as the retries do, and keep the
    // client's call timeout for each poll.
    serverClock.callTimeout(Duration.ofMillis(this.client.callTimeoutMillis()));
    for (Interceptor i : this.client.interceptors()) {
      if (i instanceof RetryInterceptor) {
        RetryInterceptor retries = (RetryInterceptor) i;
        serverClock.retryPolicy(retries.policy());
        if (clientsClock && retries.gate() != null) {
          // One place for the quota: waits read the budget's, the budget reads Reset on this clock.
          serverClock.budget(retries.gate());
          retries.gate().serverClock(serverClock);
        }
      }
    }
  }

  /** @return the vendor */
  public Vendor vendor() {
    return vendor;
  }

  /** @return the OkHttp client requests run on */
  public OkHttpClient client() {
    return client;
  }

  /** @return the Gson used to read bodies */
  public Gson gson() {
    return gson;
  }

  /**
   * Closes this transport: calls in flight on any thread are cancelled and end with a
   * {@link io.github.flowruns.TransportException} "client closed", as does every later call,
   * before any request. Idempotent; the OkHttp client itself is left to its owner.
   */
  public void close() {
    closed = true;
    for (Call call : inFlight) {
      call.cancel();
    }
  }

  /** @return whether {@link #close()} was called */
  public boolean isClosed() {
    return closed;
  }

  /**
   * The exception for an operation on a closed client.
   *
   * @param operation the operation
   * @param cause what the closing interrupted, or null
   * @return the exception, to throw
   */
  public FlowRunsException closedError(String operation, Throwable cause) {
    return closedError(vendor, operation, cause);
  }

  /**
   * The one shape of "client closed", shared with {@link ClientCore} so that a call stopped by
   * either part of a closed client fails the same way.
   */
  static FlowRunsException closedError(Vendor vendor, String operation, Throwable cause) {
    return FlowRunsException.forStatus(ErrorDetails.builder().vendor(vendor).operation(operation)
        .kind(ErrorDetails.Kind.TRANSPORT).attempts(0).message(CLIENT_CLOSED).cause(cause)
        .build());
  }

  /** The message of every closed-client exception; {@link ClientCore} recognises it by this. */
  static final String CLIENT_CLOSED = "client closed";

  /**
   * Whether an exception says the client was closed (by this transport or its {@link ClientCore}),
   * which no retry or wait cures.
   *
   * <pre>{@code if (Transport.isClientClosed(e)) throw e;}</pre>
   *
   * @param e the exception, may be null
   * @return true for a closed-client exception
   */
  public static boolean isClientClosed(Throwable e) {
    return e instanceof FlowRunsException && ((FlowRunsException) e).details() != null
        && CLIENT_CLOSED.equals(((FlowRunsException) e).details().message());
  }

  /**
   * Builds the request of a generated call without executing it. A failure of the generated code
   * (a missing required parameter, an invalid value) becomes an
   * {@link io.github.flowruns.InvalidRequestException} with no HTTP status and zero attempts.
   *
   * @param operation the operation, for the exception
   * @param call the generated call
   * @return the request
   */
  public Request prepare(String operation, CallSupplier call) {
    try {
      Call c = call.get();
      if (c == null) {
        throw new IllegalStateException("the generated client returned no call");
      }
      return c.request();
    } catch (FlowRunsException e) {
      throw e;
    } catch (Exception e) {
      throw FlowRunsException.forStatus(ErrorDetails.builder()
          .vendor(vendor).operation(operation).attempts(0)
          .kind(ErrorDetails.Kind.INVALID_REQUEST)
          .message("could not build the request: " + e.getMessage())
          .cause(e).redactor(secrets::redact).build());
    }
  }

  /**
   * Executes a request and reads its JSON body as {@code type}.
   *
   * @param operation the operation, for exceptions and listeners (e.g. {@code "listRuns"})
   * @param request the request
   * @param type the body type, e.g. a generated model class or a {@code TypeToken}'s type
   * @param options per-call options
   * @param <T> the body type
   * @return the body, never null
   */
  public <T> T execute(String operation, Request request, Type type, RequestOptions options) {
    return execute(operation, request, type, options, Function.<T>identity());
  }

  /**
   * Executes a request, reads its JSON body as {@code type} and maps it; anything the mapper
   * throws (other than a {@link FlowRunsException}) becomes a
   * {@link io.github.flowruns.ResponseParseException} with the body excerpt.
   *
   * <pre>{@code
   * Run run = transport.execute("getRun", request, FlowRun.class, options, mapper::toRun);
   * }</pre>
   *
   * @param operation the operation
   * @param request the request
   * @param type the body type
   * @param options per-call options
   * @param mapper turns the body into the result
   * @param <T> the body type
   * @param <R> the result type
   * @return the mapped result
   */
  public <T, R> R execute(String operation, Request request, Type type, RequestOptions options,
      Function<? super T, ? extends R> mapper) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(mapper, "mapper");
    return run(operation, request, options, (response, ctx) -> {
      // The body is parsed as it arrives rather than read into a String first: on a 100-run page
      // that saves a copy of the page, and parsing overlaps the transfer (FacadeBenchmark).
      BodyReader text = takeReader();
      try {
        ResponseBody body = response.body();
        return read(operation, ctx, response, text.open(body.byteStream(), charset(body)), gson,
            type, mapper);
      } finally {
        giveBack(text);
      }
    });
  }

  /**
   * Executes a request and reads its body a fast way first and, only if that fails in any way,
   * once more the thorough way, from the same bytes: the body is held in memory (an array this
   * transport reuses), so the second reading sends no request (only a {@link
   * io.github.flowruns.http.RetryPolicy} resends). The second reading's outcome, a value or its
   * exception, is the call's. For an adapter whose fast reading (e.g. streaming into models)
   * must give what its thorough one (e.g. a {@code JsonObject} tree) gives, and may give up on
   * what only the thorough one handles.
   *
   * <pre>{@code
   * Page<Run> page = transport.executeTwoWays("listRuns", request, options,
   *     StreamedRunPage.GSON, StreamedRunPage.class, streamed -> page(streamed),
   *     JsonObject.class, (JsonObject tree) -> page(tree));
   * }</pre>
   *
   * @param operation the operation
   * @param request the request
   * @param options per-call options
   * @param fastGson the Gson of the fast reading
   * @param fastType the body type of the fast reading
   * @param fastMapper turns the fast reading's body into the result
   * @param type the body type of the thorough reading, with this transport's Gson
   * @param mapper turns the thorough reading's body into the result
   * @param <F> the fast reading's body type
   * @param <T> the thorough reading's body type
   * @param <R> the result type
   * @return the mapped result
   */
  public <F, T, R> R executeTwoWays(String operation, Request request, RequestOptions options,
      Gson fastGson, Type fastType, Function<? super F, ? extends R> fastMapper,
      Type type, Function<? super T, ? extends R> mapper) {
    Objects.requireNonNull(fastGson, "fastGson");
    Objects.requireNonNull(fastType, "fastType");
    Objects.requireNonNull(fastMapper, "fastMapper");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(mapper, "mapper");
    return run(operation, request, options, (response, ctx) -> {
      BodyBytes bytes = spareBytes.take();
      BodyReader text = takeReader();
      try {
        ResponseBody body = response.body();
        bytes.readAll(body.byteStream());
        Charset charset = charset(body);
        try {
          return read(operation, ctx, response, text.open(bytes.stream(), charset), fastGson,
              fastType, fastMapper);
        } catch (RuntimeException fastFailed) {
          return read(operation, ctx, response, text.open(bytes.stream(), charset), gson, type,
              mapper);
        }
      } finally {
        giveBack(text);
        spareBytes.giveBack(bytes);
      }
    });
  }

  /**
   * Reads a body's JSON as {@code type} with {@code gson} and maps it, turning every failure into
   * a {@link io.github.flowruns.ResponseParseException} with the body's start as excerpt (an
   * I/O failure of the stream excepted: thrown for {@link #run} to report).
   */
  private <T, R> R read(String operation, CallContext ctx, Response response, Reader stream,
      Gson gson, Type type, Function<? super T, ? extends R> mapper) throws IOException {
    // Only the body's start is kept, for the checks below and for the excerpt of a failure: read
    // into an array this transport reuses, and made a String only for an excerpt. A
    // BufferedReader to mark it, a copy and a String of it cost ~40 KB a page, 0.4 KB a run
    // (BENCHMARKS.md 8).
    char[] head = takeHead();
    try {
      int n = fill(stream, head);
      Supplier<String> body = () -> new String(head, 0, n);
      int visible = firstVisible(head, n);
      String contentType = response.header("Content-Type");
      if (visible == n && n < HEAD_CHARS) {
        throw parseError(operation, ctx, response, "empty response body where JSON was expected",
            body.get(), null);
      }
      // looksLikeHtml strips the leading whitespace and looks for '<': the first visible char.
      if (ErrorMapper.looksLikeHtml(contentType, visible < n && head[visible] == '<' ? "<" : "")) {
        throw parseError(operation, ctx, response, "expected JSON but got "
            + (contentType == null ? "an HTML page" : contentType), body.get(), null);
      }
      T value;
      try {
        value = gson.fromJson(new HeadThenRest(head, n, stream), type);
      } catch (RuntimeException | StackOverflowError e) {
        IOException io = ioFailure(e);
        if (io != null) {
          throw io;                  // the connection, not the JSON: handled as before by run()
        }
        throw parseError(operation, ctx, response,
            "cannot read the response as " + typeName(type) + ": " + e.getMessage(), body.get(), e);
      }
      if (value == null) {
        throw parseError(operation, ctx, response, "the response body is JSON null", body.get(), null);
      }
      try {
        R result = mapper.apply(value);
        if (result == null) {
          throw new IllegalStateException("nothing usable in the response");
        }
        return result;
      } catch (FlowRunsException e) {
        throw e;
      } catch (RuntimeException e) {
        throw parseError(operation, ctx, response,
            "unexpected response content: " + e.getMessage(), body.get(), e);
      }
    } finally {
      spareHead.set(head);
    }
  }

  /**
   * Executes a request whose body does not matter (e.g. stop); only the status counts.
   *
   * @param operation the operation
   * @param request the request
   * @param options per-call options
   */
  public void executeDiscardingBody(String operation, Request request, RequestOptions options) {
    run(operation, request, options, (response, ctx) -> null);
  }

  /**
   * A {@link io.github.flowruns.ResponseParseException} for a body an adapter finds unusable
   * after parsing (e.g. a run without an id).
   *
   * @param operation the operation
   * @param message what is wrong
   * @return the exception, to throw
   */
  public FlowRunsException unreadable(String operation, String message) {
    return FlowRunsException.forStatus(ErrorDetails.builder().vendor(vendor).operation(operation)
        .kind(ErrorDetails.Kind.RESPONSE_PARSE).message(message).redactor(secrets::redact).build());
  }

  @FunctionalInterface
  private interface ResponseHandler<R> {
    R handle(Response response, CallContext ctx) throws IOException;
  }

  private <R> R run(String operation, Request request, RequestOptions options,
      ResponseHandler<R> handler) {
    Objects.requireNonNull(request, "request");
    RequestOptions opts = options == null ? RequestOptions.defaults() : options;
    CallContext ctx = new CallContext(vendor, operation, opts, secrets);
    Request.Builder rb = request.newBuilder();
    for (Map.Entry<String, String> h : opts.headers().entrySet()) {
      rb.header(h.getKey(), h.getValue());
    }
    rb.tag(CallContext.class, ctx);
    Call call = client.newCall(rb.build());
    if (opts.timeout() != null) {
      call.timeout().timeout(opts.timeout().toNanos(), TimeUnit.NANOSECONDS);
    }
    inFlight.add(call);
    if (closed) {
      inFlight.remove(call);
      throw closedError(operation, null);
    }
    Response response = null;
    try {
      response = call.execute();
      serverClock.observe(response.headers());
      if (response.code() >= 300 && response.code() <= 399) {
        throw FollowUps.redirect(vendor, operation, response, ctx); // never followed
      }
      if (!response.isSuccessful()) {
        String body = peekErrorBody(response);
        throw ErrorMapper.map(vendor, operation, response.code(), response.headers(), body,
            errorParser, attempts(ctx), ctx::redact);
      }
      return handler.handle(response, ctx);
    } catch (ResponseTooLargeException e) {
      throw FlowRunsException.forStatus(ErrorDetails.builder().vendor(vendor).operation(operation)
          .httpStatus(response == null ? null : response.code())
          .requestId(response == null ? null : ErrorMapper.requestId(response.headers()))
          .kind(ErrorDetails.Kind.RESPONSE_PARSE).attempts(attempts(ctx))
          .message(e.getMessage()).cause(e).redactor(ctx::redact).build());
    } catch (BudgetGate.Denied e) {
      throw FlowRunsException.forStatus(ErrorDetails.builder().vendor(vendor).operation(operation)
          .kind(ErrorDetails.Kind.RATE_LIMIT).attempts(ctx.attempts()).retryAfter(e.budgetWait())
          .message(e.getMessage()).cause(e).redactor(ctx::redact).build());
    } catch (IOException e) {
      if (closed) {
        throw closedError(operation, e);
      }
      if (response != null) {
        // The status line arrived; the body broke off.
        throw FlowRunsException.forStatus(ErrorDetails.builder().vendor(vendor)
            .operation(operation).httpStatus(response.code())
            .requestId(ErrorMapper.requestId(response.headers()))
            .kind(ErrorDetails.Kind.TRANSPORT).attempts(attempts(ctx))
            .message("connection failed while reading the response body: " + describe(e))
            .cause(e).redactor(ctx::redact).build());
      }
      throw FlowRunsException.forStatus(ErrorDetails.builder().vendor(vendor).operation(operation)
          .kind(ErrorDetails.Kind.TRANSPORT).attempts(attempts(ctx))
          .message(describe(e)).cause(e).redactor(ctx::redact).build());
    } catch (FlowRunsException e) {
      throw e;
    } catch (Exception e) {
      // An interceptor or OkHttp itself failed unexpectedly: a RuntimeException, or a checked
      // exception thrown undeclared (OkHttp is Kotlin, which declares none: an
      // InterruptedException from a wait inside it can leave execute()). Only
      // FlowRunsExceptions escape, and an interrupt keeps the thread's flag.
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw FlowRunsException.forStatus(ErrorDetails.builder().vendor(vendor).operation(operation)
          .kind(ErrorDetails.Kind.TRANSPORT).attempts(attempts(ctx))
          .message("request failed: " + describe(e)).cause(e).redactor(ctx::redact).build());
    } finally {
      inFlight.remove(call);
      if (response != null) {
        response.close();
      }
    }
  }

  /** The head array to read a body's start into: the spare one if no other call holds it. */
  private char[] takeHead() {
    char[] head = spareHead.getAndSet(null);
    return head != null ? head : new char[HEAD_CHARS];
  }

  /** Reads until {@code head} is full or the body ends; returns the number of chars read. */
  private static int fill(Reader in, char[] head) throws IOException {
    int n = 0;
    int read;
    while (n < head.length && (read = in.read(head, n, head.length - n)) != -1) {
      n += read;
    }
    return n;
  }

  /** The Content-Type's charset, or null: {@link BodyReader} then applies OkHttp's default. */
  private static Charset charset(ResponseBody body) {
    MediaType type = body.contentType();
    return type == null ? null : type.charset(StandardCharsets.UTF_8);
  }

  /** A reader of body text: the spare one if no other call holds it. */
  private BodyReader takeReader() {
    BodyReader reader = spareReader.getAndSet(null);
    return reader != null ? reader : new BodyReader();
  }

  private void giveBack(BodyReader reader) {
    reader.release();
    spareReader.set(reader);
  }

  /** The index of the first char that is not whitespace ({@link String#isBlank} rules), else n. */
  private static int firstVisible(char[] text, int n) {
    int i = 0;
    while (i < n && Character.isWhitespace(text[i])) {
      i++;
    }
    return i;
  }

  /** The body's start, already read into the head array, then the rest of the stream. */
  private static final class HeadThenRest extends Reader {
    private final char[] head;
    private final int length;
    private final Reader rest;
    private int at;

    HeadThenRest(char[] head, int length, Reader rest) {
      this.head = head;
      this.length = length;
      this.rest = rest;
    }

    @Override
    public int read(char[] buffer, int offset, int count) throws IOException {
      if (at < length) {
        int n = Math.min(count, length - at);
        System.arraycopy(head, at, buffer, offset, n);
        at += n;
        return n;
      }
      return rest.read(buffer, offset, count);
    }

    @Override
    public void close() throws IOException {
      rest.close();
    }
  }

  /**
   * The I/O failure under a Gson exception, if the stream failed rather than the JSON: a broken
   * connection or a body over the size limit. Gson's own syntax errors are IOExceptions too
   * (MalformedJsonException, EOFException) and stay parse errors.
   */
  private static IOException ioFailure(Throwable e) {
    for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof IOException && !(t instanceof MalformedJsonException)
          && !(t instanceof EOFException)) {
        return (IOException) t;
      }
    }
    return null;
  }

  private static String peekErrorBody(Response response) {
    try {
      return response.peekBody(ERROR_BODY_PEEK).string();
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }

  private FlowRunsException parseError(String operation, CallContext ctx, Response response,
      String message, String body, Throwable cause) {
    return FlowRunsException.forStatus(ErrorDetails.builder().vendor(vendor).operation(operation)
        .httpStatus(response.code()).requestId(ErrorMapper.requestId(response.headers()))
        .kind(ErrorDetails.Kind.RESPONSE_PARSE).attempts(attempts(ctx))
        .message(message).body(body).cause(cause).redactor(ctx::redact).build());
  }

  private static int attempts(CallContext ctx) {
    return Math.max(1, ctx.attempts());
  }

  private static String describe(Throwable e) {
    String m = e.getMessage();
    String name = e.getClass().getSimpleName();
    return m == null || m.isBlank() ? name : name + ": " + m;
  }

  private static String typeName(Type type) {
    return type instanceof Class ? ((Class<?>) type).getSimpleName() : type.getTypeName();
  }
}
