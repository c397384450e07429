package io.github.flowruns;

import java.util.List;

/**
 * New runs and status changes of the runs a {@link RunQuery} selects, polled, and resumable after a
 * restart: what {@link FlowRunsClient#watchRuns(RunQuery, WatchOptions)} returns. None of the
 * vendors pushes run events, so a feed sweeps the vendor's listing and remembers what it reported.
 *
 * <pre>{@code
 * RunFeed feed = client.watchRuns(RunQuery.builder().statuses(RunStatus.FAILED).build(),
 *     WatchOptions.builder().checkpoint(store.load()).build());
 * while (running) {
 *   for (RunEvent e : feed.poll()) {
 *     alert(e.run());                  // handle the batch first ...
 *   }
 *   store.save(feed.checkpoint());     // ... then store where the feed is
 *   Thread.sleep(30_000);
 * }
 * }</pre>
 *
 * <p><b>Delivery.</b> A run is reported once when the feed first sees it ({@link RunEvent.Type#NEW})
 * and once per status change afterwards ({@link RunEvent.Type#STATUS_CHANGED}) until it is
 * terminal, across polls and across restarts from a stored checkpoint. Events of a batch not
 * followed by a stored checkpoint come again after a restart, with the same {@link RunEvent#id()}:
 * delivery is at least once, and a sink can drop repeats by id.
 *
 * <p><b>Order.</b> A batch is sorted by when each status took effect as the run tells it (its
 * finish time once terminal, else its start time), ties by run id; a run's events keep their
 * order. {@link RunEvent#previousStatus()} is the status the feed reported before for that run.
 *
 * <p><b>Catching up.</b> A poll lists at most 5,000 runs. A feed that was down while more
 * arrived catches up over several polls, each reporting the oldest slice that fits and moving
 * its watermark to that slice's end, where the vendor bounds start times server-side on both
 * ends; elsewhere (FlowStack) such a poll fails, saying what to do. {@link
 * FlowRunsClient#watchRuns(RunQuery, WatchOptions)} gives the details and what a poll costs.
 *
 * <p><b>Bounded.</b> Memory and checkpoint size have fixed caps (6,000 runs remembered, ids
 * of at most 200 characters kept as they are): {@link FlowRunsClient#watchRuns(RunQuery,
 * WatchOptions)} gives the numbers and what happens past them.
 *
 * <p>A feed is not thread-safe: poll it from one thread at a time. It holds no thread and no
 * connection of its own; closing its client ends it.
 */
public interface RunFeed {

  /**
   * Makes one sweep of the vendor's runs and returns what happened since the last poll (or since
   * the checkpoint or {@link WatchOptions#since()} the feed started from), oldest first. Returns
   * an empty list when nothing happened. A poll that throws changes nothing: the next poll (or a
   * restart from the last checkpoint) reports the same events.
   *
   * <pre>{@code List<RunEvent> batch = feed.poll();}</pre>
   *
   * @return the events, oldest first; never null
   * @throws FlowRunsException when the vendor or the network fails beyond the client's retries
   */
  List<RunEvent> poll();

  /**
   * Where this feed is, as an opaque, printable string to store after handling a batch and to
   * pass to {@link WatchOptions.Builder#checkpoint(String)} after a restart. Its size is bounded
   * (see {@link FlowRunsClient#watchRuns(RunQuery, WatchOptions)}); it holds no credential.
   *
   * <pre>{@code Files.writeString(file, feed.checkpoint());}</pre>
   *
   * @return the checkpoint
   */
  String checkpoint();
}
