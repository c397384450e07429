package io.github.flowruns.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * The plugin archive the build makes: a manifest, the connector and its runtime dependencies in
 * {@code lib/}, the README, and none of Kafka's own jars (a second copy on a worker's plugin path
 * breaks its class loading).
 */
class PluginArchiveIT {
  private static final String VERSION = System.getProperty("flowruns.version");
  private static final String ROOT = "flowruns-kafka-connect-" + VERSION + "/";

  private static List<String> entries(ZipFile zip) {
    List<String> names = new ArrayList<>();
    zip.stream().forEach(e -> names.add(e.getName()));
    return names;
  }

  @Test
  void holdsTheConnectorAndItsDependenciesButNoKafkaJar() throws IOException {
    try (ZipFile zip = new ZipFile(Path.of(System.getProperty("flowruns.plugin.zip")).toFile())) {
      List<String> names = entries(zip);
      for (String jar : List.of("sdk-kafka-connect", "sdk-common", "sdk-patchworks",
          "sdk-analytics", "sdk-activepieces", "sdk-flowstack", "sdk-n8n")) {
        assertTrue(names.contains(ROOT + "lib/" + jar + "-" + VERSION + ".jar"), jar + ": " + names);
      }
      assertTrue(names.stream().anyMatch(n -> n.startsWith(ROOT + "lib/okhttp")), names.toString());
      assertTrue(names.stream().anyMatch(n -> n.startsWith(ROOT + "lib/gson-")), names.toString());
      assertTrue(names.contains(ROOT + "doc/README.md"), names.toString());
      for (String n : names) {
        String file = n.substring(n.lastIndexOf('/') + 1);
        assertTrue(!file.startsWith("kafka") && !file.startsWith("connect-")
            && !file.startsWith("slf4j") && !file.startsWith("sdk-testing")
            && !file.startsWith("junit"), "not for a plugin archive: " + n);
      }
    }
  }

  @Test
  void itsManifestNamesTheVersionAndASourceConnector() throws IOException {
    try (ZipFile zip = new ZipFile(Path.of(System.getProperty("flowruns.plugin.zip")).toFile())) {
      ZipEntry manifest = zip.getEntry(ROOT + "manifest.json");
      JsonObject m;
      try (InputStream in = zip.getInputStream(manifest)) {
        m = JsonParser.parseString(new String(in.readAllBytes(), StandardCharsets.UTF_8))
            .getAsJsonObject();
      }
      assertEquals("flowruns-kafka-connect", m.get("name").getAsString());
      assertEquals(VERSION, m.get("version").getAsString());
      assertEquals("source", m.getAsJsonArray("component_types").get(0).getAsString());
    }
  }

  @Test
  void theConnectorJarRegistersTheConnectorForServiceLoading() throws IOException {
    try (ZipFile zip = new ZipFile(Path.of(System.getProperty("flowruns.plugin.zip")).toFile())) {
      ZipEntry jar = zip.getEntry(ROOT + "lib/sdk-kafka-connect-" + VERSION + ".jar");
      boolean registered = false;
      try (JarInputStream in = new JarInputStream(zip.getInputStream(jar))) {
        for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
          if (e.getName().equals(
              "META-INF/services/org.apache.kafka.connect.source.SourceConnector")) {
            registered = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                .contains(FlowRunsSourceConnector.class.getName());
          }
        }
      }
      assertTrue(registered, "workers with plugin.discovery=service_load find it");
    }
  }
}
