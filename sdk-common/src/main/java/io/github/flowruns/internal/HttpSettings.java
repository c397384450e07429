package io.github.flowruns.internal;

import io.github.flowruns.Vendor;
import io.github.flowruns.http.RequestBudget;
import io.github.flowruns.http.RequestListener;
import io.github.flowruns.http.RetryPolicy;
import io.github.flowruns.http.Timeouts;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;

/**
 * The transport settings every vendor client shares (base URL, OkHttp client, retry policy,
 * timeouts, listener, insecure-HTTP opt-in, response size limit, request budget), and the one place that
 * assembles the {@link OkHttpClient} with the SDK's interceptors in order: retries (outermost, so
 * each attempt re-runs authentication), the body size limit, then authentication; OkHttp's own
 * redirects, retries and follow-ups are switched off ({@link FollowUps}).
 * {@link io.github.flowruns.http.FlowRunsClientBuilder} holds one and hands vendor builders a
 * {@link #copy()} at {@code build()}. Mutable, like a builder. Not API.
 *
 * <pre>{@code
 * public FlowStackClient build() {
 *   HttpSettings http = BuilderAccess.httpSettings(this);      // a copy, kept by the client
 *   String base = http.resolveBaseUrl();                       // validated
 *   OkHttpClient ok = http.buildClient(ApiKeyAuth.bearer(requireApiKey()));
 *   ...
 * }
 * }</pre>
 */
public final class HttpSettings {
  private static final OkHttpClient SHARED_ROOT = new OkHttpClient();
  /** See {@link io.github.flowruns.http.FlowRunsClientBuilder#listingConcurrency(int)} for why 16. */
  public static final int DEFAULT_LISTING_CONCURRENCY = 16;

  private final Vendor vendor;
  private final String defaultBaseUrl;
  private String baseUrl;
  private OkHttpClient okHttpClient;
  private RetryPolicy retryPolicy = RetryPolicy.defaults();
  private Timeouts timeouts = Timeouts.defaults();
  private RequestListener listener;
  private boolean allowInsecureHttp;
  private long maxResponseBytes = BodySizeLimitInterceptor.DEFAULT_LIMIT;
  private int listingConcurrency = DEFAULT_LISTING_CONCURRENCY;
  // Each copy (one per built client) starts empty: a client's redactor holds its own credentials.
  private final Secrets secrets = new Secrets();
  private ListenerGuard listenerGuard;
  private RequestBudget requestBudget = RequestBudget.adaptive();
  private int documentedLimit;
  private Duration documentedWindow;
  private BudgetGate gate;

  /**
   * @param vendor the vendor
   * @param defaultBaseUrl the server URL of the vendor's spec
   */
  public HttpSettings(Vendor vendor, String defaultBaseUrl) {
    this.vendor = Objects.requireNonNull(vendor, "vendor");
    this.defaultBaseUrl = Objects.requireNonNull(defaultBaseUrl, "defaultBaseUrl");
  }

