package io.github.flowruns.analytics;

import io.github.flowruns.FlowRunsClient;
import io.github.flowruns.RunQuery;
import io.github.flowruns.contract.CredentialEchoContract;
import io.github.flowruns.http.RetryPolicy;
import io.github.flowruns.testsupport.CredentialEcho;
import mockwebserver3.MockWebServer;

/** {@link CredentialEchoContract} with StackAI's validation body ({@code detail} items with {@code loc}). */
class AnalyticsCredentialEchoTest extends CredentialEchoContract {
  /** A StackAI key with characters that every encoding changes. */
  private static final String API_KEY = "stk-9c2E/Zp+Qw=Lm_echo";

  @Override
  protected String apiKey() {
    return API_KEY;
  }

  @Override
  protected FlowRunsClient client(String apiKey, MockWebServer server) {
    return AnalyticsClient.builder().apiKey(apiKey).orgId("org-echo")
        .baseUrl(server.url("/").toString()).retryPolicy(RetryPolicy.none()).build();
  }

  @Override
  protected CredentialEcho.ErrorShape errorShape() {
    return (code, message, field, fieldMessage) -> "{\"detail\":[{\"loc\":[\"body\",\"" + field
        + "\"],\"msg\":\"" + fieldMessage + "\",\"type\":\"" + code + "\"},{\"loc\":[\"query\",\"q\"],\"msg\":\""
        + message + "\",\"type\":\"value_error\"}]}";
  }

  /** One flow: a query without flows would first ask the organisation's summary. */
  @Override
  protected RunQuery query() {
    return RunQuery.builder().flowIds("flow-1").build();
  }
}
