package io.github.flowruns.activepieces;

import static io.github.flowruns.activepieces.ApFixtures.enqueueJson;
import static io.github.flowruns.activepieces.ApFixtures.page;
import static io.github.flowruns.activepieces.ApFixtures.take;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.flowruns.FlowRunsClient;
import io.github.flowruns.FlowRunsClients;
import io.github.flowruns.RunQuery;
import io.github.flowruns.Vendor;
import io.github.flowruns.spi.FlowRunsClientProvider;
import java.io.IOException;
import java.util.Map;
import java.util.ServiceLoader;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Building the client, by builder and by name through the ServiceLoader. */
class ActivepiecesClientSetupTest {
  private MockWebServer server;

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void theServiceLoaderFindsTheProvider() {
    boolean found = false;
    for (FlowRunsClientProvider p : ServiceLoader.load(FlowRunsClientProvider.class)) {
      found |= p instanceof ActivepiecesClientProvider && p.vendor() == Vendor.ACTIVEPIECES;
    }
    assertTrue(found);
  }

  @Test
  void flowRunsClientsCreatesAWorkingClientFromSettings() throws Exception {
    enqueueJson(server, 200, page(null, ApFixtures.run("a1")));

    try (FlowRunsClient client = FlowRunsClients.create(Vendor.ACTIVEPIECES, Map.of(
        "apiKey", "k-1", "projectId", "proj1", "baseUrl", server.url("/api").toString()))) {
      assertInstanceOf(ActivepiecesClient.class, client);
      assertEquals(Vendor.ACTIVEPIECES, client.vendor());
      assertEquals(1, client.listRuns(RunQuery.all()).stream().count());
    }

    RecordedRequest request = take(server);
    assertEquals("/api/v1/flow-runs", request.getUrl().encodedPath());
    assertEquals("projectId=proj1", request.getUrl().encodedQuery());
    assertEquals("Bearer k-1", request.getHeaders().get("Authorization"));
  }

  @Test
  void aMissingApiKeyFailsAtBuildNamingIt() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> FlowRunsClients.create(Vendor.ACTIVEPIECES, Map.of("projectId", "p")));

    assertTrue(e.getMessage().contains("apiKey"), e.getMessage());
    assertEquals(0, server.getRequestCount());
  }

  @Test
  void aKeyWithAControlCharacterIsRefusedAtBuild() {
    assertThrows(IllegalArgumentException.class,
        () -> ActivepiecesClient.builder().apiKey("abc\ndef").build());
  }

  @Test
  void theDefaultBaseUrlIsActivepiecesCloud() {
    try (ActivepiecesClient client = ActivepiecesClient.builder().apiKey("k").build()) {
      assertEquals("https://cloud.activepieces.com/api", client.baseUrl());
      assertEquals("https://cloud.activepieces.com/api", client.api().getApiClient().getBasePath());
    }
  }

  @Test
  void aTrailingSlashOnTheBaseUrlIsDropped() throws Exception {
    enqueueJson(server, 200, page(null));
    try (ActivepiecesClient client = ApFixtures.builder(server)
        .baseUrl(server.url("/api/").toString()).build()) {
      client.listRuns(RunQuery.all()).forEach(r -> { });
    }

    assertEquals("/api/v1/flow-runs", take(server).getUrl().encodedPath());
  }

  @Test
  void plainHttpToARemoteHostIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> ActivepiecesClient.builder().apiKey("k")
        .baseUrl("http://automation.example.com/api").build());
  }

  @Test
  void newBuilderDerivesAClientWithAnotherProject() throws Exception {
    enqueueJson(server, 200, page(null));
    try (ActivepiecesClient first = ApFixtures.client(server);
        ActivepiecesClient second = first.newBuilder().projectId("other").build()) {
      second.listRuns(RunQuery.all()).forEach(r -> { });
      assertEquals(ApFixtures.PROJECT, first.projectId());
    }

    assertEquals("projectId=other", take(server).getUrl().encodedQuery());
  }

  @Test
  void changingTheHandedOutApiDoesNotChangeTheClient() throws Exception {
    enqueueJson(server, 200, page(null));
    try (ActivepiecesClient client = ApFixtures.client(server)) {
      client.api().getApiClient().setBasePath("https://elsewhere.invalid/api");
      client.listRuns(RunQuery.all()).forEach(r -> { });
    }

    assertEquals("/api/v1/flow-runs", take(server).getUrl().encodedPath());
  }
}
