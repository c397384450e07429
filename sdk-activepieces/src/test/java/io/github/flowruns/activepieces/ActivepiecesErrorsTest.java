package io.github.flowruns.activepieces;

import static io.github.flowruns.activepieces.ApFixtures.enqueueJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.flowruns.AuthenticationException;
import io.github.flowruns.ConflictException;
import io.github.flowruns.FlowRunsException;
import io.github.flowruns.GoneException;
import io.github.flowruns.InvalidRequestException;
import io.github.flowruns.NotFoundException;
import io.github.flowruns.PermissionDeniedException;
import io.github.flowruns.ResponseParseException;
import io.github.flowruns.RetryMode;
import io.github.flowruns.RunQuery;
import io.github.flowruns.ServerException;
import io.github.flowruns.TransportException;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each Activepieces error shape becomes its typed exception with code, message and fields. */
class ActivepiecesErrorsTest {
  private static final String RUN = "Vq3kT9bXz1LmN8pQr2sUw";

  private MockWebServer server;
  private ActivepiecesClient client;

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start();
    client = ApFixtures.client(server);
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  @Test
  void entityNotFoundIsANotFoundWithCodeAndParamsMessage() {
    enqueueJson(server, 404, "{\"code\":\"ENTITY_NOT_FOUND\",\"params\":{\"entityType\":\"flow_run\","
        + "\"entityId\":\"" + RUN + "\",\"message\":\"Flow run not found\"}}");

    NotFoundException e = assertThrows(NotFoundException.class, () -> client.getRun(RUN));

    assertEquals(404, e.httpStatus().getAsInt());
    assertEquals("ENTITY_NOT_FOUND", e.errorCode());
    assertEquals("Flow run not found", e.details().message());
    assertEquals("getRun", e.operation());
    assertEquals(1, e.attempts());
  }

  @Test
  void anErrorWithoutParamsMessageUsesItsCodeAsMessage() {
    enqueueJson(server, 401, "{\"code\":\"INVALID_BEARER_TOKEN\",\"params\":{}}");

    AuthenticationException e = assertThrows(AuthenticationException.class, () -> client.getRun(RUN));

    assertEquals("INVALID_BEARER_TOKEN", e.errorCode());
    assertEquals("INVALID_BEARER_TOKEN", e.details().message());
  }

  @Test
  void permissionDeniedIs403() {
    enqueueJson(server, 403, "{\"code\":\"PERMISSION_DENIED\",\"params\":{\"userId\":\"u1\","
        + "\"message\":\"Missing permission READ_RUN\"}}");

    PermissionDeniedException e = assertThrows(PermissionDeniedException.class,
        () -> client.listRuns(RunQuery.all()).iterator().hasNext());

    assertEquals("PERMISSION_DENIED", e.errorCode());
    assertEquals("Missing permission READ_RUN", e.details().message());
    assertEquals("listRuns", e.operation());
  }

  @Test
  void validation409IsAnInvalidRequestNotAConflict() {
    enqueueJson(server, 409, "{\"code\":\"VALIDATION\",\"params\":{\"message\":"
        + "\"Flow run is not in a retryable state\"}}");

    InvalidRequestException e = assertThrows(InvalidRequestException.class,
        () -> client.retryRun(RUN, RetryMode.FROM_FAILED_STEP));

    assertFalse(ConflictException.class.isInstance(e));
    assertEquals(409, e.httpStatus().getAsInt());
    assertEquals("VALIDATION", e.errorCode());
    assertEquals("Flow run is not in a retryable state", e.details().message());
  }

  @Test
  void aRetryPastTheRetentionPeriodIsGone() {
    enqueueJson(server, 410, "{\"code\":\"EXECUTION_DATA_PURGED\",\"params\":{\"message\":"
        + "\"The execution data of this run has been deleted\"}}");

    GoneException e = assertThrows(GoneException.class, () -> client.retryRun(RUN, RetryMode.DEFAULT));

    assertEquals(410, e.httpStatus().getAsInt());
    assertEquals("EXECUTION_DATA_PURGED", e.errorCode());
  }

