package io.github.flowruns.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Whether standard error (or output) is a terminal, which decides if {@code export} draws a
 * progress bar (and whether tables are cut to the terminal's width and coloured), and how wide the
 * terminal is.
 *
 * <p>{@code System.console() != null} answers a different question: on JDK 17 to 21 it means
 * that standard <em>input and output</em> are terminals (so {@code export ... 2>log} would still
 * draw a bar into the log), and from JDK 22 on it is non-null even when nothing is a terminal
 * ({@code Console.isTerminal()} only exists from 22, and this code is built for 17). So the check
 * asks about file descriptor 2 itself, without reflection and on any JDK from 17:
 * <ol>
 *   <li>on Linux, where {@code /proc/self/fd/2} links to the open file: a terminal is a
 *       {@code /dev/pts/N}, {@code /dev/ttyX} or {@code /dev/console};</li>
 *   <li>elsewhere with a POSIX shell (macOS, BSD): {@code sh -c 'test -t 2'} run with our
 *       standard error inherited, so the shell tests the very same descriptor;</li>
 *   <li>otherwise (Windows without sh): {@code System.console() != null}.</li>
 * </ol>
 */
final class Terminal {
  private Terminal() {}

  static boolean stderrIsTerminal() {
    return isTerminal(2);
  }

  static boolean stdoutIsTerminal() {
    return isTerminal(1);
  }

  /**
   * The terminal's width in columns as {@code stty size} reports it for the controlling terminal
   * ({@code /dev/tty}), or -1 where there is none or it cannot say (e.g. Windows without stty).
   */
  static int sttyColumns() {
    if (!Files.exists(Path.of("/dev/tty"))) {
      return -1;
    }
    try {
      Process p = new ProcessBuilder("stty", "size")
          .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/tty")))
          .redirectError(ProcessBuilder.Redirect.DISCARD)
          .start();
      byte[] out = p.getInputStream().readNBytes(64);
      if (!p.waitFor(2, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return -1;
      }
      String[] rowsCols = new String(out, java.nio.charset.StandardCharsets.US_ASCII).trim()
          .split("\\s+");
      return p.exitValue() == 0 && rowsCols.length == 2 ? Integer.parseInt(rowsCols[1]) : -1;
    } catch (IOException | NumberFormatException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private static boolean isTerminal(int fd) {
    Path link = Path.of("/proc/self/fd/" + fd);
    if (Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
      try {
        return isTerminalDevice(Files.readSymbolicLink(link).toString());
      } catch (IOException | UnsupportedOperationException e) {
        return false;
      }
    }
    try {
      Process p = new ProcessBuilder("sh", "-c", "test -t " + fd)
          .redirectInput(ProcessBuilder.Redirect.PIPE)
          .redirectOutput(fd == 1 ? ProcessBuilder.Redirect.INHERIT
              : ProcessBuilder.Redirect.DISCARD)
          .redirectError(fd == 2 ? ProcessBuilder.Redirect.INHERIT
              : ProcessBuilder.Redirect.DISCARD)
          .start();
      p.getOutputStream().close();
      if (!p.waitFor(2, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return false;
      }
      return p.exitValue() == 0;
    } catch (IOException e) {
      return System.console() != null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Whether a /proc/self/fd link target names a terminal device. */
  static boolean isTerminalDevice(String target) {
    return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty")
        || target.equals("/dev/console");
  }
}
