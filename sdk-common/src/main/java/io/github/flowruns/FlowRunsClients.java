package io.github.flowruns;

import io.github.flowruns.spi.FlowRunsClientProvider;
import io.github.flowruns.spi.VendorDescriptor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Creates a {@link FlowRunsClient} by vendor name and string settings, finding the vendor module on
 * the class path through {@link ServiceLoader}. Use the vendor's own builder (e.g.
 * {@code ActivepiecesClient.builder()}) for typed configuration; use this for configuration files
 * and command lines.
 *
 * <pre>{@code
 * FlowRunsClient client = FlowRunsClients.create(Vendor.fromName(args[0]), Map.of(
 *     FlowRunsClients.API_KEY, System.getenv("FLOWRUNS_API_KEY"),
 *     FlowRunsClients.PROJECT_ID, "p1"));
 * }</pre>
 *
 * <p>Each vendor's settings keys are listed by its descriptor, {@link
 * VendorDescriptor#settings()}: {@value #API_KEY} and {@value #BASE_URL} for all, and the vendor's
 * own (e.g. {@value #ORG_ID}, {@value #PROJECT_ID}, {@value #USERNAME}, {@value #PASSWORD});
 * every vendor also reads {@value #ALLOW_INSECURE_HTTP}.
 * Unknown keys are ignored. {@link #descriptors()} lists the vendors whose modules are on the class
 * path.
 */
public final class FlowRunsClients {
  /** The API key. */
  public static final String API_KEY = "apiKey";
  /** Replaces the vendor's server URL, e.g. a self-hosted Activepieces or a simulator. */
  public static final String BASE_URL = "baseUrl";
  /** StackAI organisation id. */
  public static final String ORG_ID = "orgId";
  /** Activepieces project id. */
  public static final String PROJECT_ID = "projectId";
  /** Patchworks login user name. */
  public static final String USERNAME = "username";
  /** Patchworks login password. */
  public static final String PASSWORD = "password";
  /**
   * {@code "true"} allows plain http to a host that is not loopback (every vendor), as the
   * builders' {@code allowInsecureHttp(true)} does; absent or {@code "false"}: https only.
   */
  public static final String ALLOW_INSECURE_HTTP = "allowInsecureHttp";

  private FlowRunsClients() {}

  /**
   * Creates a client for a vendor.
   *
   * @param vendor the vendor
   * @param settings the settings (see the class comment); copied
   * @return a new client; close it when done
   * @throws IllegalStateException if no module for the vendor is on the class path; the message
   *     names the artifact to add
   * @throws IllegalArgumentException if a required setting is missing or invalid
   */
  public static FlowRunsClient create(Vendor vendor, Map<String, String> settings) {
    Objects.requireNonNull(vendor, "vendor");
    Map<String, String> copy = new LinkedHashMap<>();
    if (settings != null) {
      settings.forEach((k, v) -> {
        if (k != null && v != null) {
          copy.put(k, v);
        }
      });
    }
    FlowRunsClientProvider provider = find(vendor, Thread.currentThread().getContextClassLoader());
    if (provider == null) {
      provider = find(vendor, FlowRunsClients.class.getClassLoader());
    }
    if (provider == null) {
      throw new IllegalStateException("No " + vendor.displayName()
          + " client on the class path: add io.github.flowruns:" + vendor.moduleArtifactId());
    }
    return provider.create(Collections.unmodifiableMap(copy));
  }

  /**
   * The descriptors of every vendor module on the class path (the context class loader's, then
   * this library's), one per vendor, in class path order.
   *
   * <pre>{@code
   * for (VendorDescriptor d : FlowRunsClients.descriptors()) {
   *   System.out.println(d.name() + " " + d.settings());
   * }
   * }</pre>
   *
   * @return a new list, possibly empty
   * @throws IllegalStateException if a provider registration is broken
   */
  public static List<VendorDescriptor> descriptors() {
    Map<Vendor, VendorDescriptor> found = new LinkedHashMap<>();
    for (FlowRunsClientProvider p : providers()) {
      VendorDescriptor d = p.descriptor();
      found.putIfAbsent(d.vendor(), d);
    }
    return Collections.unmodifiableList(new ArrayList<>(found.values()));
  }

  /**
   * The descriptor of the vendor of a name or alias, any case.
   *
   * <pre>{@code FlowRunsClients.descriptor("analytics").vendor(); // Vendor.STACKAI}</pre>
   *
   * @param name e.g. {@code "stackai"}, {@code "analytics"}, {@code "FlowStack"}
   * @return the descriptor
   * @throws IllegalArgumentException if no vendor module on the class path has that name; the
   *     message lists the names known
   */
  public static VendorDescriptor descriptor(String name) {
    Objects.requireNonNull(name, "name");
    List<VendorDescriptor> all = descriptors();
    for (VendorDescriptor d : all) {
      if (d.answersTo(name)) {
        return d;
      }
    }
    Vendor vendor;
    try {
      vendor = Vendor.fromName(name);
    } catch (IllegalArgumentException e) {
      vendor = null;
    }
    for (VendorDescriptor d : all) {
      if (d.vendor() == vendor) {
        return d;
      }
    }
    List<String> names = new ArrayList<>();
    all.forEach(d -> names.add(d.name()));
    throw new IllegalArgumentException("Unknown vendor '" + name + "'; "
        + (names.isEmpty() ? "no vendor module is on the class path"
            : "expected one of " + String.join(", ", names)));
  }

  private static FlowRunsClientProvider find(Vendor vendor, ClassLoader loader) {
    for (FlowRunsClientProvider p : load(loader)) {
      if (p.vendor() == vendor) {
        return p;
      }
    }
    return null;
  }

  private static List<FlowRunsClientProvider> providers() {
    List<FlowRunsClientProvider> all = new ArrayList<>();
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    ClassLoader own = FlowRunsClients.class.getClassLoader();
    if (context != null) {
      all.addAll(load(context));
    }
    if (own != context) {
      all.addAll(load(own));
    }
    return all;
  }

  private static List<FlowRunsClientProvider> load(ClassLoader loader) {
    List<FlowRunsClientProvider> out = new ArrayList<>();
    try {
      for (FlowRunsClientProvider p : ServiceLoader.load(FlowRunsClientProvider.class, loader)) {
        out.add(p);
      }
    } catch (ServiceConfigurationError e) {
      throw new IllegalStateException("Broken flowruns provider registration: " + e.getMessage(), e);
    }
    return out;
  }
}
