package io.github.flowruns.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a profile's {@code api-key-command} and reads the key from its standard output.
 *
 * <ul>
 *   <li>No shell: the command is split into words as a shell would split it (spaces; single
 *       quotes; double quotes with {@code \"}; a backslash escapes one character) and nothing else
 *       (no variables, globs, pipes or redirections), so the same text runs the same program on
 *       every platform and nothing in it is expanded. Write {@code sh -c '...'} to have a shell.</li>
 *   <li>Standard input and error are the terminal's, so {@code pass} or {@code gpg} can ask for a
 *       passphrase and say what went wrong.</li>
 *   <li>At most {@value #TIMEOUT_SECONDS} s (time to type a passphrase), then it is killed.</li>
 *   <li>One trailing line break is removed; the output is never printed or logged, and no
 *       message quotes it.</li>
 * </ul>
 */
final class KeyCommand {
  static final int TIMEOUT_SECONDS = 60;
  /** A key is short; a command that prints more is not printing a key. */
  private static final int MAX_OUTPUT = 64 * 1024;

  private KeyCommand() {}

  /**
   * The key the command prints.
   *
   * @param command the command line
   * @param what what to call it in messages, e.g. {@code api-key-command of profile 'shop'}
   */
  static String run(String command, String what) {
    return run(command, what, Duration.ofSeconds(TIMEOUT_SECONDS));
  }

  static String run(String command, String what, Duration timeout) {
    List<String> argv = words(command, what);
    Process p;
    try {
      p = new ProcessBuilder(argv)
          .redirectInput(ProcessBuilder.Redirect.INHERIT)
          .redirectError(ProcessBuilder.Redirect.INHERIT)
          .start();
    } catch (IOException e) {
      throw new UsageException("cannot run the " + what + " (" + argv.get(0) + "): "
          + e.getMessage());
    }
    CompletableFuture<byte[]> output = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
    try {
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        throw new UsageException("the " + what + " did not finish within "
            + timeout.toSeconds() + " s; it was stopped");
      }
      byte[] bytes = output.get(5, TimeUnit.SECONDS);
      if (p.exitValue() != 0) {
        throw new UsageException("the " + what + " (" + argv.get(0) + ") failed with exit status "
            + p.exitValue());
      }
      if (bytes.length > MAX_OUTPUT) {
        throw new UsageException("the " + what + " printed more than " + MAX_OUTPUT
            + " bytes, which is not a key");
      }
      String key = new String(bytes, StandardCharsets.UTF_8);
      if (key.endsWith("\r\n")) {
        key = key.substring(0, key.length() - 2);
      } else if (key.endsWith("\n")) {
        key = key.substring(0, key.length() - 1);
      }
      if (key.isBlank()) {
        throw new UsageException("the " + what + " printed no key");
      }
      if (key.indexOf('\n') >= 0 || key.indexOf('\r') >= 0) {
        throw new UsageException("the " + what + " printed more than one line; it must print "
            + "the key alone (e.g. pass show NAME prints the first line only with 'head -n 1')");
      }
      return key;
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new UsageException("interrupted while the " + what + " ran");
    } catch (ExecutionException | TimeoutException e) {
      p.destroyForcibly();
      throw new UsageException("cannot read the output of the " + what);
    }
  }

  private static byte[] read(InputStream in) {
    try (in) {
      return in.readNBytes(MAX_OUTPUT + 1);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Splits a command line into words: see the class comment. */
  static List<String> words(String command, String what) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    char quote = 0;
    for (int i = 0; i < command.length(); i++) {
      char c = command.charAt(i);
      if (quote == '\'') {
        if (c == '\'') {
          quote = 0;
        } else {
          word.append(c);
        }
      } else if (quote == '"') {
        if (c == '"') {
          quote = 0;
        } else if (c == '\\' && i + 1 < command.length()
            && (command.charAt(i + 1) == '"' || command.charAt(i + 1) == '\\')) {
          word.append(command.charAt(++i));
        } else {
          word.append(c);
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
        inWord = true;
      } else if (c == '\\' && i + 1 < command.length()) {
        word.append(command.charAt(++i));
        inWord = true;
      } else if (Character.isWhitespace(c)) {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
      } else {
        word.append(c);
        inWord = true;
      }
    }
    if (quote != 0) {
      throw new UsageException("the " + what + " has an unclosed " + quote + " quote");
    }
    if (inWord) {
      words.add(word.toString());
    }
    if (words.isEmpty()) {
      throw new UsageException("the " + what + " is empty");
    }
    return words;
  }
}
