package io.github.flowruns.spi;

import io.github.flowruns.BulkResult;
import io.github.flowruns.Capabilities;
import io.github.flowruns.FlowRunsClient;
import io.github.flowruns.Paged;
import io.github.flowruns.RetryMode;
import io.github.flowruns.Run;
import io.github.flowruns.RunLog;
import io.github.flowruns.RunQuery;
import io.github.flowruns.RunStatus;
import io.github.flowruns.Vendor;
import io.github.flowruns.http.RequestOptions;
import java.util.Map;

/**
 * A vendor with no {@link Vendor} constant, known only through this provider (registered in
 * src/test/resources/META-INF/services): what a vendor module added later looks like to sdk-common.
 */
public final class ZetaProvider implements FlowRunsClientProvider {
  static final Vendor ZETA = Vendor.of("zeta", "Zeta", "sdk-zeta");
  static final Capabilities CAPABILITIES =
      Capabilities.builder().supports(Capabilities.Operation.LIST_RUNS).build();
  static final VendorDescriptor DESCRIPTOR = VendorDescriptor.builder(ZETA)
      .aliases("zeta-cloud")
      .defaultBaseUrl("https://api.zeta.example")
      .settings(VendorDescriptor.Setting.API_KEY, VendorDescriptor.Setting.BASE_URL,
          VendorDescriptor.Setting.required("tenantId", "Zeta tenant id."),
          VendorDescriptor.Setting.optional("clientSecret", "Zeta client secret.").asSecret())
      .credentialShapes("zt_[a-f0-9]{12,}")
      .runIdForm("TENANT/RUN")
      .simulator("flowstack")
      .capabilities(CAPABILITIES)
      .build();

  @Override
  public VendorDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public FlowRunsClient create(Map<String, String> settings) {
    String tenant = settings.get("tenantId");
    if (tenant == null) {
      throw new IllegalArgumentException("Zeta needs tenantId");
    }
    return new ZetaClient(tenant);
  }

  /** Lists nothing; only its identity matters to these tests. */
  private static final class ZetaClient implements FlowRunsClient {
    private final String tenant;

    ZetaClient(String tenant) {
      this.tenant = tenant;
    }

    @Override
    public Vendor vendor() {
      return ZETA;
    }

    @Override
    public Capabilities capabilities() {
      return CAPABILITIES;
    }

    @Override
    public Paged<Run> listRuns(RunQuery query, RequestOptions options) {
      throw unsupported();
    }

    @Override
    public Run getRun(String runId, RequestOptions options) {
      throw unsupported();
    }

    @Override
    public Run retryRun(String runId, RetryMode mode, RequestOptions options) {
      throw unsupported();
    }

    @Override
    public void stopRun(String runId, RequestOptions options) {
      throw unsupported();
    }

    @Override
    public Run triggerRun(String flowId, Map<String, ?> data, RequestOptions options) {
      throw unsupported();
    }

    @Override
    public Map<RunStatus, Long> countByStatus(RunQuery query, RequestOptions options) {
      throw unsupported();
    }

    @Override
    public BulkResult retryRuns(RunQuery query, RetryMode mode, RequestOptions options) {
      throw unsupported();
    }

    @Override
    public BulkResult stopRuns(RunQuery query, RequestOptions options) {
      throw unsupported();
    }

    @Override
    public Paged<RunLog> listLogs(String runId, RequestOptions options) {
      throw unsupported();
    }

    @Override
    public void close() {}

    @Override
    public String toString() {
      return "zeta client for " + tenant;
    }

    private static UnsupportedOperationException unsupported() {
      return new UnsupportedOperationException("Zeta test client");
    }
  }
}
