package io.github.flowruns.kafka;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The connector's version, as the build wrote it into {@code version.properties}. */
final class Versions {
  static final String VERSION = load();

  private Versions() {}

  private static String load() {
    Properties p = new Properties();
    try (InputStream in = Versions.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      // Connect shows the version only; an unreadable resource is not worth failing for.
    }
    return p.getProperty("version", "unknown");
  }
}
