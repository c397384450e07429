package io.github.flowruns.activepieces;

import io.github.flowruns.FlowRunsClient;
import io.github.flowruns.contract.CredentialEchoContract;
import io.github.flowruns.http.RetryPolicy;
import io.github.flowruns.testsupport.CredentialEcho;
import io.github.flowruns.testsupport.CredentialEcho.Encoding;
import io.github.flowruns.testsupport.CredentialEcho.Place;
import io.github.flowruns.testsupport.CredentialEcho.Source;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link CredentialEchoContract} with Activepieces' error body {@code {code, params {message}}},
 * and also the framework's schema answer, whose message names a field.
 */
class ActivepiecesCredentialEchoTest extends CredentialEchoContract {
  /** The framework's validation answer, whose message names the field (read as a field error). */
  private static final CredentialEcho.ErrorShape FRAMEWORK = (code, message, field, fieldMessage) ->
      "{\"statusCode\":400,\"code\":\"" + code + "\",\"error\":\"Bad Request\",\"message\":\"body/"
      + field + " must have required property '" + fieldMessage + "'\"}";

  ActivepiecesCredentialEchoTest() {
    // A key that does not look like sk-...: no pattern can know it.
    super("apk.Q7/x+Yz=9kLm~v2Rt", (code, message, field, fieldMessage) -> "{\"code\":\"" + code
        + "\",\"params\":{\"message\":\"" + message + "\"}}");
  }

  @Override
  protected FlowRunsClient client(String apiKey, mockwebserver3.MockWebServer server) {
    return ActivepiecesClient.builder().apiKey(apiKey).projectId("p7Hd2kLmQ9wErT5yUiOa1")
        .baseUrl(server.url("/api").toString()).retryPolicy(RetryPolicy.none()).build();
  }

  @ParameterizedTest(name = "{0} in {1} as {2}")
  @MethodSource("echoes")
  void anEchoedKeyInAFrameworkValidationAnswerAppearsNowhere(Source source, Place place, Encoding encoding) {
    assertEchoLeaksNothing(new CredentialEcho(400, FRAMEWORK, source, place, encoding, null));
  }
}
