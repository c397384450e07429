package io.github.flowruns.cli;

import io.github.flowruns.FlowRunsClients;
import io.github.flowruns.Vendor;
import io.github.flowruns.spi.VendorDescriptor;
import io.github.flowruns.spi.VendorDescriptor.Setting;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The vendors the command line knows: those whose modules are on the class path, through their
 * descriptors. Names, help, completion and connection options all come from here, so a vendor
 * module added to the class path is a {@code --vendor} value with its options and no other change.
 */
final class CliVendors {
  private CliVendors() {}

  /** The descriptors on the class path, in class path order. */
  static List<VendorDescriptor> all() {
    return FlowRunsClients.descriptors();
  }

  /** The canonical names, e.g. for help: {@code patchworks | stackai | ...}. */
  static List<String> names() {
    List<String> names = new ArrayList<>();
    for (VendorDescriptor d : all()) {
      names.add(d.name());
    }
    return names;
  }

  /** The names joined for help text and error messages. */
  static String namesText(String separator) {
    return String.join(separator, names());
  }

  /** The descriptor of a vendor, or a usage error if its module is not on the class path. */
  static VendorDescriptor of(Vendor vendor) {
    for (VendorDescriptor d : all()) {
      if (d.vendor() == vendor) {
        return d;
      }
    }
    throw new UsageException("no " + vendor.displayName() + " module on the class path: add "
        + "io.github.flowruns:" + vendor.moduleArtifactId());
  }

  /** The vendor's name as {@code --vendor} takes it. */
  static String name(Vendor vendor) {
    for (VendorDescriptor d : all()) {
      if (d.vendor() == vendor) {
        return d.name();
      }
    }
    return vendor.name().toLowerCase(Locale.ROOT);
  }

  /**
   * The vendor-specific connection options of every vendor (all settings with an option except
   * the API key and base URL, which every vendor takes), each once, by option name.
   */
  static Map<String, VendorOption> options() {
    Map<String, VendorOption> options = new LinkedHashMap<>();
    for (VendorDescriptor d : all()) {
      for (Setting s : d.settings()) {
        if (s.option() == null || isCommon(s)) {
          continue;
        }
        options.computeIfAbsent(s.option(), o -> new VendorOption(s)).vendors.add(d.name());
      }
    }
    return options;
  }

  /** Whether a setting is one every vendor takes, with its own fixed option. */
  static boolean isCommon(Setting s) {
    return s.name().equals(Setting.API_KEY.name()) || s.name().equals(Setting.BASE_URL.name());
  }

  /** A vendor-specific option and the vendors that take it. */
  static final class VendorOption {
    final Setting setting;
    final List<String> vendors = new ArrayList<>();

    VendorOption(Setting setting) {
      this.setting = setting;
    }

    /** The value's label in help: NAME for an environment variable, else a short one. */
    String paramLabel() {
      if (setting.secret()) {
        return "NAME";
      }
      String n = setting.name();
      if (n.endsWith("Url")) {
        return "URL";
      }
      return n.substring(0, 1).toUpperCase(Locale.ROOT);
    }

    String description() {
      String help = setting.secret()
          ? "The environment variable holding the value: " + setting.help()
          : setting.help();
      return help + " (" + String.join(", ", vendors) + ")";
    }
  }

  /** Completion candidates and help text of {@code --vendor}: the names on the class path. */
  static final class Names implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return names().iterator();
    }
  }
}
