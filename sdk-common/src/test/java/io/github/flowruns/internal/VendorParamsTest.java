package io.github.flowruns.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.flowruns.RunQuery;
import io.github.flowruns.RunStatus;
import io.github.flowruns.Vendor;
import java.util.Map;
import okhttp3.Request;
import org.junit.jupiter.api.Test;

/** The one vendor-parameter policy: replace a same-named parameter, refuse the adapter's own. */
class VendorParamsTest {
  private static final VendorParams PARAMS = VendorParams.builder(Vendor.STACKAI)
      .paging("page", "page_size")
      .reservedWhen("state", q -> !q.statuses().isEmpty(), "the query also sets statuses")
      .readByAdapter("projectId")
      .build();

  @Test
  void aVendorParamReplacesEveryValueOfTheSameNameAndGoesAfterTheAdaptersOwn() {
    Request generated = new Request.Builder()
        .url("https://api.example.com/runs?status=FAILED&status=TIMEOUT&limit=10&sort=-id").build();

    Request sent = VendorParams.apply(generated, Map.of("status", "PAUSED"));

    assertEquals("limit=10&sort=-id&status=PAUSED", sent.url().encodedQuery());
  }

  @Test
  void withoutVendorParamsTheRequestIsUnchanged() {
    Request generated = new Request.Builder().url("https://api.example.com/runs?page=1").build();

    assertSame(generated, VendorParams.apply(generated, Map.of()));
  }

  @Test
  void pagingParametersAreRefusedNamingTheParameter() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PARAMS.check(RunQuery.builder().vendorParam("user_id", "u").vendorParam("page_size", "3").build()));

    assertEquals("StackAI vendorParam 'page_size' is set by paging; use RunQuery.pageSize and "
        + "Paged.resumeFrom instead", e.getMessage());
  }

  @Test
  void aConditionallyReservedParameterIsRefusedOnlyWhileTheQuerySetsItsFilter() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PARAMS.check(
        RunQuery.builder().statuses(RunStatus.FAILED).vendorParam("state", "PAUSED").build()));
    assertEquals("StackAI vendorParam 'state' conflicts with the query: the query also sets statuses",
        e.getMessage());

    assertEquals(Map.of("state", "PAUSED"),
        PARAMS.check(RunQuery.builder().vendorParam("state", "PAUSED").build()));
  }

  @Test
  void aParameterTheAdapterReadsItselfIsNotSentAsGiven() {
    Map<String, String> sent = PARAMS.check(RunQuery.builder().vendorParam("projectId", "p1")
        .vendorParam("includeArchived", "true").build());

    assertEquals(Map.of("includeArchived", "true"), sent);
  }
}
