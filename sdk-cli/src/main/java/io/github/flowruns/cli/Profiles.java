package io.github.flowruns.cli;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import io.github.flowruns.FlowRunsClients;
import io.github.flowruns.spi.VendorDescriptor;
import io.github.flowruns.spi.VendorDescriptor.Setting;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The named connections of the config file, {@code $XDG_CONFIG_HOME/flowruns/config.toml} (else
 * {@code ~/.config/flowruns/config.toml}; on Windows {@code %APPDATA%\flowruns\config.toml};
 * {@code FLOWRUNS_CONFIG} names another file):
 *
 * <pre>
 * [profiles.shop]
 * vendor = "activepieces"
 * project-id = "p1"
 * api-key-env = "SHOP_KEY"              # or: api-key-command = "pass show flowruns/shop"
 *
 * [profiles.pw]
 * vendor = "patchworks"
 * base-url = "https://core.wearepatchworks.com"
 * username = "me@example.com"
 * password-env = "PW_PASSWORD"
 * </pre>
 *
 * <p>A profile's keys are the connection options without their dashes. The key is only ever named,
 * never written: {@code api-key = "..."} (or any secret in clear) is refused. A file holding an
 * {@code api-key-command} must not be writable by group or others, as ssh asks of its config: who
 * can edit it can run commands as you. An unknown key is an error naming the key and its line.
 */
final class Profiles {
  /** The environment variable that names the config file. */
  static final String CONFIG_ENV = "FLOWRUNS_CONFIG";
  static final String VENDOR = "vendor";
  static final String BASE_URL = "base-url";
  static final String KEY_ENV = "api-key-env";
  static final String KEY_COMMAND = "api-key-command";
  static final String INSECURE = "allow-insecure-http";
  private static final List<String> COMMON = List.of(VENDOR, BASE_URL, KEY_ENV, KEY_COMMAND,
      INSECURE);

  /** One named connection. */
  record Profile(String name, VendorDescriptor vendor, String baseUrl, String apiKeyEnv,
      String apiKeyCommand, boolean allowInsecureHttp, Map<String, String> options) {

    /** Where the key comes from, for {@code flowruns profiles} and messages; never the key. */
    String keyOrigin() {
      if (apiKeyEnv != null) {
        return "env " + apiKeyEnv;
      }
      if (apiKeyCommand != null) {
        return "command: " + apiKeyCommand;
      }
      Setting user = vendor.setting(FlowRunsClients.USERNAME);
      Setting password = vendor.setting(FlowRunsClients.PASSWORD);
      if (user != null && options.containsKey(user.option())) {
        String via = password == null ? null : options.get(password.option());
        return "login " + options.get(user.option()) + (via == null ? "" : ", password env " + via);
      }
      return "-";
    }
  }

  private final Path file;
  private final Map<String, Profile> profiles;

  private Profiles(Path file, Map<String, Profile> profiles) {
    this.file = file;
    this.profiles = profiles;
  }

  Path file() {
    return file;
  }

  /** The profiles in the order of the file. */
  Map<String, Profile> all() {
    return profiles;
  }

  /** The profile of a name, or a usage error saying which there are. */
  Profile require(String name) {
    Profile p = profiles.get(name);
    if (p == null) {
      throw new UsageException("no profile '" + name + "' in " + file + (profiles.isEmpty()
          ? "" : "; it has " + String.join(", ", profiles.keySet())));
    }
    return p;
  }

