package io.github.flowruns.cli;

import static io.github.flowruns.cli.UsageTest.assertUsageError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.TypeConversionException;

/**
 * The options of {@code runs watch} and {@code --wait}: a wrong one exits 2 with one line before
 * anything is started (no simulator, no request), and the help names every new option.
 */
class WatchAndWaitUsageTest {

  @Test
  void aBadDurationIsAUsageErrorNamingTheOption() {
    assertUsageError(Cli.run("runs", "trigger", "--vendor", "flowstack", "--wait", "--timeout",
        "soon"), "--timeout");
    assertUsageError(Cli.run("runs", "trigger", "--vendor", "flowstack", "--wait", "--timeout",
        "soon"), "'soon' is not a positive duration");
    assertUsageError(Cli.run("runs", "watch", "--vendor", "flowstack", "--interval", "-5s"),
        "--interval");
    assertUsageError(Cli.run("runs", "watch", "--vendor", "flowstack", "--interval", "0s"),
        "not a positive duration");
  }

  @Test
  void durationsTakeUnitsAndIso8601() {
    Converters.DurationConverter c = new Converters.DurationConverter();
    assertEquals(Duration.ofMillis(500), c.convert("500ms"));
    assertEquals(Duration.ofSeconds(30), c.convert("30s"));
    assertEquals(Duration.ofMinutes(5), c.convert("5m"));
    assertEquals(Duration.ofHours(2), c.convert("2h"));
    assertEquals(Duration.ofSeconds(30), c.convert("PT30S"));
    assertEquals(Duration.ofMinutes(90), c.convert("pt1h30m"));
    assertThrows(TypeConversionException.class, () -> c.convert("5 minutes"));
    assertThrows(TypeConversionException.class, () -> c.convert("PT0S"));
    assertEquals("10m", Converters.DurationConverter.text(Duration.ofMinutes(10)));
    assertEquals("90s", Converters.DurationConverter.text(Duration.ofSeconds(90)));
    assertEquals("1500ms", Converters.DurationConverter.text(Duration.ofMillis(1500)));
  }

  @Test
  void timeoutWithoutWaitIsAUsageError() {
    assertUsageError(Cli.run("runs", "trigger", "--vendor", "flowstack", "--timeout", "5m"),
        "--timeout needs --wait");
  }

  @Test
  void maxRetriesWithoutRetryIsAUsageError() {
    assertUsageError(Cli.run("runs", "watch", "--vendor", "activepieces", "--max-retries", "2"),
        "--max-retries needs --retry");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "11", "-1"})
  void maxRetriesOutOfRangeIsAUsageError(String n) {
    assertUsageError(Cli.run("runs", "watch", "--vendor", "activepieces", "--retry", "default",
        "--max-retries", n), "--max-retries must be 1..10");
  }

  @Test
  void retryOnAVendorThatCannotRetryIsAUsageError() {
    // vendors.md, FlowStack: the API has no retry endpoint.
    assertUsageError(Cli.run("runs", "watch", "--vendor", "flowstack", "--retry", "default"),
        "FlowStack cannot retry runs: --retry is not available for --vendor flowstack");
  }

  @Test
  void waitOnAVendorThatCannotReadARunIsAUsageError() {
    // vendors.md, StackAI: the analytics API lists runs but has no get-one endpoint.
    assertUsageError(Cli.run("runs", "retry", "--vendor", "stackai", "r1", "--wait"),
        "StackAI cannot --wait");
  }

  @Test
  void anUnknownRetryModeOrFormatIsAUsageError() {
    assertUsageError(Cli.run("runs", "watch", "--vendor", "activepieces", "--retry", "again"),
        "expected from-failed-step, latest-version or default");
    assertUsageError(Cli.run("runs", "watch", "--vendor", "activepieces", "--format", "csv"),
        "watch prints jsonl or table, not csv");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "not json", "[1, 2]", "{\"format\": \"something-else\"}",
      "{\"format\": \"flowruns-watch\", \"version\": 99, \"vendor\": \"activepieces\"}",
      "{\"format\": \"flowruns-watch\", \"version\": 1, \"vendor\": \"activepieces\", "
          + "\"retries\": [{\"run\": \"r\"}]}"})
  void aCorruptCheckpointIsAUsageErrorNotANewFeed(String content, @TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("watch.json");
    Files.writeString(file, content);
    assertUsageError(Cli.run("runs", "watch", "--vendor", "activepieces", "--once",
        "--checkpoint", file.toString()), "--checkpoint " + file + " is not a checkpoint this "
        + "flowruns can resume from");
    assertEquals(content, Files.readString(file), "the file is left as it was");
  }

  @Test
  void aCheckpointThatIsNotTextIsAUsageError(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("watch.json");
    Files.write(file, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1});
    assertUsageError(Cli.run("runs", "watch", "--vendor", "activepieces", "--once",
        "--checkpoint", file.toString()), "not UTF-8 text");
  }

  @Test
  void aCheckpointOfAnotherVendorIsAUsageError(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("watch.json");
    WatchState.fresh("patchworks").save(file);
    assertUsageError(Cli.run("runs", "watch", "--vendor", "activepieces", "--once",
        "--checkpoint", file.toString()), "belongs to --vendor patchworks, not activepieces");
  }

  @Test
  void aCheckpointInAMissingDirectoryIsAUsageError() {
    assertUsageError(Cli.run("runs", "watch", "--vendor", "activepieces", "--once",
        "--checkpoint", "/nonexistent-dir/watch.json"), "does not exist");
  }

  @Test
  void helpShowsEveryNewOptionWithItsDefaults() {
    Cli.Result watch = Cli.run("runs", "watch", "--help");
    assertEquals(0, watch.status, watch.toString());
    for (String o : new String[] {"--interval=DURATION", "--checkpoint=FILE", "--once",
        "--retry=MODE", "--max-retries=N", "--format=FORMAT", "--flow-id", "--status", "default: 30s",
        "from-failed-step, latest-version, default", "flowruns simulator"}) {
      assertTrue(watch.out.contains(o), o + " in\n" + watch.out);
    }
    for (String command : new String[] {"trigger", "retry"}) {
      Cli.Result r = Cli.run("runs", command, "--help");
      assertTrue(r.out.contains("--wait"), r.out);
      assertTrue(r.out.contains("--timeout=DURATION"), r.out);
      assertTrue(r.out.contains("default: " + WaitOptions.DEFAULT_TIMEOUT), r.out);
      assertTrue(r.out.replaceAll("\\s+", " ").contains("3 it ended otherwise (FAILED, CANCELLED, "
          + "TIMED_OUT or PARTIALLY_SUCCEEDED)"), r.out);
    }
    assertTrue(Cli.run("runs", "--help").out.contains("watch"));
    assertTrue(Cli.run("--help").out.contains("4 the wait timed out"));
  }

  @Test
  void theCheckpointFormatIsVersionedJson(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("watch.json");
    WatchState.fresh("activepieces").save(file);
    String text = Files.readString(file, StandardCharsets.UTF_8);
    assertTrue(text.startsWith("{\"format\":\"flowruns-watch\",\"version\":1,"
        + "\"vendor\":\"activepieces\""), text);
  }
}