  /** @param baseUrl replaces the vendor's server URL; null restores it */
  public void baseUrl(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  /** @param client the caller's client to derive from (its pool and dispatcher are shared) */
  public void okHttpClient(OkHttpClient client) {
    this.okHttpClient = Objects.requireNonNull(client, "okHttpClient");
  }

  /** @param policy the retry policy */
  public synchronized void retryPolicy(RetryPolicy policy) {
    this.retryPolicy = Objects.requireNonNull(policy, "retryPolicy");
    this.gate = null; // its clock is the policy's
  }

  /** @param timeouts the timeouts */
  public void timeouts(Timeouts timeouts) {
    this.timeouts = Objects.requireNonNull(timeouts, "timeouts");
  }

  /** @param listener told of every attempt, or null */
  public synchronized void listener(RequestListener listener) {
    this.listener = listener;
    this.listenerGuard = null;
  }

  /** @param budget the request budget of the client */
  public synchronized void requestBudget(RequestBudget budget) {
    this.requestBudget = Objects.requireNonNull(budget, "requestBudget");
    this.gate = null;
  }

  /**
   * The vendor's documented rate limit, which an {@link RequestBudget#adaptive()} budget starts
   * from: the vendor module's hook (sdk-common names no vendor). Call before
   * {@link #buildClient}.
   *
   * <pre>{@code http.documentedRateLimit(240, Duration.ofMinutes(1));   // Patchworks, every plan}</pre>
   *
   * @param requests requests allowed per {@code per}, at least 1
   * @param per the span, positive
   */
  public synchronized void documentedRateLimit(int requests, Duration per) {
    RequestBudget.fixed(requests, per); // the same checks
    this.documentedLimit = requests;
    this.documentedWindow = per;
    this.gate = null;
  }

  /** @return the request budget */
  public RequestBudget requestBudget() {
    return requestBudget;
  }

  /**
   * The budget of the client these settings belong to: one for every OkHttp client built here,
   * so the API calls and a login share it.
   *
   * @return the gate
   */
  public synchronized BudgetGate budgetGate() {
    if (gate == null) {
      gate = new BudgetGate(requestBudget, documentedLimit, documentedWindow, retryPolicy.clock());
    }
    return gate;
  }

  /** @param allow whether an {@code http://} base URL on a non-loopback host is accepted */
  public void allowInsecureHttp(boolean allow) {
    this.allowInsecureHttp = allow;
  }

  /** @param bytes the most bytes a response body may have, positive */
  public void maxResponseBytes(long bytes) {
    if (bytes <= 0) {
      throw new IllegalArgumentException("maxResponseBytes must be positive, was " + bytes);
    }
    this.maxResponseBytes = bytes;
  }

  /** @param n sub-listing requests one merged listing may have in flight at once, at least 1 */
  public void listingConcurrency(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("listingConcurrency must be at least 1, was " + n);
    }
    this.listingConcurrency = n;
  }

  /** @return sub-listing requests one merged listing may have in flight at once */
  public int listingConcurrency() {
    return listingConcurrency;
  }

  /**
   * A copy to change or keep independently of this one; the caller's OkHttp client and the
   * listener are shared, not copied.
   *
   * @return the copy
   */
  public HttpSettings copy() {
    HttpSettings c = new HttpSettings(vendor, defaultBaseUrl);
    c.baseUrl = baseUrl;
    c.okHttpClient = okHttpClient;
    c.retryPolicy = retryPolicy;
    c.timeouts = timeouts;
    c.listener = listener;
    c.allowInsecureHttp = allowInsecureHttp;
    c.maxResponseBytes = maxResponseBytes;
    c.listingConcurrency = listingConcurrency;
    c.requestBudget = requestBudget;
    c.documentedLimit = documentedLimit;
    c.documentedWindow = documentedWindow;
    return c; // with a gate of its own, made on first use: each client has its own budget
  }

  /** @return the vendor */
  public Vendor vendor() {
    return vendor;
  }

  /**
   * The credentials of the client these settings belong to, for its redactor: the builder
   * registers the API key or login here at {@code build()}, authentication adds the tokens it
   * obtains, and the client's {@link Transport}s mask them all in every error.
   *
   * @return the client's secrets, never null
   */
  public Secrets secrets() {
    return secrets;
  }

  /** @return the retry policy */
  public RetryPolicy retryPolicy() {
    return retryPolicy;
  }

  /** @return the timeouts */
  public Timeouts timeouts() {
    return timeouts;
  }

  /** @return the listener, or null */
  public RequestListener listener() {
    return listener;
  }

  /** @return whether the client was built from a caller's OkHttpClient */
  public boolean hasCallerClient() {
    return okHttpClient != null;
  }

  /**
   * The base URL to use, checked: an absolute http(s) URL; {@code http://} only for a loopback
   * host or with {@link #allowInsecureHttp(boolean)}. A trailing slash is removed.
   *
   * @return the URL text, e.g. {@code https://cloud.activepieces.com/api}
   * @throws IllegalArgumentException naming the problem (never a secret: base URLs hold none)
   */
  public String resolveBaseUrl() {
    return checkUrl("baseUrl", baseUrl == null ? defaultBaseUrl : baseUrl);
  }

