package io.github.flowruns.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.flowruns.Run;
import io.github.flowruns.RunEvent;
import io.github.flowruns.RunStatus;
import io.github.flowruns.Vendor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checkpoint file of {@code runs watch}: written whole or not at all, replaced rather than
 * truncated, and the retry memory it holds follows retries to their original run and stays
 * bounded.
 */
class WatchStateTest {

  private static Run run(String id, RunStatus status, String retryOf, long finishedSecond) {
    return Run.builder().id(id).vendor(Vendor.ACTIVEPIECES).flowId("f").status(status)
        .rawStatus(status.name()).retryOf(retryOf)
        .finishedAt(status.isTerminal() ? Instant.ofEpochSecond(finishedSecond) : null).build();
  }

  private static RunEvent failed(String id, String retryOf, long finishedSecond) {
    return RunEvent.of(RunEvent.Type.STATUS_CHANGED, run(id, RunStatus.FAILED, retryOf,
        finishedSecond), RunStatus.RUNNING, Instant.ofEpochSecond(finishedSecond));
  }

  @Test
  void aFailedWriteLeavesTheOldFileAndNoTemporaryFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("watch.json");
    Files.writeString(file, "old content");
    IOException boom = assertThrows(IOException.class, () -> AtomicFiles.write(file, out -> {
      out.write("{\"half\": ");
      out.flush();
      throw new IOException("disk full");
    }));
    assertEquals("disk full", boom.getMessage());
    assertEquals("old content", Files.readString(file));
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(file), files.toList(), "no temporary file left behind");
    }
  }

  @Test
  void aWriteReplacesTheFileInsteadOfTruncatingIt(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("watch.json");
    Files.writeString(file, "old content");
    // A reader holding the old file (here: a second name for it) keeps reading the old bytes:
    // the new content went to a new file that was renamed over the name.
    Path reader = dir.resolve("reader-view");
    Files.createLink(reader, file);
    Object before = Files.readAttributes(file, "unix:ino").get("ino");
    AtomicFiles.write(file, out -> out.write("new content"));
    assertEquals("new content", Files.readString(file));
    assertEquals("old content", Files.readString(reader));
    assertNotEquals(before, Files.readAttributes(file, "unix:ino").get("ino"));
  }

  @Test
  void theStateRoundTripsThroughTheFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("watch.json");
    WatchState s = WatchState.fresh("activepieces");
    s.feed("feed-checkpoint-1");
    RunEvent f = failed("r1", null, 100);
    s.reserve("r1", f);
    s.retried("r1", run("r2", RunStatus.QUEUED, null, 0));
    s.save(file);
    WatchState back = WatchState.load(file, "activepieces");
    assertEquals("feed-checkpoint-1", back.feed());
    assertEquals(1, back.attempts("r1"));
    assertTrue(back.handled("r1", f));
    // vendors.md, Activepieces: ON_LATEST_VERSION starts a new run with no link to the old one;
    // the memory links it, so its failure counts against r1.
    assertEquals("r1", back.originalOf(run("r2", RunStatus.FAILED, null, 200)));
  }

  @Test
  void retriesAreFollowedToTheirOriginalRun() {
    WatchState s = WatchState.fresh("activepieces");
    assertEquals("a", s.originalOf(run("a", RunStatus.FAILED, null, 1)));
    // A vendor that names the retried run (retryOf), even a run this watch never retried.
    assertEquals("a", s.originalOf(run("b", RunStatus.FAILED, "a", 2)));
    s.reserve("a", failed("a", null, 1));
    s.retried("a", run("b", RunStatus.QUEUED, "a", 0));
    // The retry of a retry still counts against the first run.
    assertEquals("a", s.originalOf(run("c", RunStatus.FAILED, "b", 3)));
    // A run re-queued in place keeps its id, and so its count; its second failure is a new event.
    RunEvent again = failed("a", null, 50);
    assertFalse(s.handled("a", again));
    assertTrue(s.handled("a", failed("a", null, 1)));
  }

  @Test
  void releaseTakesBackAnAttemptThatWasNeverSent() {
    WatchState s = WatchState.fresh("activepieces");
    RunEvent f = failed("r1", null, 1);
    s.reserve("r1", f);
    s.release("r1", f);
    assertEquals(0, s.attempts("r1"));
    assertFalse(s.handled("r1", f));
    assertEquals(List.of(), s.originals());
  }

  @Test
  void theMemoryKeepsTheMostRecentlyRetriedOriginalsOnly(@TempDir Path dir) throws Exception {
    WatchState s = WatchState.fresh("activepieces");
    int n = WatchState.MAX_ORIGINALS + 25;
    for (int i = 0; i < n; i++) {
      s.reserve("r" + i, failed("r" + i, null, i));
      s.retried("r" + i, run("r" + i + "-retry", RunStatus.QUEUED, null, 0));
    }
    assertEquals(WatchState.MAX_ORIGINALS, s.originals().size());
    assertEquals(0, s.attempts("r0"), "the oldest is forgotten");
    assertEquals("r0-retry", s.originalOf(run("r0-retry", RunStatus.FAILED, null, 1)),
        "with its retries");
    assertEquals(1, s.attempts("r" + (n - 1)));
    Path file = dir.resolve("watch.json");
    s.save(file);
    long bytes = Files.size(file);
    assertTrue(bytes < 2_000_000, "bounded file: " + bytes);
    assertEquals(WatchState.MAX_ORIGINALS,
        WatchState.load(file, "activepieces").originals().size());
    assertTrue(Files.readString(file, StandardCharsets.UTF_8).endsWith("}\n"));
  }
}
