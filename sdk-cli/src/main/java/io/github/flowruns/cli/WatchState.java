package io.github.flowruns.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.stream.JsonWriter;
import io.github.flowruns.Run;
import io.github.flowruns.RunEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code runs watch --checkpoint FILE} keeps between invocations: the feed's checkpoint and
 * the retry memory (how often each original run was retried), in one versioned JSON file:
 *
 * <pre>
 * {"format": "flowruns-watch", "version": 1, "vendor": "activepieces",
 *  "feed": "&lt;the feed's opaque checkpoint&gt;",
 *  "retries": [{"run": "orig", "attempts": 1, "runs": ["retry-1"], "failures": ["&lt;event id&gt;"]}]}
 * </pre>
 *
 * <p>The retry memory is bounded: it holds the {@value #MAX_ORIGINALS} original runs retried most
 * recently; a run forgotten that way and failing again is retried as if new. Each entry keeps at
 * most {@value #MAX_RUNS_PER_ORIGINAL} retry run ids and as many failure event ids. A file that
 * cannot be read as this format is a usage error naming it, never silently a new feed.
 */
final class WatchState {
  static final String FORMAT = "flowruns-watch";
  static final int VERSION = 1;
  static final int MAX_ORIGINALS = 10_000;
  static final int MAX_RUNS_PER_ORIGINAL = 16;

  private final String vendor;
  private String feed;
  /** Original run id to its retries, least recently retried first. */
  private final LinkedHashMap<String, Original> originals = new LinkedHashMap<>(16, 0.75f, true);
  /** A retry's run id to its original's, for the retries that have a run id of their own. */
  private final Map<String, String> originalOf = new HashMap<>();

  private WatchState(String vendor, String feed) {
    this.vendor = vendor;
    this.feed = feed;
  }

  /** The state of a new watch. */
  static WatchState fresh(String vendor) {
    return new WatchState(vendor, null);
  }

  /** The feed's checkpoint to resume from; null for a new feed. */
  String feed() {
    return feed;
  }

  void feed(String checkpoint) {
    this.feed = checkpoint;
  }

  /**
   * The original run a run descends from by retries: the one whose retry this watch made, else the
   * one the vendor names in {@link Run#retryOf()} (or its original), else the run itself (a vendor
   * that re-queues the same run keeps its id, so its attempts count under that id).
   */
  String originalOf(Run run) {
    String id = run.id();
    String known = originalOf.get(id);
    if (known != null) {
      return known;
    }
    if (originals.containsKey(id) || run.retryOf() == null) {
      return id;
    }
    return originalOf.getOrDefault(run.retryOf(), run.retryOf());
  }

  /** How often the original run was retried by this watch. */
  int attempts(String original) {
    Original o = originals.get(original);
    return o == null ? 0 : o.attempts;
  }

  /** Whether this failure (by event id) was already acted on, e.g. before a restart. */
  boolean handled(String original, RunEvent failure) {
    Original o = originals.get(original);
    return o != null && o.failures.contains(failure.id());
  }

  /**
   * Records a retry of {@code original} for this failure before it is made, so that a crash after
   * the retry cannot make it again; returns the attempt number.
   */
  int reserve(String original, RunEvent failure) {
    Original o = originals.computeIfAbsent(original, k -> new Original());
    o.attempts++;
    add(o.failures, failure.id());
    while (originals.size() > MAX_ORIGINALS) {
      Iterator<Map.Entry<String, Original>> eldest = originals.entrySet().iterator();
      for (String r : eldest.next().getValue().runs) {
        originalOf.remove(r);
      }
      eldest.remove();
    }
    return o.attempts;
  }

  /** Takes back a {@link #reserve} whose retry was never sent. */
  void release(String original, RunEvent failure) {
    Original o = originals.get(original);
    if (o == null) {
      return;
    }
    o.attempts--;
    o.failures.remove(failure.id());
    if (o.attempts <= 0 && o.runs.isEmpty()) {
      originals.remove(original);
    }
  }

  /** Records the run a retry of {@code original} made (the same id where the vendor re-queues). */
  void retried(String original, Run retry) {
    Original o = originals.get(original);
    if (o == null || retry.id() == null || retry.id().equals(original)) {
      return;
    }
    String dropped = add(o.runs, retry.id());
    if (dropped != null) {
      originalOf.remove(dropped);
    }
    originalOf.put(retry.id(), original);
  }

  /** Adds at the end, dropping (and returning) the oldest past the bound. */
  private static String add(Deque<String> ids, String id) {
    if (ids.contains(id)) {
      return null;
    }
    ids.addLast(id);
    return ids.size() > MAX_RUNS_PER_ORIGINAL ? ids.removeFirst() : null;
  }

  /** Reads the state stored in {@code file}; a missing file is a new watch. */
  static WatchState load(Path file, String vendor) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return fresh(vendor);
    } catch (MalformedInputException e) {
      throw corrupt(file, "it is not UTF-8 text");
    } catch (IOException e) {
      throw new UsageException("--checkpoint " + file + " cannot be read: " + e);
    }
    JsonObject root;
    try {
      JsonElement e = JsonParser.parseString(text);
      if (!e.isJsonObject()) {
        throw corrupt(file, "it is not a JSON object");
      }
      root = e.getAsJsonObject();
    } catch (JsonParseException e) {
      throw corrupt(file, "it is not JSON");
    }
    try {
      if (!FORMAT.equals(string(root, "format"))) {
        throw corrupt(file, "it is not a flowruns watch checkpoint");
      }
      if (!root.has("version") || root.get("version").getAsInt() != VERSION) {
        throw corrupt(file, "its version " + root.get("version") + " is not " + VERSION
            + ", the one this flowruns writes");
      }
      String storedVendor = string(root, "vendor");
      if (!vendor.equals(storedVendor)) {
        throw new UsageException("--checkpoint " + file + " belongs to --vendor " + storedVendor
            + ", not " + vendor);
      }
      WatchState state = new WatchState(vendor, string(root, "feed"));
      JsonArray retries = root.has("retries") ? root.getAsJsonArray("retries") : new JsonArray();
      for (JsonElement r : retries) {
        JsonObject o = r.getAsJsonObject();
        String run = string(o, "run");
        if (run == null) {
          throw corrupt(file, "a retry entry has no run");
        }
        Original entry = new Original();
        entry.attempts = o.get("attempts").getAsInt();
        for (JsonElement id : o.getAsJsonArray("runs")) {
          add(entry.runs, id.getAsString());
          state.originalOf.put(id.getAsString(), run);
        }
        for (JsonElement id : o.getAsJsonArray("failures")) {
          add(entry.failures, id.getAsString());
        }
        state.originals.put(run, entry);
      }
      return state;
    } catch (RuntimeException e) {
      if (e instanceof UsageException) {
        throw e;
      }
      // A missing member, a number where a list belongs...: the file was not written by us.
      throw corrupt(file, "it does not have the fields of version " + VERSION);
    }
  }

  /** Writes the state to {@code file} atomically (a temporary file, then a rename). */
  void save(Path file) throws IOException {
    AtomicFiles.write(file, out -> {
      JsonWriter w = RunSink.jsonWriter(out);
      w.beginObject();
      w.name("format").value(FORMAT);
      w.name("version").value(VERSION);
      w.name("vendor").value(vendor);
      w.name("feed").value(feed);
      w.name("retries").beginArray();
      for (Map.Entry<String, Original> e : originals.entrySet()) {
        w.beginObject();
        w.name("run").value(e.getKey());
        w.name("attempts").value(e.getValue().attempts);
        names(w, "runs", e.getValue().runs);
        names(w, "failures", e.getValue().failures);
        w.endObject();
      }
      w.endArray();
      w.endObject();
      w.flush();
      out.write('\n');
    });
  }

  private static void names(JsonWriter w, String name, Deque<String> ids) throws IOException {
    w.name(name).beginArray();
    for (String id : ids) {
      w.value(id);
    }
    w.endArray();
  }

  private static String string(JsonObject o, String name) {
    JsonElement e = o.get(name);
    return e == null || e.isJsonNull() ? null : e.getAsString();
  }

  private static UsageException corrupt(Path file, String why) {
    return new UsageException("--checkpoint " + file + " is not a checkpoint this flowruns can "
        + "resume from (" + why + "); move it away to start a new watch");
  }

  /** Retries made for one original run. */
  private static final class Original {
    int attempts;
    final Deque<String> runs = new ArrayDeque<>();
    final Deque<String> failures = new ArrayDeque<>();
  }

  /** For tests: the originals remembered, least recently retried first. */
  List<String> originals() {
    return new ArrayList<>(originals.keySet());
  }
}
