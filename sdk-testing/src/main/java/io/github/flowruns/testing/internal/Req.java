package io.github.flowruns.testing.internal;

import java.nio.charset.StandardCharsets;
import java.util.List;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;

/** One request as a vendor handler sees it. */
public final class Req {
  public final RecordedRequest raw;
  public final String method;
  public final HttpUrl url;
  public final List<String> path;
  /** The request reached the separate login host (Patchworks). */
  public final boolean loginHost;

  public Req(RecordedRequest raw, boolean loginHost) {
    this.raw = raw;
    this.method = raw.getMethod();
    this.url = raw.getUrl();
    List<String> segments = url.pathSegments();
    // "/a/b/" has a trailing empty segment; routes ignore it
    this.path = !segments.isEmpty() && segments.get(segments.size() - 1).isEmpty()
        ? segments.subList(0, segments.size() - 1) : segments;
    this.loginHost = loginHost;
  }

  public String header(String name) {
    return raw.getHeaders().get(name);
  }

  public String query(String name) {
    return url.queryParameter(name);
  }

  public List<String> queryAll(String name) {
    return url.queryParameterValues(name);
  }

  public String body() {
    return raw.getBody() == null ? "" : raw.getBody().string(StandardCharsets.UTF_8);
  }

  /** Whether the path is exactly {@code segments}, with "*" matching any one segment. */
  public boolean is(String... segments) {
    if (path.size() != segments.length) return false;
    for (int i = 0; i < segments.length; i++) {
      if (!segments[i].equals("*") && !segments[i].equals(path.get(i))) return false;
    }
    return true;
  }

  /** Whether the path starts with {@code prefix} (no wildcards), e.g. every {@code api/v1/flow-runs/...}. */
  public boolean startsWith(String... prefix) {
    return path.size() >= prefix.length && path.subList(0, prefix.length).equals(List.of(prefix));
  }

  public String segment(int i) {
    return path.get(i);
  }
}
