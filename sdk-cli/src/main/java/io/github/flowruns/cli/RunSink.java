package io.github.flowruns.cli;

import com.google.gson.stream.JsonWriter;
import io.github.flowruns.Run;
import java.io.IOException;
import java.io.Writer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes runs one at a time in an {@link OutputFormat}, holding none of them after it has written
 * them (the table holds its first rows to size the columns), so a listing of any length runs in
 * constant memory. Call {@link #finish()} after the last run; it flushes but never closes the
 * writer, which belongs to the caller.
 *
 * <pre>{@code
 * RunSink sink = RunSink.create(OutputFormat.JSONL, out);
 * for (Run run : client.listRuns(query)) sink.write(run);
 * sink.finish();
 * }</pre>
 */
interface RunSink {

  /** Writes one run. */
  void write(Run run) throws IOException;

  /** Ends the output (the closing bracket of a JSON array, the buffered table rows) and flushes. */
  void finish() throws IOException;

  /** A sink for a listing of runs in {@code format}; a table is neither cut nor coloured. */
  static RunSink create(OutputFormat format, Writer out) throws IOException {
    return create(format, out, 0, false);
  }

  /**
   * A sink for a listing of runs in {@code format}; a table's rows fit {@code width} (0: no
   * limit) and its status is coloured if {@code color}.
   */
  static RunSink create(OutputFormat format, Writer out, int width, boolean color)
      throws IOException {
    switch (format) {
      case TABLE:
        return new TableSink(out, width, color);
      case JSON:
        return new JsonArraySink(out);
      case JSONL:
        return new JsonLinesSink(out);
      case CSV:
        return new CsvSink(out);
      default:
        throw new IllegalArgumentException(format.name());
    }
  }

  /** A JSON writer on {@code out} that leaves it open, writes non-ASCII as is and keeps nulls. */
  static JsonWriter jsonWriter(Writer out) {
    JsonWriter w = new JsonWriter(new NonClosingWriter(out));
    w.setHtmlSafe(false);
    w.setSerializeNulls(true);
    return w;
  }

  /** One JSON array, written element by element. */
  final class JsonArraySink implements RunSink {
    private final Writer out;
    private final JsonWriter json;

    JsonArraySink(Writer out) throws IOException {
      this.out = out;
      this.json = jsonWriter(out);
      json.setIndent("  ");
      json.beginArray();
    }

    @Override
    public void write(Run run) throws IOException {
      RunFields.writeJson(json, run);
    }

    @Override
    public void finish() throws IOException {
      json.endArray();
      json.flush();
      // JsonWriter ends the document without a line break; a shell prompt should not follow "]".
      out.write('\n');
      out.flush();
    }
  }

  /** One compact JSON object a line. */
  final class JsonLinesSink implements RunSink {
    private final Writer out;

    JsonLinesSink(Writer out) {
      this.out = out;
    }

    @Override
    public void write(Run run) throws IOException {
      JsonWriter json = jsonWriter(out);
      RunFields.writeJson(json, run);
      json.flush();
      out.write('\n');
    }

    @Override
    public void finish() throws IOException {
      out.flush();
    }
  }

  /**
   * CSV with a header row, quoted by commons-csv where a cell needs it (a comma, a quote, a line
   * break), records ending in {@code \n}.
   */
  final class CsvSink implements RunSink {
    static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
        .setHeader(RunFields.CSV_HEADER.toArray(new String[0]))
        .setRecordSeparator('\n')
        .setNullString("")
        .get();

    private final CSVPrinter csv;

    CsvSink(Writer out) throws IOException {
      this.csv = new CSVPrinter(new NonClosingWriter(out), FORMAT);
    }

    @Override
    public void write(Run run) throws IOException {
      csv.printRecord(RunFields.csvRecord(run));
    }

    @Override
    public void finish() throws IOException {
      csv.flush();
    }
  }
}
