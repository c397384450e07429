package io.github.flowruns.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.flowruns.FailedStep;
import io.github.flowruns.Run;
import io.github.flowruns.RunStatus;
import io.github.flowruns.Vendor;
import io.github.flowruns.testing.VendorSimulator;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Tables fit the terminal, colour on a terminal only, and piped output is as it always was. */
class TableWidthTest {
  private static final String ANSI = "\u001b\\[[0-9;]*m";

  /** Runs with random ids, flows, statuses, times and failure messages of every length. */
  static List<Run> randomRuns(Random random, int n) {
    return randomRuns(random, n, true);
  }

  /** Runs as above; {@code astral}: with characters outside the BMP in some texts. */
  static List<Run> randomRuns(Random random, int n, boolean astral) {
    List<Run> runs = new ArrayList<>();
    RunStatus[] statuses = RunStatus.values();
    for (int i = 0; i < n; i++) {
      Run.Builder b = Run.builder().vendor(Vendor.FLOWSTACK)
          .id(text(random, 1 + random.nextInt(70), astral))
          .flowId(random.nextInt(5) == 0 ? null : text(random, random.nextInt(60), astral))
          .status(statuses[random.nextInt(statuses.length)])
          .rawStatus("x");
      if (random.nextBoolean()) {
        b.startedAt(Instant.ofEpochSecond(1_700_000_000L + random.nextInt(90_000_000)));
        b.duration(Duration.ofMillis(random.nextInt(Integer.MAX_VALUE)));
      }
      if (random.nextInt(3) == 0) {
        b.failedStep(FailedStep.of(text(random, random.nextInt(40), astral),
            text(random, random.nextInt(300), astral)));
      }
      runs.add(b.build());
    }
    return runs;
  }

  private static String text(Random random, int length, boolean astral) {
    String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789-_ :/.ÄéЖ";
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < length; i++) {
      sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    if (astral && length > 3 && random.nextInt(4) == 0) {
      sb.append("\uD83D\uDE80"); // a character outside the BMP: never split in two
    }
    return sb.toString();
  }

  static String table(List<Run> runs, int width, boolean color) throws Exception {
    StringWriter out = new StringWriter();
    RunSink sink = new TableSink(out, width, color);
    for (Run r : runs) {
      sink.write(r);
    }
    sink.finish();
    return out.toString();
  }

  @Test
  void rowsNeverExceedTheTerminalWidthForRandomWidthsAndRuns() throws Exception {
    Random random = new Random(15);
    for (int trial = 0; trial < 300; trial++) {
      int width = TableSink.MIN_WIDTH + random.nextInt(240);
      List<Run> runs = randomRuns(random, 1 + random.nextInt(random.nextBoolean() ? 20 : 250));
      boolean color = random.nextBoolean();
      String table = table(runs, width, color);
      List<String> lines = table.lines().toList();
      assertEquals(runs.size() + 1, lines.size(), "one line a run and the header");
      for (String line : lines) {
        String visible = line.replaceAll(ANSI, "");
        assertTrue(visible.codePointCount(0, visible.length()) <= width,
            "width " + width + ": " + visible.length() + " characters: " + visible);
        for (int i = 0; i < visible.length(); i++) {
          char c = visible.charAt(i);
          assertFalse(Character.isHighSurrogate(c) && (i + 1 == visible.length()
              || !Character.isLowSurrogate(visible.charAt(i + 1))), "a split surrogate: " + line);
        }
      }
      assertEquals(color, table.contains("\u001b["), "colour only when asked");
    }
  }

