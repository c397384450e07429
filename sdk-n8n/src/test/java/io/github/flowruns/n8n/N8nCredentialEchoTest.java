package io.github.flowruns.n8n;

import io.github.flowruns.FlowRunsClient;
import io.github.flowruns.contract.CredentialEchoContract;
import io.github.flowruns.http.RetryPolicy;
import mockwebserver3.MockWebServer;

/**
 * {@link CredentialEchoContract} with n8n's error body, a single {@code message} (vendors.md, n8n),
 * that here carries the code, the field and its message too; the key travels in
 * {@code X-N8N-API-KEY}, and the echo reads it from there.
 */
class N8nCredentialEchoTest extends CredentialEchoContract {
  N8nCredentialEchoTest() {
    // A JWT-shaped key (n8n's keys are JWTs) with characters that every encoding changes.
    super("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJlY2hvIn0.Ab3/de+F=gh~Echo_7", (code, message, field, fieldMessage) ->
        "{\"message\":\"" + code + ": " + message + " request/body/" + field + " " + fieldMessage + "\"}");
  }

  @Override
  protected FlowRunsClient client(String apiKey, MockWebServer server) {
    return N8nClient.builder().apiKey(apiKey).baseUrl(server.url("/").toString())
        .retryPolicy(RetryPolicy.none()).build();
  }
}
