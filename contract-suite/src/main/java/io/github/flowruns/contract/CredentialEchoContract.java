package io.github.flowruns.contract;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.github.flowruns.FlowRunsClient;
import io.github.flowruns.FlowRunsException;
import io.github.flowruns.RunQuery;
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
 * A server that echoes the API key it receives (the whole {@code Authorization} value, the key
 * alone) in every place of an error (request id headers, error code, message, field errors, body,
 * a 200's unreadable body), in every encoding (raw, JSON escapes, percent and form encoding,
 * Base64): the key never appears in the exception's message, {@code toString()}, accessors or
 * printed stack trace, nor in any log line. A vendor module subclasses it with its facts: a key of
 * an awkward shape, its error body, and a client that does not retry.
 *
 * <pre>{@code class FlowStackCredentialEchoTest extends CredentialEchoContract {
 *   FlowStackCredentialEchoTest() { super("fs_live_Ab3/de+F=gh", SHAPE); }
 *   protected FlowRunsClient client(String key, MockWebServer s) { ... }
 * }}</pre>
 */
public abstract class CredentialEchoContract {
  private final String apiKey;
  private final CredentialEcho.ErrorShape errorShape;
  private MockWebServer server;
  private FlowRunsClient client;

  /**
   * The vendor's facts for the echo.
   *
   * @param apiKey the key the client sends: one whose characters every encoding changes, so that
   *     no pattern of the vendor's key shape is what hides it
   * @param errorShape the vendor's error body, with the echoed text in its places
   */
  protected CredentialEchoContract(String apiKey, CredentialEcho.ErrorShape errorShape) {
    this.apiKey = apiKey;
    this.errorShape = errorShape;
  }

  /**
   * A client of the vendor with this key at this base URL, retrying nothing (one echo, one answer).
   *
   * @param apiKey the key given to the constructor
   * @param server the loopback server, to derive the base URL from
   * @return the client; this class closes it
   */
  protected abstract FlowRunsClient client(String apiKey, MockWebServer server);

  /**
   * The listing whose first page the echo answers; the account's by default.
   *
   * @return the query
   */
  protected RunQuery query() {
    return RunQuery.all();
  }

  @BeforeEach
  void startEchoServer() throws Exception {
    server = new MockWebServer();
    server.start();
    client = client(apiKey, server);
  }

  @AfterEach
  void stopEchoServer() {
    client.close();
    server.close();
  }

  static Stream<Arguments> echoes() {
    return CredentialEcho.matrix(Source.AUTHORIZATION, Source.KEY);
  }

  @ParameterizedTest(name = "{0} in {1} as {2}")
  @MethodSource("echoes")
  void anEchoedKeyAppearsInNoTextOfTheExceptionNorTheLog(Source source, Place place, Encoding encoding) {
    assertEchoLeaksNothing(new CredentialEcho(422, errorShape, source, place, encoding, null));
  }

  /**
   * Answers the listing with this echo and checks that the call fails with a
   * {@link FlowRunsException} that shows the key nowhere, nor does any log line.
   *
   * <pre>{@code assertEchoLeaksNothing(new CredentialEcho(400, FRAMEWORK, source, place, encoding, null));}</pre>
   *
   * @param echo the echoing dispatcher
   */
  protected final void assertEchoLeaksNothing(CredentialEcho echo) {
    server.setDispatcher(echo);
    RuntimeException e = SecretAssert.assertCallLeaksNothing(
        () -> client.listRuns(query()).iterator().hasNext(), echo, List.of(apiKey));
    assertInstanceOf(FlowRunsException.class, e);
  }
}
