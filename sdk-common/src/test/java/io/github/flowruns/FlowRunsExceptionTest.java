package io.github.flowruns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class FlowRunsExceptionTest {

  @Test
  void theMessageIsOneLineInTheDocumentedFormat() {
    FlowRunsException e = FlowRunsException.forStatus(ErrorDetails.builder()
        .vendor(Vendor.ACTIVEPIECES).operation("getRun").httpStatus(404)
        .errorCode("ENTITY_NOT_FOUND").message("Flow run\nnot found").requestId("r-1").build());
    assertTrue(e instanceof NotFoundException);
    assertEquals("Activepieces getRun: HTTP 404 (ENTITY_NOT_FOUND) Flow run not found "
        + "[request id r-1, 1 attempt]", e.getMessage());
  }

  @Test
  void attemptsArePluralised() {
    FlowRunsException e = FlowRunsException.forStatus(ErrorDetails.builder()
        .vendor(Vendor.FLOWSTACK).operation("listRuns").httpStatus(503).attempts(4).build());
    assertEquals("FlowStack listRuns: HTTP 503 [4 attempts]", e.getMessage());
  }

  @Test
  void theKindOverridesTheStatus() {
    FlowRunsException e = FlowRunsException.forStatus(ErrorDetails.builder().httpStatus(409)
        .kind(ErrorDetails.Kind.INVALID_REQUEST).build());
    assertTrue(e instanceof InvalidRequestException);
  }

  @Test
  void rateLimitCarriesItsWait() {
    RateLimitException e = (RateLimitException) FlowRunsException.forStatus(ErrorDetails.builder()
        .httpStatus(429).retryAfter(Duration.ofSeconds(30)).build());
    assertEquals(Duration.ofSeconds(30), e.retryAfter());
  }

  @Test
  void theBodyExcerptIsAtMostTwoKibibytesAndRedacted() {
    String body = "{\"password\":\"hunter2-secret\",\"data\":\"" + "é".repeat(5000) + "\"}";
    FlowRunsException e = FlowRunsException.forStatus(ErrorDetails.builder().httpStatus(500)
        .body(body).build());
    assertTrue(e.bodyExcerpt().getBytes(StandardCharsets.UTF_8).length <= 2048);
    assertFalse(e.bodyExcerpt().contains("hunter2"));
    assertTrue(e.bodyExcerpt().endsWith("…"));
  }

  @Test
  void secretsInTheVendorMessageAreRemoved() {
    FlowRunsException e = FlowRunsException.forStatus(ErrorDetails.builder().httpStatus(401)
        .message("invalid header Authorization: Bearer abcdef123456").build());
    assertFalse(e.getMessage().contains("abcdef123456"), e.getMessage());
  }
}
