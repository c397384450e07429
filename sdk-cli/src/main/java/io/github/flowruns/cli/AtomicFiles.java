package io.github.flowruns.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Files that are either wholly written or untouched: the text goes to a temporary file in the
 * target's directory (so the rename stays on one file system), is forced to disk, and then
 * replaces the target by an atomic rename. A reader never sees a half-written file, and a failure
 * leaves the previous file as it was and no temporary file behind.
 */
final class AtomicFiles {
  private AtomicFiles() {}

  /** What writes the file's content. */
  @FunctionalInterface
  interface Content {
    void writeTo(Writer out) throws IOException;
  }

  /** Writes {@code target} atomically from {@code content}, replacing it if it exists. */
  static void write(Path target, Content content) throws IOException {
    Path absolute = target.toAbsolutePath();
    Path temp = Files.createTempFile(absolute.getParent(), "." + absolute.getFileName() + ".",
        ".tmp");
    boolean moved = false;
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING)) {
        Writer w = new BufferedWriter(new OutputStreamWriter(
            Channels.newOutputStream(channel), StandardCharsets.UTF_8));
        content.writeTo(w);
        w.flush();
        // On disk before the rename: after a crash the name points at the old or the new bytes,
        // never at an empty file.
        channel.force(true);
      }
      move(temp, absolute);
      moved = true;
    } finally {
      if (!moved) {
        Files.deleteIfExists(temp);
      }
    }
  }

  /** Renames {@code temp} to {@code target}, atomically where the file system can. */
  static void move(Path temp, Path target) throws IOException {
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
