package io.github.flowruns.benchmarks.coldstart;

import com.google.gson.stream.JsonReader;
import io.github.flowruns.benchmarks.ActivepiecesServer;
import io.github.flowruns.benchmarks.baseline.ActivepiecesPage;
import java.io.IOException;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Cold start by hand: a fresh JVM makes the same request with plain OkHttp and reads it with Gson
 * streaming into a plain class, then exits. The baseline for {@link SdkFirstPage}.
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar io.github.flowruns.benchmarks.coldstart.RawFirstPage http://127.0.0.1:PORT/api}
 */
public final class RawFirstPage {
  private RawFirstPage() {}

  public static void main(String[] args) throws IOException {
    OkHttpClient http = new OkHttpClient();
    HttpUrl url = HttpUrl.get(args[0] + "/v1/flow-runs").newBuilder()
        .addQueryParameter("projectId", ActivepiecesServer.PROJECT_ID)
        .addQueryParameter("limit", String.valueOf(ActivepiecesServer.PAGE_SIZE))
        .build();
    Request request = new Request.Builder().url(url).header("Authorization", "Bearer bench-key").build();
    try (Response response = http.newCall(request).execute()) {
      if (!response.isSuccessful()) {
        throw new IOException("HTTP " + response.code());
      }
      ActivepiecesPage page;
      try (JsonReader in = new JsonReader(response.body().charStream())) {
        page = ActivepiecesPage.read(in);
      }
      System.out.println(page.data.size() + " runs, first " + page.data.get(0).id);
    } finally {
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    }
  }
}
