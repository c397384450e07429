package io.github.flowruns.testing;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import okhttp3.Headers;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;

/** A plain OkHttp client for talking to simulators the way an SDK would. */
final class Http {
  static final OkHttpClient CLIENT = new OkHttpClient.Builder()
      .retryOnConnectionFailure(false)
      .readTimeout(Duration.ofSeconds(20))
      .build();
  private static final MediaType JSON = MediaType.get("application/json");

  record Reply(int code, Headers headers, String body) {
    JsonElement json() {
      return JsonParser.parseString(body);
    }

    String header(String name) {
      return headers.get(name);
    }
  }

  private Http() {}

  static Reply get(String url, String authorization) {
    Request.Builder b = new Request.Builder().url(url);
    authorize(b, authorization);
    return send(b.build());
  }

  /**
   * Sets the key the vendor's way: {@code Authorization}, or n8n's {@code X-N8N-API-KEY} when
   * {@code authorization} is {@link Probe#n8nAuth}'s form {@code "X-N8N-API-KEY: <key>"}.
   */
  static Request.Builder authorize(Request.Builder b, String authorization) {
    if (authorization == null) return b;
    if (authorization.startsWith(Probe.N8N_HEADER + ": ")) {
      return b.header(Probe.N8N_HEADER, authorization.substring(Probe.N8N_HEADER.length() + 2));
    }
    return b.header("Authorization", authorization);
  }

  static Reply post(String url, String authorization, String json) {
    Request.Builder b = new Request.Builder().url(url).post(RequestBody.create(json == null ? "" : json, JSON));
    authorize(b, authorization);
    return send(b.build());
  }

  static Reply send(Request request) {
    try (okhttp3.Response r = CLIENT.newCall(request).execute()) {
      return new Reply(r.code(), r.headers(), r.body().string());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
