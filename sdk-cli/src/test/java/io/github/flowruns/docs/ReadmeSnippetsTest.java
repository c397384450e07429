package io.github.flowruns.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code java} block of README.md and sdk-testing/README.md compiles as written, against
 * this module's test class path (every vendor module, sdk-testing, JUnit). A block of bare
 * statements is the body of a method of a generated class that imports the SDK's packages; the
 * HTML comment on the line before a block may name what the block takes as given (fields and
 * methods of that class: {@code <!-- compile: given: FlowRunsClient client; -->}) or say the block
 * is a whole class ({@code <!-- compile: class; given: ... -->}, the given declarations then
 * follow it at top level).
 */
class ReadmeSnippetsTest {
  private static final String IMPORTS = String.join("\n",
      "import static org.junit.jupiter.api.Assertions.*;",
      "import org.junit.jupiter.api.Test;",
      "import io.github.flowruns.*;",
      "import io.github.flowruns.http.*;",
      "import io.github.flowruns.spi.*;",
      "import io.github.flowruns.patchworks.*;",
      "import io.github.flowruns.analytics.*;",
      "import io.github.flowruns.activepieces.*;",
      "import io.github.flowruns.flowstack.*;",
      "import io.github.flowruns.n8n.*;",
      "import io.github.flowruns.testing.*;",
      "import java.time.*;",
      "import java.util.*;",
      "");

  @TempDir
  Path work;

  @Test
  void everyJavaSnippetOfTheReadmesCompiles() throws IOException {
    Path root = Readmes.root();
    List<Readmes.Snippet> snippets = new ArrayList<>(Readmes.javaSnippets(root.resolve("README.md")));
    int inMain = snippets.size();
    snippets.addAll(Readmes.javaSnippets(root.resolve("sdk-testing/README.md")));
    assertTrue(inMain >= 9 && snippets.size() - inMain >= 3,
        "the README blocks were not found: " + inMain + " + " + (snippets.size() - inMain));

    List<Path> sources = new ArrayList<>();
    List<Integer> codeStarts = new ArrayList<>();
    for (int i = 0; i < snippets.size(); i++) {
      Readmes.Snippet s = snippets.get(i);
      String head = "package readme;\n" + IMPORTS;
      String unit;
      if (s.wholeClass()) {
        unit = head + s.code() + s.given() + "\n";
      } else {
        head += "class Snippet" + i + " {\n" + s.given() + "\nvoid snippet() throws Exception {\n";
        unit = head + s.code() + "}\n}\n";
      }
      codeStarts.add((int) head.chars().filter(c -> c == '\n').count() + 1);
      Path file = work.resolve("src/readme/Snippet" + i + ".java");
      Files.createDirectories(file.getParent());
      Files.writeString(file, unit);
      sources.add(file);
    }

    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Files.createDirectories(work.resolve("classes"));
    try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
      javac.getTask(null, files, diagnostics,
          List.of("--release", "17", "-proc:none", "-classpath", classPath, "-d", work.resolve("classes").toString()),
          null, files.getJavaFileObjectsFromPaths(sources)).call();
    }

    List<String> errors = new ArrayList<>();
    for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
      if (d.getKind() != Diagnostic.Kind.ERROR) {
        continue;
      }
      String name = Path.of(d.getSource().toUri()).getFileName().toString();
      int i = Integer.parseInt(name.replaceAll("\\D", ""));
      Readmes.Snippet s = snippets.get(i);
      long offset = d.getLineNumber() - codeStarts.get(i);
      String where = offset >= 0 && offset < s.code().lines().count()
          ? Readmes.root().relativize(s.file()) + ":" + (s.line() + offset)
          : s.where() + " (in the generated wrapper, line " + d.getLineNumber() + ")";
      errors.add(where + ": " + d.getMessage(Locale.ROOT));
    }
    assertEquals(List.of(), errors, "README snippets that do not compile");
  }
}
