package io.github.flowruns.cli;

/**
 * A usage error found after parsing (a missing environment variable, conflicting options, invalid
 * JSON): exit status 2, like picocli's own parameter errors.
 */
final class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  UsageException(String message) {
    super(message);
  }
}
