package io.github.flowruns.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@code docs/conformance.md} and the tests agreeing (issue 10): every {@code Class#method}
 * the table names is a test method in some module's {@code src/test/java} or in the contract suite
 * ({@code contract-suite/src/main/java}, where {@code FlowRunsContract} lives), no cell says
 * {@code gap}, a cell without a test says {@code n/a: <why>}, and every row names at least one test.
 */
class ConformanceTableTest {
  private static final Pattern REFERENCE = Pattern.compile("\\b([A-Z][A-Za-z0-9_]*)#([a-z][A-Za-z0-9_]*)");
  private static final Pattern METHOD = Pattern.compile("\\bvoid\\s+([A-Za-z0-9_]+)\\s*\\(");
  private static final Pattern GAP = Pattern.compile("\\bgap\\b", Pattern.CASE_INSENSITIVE);

  /** The repository root: surefire runs with the module as {@code basedir}. */
  private static Path root() {
    return Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath().getParent();
  }

  /**
   * Simple class name (the file's) to the names of its {@code void name(} methods, over every test
   * tree and the contract suite's sources (its tests ship as main code that vendor modules run).
   */
  private static Map<String, Set<String>> testMethods(Path root) throws IOException {
    Map<String, Set<String>> out = new HashMap<>();
    List<Path> trees;
    try (Stream<Path> modules = Files.list(root)) {
      trees = new ArrayList<>(modules.map(m -> m.resolve("src/test/java")).toList());
    }
    trees.add(root.resolve("contract-suite/src/main/java"));
    for (Path tree : trees.stream().filter(Files::isDirectory).toList()) {
      try (Stream<Path> files = Files.walk(tree)) {
        for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
          String name = f.getFileName().toString();
          Set<String> methods = out.computeIfAbsent(name.substring(0, name.length() - 5), k -> new HashSet<>());
          Matcher m = METHOD.matcher(Files.readString(f, StandardCharsets.UTF_8));
          while (m.find()) methods.add(m.group(1));
        }
      }
    }
    return out;
  }

  /**
   * What is wrong with the table rows of {@code markdown}: one line per problem, empty if none.
   * Rows are {@code | fact | source | SDK test | simulator test |}; header and rule rows are skipped.
   */
  static List<String> problems(String markdown, Map<String, Set<String>> tests) {
    List<String> out = new ArrayList<>();
    int rows = 0;
    String[] lines = markdown.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (!line.startsWith("|") || line.startsWith("| fact ") || line.matches("\\|[\\s|:-]*")) continue;
      rows++;
      String where = "line " + (i + 1) + ": ";
      String[] cells = line.substring(1, line.endsWith("|") ? line.length() - 1 : line.length()).split("(?<!\\\\)\\|", -1);
      if (cells.length != 4) {
        out.add(where + "expected 4 cells (fact | source | SDK test | simulator test), found " + cells.length);
        continue;
      }
      int named = 0;
      for (int c = 2; c < 4; c++) {
        String cell = cells[c].strip();
        String side = c == 2 ? "SDK" : "simulator";
        if (GAP.matcher(cell).find()) out.add(where + side + " cell says gap: " + cell);
        Matcher m = REFERENCE.matcher(cell);
        int here = 0;
        while (m.find()) {
          here++;
          Set<String> methods = tests.get(m.group(1));
          if (methods == null) out.add(where + "no test class " + m.group(1));
          else if (!methods.contains(m.group(2))) out.add(where + "no test method " + m.group(0));
        }
        if (here == 0 && !cell.startsWith("n/a: ")) {
          out.add(where + side + " cell names no Class#method and is not 'n/a: <reason>': " + cell);
        }
        named += here;
      }
      if (named == 0) out.add(where + "row has no test on either side: " + cells[0].strip());
    }
    if (rows == 0) out.add("no table rows");
    return out;
  }

  @Test
  void everyRowOfTheConformanceTableNamesTestsThatExistAndNoCellIsAGap() throws IOException {
    Path root = root();
    Path table = root.resolve("docs/conformance.md");
    assertTrue(Files.isRegularFile(table), "missing " + table);
    List<String> problems = problems(Files.readString(table, StandardCharsets.UTF_8), testMethods(root));
    assertEquals(List.of(), problems, () -> String.join("\n", problems));
    Map<String, Set<String>> scanned = testMethods(root);
    assertTrue(scanned.get("ConformanceTableTest").contains("everyRowOfTheConformanceTableNamesTestsThatExistAndNoCellIsAGap"),
        "the scan sees this very test");
    assertTrue(scanned.getOrDefault("FlowRunsContract", Set.of()).contains("countByStatusEqualsTheCountsOfTheListing"),
        "the scan sees the contract suite");
  }

  @Test
  void aGapAMissingMethodAnUnexplainedCellAndARowWithoutTestsAreEachReported() {
    Map<String, Set<String>> tests = Map.of("FooTest", Set.of("works"));
    String table = String.join("\n",
        "| fact | source | SDK test (Class#method) | simulator test (Class#method) |",
        "| --- | --- | --- | --- |",
        "| ok | src | FooTest#works | n/a: the simulator has no side |",
        "| gap | src | gap | FooTest#works |",
        "| missing | src | FooTest#vanished | BarTest#works |",
        "| bare | src | FooTest#works | later |",
        "| none | src | n/a: x | n/a: y |");
    List<String> problems = problems(table, tests);
    assertEquals(6, problems.size(), () -> String.join("\n", problems));
    assertTrue(problems.get(0).startsWith("line 4: SDK cell says gap"), problems.get(0));
    assertTrue(problems.get(1).startsWith("line 4: SDK cell names no Class#method"), problems.get(1));
    assertTrue(problems.get(2).startsWith("line 5: no test method FooTest#vanished"), problems.get(2));
    assertTrue(problems.get(3).startsWith("line 5: no test class BarTest"), problems.get(3));
    assertTrue(problems.get(4).startsWith("line 6: simulator cell names no Class#method"), problems.get(4));
    assertTrue(problems.get(5).startsWith("line 7: row has no test on either side"), problems.get(5));
  }
}
