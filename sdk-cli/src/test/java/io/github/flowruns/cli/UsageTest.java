package io.github.flowruns.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.flowruns.RetryMode;
import io.github.flowruns.RunStatus;
import io.github.flowruns.Vendor;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.TypeConversionException;

/** Usage errors exit 2 before anything is started, and say what was wrong in one line. */
class UsageTest {

  static void assertUsageError(Cli.Result r, String expected) {
    assertEquals(2, r.status, r.toString());
    assertEquals("", r.out, "nothing on stdout");
    assertTrue(r.errLines().get(0).startsWith("flowruns: "), r.err);
    assertTrue(r.err.contains(expected), r.toString());
    assertTrue(r.err.contains("--help"), r.err);
    assertFalse(r.err.contains("\tat "), "no stack trace");
    assertFalse(r.err.contains("simulator at"), "nothing was started");
  }

  @Test
  void unknownStatusIsAUsageError() {
    assertUsageError(Cli.run("runs", "list", "--vendor", "flowstack", "--status", "failed,bogus"),
        "'bogus' is not a run status");
  }

  @Test
  void badDateIsAUsageError() {
    assertUsageError(Cli.run("runs", "list", "--vendor", "flowstack", "--since", "yesterday"),
        "not an ISO-8601 date");
  }

  @Test
  void sinceAfterUntilIsAUsageError() {
    assertUsageError(Cli.run("runs", "list", "--vendor", "flowstack", "--since", "2026-02-01",
        "--until", "2026-01-01", "--base-url", "http://127.0.0.1:9", "--api-key", "k-123456"),
        "must be before --until");
  }

  @Test
  void missingVendorIsAUsageError() {
    assertUsageError(Cli.run("runs", "list"), "Missing required option: '--vendor=V'");
  }

  @Test
  void unknownVendorIsAUsageError() {
    assertUsageError(Cli.run("runs", "list", "--vendor", "zapier"), "'zapier' is not a vendor");
  }

  @Test
  void missingRunIdIsAUsageError() {
    assertUsageError(Cli.run("runs", "get", "--vendor", "flowstack"), "RUN_ID");
  }

  @Test
  void unknownFormatIsAUsageError() {
    assertUsageError(Cli.run("runs", "list", "--vendor", "flowstack", "--format", "xml"),
        "'xml' is not a format");
  }

  @Test
  void exportNeedsAnOutputFile() {
    assertUsageError(Cli.run("runs", "export", "--vendor", "flowstack"), "--output");
  }

  @Test
  void exportWritesOnlyJsonlOrCsv() {
    assertUsageError(Cli.run("runs", "export", "--vendor", "flowstack", "--output", "x.json",
        "--format", "table"), "export writes jsonl or csv");
  }

  @Test
  void exportIntoAMissingDirectoryIsAUsageError() {
    assertUsageError(Cli.run("runs", "export", "--vendor", "flowstack", "--output",
        "/nonexistent-dir/runs.csv"), "does not exist");
  }

  @Test
  void invalidTriggerDataIsAUsageError() {
    assertUsageError(Cli.run("runs", "trigger", "--vendor", "flowstack", "--flow-id", "f",
        "--data", "{oops"), "--data is not valid JSON");
    assertUsageError(Cli.run("runs", "trigger", "--vendor", "flowstack", "--flow-id", "f",
        "--data", "[1]"), "--data must be a JSON object");
  }

  @Test
  void unknownRetryModeIsAUsageError() {
    assertUsageError(Cli.run("runs", "retry", "--vendor", "activepieces", "r1", "--mode", "again"),
        "not a retry mode");
  }

  @Test
  void negativeLimitIsAUsageError() {
    assertUsageError(Cli.run("runs", "list", "--vendor", "flowstack", "--limit", "-1"),
        "--limit must be zero or more");
  }

  @Test
  void unknownOptionIsAUsageErrorThatDoesNotEchoTheApiKey() {
    Cli.Result r = Cli.run("runs", "list", "--vendor", "flowstack", "--api-key", "s3cr3t-key",
        "--bogus", "s3cr3t-key");
    assertUsageError(r, "--bogus");
    assertFalse(r.err.contains("s3cr3t-key"), r.err);
  }

  @Test
  void missingCommandIsAUsageError() {
    assertUsageError(Cli.run(), "Missing a command");
    assertUsageError(Cli.run("runs"), "Missing a command");
  }

  @Test
  void passwordEnvMustBeSet() {
    assertUsageError(Cli.run(Map.of(), false, "runs", "list", "--vendor", "patchworks",
        "--username", "me", "--password-env", "PW_NOT_SET"), "PW_NOT_SET");
  }

  @Test
  void activepiecesAgainstAServerNeedsAProjectId() {
    assertUsageError(Cli.run("runs", "list", "--vendor", "activepieces", "--api-key", "k-123456"),
        "--project-id");
  }

  @Test
  void stackaiAgainstAServerNeedsAnOrgId() {
    assertUsageError(Cli.run(Map.of("FLOWRUNS_API_KEY", "k-123456"), false, "runs", "list",
        "--vendor", "stackai"), "--org-id");
  }

  @ParameterizedTest
  @ValueSource(strings = {"--help", "--version"})
  void helpAndVersionExitZero(String option) {
    Cli.Result r = Cli.run("runs", "list", option);
    assertEquals(0, r.status, r.toString());
    assertFalse(r.out.isEmpty());
    Cli.Result top = Cli.run(option);
    assertEquals(0, top.status);
    assertTrue(top.out.contains("flowruns"));
  }

