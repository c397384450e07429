package io.github.flowruns;

import java.util.Locale;
import java.util.Objects;

/**
 * The workflow vendors this SDK talks to.
 *
 * <pre>{@code
 * Vendor v = Vendor.fromName("stackai");     // also "analytics", "STACKAI", "StackAI"
 * System.out.println(v.displayName());        // StackAI
 * }</pre>
 */
public enum Vendor {
  /** Patchworks Core API (module {@code sdk-patchworks}). */
  PATCHWORKS("Patchworks", "patchworks"),
  /** StackAI Analytics API (module {@code sdk-analytics}). */
  STACKAI("StackAI", "analytics"),
  /** Activepieces flow runs (module {@code sdk-activepieces}). */
  ACTIVEPIECES("Activepieces", "activepieces"),
  /** FlowStack flow runs (module {@code sdk-flowstack}). */
  FLOWSTACK("FlowStack", "flowstack");

  private final String displayName;
  private final String moduleName;

  Vendor(String displayName, String moduleName) {
    this.displayName = displayName;
    this.moduleName = moduleName;
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
    return "sdk-" + moduleName;
  }

  /**
   * Finds a vendor by its enum name, display name or module name, in any case.
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
    if (n.startsWith("sdk-")) {
      n = n.substring(4);
    }
    for (Vendor v : values()) {
      if (v.name().toLowerCase(Locale.ROOT).equals(n)
          || v.displayName.toLowerCase(Locale.ROOT).equals(n)
          || v.moduleName.equals(n)) {
        return v;
      }
    }
    throw new IllegalArgumentException(
        "Unknown vendor '" + name + "'; expected one of patchworks, stackai, activepieces, flowstack");
  }
}
