package io.github.flowruns.cli;

/** Checks {@code --limit}. */
final class Limits {
  private Limits() {}

  static void check(Long limit) {
    if (limit != null && limit < 0) {
      throw new UsageException("--limit must be zero or more, not " + limit);
    }
  }
}
