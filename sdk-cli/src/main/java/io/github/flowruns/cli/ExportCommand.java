package io.github.flowruns.cli;

import io.github.flowruns.Run;
import io.github.flowruns.RunQuery;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code flowruns runs export --output FILE}: writes every matching run to a file, streamed page by
 * page in constant memory. It writes to a temporary file beside {@code FILE} and renames it only
 * when every run is written, so {@code FILE} is either complete or untouched; on failure, and on
 * Ctrl-C, the temporary file is deleted and standard error says so. A new {@code FILE} gets the
 * permissions the umask gives; a replaced one keeps its own. The progress bar shows the total
 * from the start where the vendor counts the runs quickly, and ends at the number written.
 */
@Command(name = "export", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = {"Write the matching runs to a file as JSON lines or CSV.",
        "FILE appears only when the export is complete. A progress bar is shown on standard "
            + "error when it is a terminal."})
final class ExportCommand extends ClientCommand {
  /** The largest page the facade allows: fewer round trips for long exports. */
  private static final int PAGE_SIZE = 100;

  @Mixin
  FilterOptions filters;

  @Option(names = "--output", paramLabel = "FILE", required = true, description = "The file to write.")
  Path output;

  @Option(names = "--format", paramLabel = "FORMAT", converter = OutputFormat.Converter.class,
      description = "jsonl | csv (default: csv if FILE ends in .csv, else jsonl).")
  OutputFormat format;

  @Option(names = "--limit", paramLabel = "N", description = "Export at most N runs.")
  Long limit;

  @Override
  void validate() {
    Limits.check(limit);
    Queries.build(filters.toQuery());
    if (format == null) {
      String name = output.getFileName() == null ? "" : output.getFileName().toString();
      format = name.toLowerCase(Locale.ROOT).endsWith(".csv") ? OutputFormat.CSV : OutputFormat.JSONL;
    }
    if (format != OutputFormat.JSONL && format != OutputFormat.CSV) {
      throw new UsageException("export writes jsonl or csv, not " + format.cliName());
    }
    Path target = output.toAbsolutePath();
    if (Files.isDirectory(target)) {
      throw new UsageException("--output " + output + " is a directory");
    }
    if (!Files.isDirectory(target.getParent())) {
      throw new UsageException("--output " + output + ": the directory " + target.getParent()
          + " does not exist");
    }
  }

  @Override
  int run(Connection c) throws Exception {
    RunQuery.Builder q = filters.toQuery().pageSize(PAGE_SIZE);
    q.flowIds(flowIds(c, filters.flowIds));
    if (limit != null) {
      q.limit(limit);
    }
    RunQuery query = Queries.build(q);
    Path target = output.toAbsolutePath();
    // Created with the default permissions (the umask's); a file it replaces keeps its own.
    Path temp = AtomicFiles.newTempFile(target, ".part");
    Interruption interruption = new Interruption(temp);
    Runtime.getRuntime().addShutdownHook(interruption);
    long written = 0;
    boolean done = false;
    long started = System.nanoTime();
    try (Progress progress = Progress.start(context(), "Exporting", limit == null ? -1 : limit);
        TotalCounter total = progress.shown() ? TotalCounter.start(c, countQuery(c), limit,
            progress) : null) {
      try (Writer w = new BufferedWriter(new OutputStreamWriter(
          Files.newOutputStream(temp), StandardCharsets.UTF_8), 1 << 16)) {
        RunSink sink = RunSink.create(format, w);
        for (Run run : c.client().listRuns(query)) {
          sink.write(run);
          written++;
          progress.step();
        }
        sink.finish();
      }
      progress.end(written);
      interruption.moveUnlessInterrupted(target);
      done = true;
    } catch (Exception | Error e) {
      throw new ExportFailedException(e, written, output);
    } finally {
      if (!done) {
        Files.deleteIfExists(temp);
      }
      try {
        Runtime.getRuntime().removeShutdownHook(interruption);
      } catch (IllegalStateException shuttingDown) {
        // Ctrl-C: the hook is running and deletes the partial file
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    context().err().printf(Locale.ROOT, "flowruns: exported %,d runs to %s in %.1f s%n",
        written, output, seconds);
    context().err().flush();
    return 0;
  }

  /** The export's filters without its page size and limit: what the total counts. */
  private RunQuery countQuery(Connection c) {
    return Queries.build(filters.toQuery().flowIds(flowIds(c, filters.flowIds)));
  }

  /**
   * The shutdown hook that Ctrl-C (SIGINT) or a SIGTERM runs: it deletes the partial file, unless
   * the export has already been moved into place, and says so. The move and the hook exclude each
   * other, so the file is either complete or absent, never renamed half-written.
   */
  private final class Interruption extends Thread {
    private final Path temp;
    private boolean moved;
    private boolean interrupted;

    Interruption(Path temp) {
      super("flowruns-export-interrupted");
      this.temp = temp;
    }

    @Override
    public void run() {
      synchronized (this) {
        if (moved) {
          return;
        }
        interrupted = true;
        try {
          Files.deleteIfExists(temp);
        } catch (java.io.IOException e) {
          // the process is ending; nothing more can be done
        }
      }
      java.io.PrintStream err = context().err();
      err.println((context().stderrIsTerminal() ? System.lineSeparator() : "")
          + "flowruns: interrupted; the partial file was deleted and " + output
          + " was not written");
      err.flush();
    }

    synchronized void moveUnlessInterrupted(Path target) throws java.io.IOException {
      if (interrupted) {
        throw new java.io.InterruptedIOException("interrupted");
      }
      AtomicFiles.move(temp, target);
      moved = true;
    }
  }

  /** An export that stopped part-way; carries the number of runs written before the failure. */
  static final class ExportFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final long written;
    private final transient Path output;

    ExportFailedException(Throwable cause, long written, Path output) {
      super(cause);
      this.written = written;
      this.output = output;
    }

    long written() {
      return written;
    }

    /** The second line on standard error, after the cause's. */
    String summary() {
      return String.format(Locale.ROOT, "export failed after %,d %s had been written; the partial "
          + "file was deleted and %s was not written", written, written == 1 ? "run" : "runs",
          output);
    }
  }
}
