package io.github.flowruns.benchmarks.coldstart;

import io.github.flowruns.Page;
import io.github.flowruns.Run;
import io.github.flowruns.RunQuery;
import io.github.flowruns.activepieces.ActivepiecesClient;
import io.github.flowruns.benchmarks.ActivepiecesServer;

/**
 * Cold start through the SDK: a fresh JVM builds a client, reads the first page of runs and exits.
 * Timed as a whole process by {@code benchmarks/cold-start.sh}.
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar io.github.flowruns.benchmarks.coldstart.SdkFirstPage http://127.0.0.1:PORT/api}
 */
public final class SdkFirstPage {
  private SdkFirstPage() {}

  public static void main(String[] args) {
    try (ActivepiecesClient client = ActivepiecesClient.builder().apiKey("bench-key")
        .projectId(ActivepiecesServer.PROJECT_ID).baseUrl(args[0]).build()) {
      Page<Run> page = client.listRuns(RunQuery.builder().pageSize(ActivepiecesServer.PAGE_SIZE).build())
          .pages().iterator().next();
      System.out.println(page.items().size() + " runs, first " + page.items().get(0).id());
    }
  }
}
