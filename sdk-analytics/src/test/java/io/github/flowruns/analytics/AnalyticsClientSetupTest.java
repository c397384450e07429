package io.github.flowruns.analytics;

import static io.github.flowruns.analytics.ScriptedStackAi.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.flowruns.FlowRunsClient;
import io.github.flowruns.FlowRunsClients;
import io.github.flowruns.Run;
import io.github.flowruns.RunQuery;
import io.github.flowruns.Vendor;
import io.github.flowruns.analytics.model.FlowRunSummary;
import io.github.flowruns.contract.Scripted;
import io.github.flowruns.http.RetryPolicy;
import io.github.flowruns.spi.FlowRunsClientProvider;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Building the client, the settings it requires, ServiceLoader discovery and {@code api()}. */
class AnalyticsClientSetupTest {
  private static final String API_KEY = "sk-test-7f3c9a";
  private static final String ORG = "org-42";

  private MockWebServer server;

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start();
  }

  /** The one answer the server gives next: flow-1's one run. */
  private void answerOneRun() {
    server.enqueue(Scripted.json(200, "[" + run("r1", "COMPLETED", true, "2025-06-03T08:00:00Z") + "]"));
  }

  private String firstTarget() throws InterruptedException {
    return server.takeRequest().getTarget();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private String baseUrl() {
    return server.url("/").toString();
  }

  @Test
  void aMissingOrgIdFailsAtBuildNamingIt() {
    for (String org : new String[] {null, "", "  "}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> AnalyticsClient.builder().apiKey(API_KEY).orgId(org).build());
      assertTrue(e.getMessage().contains("orgId"), e.getMessage());
    }
    assertThrows(IllegalArgumentException.class,
        () -> AnalyticsClient.builder().apiKey(API_KEY).orgId("..").build());
    assertEquals(0, server.getRequestCount());
  }

  @Test
  void aMissingApiKeyFailsAtBuildNamingIt() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> AnalyticsClient.builder().orgId(ORG).build());
    assertTrue(e.getMessage().contains("apiKey"), e.getMessage());
  }

  @Test
  void aPlainHttpBaseUrlOffLoopbackIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> AnalyticsClient.builder().apiKey("k").orgId("o").baseUrl("http://stack.example.com").build());
    assertTrue(e.getMessage().contains("baseUrl"), e.getMessage());
  }

  @Test
  void theBaseUrlReplacesTheServerAndKeepsItsPathPrefix() throws Exception {
    answerOneRun();
    try (AnalyticsClient client = AnalyticsClient.builder().apiKey(API_KEY)
        .orgId(ORG).baseUrl(server.url("/proxy/").toString()).build()) {
      client.listRuns(RunQuery.builder().flowIds("flow-1").build()).iterator().hasNext();
    } catch (RuntimeException expected) {
      // what matters is the path that was asked for
    }
    assertEquals("/proxy/analytics/org/org-42/flows/flow-1?page=0&page_size=25", firstTarget());
  }

  @Test
  void newBuilderDerivesAClientForAnotherOrganisationWithTheSameSettings() throws Exception {
    answerOneRun();
    try (AnalyticsClient first = AnalyticsClient.builder().apiKey(API_KEY)
            .orgId(ORG).baseUrl(baseUrl()).retryPolicy(RetryPolicy.none()).build();
        AnalyticsClient second = first.newBuilder().orgId("org-43").build()) {
      assertEquals("org-43", second.orgId());
      assertEquals(ORG, first.orgId());
      try {
        second.listRuns(RunQuery.builder().flowIds("flow-1").build()).iterator().hasNext();
      } catch (RuntimeException expected) {
        // what matters is where the request went
      }
    }

    assertEquals("/analytics/org/org-43/flows/flow-1?page=0&page_size=25", firstTarget());
  }

  @Test
  void serviceLoaderFindsTheProviderAndCreatesAWorkingClient() {
    answerOneRun();
    List<FlowRunsClientProvider> providers = StreamSupport.stream(
        ServiceLoader.load(FlowRunsClientProvider.class).spliterator(), false)
        .filter(p -> p.vendor() == Vendor.STACKAI).collect(Collectors.toList());
    assertEquals(1, providers.size());
    assertInstanceOf(AnalyticsClientProvider.class, providers.get(0));

    try (FlowRunsClient client = FlowRunsClients.create(Vendor.STACKAI, Map.of(
        FlowRunsClients.API_KEY, API_KEY,
        FlowRunsClients.ORG_ID, ORG,
        FlowRunsClients.BASE_URL, baseUrl()))) {
      assertInstanceOf(AnalyticsClient.class, client);
      assertEquals(Vendor.STACKAI, client.vendor());
      List<String> ids = client.listRuns(RunQuery.builder().flowIds("flow-1").build()).stream()
          .map(Run::id).collect(Collectors.toList());
      assertEquals(List.of("r1"), ids);
    }
  }

  @Test
  void serviceLoaderCreationWithoutOrgIdFailsNamingIt() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> FlowRunsClients.create(Vendor.STACKAI, Map.of(FlowRunsClients.API_KEY, "k")));
    assertTrue(e.getMessage().contains("orgId"), e.getMessage());
  }

  @Test
  void apiGivesTheGeneratedClientOnTheSameBaseUrlAndAuth() throws Exception {
    answerOneRun();
    try (AnalyticsClient client = AnalyticsClient.builder().apiKey(API_KEY)
        .orgId(ORG).baseUrl(baseUrl()).retryPolicy(RetryPolicy.none()).build()) {
      assertNotSame(client.api(), client.api());

      List<FlowRunSummary> runs = client.api().listFlowRuns(client.orgId(), "flow-1", 0, 10,
          null, null, "customer-1", null);

      assertEquals("r1", runs.get(0).getRunId());
      RecordedRequest request = server.takeRequest();
      assertEquals("/analytics/org/org-42/flows/flow-1?page=0&page_size=10&user_id=customer-1",
          request.getTarget());
      assertEquals("Bearer " + API_KEY, request.getHeaders().get("Authorization"));
      assertTrue(request.getHeaders().get("User-Agent").startsWith("flowruns-java/"));
    }
  }
}
