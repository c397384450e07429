package io.github.flowruns.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import io.github.flowruns.FlowRunsException;
import io.github.flowruns.Vendor;
import io.github.flowruns.http.AccessToken;
import io.github.flowruns.http.ApiKeyAuth;
import io.github.flowruns.http.AttemptEvent;
import io.github.flowruns.http.RequestOptions;
import io.github.flowruns.http.RetryPolicy;
import io.github.flowruns.http.TokenAuth;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Runs calls full of secrets with every log level on and scans everything a person could see. */
class NoSecretsLeakTest {
  static final String API_KEY = "k3y-Do-Not-Leak-1234";
  static final String TOKEN = "t0ken-Do-Not-Leak-5678";
  static final String PASSWORD = "p4ss-Do-Not-Leak-9012";
  static final List<String> SECRETS = List.of(API_KEY, TOKEN, PASSWORD);

  final List<String> logged = new CopyOnWriteArrayList<>();
  final Logger jul = Logger.getLogger("io.github.flowruns");
  Level previousLevel;
  Handler handler;
  MockWebServer server;

  @BeforeEach
  void capture() throws IOException {
    SimpleFormatter f = new SimpleFormatter();
    handler = new Handler() {
      @Override
      public void publish(LogRecord r) {
        logged.add(f.format(r));
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    handler.setLevel(Level.ALL);
    previousLevel = jul.getLevel();
    jul.setLevel(Level.ALL);
    jul.addHandler(handler);
    server = new MockWebServer();
    server.start();
  }

  @AfterEach
  void release() {
    jul.removeHandler(handler);
    jul.setLevel(previousLevel);
    server.close();
  }

  static void assertClean(String what, String text) {
    for (String s : SECRETS) {
      assertFalse(text != null && text.contains(s), what + " leaks a secret: " + text);
    }
  }

  @Test
  void noSecretReachesLogsListenersExceptionsOrToString() {
    List<String> seen = new ArrayList<>();
    HttpSettings settings = new HttpSettings(Vendor.FLOWSTACK, server.url("/").toString());
    settings.retryPolicy(RetryPolicy.builder().sleeper(d -> { }).build());
    List<AttemptEvent> events = new CopyOnWriteArrayList<>();
    settings.listener(events::add);
    TokenAuth tokenAuth = TokenAuth.create(() -> AccessToken.of(TOKEN, null));
    Transport keyed = new Transport(Vendor.FLOWSTACK, settings.buildClient(ApiKeyAuth.bearer(API_KEY)),
        new Gson(), (s, c, b) -> VendorError.of("UNAUTHORIZED", "key " + API_KEY + " is invalid"));
    Transport tokened = new Transport(Vendor.PATCHWORKS, settings.buildClient(tokenAuth), new Gson(), null);

    server.enqueue(new MockResponse.Builder().code(503).body("{\"token\":\"" + TOKEN + "\"}").build());
    server.enqueue(new MockResponse.Builder().code(401)
        .body("{\"error\":{\"message\":\"Authorization: Bearer " + API_KEY + "\",\"password\":\""
            + PASSWORD + "\"}}").build());
    Request withSecretsInUrl = new Request.Builder()
        .url(server.url("/api/v1/flows?api_key=" + API_KEY + "&token=" + TOKEN + "&password=" + PASSWORD))
        .build();
    FlowRunsException e1 = assertThrows(FlowRunsException.class,
        () -> keyed.execute("listRuns", withSecretsInUrl, Map.class,
            RequestOptions.builder().header("X-Api-Key", API_KEY).build()));
    seen.add(e1.getMessage());
    seen.add(e1.bodyExcerpt());
    seen.add(String.valueOf(e1.details()));

    server.enqueue(new MockResponse.Builder().code(200)
        .body("<html>session " + TOKEN + " password=" + PASSWORD + "</html>").build());
    FlowRunsException e2 = assertThrows(FlowRunsException.class,
        () -> tokened.execute("getRun", new Request.Builder().url(server.url("/r/1")).build(),
            Map.class, RequestOptions.defaults()));
    seen.add(e2.getMessage());
    seen.add(e2.bodyExcerpt());

    seen.add(tokenAuth.toString());
    seen.add(ApiKeyAuth.bearer(API_KEY).toString());
    seen.add(AccessToken.of(TOKEN, null).toString());
    seen.add(settings.toString());
    seen.add(settings.retryPolicy().toString());
    seen.add(RequestOptions.builder().header("Authorization", API_KEY).build().toString());
    events.forEach(ev -> seen.add(ev.toString()));

    assertTrue(events.size() >= 3, events.toString());
    assertTrue(logged.size() >= 3, "DEBUG logging was expected to be captured: " + logged);
    for (String s : seen) {
      assertClean("output", s);
    }
    for (String line : logged) {
      assertClean("log", line);
    }
  }
}
