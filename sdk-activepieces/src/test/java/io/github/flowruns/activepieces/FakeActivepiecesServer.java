package io.github.flowruns.activepieces;

import io.github.flowruns.Run;
import io.github.flowruns.activepieces.ApFixtures.RunJson;
import io.github.flowruns.activepieces.model.FlowRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;

/**
 * A list endpoint that filters as the open-source server does ({@code flowId} and {@code status}
 * in, {@code tags} contains all, {@code createdAfter}/{@code createdBefore} inclusive on
 * {@code created}), newest first, with offset cursors. For checking that server-side and
 * client-side filtering agree.
 */
final class FakeActivepiecesServer extends Dispatcher {
  private final List<RunJson> runs = new ArrayList<>();
  final AtomicInteger listCalls = new AtomicInteger();

  FakeActivepiecesServer(List<RunJson> runs) {
    this.runs.addAll(runs);
    this.runs.sort(Comparator.comparing((RunJson r) -> created(r)).reversed());
  }

  /** The runs as the facade maps them, newest first. */
  List<Run> facadeRuns() {
    List<Run> out = new ArrayList<>();
    for (RunJson r : runs) {
      try {
        out.add(ActivepiecesRuns.toRun(FlowRun.fromJson(r.toString())));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return out;
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    HttpUrl url = request.getUrl();
    if (!url.encodedPath().equals("/api/v1/flow-runs")) {
      return new MockResponse.Builder().code(404).build();
    }
    listCalls.incrementAndGet();
    List<String> flowIds = url.queryParameterValues("flowId");
    List<String> statuses = url.queryParameterValues("status");
    List<String> tags = url.queryParameterValues("tags");
    String after = url.queryParameter("createdAfter");
    String before = url.queryParameter("createdBefore");
    int limit = url.queryParameter("limit") == null ? 10 : Integer.parseInt(url.queryParameter("limit"));
    int offset = url.queryParameter("cursor") == null ? 0
        : Integer.parseInt(url.queryParameter("cursor").substring(1));
    List<RunJson> matching = new ArrayList<>();
    for (RunJson r : runs) {
      if (!flowIds.isEmpty() && !flowIds.contains(r.json.get("flowId").getAsString())) {
        continue;
      }
      if (!statuses.isEmpty() && !statuses.contains(r.json.get("status").getAsString())) {
        continue;
      }
      if (!tags.isEmpty() && !(r.json.has("tags") && tagsOf(r).containsAll(tags))) {
        continue;
      }
      if (after != null && created(r).isBefore(Instant.parse(after))) {
        continue;
      }
      if (before != null && created(r).isAfter(Instant.parse(before))) {
        continue;
      }
      matching.add(r);
    }
    int end = Math.min(matching.size(), offset + limit);
    String next = end < matching.size() ? "c" + end : null;
    return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
        .body(ApFixtures.page(next, matching.subList(Math.min(offset, end), end))).build();
  }

  private static List<String> tagsOf(RunJson r) {
    List<String> out = new ArrayList<>();
    r.json.getAsJsonArray("tags").forEach(t -> out.add(t.getAsString()));
    return out;
  }

  private static Instant created(RunJson r) {
    return Instant.parse(r.json.get("created").getAsString());
  }
}
