package io.github.flowruns.flowstack;

import io.github.flowruns.FlowRunsClient;
import io.github.flowruns.contract.CredentialEchoContract;
import io.github.flowruns.http.RetryPolicy;
import io.github.flowruns.testsupport.CredentialEcho;
import mockwebserver3.MockWebServer;

/** {@link CredentialEchoContract} with FlowStack's error body {@code {"error": {code, message, details}}}. */
class FlowStackCredentialEchoTest extends CredentialEchoContract {
  /** A FlowStack key whose slash, plus and equals sign change under every encoding. */
  private static final String API_KEY = "fs_live_Ab3/de+F=gh~Echo.7";

  @Override
  protected String apiKey() {
    return API_KEY;
  }

  @Override
  protected FlowRunsClient client(String apiKey, MockWebServer server) {
    return FlowStackClient.builder().apiKey(apiKey).flowId("flow_echo")
        .baseUrl(server.url("/").toString()).retryPolicy(RetryPolicy.none()).build();
  }

  @Override
  protected CredentialEcho.ErrorShape errorShape() {
    return (code, message, field, fieldMessage) -> "{\"error\":{\"code\":\"" + code
        + "\",\"message\":\"" + message + "\",\"details\":{\"" + field + "\":[\"" + fieldMessage + "\"]}}}";
  }
}
