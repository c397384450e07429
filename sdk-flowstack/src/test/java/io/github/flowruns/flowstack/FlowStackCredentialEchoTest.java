package io.github.flowruns.flowstack;

import io.github.flowruns.FlowRunsClient;
import io.github.flowruns.contract.CredentialEchoContract;
import io.github.flowruns.http.RetryPolicy;
import mockwebserver3.MockWebServer;

/** {@link CredentialEchoContract} with FlowStack's error body {@code {"error": {code, message, details}}}. */
class FlowStackCredentialEchoTest extends CredentialEchoContract {
  FlowStackCredentialEchoTest() {
    // A key whose slash, plus and equals sign change under every encoding.
    super("fs_live_Ab3/de+F=gh~Echo.7", (code, message, field, fieldMessage) -> "{\"error\":{\"code\":\"" + code
        + "\",\"message\":\"" + message + "\",\"details\":{\"" + field + "\":[\"" + fieldMessage + "\"]}}}");
  }

  @Override
  protected FlowRunsClient client(String apiKey, MockWebServer server) {
    return FlowStackClient.builder().apiKey(apiKey).flowId("flow_echo")
        .baseUrl(server.url("/").toString()).retryPolicy(RetryPolicy.none()).build();
  }
}