  @Test
  void helpListsEveryCommand() {
    Cli.Result r = Cli.run("runs", "--help");
    for (String c : new String[] {"list", "get", "retry", "stop", "trigger", "stats", "export"}) {
      assertTrue(r.out.contains(c), c);
    }
    assertTrue(Cli.run("--help").out.contains("simulator"));
  }

  @Test
  void helpListsTheVendorsAndTheirOptionsFromTheDescriptors() {
    Cli.Result top = Cli.run("--help");
    Cli.Result list = Cli.run("runs", "list", "--help");
    Cli.Result sim = Cli.run("simulator", "--help");
    assertEquals(0, list.status, list.toString());
    assertFalse(Sims.VENDORS.isEmpty());
    for (io.github.flowruns.spi.VendorDescriptor d : io.github.flowruns.FlowRunsClients.descriptors()) {
      assertTrue(list.out.contains(d.name()), d.name() + " in\n" + list.out);
      assertTrue(sim.out.contains(d.name()), d.name() + " in\n" + sim.out);
      assertTrue(top.out.contains(d.displayName()), d.displayName() + " in\n" + top.out);
      for (io.github.flowruns.spi.VendorDescriptor.Setting s : d.settings()) {
        if (s.option() != null) {
          assertTrue(list.out.contains(s.option()), s.option() + " in\n" + list.out);
        }
      }
    }
    // api.md's options, all still there
    for (String o : new String[] {"--project-id", "--org-id", "--username", "--password-env",
        "--login-url", "--api-key", "--base-url"}) {
      assertTrue(list.out.contains(o), o);
    }
    assertFalse(list.out.contains("--password "), "a secret is never a value on the command line");
  }

  @Test
  void anOptionOfAnotherVendorIsAUsageError() {
    assertUsageError(Cli.run("runs", "list", "--vendor", "activepieces", "--api-key", "k-123456",
        "--project-id", "p", "--org-id", "o"), "--org-id is for --vendor stackai, not activepieces");
    assertUsageError(Cli.run("runs", "list", "--vendor", "flowstack", "--username", "me"),
        "--username is for --vendor patchworks, not flowstack");
    assertUsageError(Cli.run("runs", "list", "--vendor", "nope"),
        "expected one of " + String.join(", ", Sims.VENDORS));
  }

  @Test
  void aLoginNeedsBothHalvesAndNoApiKey() {
    assertUsageError(Cli.run(Map.of(), false, "runs", "list", "--vendor", "patchworks",
        "--username", "me"), "--username needs --password-env NAME");
    assertUsageError(Cli.run(Map.of("PW", "x"), false, "runs", "list", "--vendor", "patchworks",
        "--password-env", "PW"), "--password-env needs --username");
    assertUsageError(Cli.run(Map.of("PW", "x"), false, "runs", "list", "--vendor", "patchworks",
        "--api-key", "k", "--username", "me", "--password-env", "PW"),
        "give --api-key or --username, not both");
  }

  @Test
  void statusesParseInAnyCaseAndAsCommaLists() {
    Converters.StatusConverter c = new Converters.StatusConverter();
    assertEquals(RunStatus.FAILED, c.convert("failed"));
    assertEquals(RunStatus.TIMED_OUT, c.convert("Timed_Out"));
    assertEquals(RunStatus.PARTIALLY_SUCCEEDED, c.convert("partially-succeeded"));
    assertThrows(TypeConversionException.class, () -> c.convert("nope"));
    FilterOptions f = new FilterOptions();
    picocli.CommandLine cl = new picocli.CommandLine(new Holder());
    cl.parseArgs("--status", "failed,TIMED_OUT", "--status", "queued");
    assertEquals(java.util.List.of(RunStatus.FAILED, RunStatus.TIMED_OUT, RunStatus.QUEUED),
        ((Holder) cl.getCommand()).filters.statuses);
    assertEquals(null, f.statuses);
  }

  @picocli.CommandLine.Command
  static final class Holder {
    @picocli.CommandLine.Mixin
    FilterOptions filters;
  }

  @Test
  void timesParseAsIso8601InUtc() {
    Converters.TimeConverter c = new Converters.TimeConverter();
    assertEquals(Instant.parse("2026-01-31T00:00:00Z"), c.convert("2026-01-31"));
    assertEquals(Instant.parse("2026-01-31T08:00:00Z"), c.convert("2026-01-31T08:00:00Z"));
    assertEquals(Instant.parse("2026-01-31T08:00:00Z"), c.convert("2026-01-31T09:00:00+01:00"));
    assertEquals(Instant.parse("2026-01-31T08:00:00Z"), c.convert("2026-01-31T08:00"));
    assertThrows(TypeConversionException.class, () -> c.convert("31/01/2026"));
  }

  @Test
  void vendorsAndModesParseInAnyCase() {
    assertEquals(Vendor.STACKAI, new Converters.VendorConverter().convert("StackAI"));
    assertEquals(RetryMode.FROM_FAILED_STEP,
        new Converters.RetryModeConverter().convert("from_failed_step"));
    assertEquals(RetryMode.LATEST_VERSION,
        new Converters.RetryModeConverter().convert("latest-version"));
  }

  @Test
  void terminalDevicesAreRecognised() {
    assertTrue(Terminal.isTerminalDevice("/dev/pts/3"));
    assertTrue(Terminal.isTerminalDevice("/dev/tty1"));
    assertFalse(Terminal.isTerminalDevice("pipe:[1234]"));
    assertFalse(Terminal.isTerminalDevice("/dev/null"));
    assertFalse(Terminal.isTerminalDevice("/tmp/log.txt"));
  }
}
