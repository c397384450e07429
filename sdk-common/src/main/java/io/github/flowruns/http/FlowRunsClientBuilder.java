package io.github.flowruns.http;

import io.github.flowruns.FlowRunsClient;
import io.github.flowruns.Vendor;
import io.github.flowruns.internal.BuilderAccess;
import io.github.flowruns.internal.HttpSettings;
import java.util.Objects;
import okhttp3.OkHttpClient;

/**
 * The settings every vendor client builder has: the API key, the server URL and the transport
 * (OkHttp client, retries, timeouts, listener, insecure-HTTP opt-in, response size limit,
 * request budget). Each
 * vendor's {@code Builder} extends it, adds its own context (a project, an organisation, a
 * default flow, a login) and {@link #build()}, so the shared settings are named, checked and
 * documented the same way for every vendor.
 *
 * <pre>{@code
 * FlowStackClient client = FlowStackClient.builder()
 *     .apiKey(System.getenv("FLOWSTACK_API_KEY"))              // this class
 *     .retryPolicy(RetryPolicy.builder().maxRetries(3).build()) // this class
 *     .flowId("flow_abc123")                                    // FlowStackClient.Builder
 *     .build();
 * FlowStackClient sandbox = client.newBuilder().apiKey(testKey).build();   // the same settings, another key
 * }</pre>
 *
 * <p>Setters check what they can alone (a null OkHttp client, a non-positive size limit) and
 * fail at once; everything that depends on other settings (a missing key, an unusable base URL,
 * settings that exclude each other) fails at {@link #build()}, with a message that names the
 * settings and never shows a secret. A builder is not thread-safe; the clients it builds are
 * immutable and share nothing mutable with it, so a builder can be changed and built again.
 * {@link #toString()} never shows the API key or any other credential.
 *
 * <p><b>Redirects are never followed.</b> Every request carries a credential (the API key, a
 * token, a login's password in the body), and a redirect would carry it to wherever the server
 * points, another host or plain {@code http} included. So a client follows no redirect, of any
 * status (301, 302, 303, 307, 308), method or target, not even to its own origin: the answer
 * becomes a {@link io.github.flowruns.RedirectException} naming the status and the target
 * (without its query, which may hold secrets), thrown by the operation (or the Patchworks login)
 * that received it, and nothing is sent to the target. A redirect usually means a wrong
 * {@link #baseUrl(String)}: use the URL it names. This holds also for a client built from an
 * {@link #okHttpClient(OkHttpClient)} that follows redirects.
 *
 * <p>For vendor modules: a subclass passes its vendor and default server URL to
 * {@link #FlowRunsClientBuilder(Vendor, String)}, copies with
 * {@link #FlowRunsClientBuilder(FlowRunsClientBuilder)} for its client's {@code newBuilder()},
 * and in {@code build()} reads the key with {@link #requireApiKey()} and the transport with
 * {@code io.github.flowruns.internal.BuilderAccess.httpSettings(this)} (internal: the SDK's own
 * vendor modules only).
 *
 * @param <B> the vendor's builder type, returned by every setter so calls chain
 * @param <C> the client type {@link #build()} returns
 */
