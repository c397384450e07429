package io.github.flowruns;

import io.github.flowruns.spi.VendorDescriptor;
import java.io.ObjectStreamException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A workflow vendor this SDK talks to. The four vendors of this repository are constants; a vendor
 * module added later makes its own with {@link #of(String, String, String)} in its
 * {@link VendorDescriptor}, and is then found by {@link #fromName(String)} and listed by
 * {@link #values()} like the constants. Vendors are interned: compare them with {@code ==}.
 *
 * <pre>{@code
 * Vendor v = Vendor.fromName("stackai");     // also "analytics", "STACKAI", "StackAI"
 * System.out.println(v.displayName());        // StackAI
 * }</pre>
 */
public final class Vendor implements Serializable {
  private static final long serialVersionUID = 1L;

  // Every vendor made so far, by upper-case name; constants first, then in order of creation.
  private static final Map<String, Vendor> INTERNED = new LinkedHashMap<>();

  /** Patchworks Core API (module {@code sdk-patchworks}). */
  public static final Vendor PATCHWORKS = of("PATCHWORKS", "Patchworks", "sdk-patchworks");
  /** StackAI Analytics API (module {@code sdk-analytics}). */
  public static final Vendor STACKAI = of("STACKAI", "StackAI", "sdk-analytics");
  /** Activepieces flow runs (module {@code sdk-activepieces}). */
  public static final Vendor ACTIVEPIECES = of("ACTIVEPIECES", "Activepieces", "sdk-activepieces");
  /** FlowStack flow runs (module {@code sdk-flowstack}). */
  public static final Vendor FLOWSTACK = of("FLOWSTACK", "FlowStack", "sdk-flowstack");

  private static final List<Vendor> CONSTANTS =
      List.of(PATCHWORKS, STACKAI, ACTIVEPIECES, FLOWSTACK);

  /** The constant-style name, e.g. {@code "PATCHWORKS"}. */
  private final String name;
  /** The name people know the vendor by, e.g. {@code "Patchworks"}. */
  private final String displayName;
  /** The Maven artifact id of the vendor's module, e.g. {@code "sdk-patchworks"}. */
  private final String moduleArtifactId;

  private Vendor(String name, String displayName, String moduleArtifactId) {
    this.name = name;
    this.displayName = displayName;
    this.moduleArtifactId = moduleArtifactId;
  }

  /**
   * The vendor of the given name, made on first use and the same instance afterwards. A vendor
   * module's {@link VendorDescriptor} calls this for a vendor that has no constant.
   *
   * <pre>{@code
   * static final Vendor ACME = Vendor.of("acme", "Acme", "sdk-acme");
   * }</pre>
   *
   * @param name the vendor's name, letters, digits, {@code _} or {@code -}; kept upper-case
   * @param displayName the name as people write it, e.g. {@code "Acme"}
   * @param moduleArtifactId the Maven artifact that implements it, e.g. {@code "sdk-acme"}
   * @return the vendor; an existing one if the name is taken (its display name and artifact win)
   * @throws IllegalArgumentException if the name is blank or holds other characters
   */
  public static Vendor of(String name, String displayName, String moduleArtifactId) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(displayName, "displayName");
    Objects.requireNonNull(moduleArtifactId, "moduleArtifactId");
    String key = name.trim().toUpperCase(Locale.ROOT);
    if (!key.matches("[A-Z0-9_\\-]+")) {
      throw new IllegalArgumentException("A vendor name is letters, digits, _ or -, not '" + name + "'");
    }
    synchronized (INTERNED) {
      return INTERNED.computeIfAbsent(key, k -> new Vendor(k, displayName, moduleArtifactId));
    }
  }

  /**
   * The vendor's constant-style name, upper case, as the enum of earlier versions gave it.
   *
   * <pre>{@code Vendor.STACKAI.name(); // "STACKAI"}</pre>
   *
   * @return e.g. {@code "FLOWSTACK"}
   */
  public String name() {
    return name;
  }

  /**
   * The vendor's name as people write it, for messages.
   *
   * <pre>{@code Vendor.FLOWSTACK.displayName(); // "FlowStack"}</pre>
   *
   * @return the display name, e.g. {@code "Activepieces"}
   */
  public String displayName() {
    return displayName;
  }

  /**
   * The Maven artifact that implements this vendor, e.g. {@code sdk-analytics} for StackAI.
   *
   * <pre>{@code Vendor.STACKAI.moduleArtifactId(); // "sdk-analytics"}</pre>
   *
   * @return the artifactId under groupId {@code io.github.flowruns}
   */
  public String moduleArtifactId() {
    return moduleArtifactId;
  }

  /**
   * The constants, then every vendor whose module is on the class path, then any other made with
   * {@link #of}.
   *
   * <pre>{@code for (Vendor v : Vendor.values()) { System.out.println(v.displayName()); }}</pre>
   *
   * @return a new list, constants first
   */
  public static List<Vendor> values() {
    for (VendorDescriptor d : FlowRunsClients.descriptors()) {
      d.vendor(); // a descriptor's vendor is interned when the descriptor is built
    }
    synchronized (INTERNED) {
      return Collections.unmodifiableList(new ArrayList<>(INTERNED.values()));
    }
  }

  /**
   * The vendor with exactly this {@link #name()}, as an enum's {@code valueOf} would find it (code
   * written when {@code Vendor} was an enum keeps working); {@link #fromName} is the lenient one.
   *
   * <pre>{@code Vendor.valueOf("FLOWSTACK"); // Vendor.FLOWSTACK}</pre>
   *
   * @param name the upper-case name, e.g. {@code "PATCHWORKS"}
   * @return the vendor
   * @throws IllegalArgumentException if no vendor has exactly that name
   */
  public static Vendor valueOf(String name) {
    Objects.requireNonNull(name, "name");
    for (Vendor v : values()) {
      if (v.name.equals(name)) {
        return v;
      }
    }
    throw new IllegalArgumentException("No vendor named " + name);
  }

  /**
   * Finds a vendor by its name, display name, module name or artifact, in any case: first the
   * constants, then the names and aliases of the {@link VendorDescriptor}s on the class path.
   *
   * <pre>{@code Vendor.fromName("analytics"); // STACKAI}</pre>
   *
   * @param name e.g. {@code "patchworks"}, {@code "StackAI"}, {@code "analytics"}, {@code "sdk-flowstack"}
   * @return the vendor
   * @throws IllegalArgumentException if no vendor has that name; the message lists the valid names
   */
  public static Vendor fromName(String name) {
    Objects.requireNonNull(name, "name");
    String n = name.trim().toLowerCase(Locale.ROOT);
    String bare = n.startsWith("sdk-") ? n.substring(4) : n;
    for (Vendor v : CONSTANTS) {
      if (v.matches(n, bare)) {
        return v;
      }
    }
    List<String> known = new ArrayList<>();
    for (VendorDescriptor d : FlowRunsClients.descriptors()) {
      if (d.answersTo(n) || d.answersTo(bare) || d.vendor().matches(n, bare)) {
        return d.vendor();
      }
      known.add(d.name());
    }
    for (Vendor v : CONSTANTS) {
      String lower = v.name.toLowerCase(Locale.ROOT);
      if (!known.contains(lower)) {
        known.add(lower);
      }
    }
    throw new IllegalArgumentException(
        "Unknown vendor '" + name + "'; expected one of " + String.join(", ", known));
  }

  private boolean matches(String n, String bare) {
    return name.toLowerCase(Locale.ROOT).equals(bare)
        || displayName.toLowerCase(Locale.ROOT).equals(bare)
        || moduleArtifactId.toLowerCase(Locale.ROOT).equals(n)
        || moduleArtifactId.toLowerCase(Locale.ROOT).equals("sdk-" + bare);
  }

  @Override
  public boolean equals(Object o) {
    // Interned: one instance per name, also after deserialization (readResolve).
    return this == o;
  }

  @Override
  public int hashCode() {
    return name.hashCode();
  }

  /**
   * The constant-style name, as an enum's {@code toString()} gave it.
   *
   * @return {@link #name()}
   */
  @Override
  public String toString() {
    return name;
  }

  /**
   * Resolves a deserialized vendor to the interned one, so {@code ==} keeps holding.
   *
   * @return the interned vendor of this name
   * @throws ObjectStreamException never
   */
  private Object readResolve() throws ObjectStreamException {
    return of(name, displayName, moduleArtifactId);
  }
}