  @Test
  void quotaExceeded402IsAPlainFlowRunsExceptionWithItsCode() {
    enqueueJson(server, 402, "{\"code\":\"QUOTA_EXCEEDED\",\"params\":{\"metric\":\"tasks\"}}");

    FlowRunsException e = assertThrows(FlowRunsException.class, () -> client.retryRun(RUN, RetryMode.DEFAULT));

    assertSame(FlowRunsException.class, e.getClass());
    assertEquals(402, e.httpStatus().getAsInt());
    assertEquals("QUOTA_EXCEEDED", e.errorCode());
  }

  @Test
  void theFrameworksSchemaErrorIsAnInvalidRequestNamingTheField() {
    enqueueJson(server, 400, "{\"statusCode\":400,\"code\":\"FST_ERR_VALIDATION\",\"error\":\"Bad Request\","
        + "\"message\":\"body/strategy must be equal to one of the allowed values\"}");

    InvalidRequestException e = assertThrows(InvalidRequestException.class,
        () -> client.retryRun(RUN, RetryMode.DEFAULT));

    assertEquals(400, e.httpStatus().getAsInt());
    assertEquals("FST_ERR_VALIDATION", e.errorCode());
    assertEquals("body/strategy must be equal to one of the allowed values", e.details().message());
    assertEquals(Map.of("strategy", List.of("must be equal to one of the allowed values")), e.fieldErrors());
  }

  @Test
  void aMissingRequiredPropertyIsAFieldErrorOfThatProperty() {
    enqueueJson(server, 400, "{\"statusCode\":400,\"code\":\"FST_ERR_VALIDATION\",\"error\":\"Bad Request\","
        + "\"message\":\"querystring must have required property 'projectId'\"}");

    InvalidRequestException e = assertThrows(InvalidRequestException.class,
        () -> client.listRuns(RunQuery.all()).iterator().next());

    assertEquals(Map.of("projectId", List.of("must have required property 'projectId'")), e.fieldErrors());
  }

  @Test
  void aFrameworkErrorOfAnotherStatusKeepsTheStatusMapping() {
    enqueueJson(server, 404, "{\"statusCode\":404,\"error\":\"Not Found\","
        + "\"message\":\"Route GET:/api/v1/flow-runz not found\"}");

    NotFoundException e = assertThrows(NotFoundException.class, () -> client.getRun(RUN));

    assertEquals("Route GET:/api/v1/flow-runz not found", e.details().message());
  }

  @Test
  void aServerErrorIsAServerException() {
    enqueueJson(server, 500, "{\"statusCode\":500,\"error\":\"Internal Server Error\",\"message\":\"boom\"}");

    ServerException e = assertThrows(ServerException.class, () -> client.getRun(RUN));

    assertEquals(500, e.httpStatus().getAsInt());
    assertEquals("boom", e.details().message());
  }

  @Test
  void anUnreadableErrorBodyStillGivesTheStatusException() {
    server.enqueue(new MockResponse.Builder().code(404).addHeader("Content-Type", "text/html")
        .body("<html><body>Not Found</body></html>").build());

    NotFoundException e = assertThrows(NotFoundException.class, () -> client.getRun(RUN));

    assertEquals(404, e.httpStatus().getAsInt());
  }

  @Test
  void anUnreadableSuccessBodyIsAResponseParseException() {
    enqueueJson(server, 200, "{\"id\": [1,2]}");

    ResponseParseException e = assertThrows(ResponseParseException.class, () -> client.getRun(RUN));

    assertTrue(e.getMessage().contains("id"), e.getMessage());
  }

  @Test
  void aRunWithoutIdIsAResponseParseException() {
    enqueueJson(server, 200, ApFixtures.page(null, ApFixtures.run("x").remove("id")));

    assertThrows(ResponseParseException.class,
        () -> client.listRuns(RunQuery.all()).stream().collect(Collectors.toList()));
  }

  @Test
  void aBrokenConnectionIsATransportException() {
    server.enqueue(new MockResponse.Builder()
        .onRequestStart(new SocketEffect.CloseSocket(true, true, true)).build());

    assertThrows(TransportException.class, () -> client.getRun(RUN));
  }
}
