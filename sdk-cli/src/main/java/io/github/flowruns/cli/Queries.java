package io.github.flowruns.cli;

import io.github.flowruns.RunQuery;

/** Builds queries, turning the facade's argument checks into usage errors. */
final class Queries {
  private Queries() {}

  static RunQuery build(RunQuery.Builder q) {
    try {
      return q.build();
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }
}