  /**
   * Checks another server URL of this vendor (e.g. a login server) by the rules of
   * {@link #resolveBaseUrl()}, including the {@link #allowInsecureHttp(boolean)} opt-in.
   *
   * @param setting the setting's name for messages, e.g. {@code "loginBaseUrl"}
   * @param text the URL
   * @return the URL text without a trailing slash
   * @throws IllegalArgumentException naming the setting and the problem
   */
  public String checkUrl(String setting, String text) {
    String name = vendor.displayName() + " " + setting;
    HttpUrl url = HttpUrl.parse(text.trim());
    if (url == null) {
      throw new IllegalArgumentException(
          name + " must be an absolute http(s) URL, was '" + Redaction.redactUrl(text) + "'");
    }
    if (!url.username().isEmpty() || !url.password().isEmpty()) {
      throw new IllegalArgumentException(
          name + " must not contain user info; use the builder's credentials instead");
    }
    if (url.scheme().equals("http") && !allowInsecureHttp && !isLoopback(url.host())) {
      throw new IllegalArgumentException(name + " http://" + url.host()
          + " is not HTTPS; use https, a loopback host, or allowInsecureHttp(true)");
    }
    String s = url.toString();
    while (s.endsWith("/")) {
      s = s.substring(0, s.length() - 1);
    }
    return s;
  }

  static boolean isLoopback(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.equals("localhost") || h.endsWith(".localhost")) {
      return true;
    }
    if (h.matches("[0-9.]+") || h.contains(":")) {
      try {
        return InetAddress.getByName(h).isLoopbackAddress(); // a literal: no lookup happens
      } catch (Exception e) {
        return false;
      }
    }
    return false;
  }

  /**
   * Builds the client: derived from the caller's client if given (sharing its pool), else from a
   * shared root; timeouts set; the SDK's interceptors added after the caller's own.
   *
   * @param auth authentication interceptors, in order (none for unauthenticated calls)
   * @return the client
   */
  public OkHttpClient buildClient(Interceptor... auth) {
    OkHttpClient from = okHttpClient != null ? okHttpClient : SHARED_ROOT;
    // No redirects, no OkHttp retries or follow-ups, also on a caller's client: the
    // RetryInterceptor alone resends, and credentials never follow a redirect to another origin.
    OkHttpClient.Builder b = FollowUps.install(from.newBuilder(), from)
        .connectTimeout(timeouts.connect().toMillis(), TimeUnit.MILLISECONDS)
        .readTimeout(timeouts.read().toMillis(), TimeUnit.MILLISECONDS)
        .writeTimeout(timeouts.read().toMillis(), TimeUnit.MILLISECONDS)
        .callTimeout(timeouts.call().toMillis(), TimeUnit.MILLISECONDS);
    b.addInterceptor(new RetryInterceptor(retryPolicy, listenerGuard(), budgetGate()));
    b.addInterceptor(new BodySizeLimitInterceptor(maxResponseBytes));
    for (Interceptor i : auth) {
      b.addInterceptor(Objects.requireNonNull(i, "auth interceptor"));
    }
    b.addInterceptor(FollowUps.UNMASK);
    return b.build();
  }

  /** One guard per settings (so per client): a throwing listener is reported once per client. */
  private synchronized ListenerGuard listenerGuard() {
    if (listenerGuard == null) {
      listenerGuard = new ListenerGuard(listener);
    }
    return listenerGuard;
  }

  /**
   * Releases what a client built here holds; connections and threads of a shared or caller's
   * client are left alone (they are shared), idle connections simply time out.
   *
   * @param client a client from {@link #buildClient}
   */
  public void release(OkHttpClient client) {
    // Clients derived with newBuilder() share the root's pool and dispatcher with every other
    // client of the process, so there is nothing of their own to shut down.
  }

  /**
   * The settings as text, for a builder's {@code toString()}: base URLs are redacted, and no
   * setting here holds a credential.
   *
   * @return e.g. {@code baseUrl=https://app.onflowstack.com, retryPolicy=RetryPolicy{...}, ...}
   */
  public String describe() {
    return "baseUrl=" + Redaction.redactUrl(baseUrl == null ? defaultBaseUrl : baseUrl)
        + ", retryPolicy=" + retryPolicy + ", timeouts=" + timeouts
        + ", allowInsecureHttp=" + allowInsecureHttp + ", maxResponseBytes=" + maxResponseBytes
        + ", listingConcurrency=" + listingConcurrency
        + ", requestBudget=" + requestBudget;
  }

  @Override
  public String toString() {
    return "HttpSettings{" + vendor.displayName() + ", " + describe() + "}";
  }
}
