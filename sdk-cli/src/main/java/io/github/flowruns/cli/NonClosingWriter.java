package io.github.flowruns.cli;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.Writer;

/** Passes everything through but {@link #close()}, which only flushes: the caller owns the writer. */
final class NonClosingWriter extends FilterWriter {
  NonClosingWriter(Writer out) {
    super(out);
  }

  @Override
  public void close() throws IOException {
    out.flush();
  }
}
