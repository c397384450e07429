package io.github.flowruns.benchmarks;

import com.google.gson.reflect.TypeToken;
import com.google.gson.stream.JsonReader;
import io.github.flowruns.benchmarks.baseline.ActivepiecesPage;
import io.github.flowruns.benchmarks.baseline.FlowStackPage;
import io.github.flowruns.benchmarks.baseline.PatchworksPage;
import io.github.flowruns.benchmarks.baseline.StackAiRuns;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The two ways to read a list page: through the generated client's {@code JSON.deserialize(InputStream,
 * Type)} exactly as {@code ApiClient.deserialize} calls it on a response body, and through the
 * hand-written Gson streaming baseline from the same bytes (also decoded by an InputStreamReader).
 */
public final class Parsers {
  // The types the generated FlowRunsApi list operations pass as localVarReturnType.
  private static final Type PATCHWORKS = new TypeToken<io.github.flowruns.patchworks.model.FlowRunList>() {}.getType();
  private static final Type STACKAI = new TypeToken<List<io.github.flowruns.analytics.model.FlowRunSummary>>() {}.getType();
  private static final Type ACTIVEPIECES = new TypeToken<io.github.flowruns.activepieces.model.FlowRunPage>() {}.getType();
  private static final Type FLOWSTACK = new TypeToken<io.github.flowruns.flowstack.model.FlowRunPage>() {}.getType();

  private Parsers() {}

  public static io.github.flowruns.patchworks.model.FlowRunList patchworksSdk(byte[] body) throws IOException {
    return io.github.flowruns.patchworks.invoker.JSON.deserialize(new ByteArrayInputStream(body), PATCHWORKS);
  }

  public static List<io.github.flowruns.analytics.model.FlowRunSummary> stackAiSdk(byte[] body) throws IOException {
    return io.github.flowruns.analytics.invoker.JSON.deserialize(new ByteArrayInputStream(body), STACKAI);
  }

  public static io.github.flowruns.activepieces.model.FlowRunPage activepiecesSdk(byte[] body) throws IOException {
    return io.github.flowruns.activepieces.invoker.JSON.deserialize(new ByteArrayInputStream(body), ACTIVEPIECES);
  }

  public static io.github.flowruns.flowstack.model.FlowRunPage flowStackSdk(byte[] body) throws IOException {
    return io.github.flowruns.flowstack.invoker.JSON.deserialize(new ByteArrayInputStream(body), FLOWSTACK);
  }

  public static PatchworksPage patchworksBaseline(byte[] body) throws IOException {
    try (JsonReader in = reader(body)) {
      return PatchworksPage.read(in);
    }
  }

  public static List<StackAiRuns.Run> stackAiBaseline(byte[] body) throws IOException {
    try (JsonReader in = reader(body)) {
      return StackAiRuns.read(in);
    }
  }

  public static ActivepiecesPage activepiecesBaseline(byte[] body) throws IOException {
    try (JsonReader in = reader(body)) {
      return ActivepiecesPage.read(in);
    }
  }

  public static FlowStackPage flowStackBaseline(byte[] body) throws IOException {
    try (JsonReader in = reader(body)) {
      return FlowStackPage.read(in);
    }
  }

  private static JsonReader reader(byte[] body) {
    return new JsonReader(new InputStreamReader(new ByteArrayInputStream(body), StandardCharsets.UTF_8));
  }

  /** The benchmarked page of a vendor: 100 runs, the first page of a longer history. */
  public static byte[] fixture(Fixtures.Vendor vendor) {
    return Fixtures.page(vendor, 100, 0);
  }
}