public abstract class FlowRunsClientBuilder<B extends FlowRunsClientBuilder<B, C>,
    C extends FlowRunsClient> {
  static {
    // Vendor builders read the transport settings through BuilderAccess, so that no public or
    // protected signature of this API type shows the internal HttpSettings.
    BuilderAccess.register(FlowRunsClientBuilder::httpSettings);
  }

  private final HttpSettings http;
  private String apiKey;

  /**
   * A builder with every setting at its default.
   *
   * @param vendor the vendor the client talks to, named in messages
   * @param defaultBaseUrl the vendor's server URL, used when {@link #baseUrl(String)} is not set
   */
  protected FlowRunsClientBuilder(Vendor vendor, String defaultBaseUrl) {
    this.http = new HttpSettings(vendor, defaultBaseUrl);
  }

  /**
   * A builder holding the same shared settings as {@code from}; changing either afterwards does
   * not change the other. The OkHttp client and the listener are shared, as they are by clients.
   *
   * @param from the builder to copy
   */
  protected FlowRunsClientBuilder(FlowRunsClientBuilder<B, C> from) {
    this.http = from.http.copy();
    this.apiKey = from.apiKey;
  }

  /**
   * The API key, sent in the {@code Authorization} header in the vendor's way. Checked at
   * {@link #build()}: missing, blank, or holding CR, LF or another control character, it is
   * refused without being shown.
   *
   * <pre>{@code builder.apiKey(System.getenv("FLOWRUNS_API_KEY"))}</pre>
   *
   * @param apiKey the key
   * @return this builder
   */
  public final B apiKey(String apiKey) {
    this.apiKey = apiKey;
    return self();
  }

  /**
   * Replaces the server URL of the vendor's API (the client's {@code DEFAULT_BASE_URL}), e.g.
   * for a self-hosted server, a proxy or a simulator; the API paths are appended to it unchanged
   * and a trailing slash is dropped. Checked at {@link #build()}: an absolute http(s) URL without
   * user info; plain {@code http} only for a loopback host or with
   * {@link #allowInsecureHttp(boolean)}.
   *
   * <pre>{@code builder.baseUrl("http://localhost:8080")}</pre>
   *
   * @param baseUrl the server URL, or null for the vendor's default
   * @return this builder
   */
  public final B baseUrl(String baseUrl) {
    http.baseUrl(baseUrl);
    return self();
  }

  /**
   * An OkHttp client to derive the client's own from: its connection pool, dispatcher and
   * interceptors are shared; the SDK adds its timeouts and interceptors to a derived copy and
   * never changes this one. On the copy, whatever this client allows, redirects are not followed
   * ({@code followRedirects} and {@code followSslRedirects} off: a 3xx is a
   * {@link io.github.flowruns.RedirectException}), OkHttp's own retries and follow-ups are off
   * ({@code retryOnConnectionFailure} off; 408, 421 and 503 are never resent by OkHttp), and its
   * {@code authenticator} and {@code proxyAuthenticator} may answer a 401/407 only for an
   * idempotent request and only to the same origin: every resend is the {@link RetryPolicy}'s.
   *
   * <pre>{@code builder.okHttpClient(sharedOkHttpClient)}</pre>
   *
   * @param okHttpClient the client
   * @return this builder
   * @throws NullPointerException if it is null
   */
  public final B okHttpClient(OkHttpClient okHttpClient) {
    http.okHttpClient(okHttpClient);
    return self();
  }

  /**
   * How failed attempts are retried (connection failures, timeouts, 429, 5xx); defaults to
   * {@link RetryPolicy#defaults()}.
   *
   * <pre>{@code builder.retryPolicy(RetryPolicy.builder().maxRetries(5).build())}</pre>
   *
   * @param retryPolicy the policy, e.g. {@link RetryPolicy#none()}
   * @return this builder
   * @throws NullPointerException if it is null
   */
  public final B retryPolicy(RetryPolicy retryPolicy) {
    http.retryPolicy(retryPolicy);
    return self();
  }

  /**
   * Connect, read and whole-call timeouts; defaults to {@link Timeouts#defaults()}.
   *
   * <pre>{@code builder.timeouts(Timeouts.builder().call(Duration.ofSeconds(30)).build())}</pre>
   *
   * @param timeouts the timeouts
   * @return this builder
   * @throws NullPointerException if it is null
   */
  public final B timeouts(Timeouts timeouts) {
    http.timeouts(timeouts);
    return self();
  }

  /**
   * Told of every HTTP attempt, retry and failure, for logging and metrics; it never sees
   * credentials.
   *
   * <pre>{@code builder.listener(event -> log.debug("{}", event))}</pre>
   *
   * @param listener the listener, or null for none
   * @return this builder
   */
  public final B listener(RequestListener listener) {
    http.listener(listener);
    return self();
  }

  /**
   * How many requests the client lets itself send, so that it paces itself under the vendor's
   * rate limit instead of running into 429s; defaults to {@link RequestBudget#adaptive()} (the
   * vendor's documented limit, then what the server announces). Shared by every call of the
   * client, consulted before every attempt; see {@link RequestBudget}.
   *
   * <pre>{@code builder.requestBudget(RequestBudget.fixed(100, Duration.ofMinutes(1)))}</pre>
   *
   * @param budget the budget, e.g. {@link RequestBudget#off()}
   * @return this builder
   * @throws NullPointerException if it is null
   */
  public final B requestBudget(RequestBudget budget) {
    http.requestBudget(budget);
    return self();
  }

  /**
   * Accepts a plain {@code http://} server URL on a host that is not loopback; the same as
   * {@code allowInsecureHttp(true)}.
   *
   * <pre>{@code builder.baseUrl("http://flows.internal.example").allowInsecureHttp()}</pre>
   *
   * @return this builder
   */
  public final B allowInsecureHttp() {
    return allowInsecureHttp(true);
  }

  /**
   * Accepts a plain {@code http://} server URL on a host that is not loopback. Off by default:
   * the credentials would travel in clear text.
   *
   * <pre>{@code builder.baseUrl("http://flows.internal.example").allowInsecureHttp(true)}</pre>
   *
   * @param allow whether to accept it
   * @return this builder
   */
  public final B allowInsecureHttp(boolean allow) {
    http.allowInsecureHttp(allow);
    return self();
  }

  /**
   * The most bytes one response body may have; a larger one fails the call with a
   * {@link io.github.flowruns.ResponseParseException} instead of filling memory. Defaults to
   * 32 MiB.
   *
   * <pre>{@code builder.maxResponseBytes(8L * 1024 * 1024)}</pre>
   *
   * @param bytes the limit, positive
   * @return this builder
   * @throws IllegalArgumentException if it is not positive
   */
  public final B maxResponseBytes(long bytes) {
    http.maxResponseBytes(bytes);
    return self();
  }

  /**
   * How many sub-listing requests one merged listing may have in flight at once. A listing that
   * spans several sub-listings (several flows at StackAI and FlowStack, one request per status or
   * flow at Patchworks) needs the first page of every one of them before it can return its first
   * run; they are fetched this many at a time on the client's listing threads (daemon threads
   * named {@code flowruns-<vendor>-listing-<n>}, at most this many per client, shared by its
   * listings, ended after 30 s idle and by {@code close()}), and merged in the same order, with
   * the same runs, as one at a time. After the first pages a sub-listing's next page is fetched
   * only when the merge needs it. 1 fetches one after another on the calling thread. A failing
   * page ends the listing with its own exception (a {@code NotFoundException} stays one) and the
   * other fetches in flight are cancelled; interrupting the iterating thread while it waits for
   * them ends the listing with a {@link io.github.flowruns.TransportException} (its interrupt
   * flag kept); closing the client ends it with a {@code TransportException} "client closed".
   *
   * <p>Default 16: "the newest 100 runs of 50 flows" then takes 4 round trips instead of 50
   * (at 20 ms per answer about 12 times faster in theory; BENCHMARKS.md, "Fan-out across flows",
   * measures it), with few threads. Concurrency changes when the requests are sent, not how many:
   * the same pages are fetched as one at a time. Lower it if a server or proxy dislikes bursts.
   *
   * <pre>{@code builder.listingConcurrency(4)}</pre>
   *
   * @param n at least 1
   * @return this builder
   * @throws IllegalArgumentException if it is less than 1
   */
  public final B listingConcurrency(int n) {
    http.listingConcurrency(n);
    return self();
  }

  /**
   * Builds an immutable, thread-safe client from the settings; the builder can be changed and
   * built again without affecting it. Close the client when done.
   *
   * <pre>{@code try (FlowStackClient client = FlowStackClient.builder().apiKey(key).build()) { ... }}</pre>
   *
   * @return the client
   * @throws IllegalArgumentException if a setting is missing or unusable; the message names it
   * @throws IllegalStateException if two settings exclude each other; the message names both
   */
  public abstract C build();

  /**
   * The vendor this builder builds a client for.
   *
   * @return the vendor
   */
  protected final Vendor vendor() {
    return http.vendor();
  }

  /**
   * Whether an API key was set at all (even a blank one), to tell it from another kind of
   * credential.
   *
   * @return true if {@link #apiKey(String)} was given a non-null value
   */
  protected final boolean hasApiKey() {
    return apiKey != null;
  }

  /**
   * The API key, checked: for {@link #build()}.
   *
   * @return the key as set
   * @throws IllegalArgumentException if it is missing or blank (naming {@code apiKey}), or holds
   *     CR, LF or another control character (which could inject headers); never showing it
   */
  protected final String requireApiKey() {
    if (apiKey == null || apiKey.isBlank()) {
      throw new IllegalArgumentException(
          vendor().displayName() + " needs apiKey: it is missing or blank");
    }
    ApiKeyAuth.checkSecret(apiKey, vendor().displayName() + " apiKey");
    return apiKey;
  }

  /** A copy of the transport settings, for {@link BuilderAccess#httpSettings}. */
  private HttpSettings httpSettings() {
    HttpSettings copy = http.copy();
    // Registered here, once for every vendor, so no vendor can send a key its redactor does not
    // know (whatever way its client sends the key).
    if (apiKey != null) {
      copy.secrets().add(apiKey);
      copy.secrets().add(apiKey.trim());
    }
    return copy;
  }

  /**
   * The vendor's own settings as text for {@link #toString()}, e.g. {@code "orgId=org-42"}; empty
   * by default. It must not show a credential: write {@code [redacted]} for one that is set.
   *
   * @return the text, or an empty string
   */
  protected String describeVendorSettings() {
    return "";
  }

  /**
   * Describes the settings, never the API key or another credential.
   *
   * <pre>{@code FlowStackClient.Builder{apiKey=[redacted], baseUrl=https://app.onflowstack.com, ..., flowId=flow_1}}</pre>
   *
   * @return the description
   */
  @Override
  public final String toString() {
    String name = getClass().getName().substring(getClass().getPackageName().length() + 1);
    String vendorSettings = describeVendorSettings();
    return name.replace('$', '.') + "{apiKey=" + (apiKey == null ? "unset" : "[redacted]")
        + ", " + http.describe() + (vendorSettings.isEmpty() ? "" : ", " + vendorSettings) + "}";
  }

  @SuppressWarnings("unchecked") // B is the subclass by the class declaration's contract
  private B self() {
    return (B) this;
  }
}
