package io.github.flowruns.patchworks;

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
 * A server that echoes the credential it receives in every place of an error, in every encoding:
 * a raw API key of arbitrary shape, the token a login obtained, and the login's own password (and
 * the Base64 of {@code username:password}) echoed by the login server. None of them appears in the
 * exception's message, {@code toString()}, accessors or printed stack trace, nor in any log line.
 */
class PatchworksCredentialEchoTest {
  /** A raw key of no known shape: a space, a slash, a plus, an equals sign, a bang. */
  private static final String API_KEY = "Xq9 raw/pw+key=7!z";
  private static final String USERNAME = "ops@example.com";
  /** Non-ASCII, so percent and JSON escapes of its UTF-8 differ from its characters. */
  private static final String PASSWORD = "Sésame/ouvre+toi=42";
  private static final String TOKEN = "eyJhbGciOi.login/obtained+token=x";

  private static final CredentialEcho.ErrorShape LARAVEL = (code, message, field, fieldMessage) ->
      "{\"message\":\"" + message + "\",\"code\":\"" + code + "\",\"errors\":{\"" + field
      + "\":[\"" + fieldMessage + "\"]}}";

  private MockWebServer server;

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  static Stream<Arguments> keyEchoes() {
    return CredentialEcho.matrix(Source.AUTHORIZATION);
  }

  static Stream<Arguments> loginEchoes() {
    return CredentialEcho.matrix(Source.PASSWORD, Source.BASIC, Source.AUTHORIZATION, Source.KEY);
  }

  @ParameterizedTest(name = "{0} in {1} as {2}")
  @MethodSource("keyEchoes")
  void anEchoedRawKeyOfAnyShapeAppearsNowhere(Source source, Place place, Encoding encoding) {
    CredentialEcho echo = new CredentialEcho(422, LARAVEL, source, place, encoding, null);
    server.setDispatcher(echo);
    try (PatchworksClient client = PatchworksClient.builder().apiKey(API_KEY)
        .baseUrl(server.url("/").toString()).retryPolicy(RetryPolicy.none()).build()) {
      RuntimeException e = SecretAssert.assertCallLeaksNothing(
          () -> client.listRuns(RunQuery.all()).iterator().hasNext(), echo, List.of(API_KEY));
      assertInstanceOf(FlowRunsException.class, e);
    }
  }

  @ParameterizedTest(name = "{0} in {1} as {2}")
  @MethodSource("loginEchoes")
  void anEchoedPasswordOrObtainedTokenAppearsNowhere(Source source, Place place, Encoding encoding) {
    CredentialEcho echo = new CredentialEcho(422, LARAVEL, source, place, encoding, TOKEN);
    server.setDispatcher(echo);
    try (PatchworksClient client = PatchworksClient.builder().login(USERNAME, PASSWORD)
        .baseUrl(server.url("/").toString()).loginBaseUrl(server.url("/").toString())
        .retryPolicy(RetryPolicy.none()).build()) {
      RuntimeException e = SecretAssert.assertCallLeaksNothing(
          () -> client.listRuns(RunQuery.all()).iterator().hasNext(), echo,
          List.of(PASSWORD, TOKEN));
      assertInstanceOf(FlowRunsException.class, e);
    }
  }
}
