package io.github.flowruns.flowstack;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.github.flowruns.FlowRunsException;
import io.github.flowruns.RunQuery;
import io.github.flowruns.http.RetryPolicy;
import io.github.flowruns.testsupport.CredentialEcho;
import io.github.flowruns.testsupport.CredentialEcho.Encoding;
import io.github.flowruns.testsupport.CredentialEcho.Place;
import io.github.flowruns.testsupport.CredentialEcho.Source;
import io.github.flowruns.testsupport.SecretAssert;
import java.util.List;
import java.util.stream.Stream;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A server that echoes the credential it receives (the whole {@code Authorization} value, the key
 * alone) in every place of an error (request id headers, error code, message, field errors, body,
 * a 200's unreadable body), in every encoding (raw, JSON escapes, percent and form encoding,
 * Base64): the key never appears in the exception's message, {@code toString()}, accessors or
 * printed stack trace, nor in any log line.
 */
class FlowStackCredentialEchoTest {
  /** A FlowStack key whose slash, plus and equals sign change under every encoding. */
  private static final String API_KEY = "fs_live_Ab3/de+F=gh~Echo.7";

  private static final CredentialEcho.ErrorShape SHAPE = (code, message, field, fieldMessage) -> "{\"error\":{\"code\":\"" + code
      + "\",\"message\":\"" + message + "\",\"details\":{\"" + field + "\":[\"" + fieldMessage + "\"]}}}";

  private MockWebServer server;
  private FlowStackClient client;

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.start();
    client = FlowStackClient.builder().apiKey(API_KEY).flowId("flow_echo")
        .baseUrl(server.url("/").toString()).retryPolicy(RetryPolicy.none()).build();
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  static Stream<Arguments> echoes() {
    return CredentialEcho.matrix(Source.AUTHORIZATION, Source.KEY);
  }

  @ParameterizedTest(name = "{0} in {1} as {2}")
  @MethodSource("echoes")
  void anEchoedKeyAppearsInNoTextOfTheExceptionNorTheLog(Source source, Place place, Encoding encoding) {
    CredentialEcho echo = new CredentialEcho(422, SHAPE, source, place, encoding, null);
    server.setDispatcher(echo);
    RuntimeException e = SecretAssert.assertCallLeaksNothing(
        () -> client.listRuns(RunQuery.all()).iterator().hasNext(), echo, List.of(API_KEY));
    assertInstanceOf(FlowRunsException.class, e);
  }
}