  /** The config file's path: see the class comment. */
  static Path path(CliContext ctx) {
    String given = ctx.env(CONFIG_ENV);
    if (given != null && !given.isBlank()) {
      return Path.of(given);
    }
    String xdg = ctx.env("XDG_CONFIG_HOME");
    if (xdg != null && !xdg.isBlank()) {
      return Path.of(xdg, "flowruns", "config.toml");
    }
    String appData = ctx.env("APPDATA");
    if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows")
        && appData != null && !appData.isBlank()) {
      return Path.of(appData, "flowruns", "config.toml");
    }
    return Path.of(System.getProperty("user.home"), ".config", "flowruns", "config.toml");
  }

  /** Reads and checks the config file; a usage error names the file, line and key at fault. */
  static Profiles load(CliContext ctx) {
    Path file = path(ctx);
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new UsageException("no config file " + file + ": create it with a [profiles.NAME] "
          + "table (see 'flowruns profiles --help'), or set " + CONFIG_ENV);
    } catch (IOException e) {
      throw new UsageException("cannot read the config file " + file + ": " + e.getMessage());
    }
    return parse(file, text);
  }

  /** Parses a config file's text; {@code file} is for messages and the permission check. */
  static Profiles parse(Path file, String text) {
    JsonNode root;
    try {
      root = new TomlMapper().readTree(text);
    } catch (JacksonException e) {
      JsonLocation at = e.getLocation();
      throw new UsageException(file + (at == null || at.getLineNr() < 1 ? "" : ":"
          + at.getLineNr()) + ": not valid TOML: " + e.getOriginalMessage());
    }
    Lines lines = new Lines(text);
    Map<String, Profile> profiles = new LinkedHashMap<>();
    if (root == null || root.isMissingNode() || root.isNull()) {
      return new Profiles(file, profiles);
    }
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!key.equals("profiles")) {
        throw error(file, lines.find(null, key), "unknown key '" + key + "'; profiles go in "
            + "[profiles.NAME] tables");
      }
    }
    JsonNode all = root.get("profiles");
    if (all == null) {
      return new Profiles(file, profiles);
    }
    if (!all.isObject()) {
      throw error(file, lines.find(null, "profiles"), "'profiles' must be a table of "
          + "[profiles.NAME] tables");
    }
    boolean runsCommands = false;
    for (Iterator<Map.Entry<String, JsonNode>> it = all.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      Profile p = profile(file, lines, e.getKey(), e.getValue());
      runsCommands |= p.apiKeyCommand() != null;
      profiles.put(p.name(), p);
    }
    if (runsCommands) {
      checkNotWritableByOthers(file);
    }
    return new Profiles(file, Collections.unmodifiableMap(profiles));
  }

  private static Profile profile(Path file, Lines lines, String name, JsonNode table) {
    if (!table.isObject()) {
      throw error(file, lines.find("profiles", name), "profile '" + name + "' must be a table: "
          + "[profiles." + name + "]");
    }
    String section = "profiles." + name;
    String vendorName = text(file, lines, section, table, VENDOR);
    if (vendorName == null) {
      throw error(file, lines.header(section), "profile '" + name + "' needs vendor = one of "
          + CliVendors.namesText(", "));
    }
    VendorDescriptor vendor;
    try {
      vendor = FlowRunsClients.descriptor(vendorName);
    } catch (IllegalArgumentException e) {
      throw error(file, lines.find(section, VENDOR), "profile '" + name + "': '" + vendorName
          + "' is not a vendor; expected one of " + CliVendors.namesText(", "));
    }
    Map<String, CliVendors.VendorOption> vendorOptions = CliVendors.options();
    Map<String, String> options = new LinkedHashMap<>();
    for (Iterator<String> it = table.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (COMMON.contains(key)) {
        continue;
      }
      int line = lines.find(section, key);
      if (isClearSecret(key)) {
        throw error(file, line, "profile '" + name + "' holds " + key + " in clear; keep secrets "
            + "out of this file and name where they are: api-key-env = \"VARIABLE\" or "
            + "api-key-command = \"pass show flowruns/" + name + "\" (and password-env for a "
            + "login password)");
      }
      CliVendors.VendorOption option = vendorOptions.get("--" + key);
      if (option == null) {
        throw error(file, line, "unknown key '" + key + "' in profile '" + name + "'; expected "
            + String.join(", ", keysOf(vendor)));
      }
      if (!option.vendors.contains(vendor.name())) {
        throw error(file, line, key + " is for " + String.join(", ", option.vendors)
            + ", not " + vendor.name() + " (profile '" + name + "')");
      }
      options.put("--" + key, text(file, lines, section, table, key));
    }
    String keyEnv = text(file, lines, section, table, KEY_ENV);
    String keyCommand = text(file, lines, section, table, KEY_COMMAND);
    if (keyEnv != null && keyCommand != null) {
      throw error(file, lines.find(section, KEY_COMMAND), "profile '" + name + "' has both "
          + KEY_ENV + " and " + KEY_COMMAND + "; keep one");
    }
    JsonNode insecure = table.get(INSECURE);
    if (insecure != null && !insecure.isBoolean()) {
      throw error(file, lines.find(section, INSECURE), INSECURE + " in profile '" + name
          + "' must be true or false");
    }
    return new Profile(name, vendor, text(file, lines, section, table, BASE_URL), keyEnv,
        keyCommand, insecure != null && insecure.booleanValue(),
        Collections.unmodifiableMap(options));
  }

  /** The keys a profile of this vendor takes, for messages. */
  static List<String> keysOf(VendorDescriptor vendor) {
    List<String> keys = new java.util.ArrayList<>(COMMON);
    for (Setting s : vendor.settings()) {
      if (s.option() != null && !CliVendors.isCommon(s)) {
        keys.add(s.option().substring(2));
      }
    }
    return keys;
  }

  /** {@code api-key}, {@code password}, {@code apiKey}...: a secret written in clear. */
  private static boolean isClearSecret(String key) {
    String k = key.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
    return k.equals("apikey") || k.equals("password") || k.equals("token") || k.equals("secret");
  }

  /** A string value, or null if absent; a value of another type or an empty one is an error. */
  private static String text(Path file, Lines lines, String section, JsonNode table, String key) {
    JsonNode v = table.get(key);
    if (v == null) {
      return null;
    }
    if (!v.isTextual()) {
      throw error(file, lines.find(section, key), key + " must be a string in quotes, e.g. "
          + key + " = \"...\"");
    }
    if (v.textValue().isBlank()) {
      throw error(file, lines.find(section, key), key + " is empty");
    }
    return v.textValue();
  }

  private static void checkNotWritableByOthers(Path file) {
    PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
    if (view == null) {
      return; // no POSIX modes (Windows): the file's ACL is the user's business
    }
    Set<PosixFilePermission> perms;
    try {
      perms = view.readAttributes().permissions();
    } catch (IOException e) {
      return;
    }
    if (perms.contains(PosixFilePermission.GROUP_WRITE)
        || perms.contains(PosixFilePermission.OTHERS_WRITE)) {
      throw new UsageException(file + " holds an api-key-command but others can change it (and "
          + "so run commands as you): chmod go-w " + file);
    }
  }

  private static UsageException error(Path file, int line, String message) {
    return new UsageException(file + (line > 0 ? ":" + line : "") + ": " + message);
  }

  /**
   * Finds the line of a key for messages: the parsed tree has no positions, so the text is
   * scanned for {@code key =} under the {@code [section]} header. Good enough for the forms a
   * config file takes; 0 when not found (the message then names no line).
   */
  static final class Lines {
    private final String[] lines;

    Lines(String text) {
      this.lines = text.split("\r?\n", -1);
    }

    int header(String section) {
      for (int i = 0; i < lines.length; i++) {
        if (section.equals(headerOf(lines[i]))) {
          return i + 1;
        }
      }
      return 0;
    }

    int find(String section, String key) {
      String current = null;
      for (int i = 0; i < lines.length; i++) {
        String h = headerOf(lines[i]);
        if (h != null) {
          current = h;
          if (section != null && section.equals("profiles") && h.equals("profiles." + key)) {
            return i + 1;
          }
          continue;
        }
        int eq = lines[i].indexOf('=');
        if (eq < 0 || lines[i].trim().startsWith("#")) {
          continue;
        }
        String k = unquote(lines[i].substring(0, eq).trim());
        boolean here = section == null ? current == null : section.equals(current);
        if (here && k.equals(key)) {
          return i + 1;
        }
      }
      return 0;
    }

    private static String headerOf(String line) {
      String t = line.trim();
      int hash = t.indexOf('#');
      if (hash >= 0 && t.startsWith("[")) {
        t = t.substring(0, hash).trim();
      }
      if (t.startsWith("[") && t.endsWith("]") && !t.startsWith("[[")) {
        String inner = t.substring(1, t.length() - 1).trim();
        StringBuilder sb = new StringBuilder();
        for (String part : inner.split("\\.", -1)) {
          if (sb.length() > 0) {
            sb.append('.');
          }
          sb.append(unquote(part.trim()));
        }
        return sb.toString();
      }
      return null;
    }

    private static String unquote(String s) {
      if (s.length() >= 2 && (s.startsWith("\"") && s.endsWith("\"")
          || s.startsWith("'") && s.endsWith("'"))) {
        return s.substring(1, s.length() - 1);
      }
      return s;
    }
  }
}
