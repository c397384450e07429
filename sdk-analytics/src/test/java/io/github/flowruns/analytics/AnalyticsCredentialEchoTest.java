package io.github.flowruns.analytics;

import io.github.flowruns.FlowRunsClient;
import io.github.flowruns.RunQuery;
import io.github.flowruns.contract.CredentialEchoContract;
import io.github.flowruns.http.RetryPolicy;
import mockwebserver3.MockWebServer;

/** {@link CredentialEchoContract} with StackAI's validation body ({@code detail} items with {@code loc}). */
class AnalyticsCredentialEchoTest extends CredentialEchoContract {
  AnalyticsCredentialEchoTest() {
    // A StackAI key with characters that every encoding changes.
    super("stk-9c2E/Zp+Qw=Lm_echo", (code, message, field, fieldMessage) -> "{\"detail\":[{\"loc\":[\"body\",\""
        + field + "\"],\"msg\":\"" + fieldMessage + "\",\"type\":\"" + code + "\"},{\"loc\":[\"query\",\"q\"],\"msg\":\""
        + message + "\",\"type\":\"value_error\"}]}");
  }

  @Override
  protected FlowRunsClient client(String apiKey, MockWebServer server) {
    return AnalyticsClient.builder().apiKey(apiKey).orgId("org-echo")
        .baseUrl(server.url("/").toString()).retryPolicy(RetryPolicy.none()).build();
  }

  /** One flow: a query without flows would first ask the organisation's summary. */
  @Override
  protected RunQuery query() {
    return RunQuery.builder().flowIds("flow-1").build();
  }
}
