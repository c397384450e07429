package io.github.flowruns.cli;

import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** Output streams of the process. */
final class Streams {
  private Streams() {}

  /**
   * Standard output as UTF-8, buffered and not auto-flushed: a million lines of JSON must not
   * cost a million system calls. {@link FlowRunsCli#main} flushes it before the process exits.
   */
  static PrintWriter bufferedStdout() {
    return new PrintWriter(new BufferedWriter(new OutputStreamWriter(
        new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8), 1 << 16), false);
  }
}
