package io.github.flowruns.cli;

import io.github.flowruns.RunQuery;
import io.github.flowruns.RunStatus;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine.Option;

/** The run filters: {@code [filters]} in the usage. */
final class FilterOptions {
  @Option(names = "--flow-id", paramLabel = "F", description = "Only runs of this flow (repeatable).")
  List<String> flowIds;

  @Option(names = "--status", paramLabel = "S", split = ",",
      converter = Converters.StatusConverter.class,
      description = "Only runs in this status (repeatable or a comma list): queued, running, "
          + "paused, succeeded, partially_succeeded, failed, cancelled, timed_out, unknown; any case.")
  List<RunStatus> statuses;

  @Option(names = "--since", paramLabel = "TIME", converter = Converters.TimeConverter.class,
      description = "Only runs started at or after this ISO-8601 time or date (UTC if no offset).")
  Instant since;

  @Option(names = "--until", paramLabel = "TIME", converter = Converters.TimeConverter.class,
      description = "Only runs started before this ISO-8601 time or date (UTC if no offset).")
  Instant until;

  @Option(names = "--trigger", paramLabel = "T", description = "Only runs started by this trigger.")
  String trigger;

  @Option(names = "--tag", paramLabel = "T", description = "Only runs with this tag (repeatable).")
  List<String> tags;

  @Option(names = "--search", paramLabel = "Q", description = "Only runs matching this text.")
  String search;

  /** A query builder with these filters set. */
  RunQuery.Builder toQuery() {
    if (since != null && until != null && !since.isBefore(until)) {
      throw new UsageException("--since (" + RunFields.time(since) + ") must be before --until ("
          + RunFields.time(until) + ")");
    }
    RunQuery.Builder q = RunQuery.builder();
    if (flowIds != null) {
      q.flowIds(flowIds);
    }
    if (statuses != null) {
      q.statuses(statuses);
    }
    if (since != null) {
      q.startedAfter(since);
    }
    if (until != null) {
      q.startedBefore(until);
    }
    if (trigger != null) {
      q.trigger(trigger);
    }
    if (tags != null) {
      q.tags(tags);
    }
    if (search != null) {
      q.search(search);
    }
    return q;
  }
}
