package io.github.flowruns.internal;

import io.github.flowruns.RunQuery;
import io.github.flowruns.Vendor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import okhttp3.HttpUrl;
import okhttp3.Request;

/**
 * The one policy for {@link RunQuery#vendorParams()} on a vendor's URL. A vendor parameter
 * <b>replaces</b> a query parameter of the same name the adapter set (it never adds a second
 * value beside it: a server reads a repeated single-valued parameter as it likes, or refuses it),
 * and goes after the adapter's own, in the query's order. Names the adapter owns are refused
 * before any request with an {@link IllegalArgumentException} naming the parameter: those of
 * paging always, others while the query sets the filter they carry. Immutable. Not API.
 *
 * <pre>{@code
 * static final VendorParams PARAMS = VendorParams.builder(Vendor.STACKAI)
 *     .paging("page", "page_size")
 *     .reservedWhen("state", q -> !q.statuses().isEmpty(), "the query also sets statuses")
 *     .build();
 * Map<String, String> extra = PARAMS.check(query);           // before any request
 * Request request = VendorParams.apply(generated, extra);     // on every page
 * }</pre>
 */
public final class VendorParams {
  private static final String PAGING = "is set by paging; use RunQuery.pageSize and Paged.resumeFrom instead";

  private final Vendor vendor;
  private final List<Reserved> reserved;
  private final Set<String> readByAdapter;

  private VendorParams(Builder b) {
    this.vendor = b.vendor;
    this.reserved = List.copyOf(b.reserved);
    this.readByAdapter = Set.copyOf(b.readByAdapter);
  }

  /**
   * Starts a policy.
   *
   * @param vendor the vendor, for messages
   * @return a new builder
   */
  public static Builder builder(Vendor vendor) {
    return new Builder(vendor);
  }

  /**
   * Checks a query's vendor parameters and gives those to send.
   *
   * @param query the query
   * @return the parameters to put on the URL, in the query's order, without those the adapter
   *     reads itself ({@link Builder#readByAdapter})
   * @throws IllegalArgumentException naming the first parameter the adapter owns
   * @throws NullPointerException if the query is null (adapters call this first, so that every
   *     listing rejects a null query the same way)
   */
  public Map<String, String> check(RunQuery query) {
    Map<String, String> params = Objects.requireNonNull(query, "query").vendorParams();
    for (String name : params.keySet()) {
      for (Reserved r : reserved) {
        if (r.name.equals(name) && r.when.test(query)) {
          throw new IllegalArgumentException((vendor == null ? "" : vendor.displayName() + " ")
              + "vendorParam '" + name + "' " + r.why);
        }
      }
    }
    if (readByAdapter.isEmpty() || Collections.disjoint(params.keySet(), readByAdapter)) {
      return params;
    }
    Map<String, String> sent = new LinkedHashMap<>(params);
    sent.keySet().removeAll(readByAdapter);
    return Collections.unmodifiableMap(sent);
  }

  /**
   * Puts vendor parameters on a request's URL, each replacing every value of the same name.
   *
   * @param request the request as the adapter built it
   * @param params the parameters from {@link #check}
   * @return the request with them, or the same request when there are none
   */
  public static Request apply(Request request, Map<String, String> params) {
    if (params.isEmpty()) {
      return request;
    }
    HttpUrl.Builder url = request.url().newBuilder();
    params.forEach(url::setQueryParameter);
    return request.newBuilder().url(url.build()).build();
  }

  private static final class Reserved {
    final String name;
    final Predicate<RunQuery> when;
    final String why;

    Reserved(String name, Predicate<RunQuery> when, String why) {
      this.name = Objects.requireNonNull(name, "name");
      this.when = Objects.requireNonNull(when, "when");
      this.why = Objects.requireNonNull(why, "why");
    }
  }

  /** Builds a {@link VendorParams}. */
  public static final class Builder {
    private final Vendor vendor;
    private final List<Reserved> reserved = new ArrayList<>();
    private final Set<String> readByAdapter = new TreeSet<>();

    private Builder(Vendor vendor) {
      this.vendor = vendor;
    }

    /**
     * Reserves the parameters the adapter's paging sets (page number, page size, cursor): a
     * query sets them with {@code RunQuery.pageSize} and {@code Paged.resumeFrom}.
     *
     * @param names the paging parameters
     * @return this builder
     */
    public Builder paging(String... names) {
      for (String name : names) {
        reserved.add(new Reserved(name, q -> true, PAGING));
      }
      return this;
    }

    /**
     * Reserves a parameter while the query sets the filter the adapter sends in it.
     *
     * @param name the parameter
     * @param when whether a query sets that filter
     * @param why the end of the message, e.g. {@code "the query also sets statuses"}
     * @return this builder
     */
    public Builder reservedWhen(String name, Predicate<RunQuery> when, String why) {
      reserved.add(new Reserved(name, when, "conflicts with the query: " + why));
      return this;
    }

    /**
     * A parameter the adapter reads from the query itself and sends in its own place (e.g.
     * Activepieces {@code projectId}), so {@link #check} leaves it out.
     *
     * @param name the parameter
     * @return this builder
     */
    public Builder readByAdapter(String name) {
      readByAdapter.add(name);
      return this;
    }

    /** @return the policy */
    public VendorParams build() {
      return new VendorParams(this);
    }
  }
}
