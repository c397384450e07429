package io.github.flowruns.patchworks;

import static io.github.flowruns.patchworks.FakePatchworks.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.github.flowruns.RunLog;
import io.github.flowruns.http.RetryPolicy;
import java.time.Instant;
import java.util.List;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Single vendors.md facts, each against a loopback server that behaves exactly as the fact says. */
class PatchworksVendorTruthTest {
  private final FakePatchworks patchworks = new FakePatchworks();
  private final FakePatchworks login = new FakePatchworks();

  @AfterEach
  void close() {
    patchworks.close();
    login.close();
  }

  // vendors.md: log items may be JSON:API (data[].attributes.{log_level, log_message, created_at,
  // flow_step_id, payload_metadata_id}), the text falling back to attributes.message as a plain
  // string; the documents type message as an array. One odd item must not fail the page.
  @Test
  void logsReadJsonApiOrFlatWithTheMessageAsTextOrAListAndSkipWhatIsNotAnEntry() {
    patchworks.enqueue(200, "{\"data\":["
        + "{\"id\":\"11\",\"type\":\"flow-run-logs\",\"attributes\":{\"log_level\":\"error\",\"log_message\":\"boom\","
        + "\"created_at\":\"2026-03-01T19:00:04Z\",\"flow_step_id\":55,\"payload_metadata_id\":901}},"
        + "{\"id\":\"12\",\"type\":\"flow-run-logs\",\"attributes\":{\"log_level\":\"info\",\"message\":\"plain text\"}},"
        + "{\"id\":13,\"log_level\":\"warning\",\"message\":[\"first\",{\"sku\":\"A-1\"}]},"
        + "{\"id\":14,\"log_level\":{\"odd\":true},\"message\":\"odd level\",\"created_at\":\"not a time\"},"
        + "\"not an entry\",42,null"
        + "],\"meta\":{\"current_page\":1,\"last_page\":1,\"total\":7}}");

    List<RunLog> logs;
    try (PatchworksClient client = patchworks.client()) {
      logs = client.listLogs("77").stream().toList();
    }

    assertEquals(4, logs.size());
    RunLog first = logs.get(0);
    assertEquals("11", first.id());
    assertEquals("error", first.level());
    assertEquals("boom", first.message());
    assertEquals(Instant.parse("2026-03-01T19:00:04Z"), first.createdAt());
    assertEquals("55", first.stepId());
    assertEquals("901", first.payloadId());
    assertEquals("77", first.runId());
    assertEquals("plain text", logs.get(1).message());
    assertEquals("first\n{\"sku\":\"A-1\"}", logs.get(2).message());
    assertEquals("warning", logs.get(2).level());
    assertNull(logs.get(3).level(), "an unreadable field is left empty");
    assertNull(logs.get(3).createdAt());
    assertEquals("odd level", logs.get(3).message());
  }

  // vendors.md: the current route is POST svc-fabric.pwks.co/api/v1/login with {"email", "password"},
  // the token at data.token; it is the default.
  @Test
  void loginPostsTheEmailToTheCurrentRouteAndReadsTheTokenUnderData() {
    login.enqueue(200, "{\"data\":{\"token\":\"jwt-current\"}}");
    patchworks.enqueue(200, "{\"data\":" + FakePatchworks.run(1, 42, 2) + "}");

    try (PatchworksClient client = PatchworksClient.builder().login("ops@example.com", "pw-123")
        .baseUrl(patchworks.url()).loginBaseUrl(login.url()).retryPolicy(RetryPolicy.none()).build()) {
      client.getRun("1");
    }

    RecordedRequest posted = login.take();
    assertEquals("POST", posted.getMethod());
    assertEquals("/api/v1/login", posted.getTarget());
    assertEquals("{\"email\":\"ops@example.com\",\"password\":\"pw-123\"}", posted.getBody().utf8());
    assertEquals("Bearer jwt-current", patchworks.take().getHeaders().get("Authorization"));
    assertEquals("https://svc-fabric.pwks.co", PatchworksClient.DEFAULT_LOGIN_BASE_URL);
  }

  // vendors.md: both routes must be reachable by configuration: host, path, field name, token location.
  @Test
  void hostPathFieldAndTokenLocationOfTheLoginAreEachConfigurable() {
    login.dispatch(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return json(200, "{\"result\":{\"auth\":{\"jwt\":\"jwt-custom\"},\"expires_in\":3600}}");
      }
    });
    patchworks.enqueue(200, "{\"data\":" + FakePatchworks.run(1, 42, 2) + "}");

    try (PatchworksClient client = PatchworksClient.builder().login("ops", "pw-123")
        .baseUrl(patchworks.url()).loginBaseUrl(login.url() + "/sso").loginPath("/v2/session")
        .loginUsernameField("user").loginTokenPath("result.auth.jwt").retryPolicy(RetryPolicy.none()).build()) {
      client.getRun("1");
    }

    RecordedRequest posted = login.take();
    assertEquals("/sso/v2/session", posted.getTarget());
    assertEquals("{\"user\":\"ops\",\"password\":\"pw-123\"}", posted.getBody().utf8());
    assertEquals("Bearer jwt-custom", patchworks.take().getHeaders().get("Authorization"));
  }

  // vendors.md: the older route takes {"username", "password"} at /fabric/api/login, token at top level.
  @Test
  void theOlderRoutePostsTheUsernameAndReadsTheTopLevelToken() {
    login.enqueue(200, "{\"message\":\"ok\",\"token\":\"jwt-old\",\"expires_in\":86400}");
    patchworks.enqueue(200, "{\"data\":" + FakePatchworks.run(1, 42, 2) + "}");

    try (PatchworksClient client = PatchworksClient.builder().login("ops@example.com", "pw-123").legacyLoginRoute()
        .baseUrl(patchworks.url()).loginBaseUrl(login.url()).retryPolicy(RetryPolicy.none()).build()) {
      client.getRun("1");
    }

    RecordedRequest posted = login.take();
    assertEquals("/fabric/api/login", posted.getTarget());
    assertEquals("{\"username\":\"ops@example.com\",\"password\":\"pw-123\"}", posted.getBody().utf8());
    assertEquals("Bearer jwt-old", patchworks.take().getHeaders().get("Authorization"));
  }
}
