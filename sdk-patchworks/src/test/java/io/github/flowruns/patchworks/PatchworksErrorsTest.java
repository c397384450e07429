package io.github.flowruns.patchworks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.flowruns.AuthenticationException;
import io.github.flowruns.ConflictException;
import io.github.flowruns.FlowRunsException;
import io.github.flowruns.GoneException;
import io.github.flowruns.InvalidRequestException;
import io.github.flowruns.NotFoundException;
import io.github.flowruns.PermissionDeniedException;
import io.github.flowruns.RateLimitException;
import io.github.flowruns.ResponseParseException;
import io.github.flowruns.RunQuery;
import io.github.flowruns.ServerException;
import io.github.flowruns.TransportException;
import io.github.flowruns.http.RetryPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every Patchworks error shape becomes the typed exception with its facts filled. */
class PatchworksErrorsTest {
  private final FakePatchworks patchworks = new FakePatchworks();
  private final PatchworksClient client = patchworks.client();

  @AfterEach
  void close() {
    client.close();
    patchworks.close();
  }

  @Test
  void aLaravelValidationErrorGivesItsMessageAndFieldErrors() {
    patchworks.server.enqueue(new MockResponse.Builder().code(422)
        .addHeader("Content-Type", "application/json")
        .addHeader("X-Request-Id", "req-7f3a")
        .body("{\"message\":\"The per page field must not be greater than 100. (and 1 more error)\","
            + "\"errors\":{\"per_page\":[\"The per page field must not be greater than 100.\"],"
            + "\"filter.status\":[\"The selected filter.status is invalid.\",\"It must be 1 to 5.\"]}}")
        .build());

    InvalidRequestException error = assertThrows(InvalidRequestException.class,
        () -> client.listRuns(RunQuery.all()).iterator().hasNext());

    assertEquals(422, error.httpStatus().getAsInt());
    assertEquals("listRuns", error.operation());
    assertNull(error.errorCode(), "Laravel sends no error code");
    assertEquals("req-7f3a", error.requestId());
    assertTrue(error.getMessage().contains("The per page field must not be greater than 100."), error.getMessage());
    assertEquals(Map.of(
        "per_page", List.of("The per page field must not be greater than 100."),
        "filter.status", List.of("The selected filter.status is invalid.", "It must be 1 to 5.")), error.fieldErrors());
  }

  // Issue 11: one error-body skeleton. Field messages are read as FlowStack's always were: a blank
  // one says nothing and is left out (Patchworks used to keep it as an empty message).
  @Test
  void aBlankFieldMessageIsLeftOutAndTheOthersKept() {
    patchworks.enqueue(422, "{\"message\":\"The given data was invalid.\","
        + "\"errors\":{\"per_page\":[\" \",\"Too big.\"],\"page\":\"\"}}");

    InvalidRequestException error = assertThrows(InvalidRequestException.class,
        () -> client.listRuns(RunQuery.all()).iterator().hasNext());

    assertEquals(Map.of("per_page", List.of("Too big.")), error.fieldErrors());
  }

  @Test
  void unauthenticatedBecomesAnAuthenticationExceptionThatNeverShowsTheKey() {
    patchworks.enqueue(401, "{\"message\":\"Unauthenticated.\"}");

    AuthenticationException error = assertThrows(AuthenticationException.class, () -> client.getRun("1"));

    assertEquals(401, error.httpStatus().getAsInt());
    assertEquals("getRun", error.operation());
    assertTrue(error.getMessage().contains("Unauthenticated."), error.getMessage());
    assertFalse(error.getMessage().contains(FakePatchworks.API_KEY));
    assertFalse(String.valueOf(error.bodyExcerpt()).contains(FakePatchworks.API_KEY));
  }

  @ParameterizedTest(name = "HTTP {0} is a {1}")
  @CsvSource({
      "400, InvalidRequestException",
      "401, AuthenticationException",
      "403, PermissionDeniedException",
      "404, NotFoundException",
      "409, ConflictException",
      "410, GoneException",
      "422, InvalidRequestException",
      "429, RateLimitException",
      "500, ServerException",
      "503, ServerException",
  })
  void eachStatusBecomesItsException(int status, String type) {
    patchworks.enqueue(status, "{\"message\":\"Patchworks says " + status + "\"}");

    FlowRunsException error = assertThrows(FlowRunsException.class, () -> client.stopRun("1001"));

    assertEquals(type, error.getClass().getSimpleName());
    assertEquals(status, error.httpStatus().getAsInt());
    assertEquals("stopRun", error.operation());
    assertEquals(1, error.attempts());
    assertTrue(error.getMessage().contains("Patchworks says " + status), error.getMessage());
  }

