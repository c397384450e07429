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
import java.nio.file.attribute.PosixFileAttributeView;

/**
 * Files that are either wholly written or untouched: the text goes to a temporary file in the
 * target's directory (so the rename stays on one file system), is forced to disk, and then
 * replaces the target by an atomic rename. A new file's permissions follow the umask; a replaced
 * file's are kept. A reader never sees a half-written file, and a failure
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
    Path temp = newTempFile(absolute, ".tmp");
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

  /**
   * A new, empty hidden file beside {@code target} ({@code .NAME.RANDOM.suffix}) for its next
   * content. Unlike {@link Files#createTempFile}, which makes it 0600, it is created with the
   * default permissions, so the umask decides them as for any file the user creates.
   */
  static Path newTempFile(Path target, String suffix) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    String prefix = "." + target.getFileName() + ".";
    for (int attempt = 0; ; attempt++) {
      Path temp = dir.resolve(prefix + Long.toUnsignedString(RANDOM.nextLong(), 36) + suffix);
      try {
        return Files.createFile(temp);
      } catch (java.nio.file.FileAlreadyExistsException e) {
        if (attempt >= 100) {
          throw e;
        }
      }
    }
  }

  private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

  /**
   * Renames {@code temp} to {@code target}, atomically where the file system can. A file replaced
   * keeps its permissions: overwriting a 0644 export leaves a 0644 file.
   */
  static void move(Path temp, Path target) throws IOException {
    keepMode(target, temp);
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** Gives {@code temp} the POSIX permissions of {@code target} where it exists. */
  private static void keepMode(Path target, Path temp) throws IOException {
    if (!Files.isRegularFile(target)
        || Files.getFileAttributeView(target, PosixFileAttributeView.class) == null) {
      return;
    }
    Files.setPosixFilePermissions(temp, Files.getPosixFilePermissions(target));
  }
}
