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
    if (authorization != null) b.header("Authorization", authorization);
    return send(b.build());
  }

  static Reply post(String url, String authorization, String json) {
    Request.Builder b = new Request.Builder().url(url).post(RequestBody.create(json == null ? "" : json, JSON));
    if (authorization != null) b.header("Authorization", authorization);
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