  @Test
  void aRateLimitCarriesTheWaitTheServerAsksFor() {
    patchworks.server.enqueue(new MockResponse.Builder().code(429)
        .addHeader("Content-Type", "application/json").addHeader("Retry-After", "7")
        .addHeader("X-RateLimit-Limit", "240").addHeader("X-RateLimit-Remaining", "0")
        .body("{\"message\":\"Too Many Attempts.\"}").build());

    RateLimitException error = assertThrows(RateLimitException.class, () -> client.getRun("1"));

    assertEquals(Duration.ofSeconds(7), error.retryAfter());
    assertTrue(error.getMessage().contains("Too Many Attempts."), error.getMessage());
  }

  @Test
  void anHtmlErrorPageIsAServerErrorWithoutAVendorMessage() {
    patchworks.server.enqueue(new MockResponse.Builder().code(502).addHeader("Content-Type", "text/html")
        .body("<html><body><h1>502 Bad Gateway</h1></body></html>").build());

    ServerException error = assertThrows(ServerException.class, () -> client.getRun("1"));

    assertEquals(502, error.httpStatus().getAsInt());
    assertTrue(error.getMessage().contains("HTML"), error.getMessage());
  }

  @Test
  void anErrorBodyThatIsNotLaravelStillGivesTheStatusException() {
    patchworks.enqueue(404, "[\"not\", \"an\", \"object\"]");

    NotFoundException error = assertThrows(NotFoundException.class, () -> client.getRun("404404"));

    assertTrue(error.details().fieldErrors().isEmpty());
  }

  @Test
  void aMalformedSuccessBodyIsAResponseParseException() {
    patchworks.enqueue(200, "{\"data\":[{\"id\":1,\"status\":3");

    ResponseParseException error = assertThrows(ResponseParseException.class,
        () -> client.listRuns(RunQuery.all()).stream().count());

    assertEquals(200, error.httpStatus().getAsInt());
  }

  @Test
  void aFieldOfTheWrongKindIsAResponseParseExceptionNamingTheField() {
    patchworks.enqueue(200, "{\"data\":{\"id\":1,\"summary\":{\"not\":\"text\"}}}");

    ResponseParseException error = assertThrows(ResponseParseException.class, () -> client.getRun("1"));

    assertTrue(error.getMessage().contains("summary"), error.getMessage());
  }

  @Test
  void aRunWithoutAnIdIsAResponseParseException() {
    patchworks.enqueue(200, "{\"data\":[{\"status\":3}],\"meta\":{\"current_page\":1,\"last_page\":1}}");

    assertThrows(ResponseParseException.class, () -> client.listRuns(RunQuery.all()).stream().count());
  }

  @Test
  void aGetAnswerWithoutARunIsAResponseParseException() {
    patchworks.enqueue(200, "{\"message\":\"ok\"}");

    assertThrows(ResponseParseException.class, () -> client.getRun("1"));
  }

  @Test
  void aServerThatIsNotThereIsATransportException() {
    String url = patchworks.url();
    patchworks.close();
    try (PatchworksClient offline = PatchworksClient.builder().apiKey("k").baseUrl(url)
        .retryPolicy(RetryPolicy.none()).build()) {
      TransportException error = assertThrows(TransportException.class, () -> offline.getRun("1"));

      assertEquals("getRun", error.operation());
      assertTrue(error.httpStatus().isEmpty());
    }
  }

  @Test
  void exceptionClassesAreTheFacadeOnes() {
    patchworks.enqueue(409, "{\"message\":\"Conflict\"}").enqueue(410, "{\"message\":\"Gone\"}")
        .enqueue(403, "{\"message\":\"This action is unauthorized.\"}");

    assertInstanceOf(ConflictException.class, assertThrows(FlowRunsException.class, () -> client.getRun("1")));
    assertInstanceOf(GoneException.class, assertThrows(FlowRunsException.class, () -> client.getRun("1")));
    PermissionDeniedException denied = assertThrows(PermissionDeniedException.class, () -> client.getRun("1"));
    assertTrue(denied.getMessage().contains("This action is unauthorized."));
  }
}