  /** The runs of the golden file: 40 random listings, from a fixed seed. */
  static List<List<Run>> goldenListings() {
    Random random = new Random(42);
    List<List<Run>> listings = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      listings.add(randomRuns(random, 1 + random.nextInt(i % 4 == 0 ? 250 : 30), false));
    }
    return listings;
  }

  static String goldenText(List<List<Run>> listings, int width, boolean color) throws Exception {
    StringBuilder all = new StringBuilder();
    for (List<Run> runs : listings) {
      all.append("=== ").append(runs.size()).append(" runs\n").append(table(runs, width, color));
    }
    return all.toString();
  }

  @Test
  void withoutAWidthTheTableIsByteForByteWhatItWasBefore() throws Exception {
    // table-before-width.txt was written by the table as it was before it fitted the terminal
    // (commit b152fee), from these same runs.
    String golden;
    try (java.io.InputStream in = getClass().getResourceAsStream("table-before-width.txt")) {
      golden = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
    assertEquals(golden, goldenText(goldenListings(), 0, false));
  }

  @Test
  void theWidestCellsAreCutWithAnEllipsisToFitEightyColumns() throws Exception {
    Run run = Run.builder().vendor(Vendor.FLOWSTACK).id("run_0123456789abcdef0123456789")
        .flowId("flow_checkout_and_payment_reconciliation").status(RunStatus.FAILED).rawStatus("x")
        .startedAt(Instant.parse("2026-01-31T08:00:00Z")).duration(Duration.ofSeconds(75))
        .failedStep(FailedStep.of("charge", "card declined by the issuer after three attempts"))
        .build();
    String table = table(List.of(run), 80, false);
    List<String> lines = table.lines().toList();
    assertTrue(lines.get(1).length() <= 80, lines.get(1));
    assertTrue(lines.get(1).contains("…"), lines.get(1));
    assertTrue(lines.get(1).contains("FAILED"), "the status column is not the widest: " + lines);
    assertTrue(lines.get(1).startsWith("run_0123456789abcdef0123456789  "),
        "the id, which the next command needs, is cut last: " + lines);
    assertTrue(table(List.of(run), 0, false).lines().toList().get(1).length() > 80,
        "without a width the row is whole");
  }

  @Test
  void aTerminalGetsAFittedColouredTableAndAPipeTheWholeUncolouredOne() {
    try (VendorSimulator sim = Sims.start("activepieces", 30)) {
      String[] args = Sims.runsAllFlows("list", sim);
      Cli.Result terminal = run(Map.of("COLUMNS", "80"), true, args);
      assertEquals(0, terminal.status, terminal.toString());
      assertTrue(terminal.out.contains("\u001b["), "coloured on a terminal");
      for (String line : terminal.outLines()) {
        assertTrue(line.replaceAll(ANSI, "").length() <= 80, line);
      }
      Cli.Result piped = run(Map.of("COLUMNS", "80"), false, args);
      assertFalse(piped.out.contains("\u001b["), "no colour into a pipe");
      assertTrue(piped.outLines().stream().anyMatch(l -> l.length() > 80),
          "no cut into a pipe, whatever COLUMNS says");
      assertFalse(piped.out.contains("…"));

      Cli.Result noColor = run(Map.of("COLUMNS", "100", "NO_COLOR", "1"), true, args);
      assertFalse(noColor.out.contains("\u001b["), "NO_COLOR");
      noColor.outLines().forEach(l -> assertTrue(l.length() <= 100, l));
      Cli.Result emptyNoColor = run(Map.of("NO_COLOR", ""), true, args);
      assertTrue(emptyNoColor.out.contains("\u001b["), "an empty NO_COLOR is no NO_COLOR");
      emptyNoColor.outLines().forEach(l -> assertTrue(l.replaceAll(ANSI, "").length() <= 80,
          "80 columns when COLUMNS is unset and stty cannot say: " + l));

      Cli.Result never = run(Map.of(), true, append(args, "--color=never"));
      assertFalse(never.out.contains("\u001b["));
      Cli.Result always = run(Map.of("NO_COLOR", "1"), false, append(args, "--color=always"));
      assertTrue(always.out.contains("\u001b["), "--color=always wins");
      assertEquals(piped.out, always.out.replaceAll(ANSI, ""), "always colours, never cuts a pipe");
    }
  }

  static String[] append(String[] args, String... more) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of(more));
    return all.toArray(new String[0]);
  }

  static Cli.Result run(Map<String, String> env, boolean stdoutIsTerminal, String... args) {
    return Cli.run(env, false, stdoutIsTerminal, args);
  }
}
