package io.github.flowruns.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the built {@code flowruns.jar} as a separate process, as a user would. */
final class Jar {
  private Jar() {}

  /** The jar under test: {@code sdk-cli/target/flowruns.jar}, set by failsafe. */
  static Path path() {
    Path jar = Path.of(System.getProperty("flowruns.jar", "target/flowruns.jar"));
    assertTrue(Files.isRegularFile(jar), "built jar " + jar.toAbsolutePath());
    return jar;
  }

  static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** The command line for {@code java [jvmArgs] -jar flowruns.jar args}. */
  static List<String> command(List<String> jvmArgs, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(java());
    cmd.addAll(jvmArgs);
    cmd.add("-jar");
    cmd.add(path().toString());
    cmd.addAll(List.of(args));
    return cmd;
  }

  /** A process builder with no FLOWRUNS_API_KEY inherited, so the embedded simulator is used. */
  static ProcessBuilder builder(List<String> command) {
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().remove(ConnectionOptions.API_KEY_ENV);
    return pb;
  }

  static Cli.Result run(String... args) throws IOException, InterruptedException {
    return run(List.of(), args);
  }

  static Cli.Result run(List<String> jvmArgs, String... args) throws IOException, InterruptedException {
    return run(Duration.ofMinutes(2), jvmArgs, args);
  }

  /** Runs to the end (at most {@code limit}); stdout and stderr go through files, never a full pipe. */
  static Cli.Result run(Duration limit, List<String> jvmArgs, String... args)
      throws IOException, InterruptedException {
    File out = File.createTempFile("flowruns-out", ".txt");
    File err = File.createTempFile("flowruns-err", ".txt");
    try {
      Process p = builder(command(jvmArgs, args))
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
          .redirectOutput(out).redirectError(err).start();
      if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("flowruns did not finish within " + limit + ": " + List.of(args));
      }
      return new Cli.Result(p.exitValue(), Files.readString(out.toPath(), StandardCharsets.UTF_8),
          Files.readString(err.toPath(), StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out.toPath());
      Files.deleteIfExists(err.toPath());
    }
  }
}
