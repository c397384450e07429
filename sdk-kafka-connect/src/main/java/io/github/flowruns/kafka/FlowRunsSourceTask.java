package io.github.flowruns.kafka;

import io.github.flowruns.AuthenticationException;
import io.github.flowruns.FlowRunsClient;
import io.github.flowruns.FlowRunsClients;
import io.github.flowruns.FlowRunsException;
import io.github.flowruns.PermissionDeniedException;
import io.github.flowruns.RunEvent;
import io.github.flowruns.RunFeed;
import io.github.flowruns.WatchOptions;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The task of {@link FlowRunsSourceConnector}: one {@link RunFeed} per source partition it is
 * given, resumed from the offsets Connect stored, swept every {@code poll.interval.ms}; each event
 * is one record. Connect creates and runs it; configure the connector, not this class.
 *
 * <pre>{@code "connector.class": "io.github.flowruns.kafka.FlowRunsSourceConnector"}</pre>
 *
 * <p>A sweep that fails (the vendor is down, or answers 429 past the client's retries) changes
 * nothing: the task waits, twice as long after each failed sweep up to 32 poll intervals, and
 * sweeps again from where it was, so no offset is lost. The API key refused on
 * {@value #AUTH_FAILURES_TO_FAIL} sweeps in a row fails the task, with the vendor's reason and no
 * secret, as its status in Connect's REST API.
 */
public final class FlowRunsSourceTask extends SourceTask {
  /** Consecutive sweeps refused for authentication or permission before the task fails. */
  static final int AUTH_FAILURES_TO_FAIL = 3;
  private static final int MAX_BACKOFF_INTERVALS = 32;
  private static final Logger LOG = LoggerFactory.getLogger(FlowRunsSourceTask.class);

  private final Object wake = new Object();
  private volatile boolean stopping;
  private ConnectorConfig config;
  private FlowRunsClient client;
  private List<Partition> partitions = List.of();

  /** For Connect, which creates tasks by reflection. */
  public FlowRunsSourceTask() {}

  @Override
  public String version() {
    return Versions.VERSION;
  }

  @Override
  public void start(Map<String, String> props) {
    stopping = false;
    try {
      config = new ConnectorConfig(props);
    } catch (ConfigException | IllegalArgumentException e) {
      throw new ConnectException("flowruns: invalid configuration: " + e.getMessage(), e);
    }
    List<String> flows = SourcePartitions.decode(props.get(ConnectorConfig.TASK_PARTITIONS));
    List<Map<String, Object>> keys = new ArrayList<>();
    flows.forEach(f -> keys.add(SourcePartitions.partition(config, f)));
    Map<Map<String, Object>, Map<String, Object>> stored = readOffsets(keys);
    try {
      client = FlowRunsClients.create(config.vendor().vendor(), config.clientSettings());
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new ConnectException("flowruns: cannot create the " + config.vendor().displayName()
          + " client: " + e.getMessage(), e);
    }
    List<Partition> opened = new ArrayList<>();
    for (int i = 0; i < flows.size(); i++) {
      opened.add(open(keys.get(i), flows.get(i), stored.get(keys.get(i))));
    }
    partitions = opened;
    LOG.info("flowruns: {} task started with {} source partition(s): {}",
        config.vendor().displayName(), opened.size(), keys);
  }

  private Map<Map<String, Object>, Map<String, Object>> readOffsets(
      List<Map<String, Object>> keys) {
    OffsetStorageReader reader = context == null ? null : context.offsetStorageReader();
    if (reader == null) {
      return Map.of();
    }
    Map<Map<String, Object>, Map<String, Object>> found = reader.offsets(keys);
    return found == null ? Map.of() : found;
  }

  private Partition open(Map<String, Object> key, String flow, Map<String, Object> offset) {
    Start start;
    try {
      start = Start.of(offset);
    } catch (IllegalArgumentException e) {
      throw new ConnectException("flowruns: the stored offset of " + key + " is not one this "
          + "connector writes: " + e.getMessage(), e);
    }
    WatchOptions.Builder options = WatchOptions.builder().checkpoint(start.checkpoint)
        .since(start.since);
    RunFeed feed;
    try {
      feed = client.watchRuns(config.query(flow), options.build());
    } catch (IllegalArgumentException e) {
      throw new ConnectException("flowruns: the stored offset of " + key + " cannot be resumed "
          + "with this configuration (were statuses or flow.ids changed?): " + e.getMessage()
          + "; reset it with DELETE /connectors/<name>/offsets or PATCH a 'since' offset", e);
    }
    return new Partition(key, feed, offset);
  }

  @Override
  public List<SourceRecord> poll() throws InterruptedException {
    if (stopping) {
      return null;
    }
    Partition next = null;
    for (Partition p : partitions) {
      if (next == null || p.due < next.due) {
        next = p;
      }
    }
    if (next == null) {
      await(config == null ? 1000 : config.pollInterval().toMillis());
      return null;
    }
    long wait = Math.min(next.due - System.currentTimeMillis(), 1000);
    if (wait > 0) {
      // Return now and then so that Connect can commit offsets and see a stop.
      await(wait);
      return null;
    }
    List<SourceRecord> out = new ArrayList<>();
    long now = System.currentTimeMillis();
    for (Partition p : partitions) {
      if (p.due <= now && !stopping) {
        out.addAll(sweep(p));
      }
    }
    return out.isEmpty() ? null : out;
  }

  private List<SourceRecord> sweep(Partition p) {
    long interval = config.pollInterval().toMillis();
    List<RunEvent> batch;
    try {
      batch = p.feed.poll();
    } catch (AuthenticationException | PermissionDeniedException e) {
      p.authFailures++;
      if (p.authFailures >= AUTH_FAILURES_TO_FAIL) {
        throw new ConnectException("flowruns: " + config.vendor().displayName() + " refused the "
            + "connector's credentials on " + p.authFailures + " sweeps in a row for "
            + p.key + ": " + e.getMessage() + "; check api.key and settings", e);
      }
      return failed(p, e, interval);
    } catch (FlowRunsException e) {
      return failed(p, e, interval);
    }
    p.authFailures = 0;
    p.failures = 0;
    p.due = System.currentTimeMillis() + interval;
    Map<String, Object> before = p.offset;
    Map<String, Object> after = Map.of(RunRecords.CHECKPOINT, p.feed.checkpoint());
    // Where the feed is after every poll, empty or not: the closest point that reports the next
    // batch again, for that batch's records but its last.
    p.offset = after;
    if (batch.isEmpty()) {
      return List.of();
    }
    if (before == null) {
      before = Start.sinceOffset(batch);
    }
    return RunRecords.records(p.key, config.topic(), batch, before, after,
        config.vendor().name());
  }

  private List<SourceRecord> failed(Partition p, FlowRunsException e, long interval) {
    p.failures++;
    long backoff = interval << Math.min(p.failures, 5);
    backoff = Math.min(backoff, interval * MAX_BACKOFF_INTERVALS);
    p.due = System.currentTimeMillis() + backoff;
    LOG.warn("flowruns: sweep {} of {} failed ({}); offset kept, sweeping again in {} ms",
        p.failures, p.key, e.getMessage(), backoff);
    return List.of();
  }

  private void await(long millis) throws InterruptedException {
    synchronized (wake) {
      if (!stopping && millis > 0) {
        wake.wait(millis);
      }
    }
  }

  @Override
  public void stop() {
    stopping = true;
    synchronized (wake) {
      wake.notifyAll();
    }
    FlowRunsClient c = client;
    if (c != null) {
      c.close();
    }
  }

  /** Where a partition's feed starts, from its stored offset. */
  static final class Start {
    final String checkpoint;
    final Instant since;

    private Start(String checkpoint, Instant since) {
      this.checkpoint = checkpoint;
      this.since = since;
    }

    /**
     * Reads an offset: none (a new feed from the vendor's now), a {@code checkpoint}, or a
     * {@code since} instant (a new feed from then, as an operator sets with {@code alterOffsets}).
     *
     * @throws IllegalArgumentException for anything else
     */
    static Start of(Map<String, ?> offset) {
      if (offset == null || offset.isEmpty()) {
        return new Start(null, null);
      }
      Object checkpoint = offset.get(RunRecords.CHECKPOINT);
      Object since = offset.get(RunRecords.SINCE);
      if (offset.size() != 1 || (checkpoint == null) == (since == null)) {
        throw new IllegalArgumentException("an offset holds either \"" + RunRecords.CHECKPOINT
            + "\" (a feed checkpoint) or \"" + RunRecords.SINCE + "\" (an ISO-8601 instant), "
            + "not " + offset.keySet());
      }
      if (checkpoint != null) {
        if (!(checkpoint instanceof String) || ((String) checkpoint).isEmpty()) {
          throw new IllegalArgumentException("\"" + RunRecords.CHECKPOINT + "\" must be the "
              + "checkpoint string the connector stored");
        }
        return new Start((String) checkpoint, null);
      }
      try {
        return new Start(null, Instant.parse(since.toString()));
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("\"" + RunRecords.SINCE + "\" must be an ISO-8601 "
            + "instant such as 2026-01-31T08:00:00Z, not " + since, e);
      }
    }

    /**
     * The offset of the records but the last of a new feed's first poll, the only poll with no
     * checkpoint before it: a feed from a lookback before the earliest start among them reports
     * them all again (a vendor may filter by creation time, which precedes the start), and
     * perhaps runs of that lookback the first feed did not report.
     */
    static Map<String, Object> sinceOffset(List<RunEvent> batch) {
      Instant earliest = null;
      for (RunEvent e : batch) {
        Instant t = e.run().startedAt() != null ? e.run().startedAt() : e.observedAt();
        if (earliest == null || t.isBefore(earliest)) {
          earliest = t;
        }
      }
      return Collections.singletonMap(RunRecords.SINCE,
          earliest.minus(WatchOptions.DEFAULT_LOOKBACK).toString());
    }
  }

  /** One source partition and its feed. Used by the polling thread only. */
  private static final class Partition {
    final Map<String, Object> key;
    final RunFeed feed;
    /** The offset of the last batch's last record: where a restart would resume. */
    Map<String, Object> offset;
    long due;
    int failures;
    int authFailures;

    Partition(Map<String, Object> key, RunFeed feed, Map<String, Object> offset) {
      this.key = key;
      this.feed = feed;
      this.offset = offset;
    }
  }

  @Override
  public String toString() {
    return "FlowRunsSourceTask{" + partitions.size() + " partitions}";
  }
}
