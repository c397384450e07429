package io.github.flowruns.benchmarks;

import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Random;

/**
 * Deterministic list-runs response bodies, one per vendor, shaped as each vendor's API sends them
 * (see {@code shared/design/vendors.md} and {@code specs/}). Same seed, same bytes: every run of a
 * benchmark parses exactly the same document.
 *
 * <p>Usage: {@code byte[] body = Fixtures.page(Vendor.ACTIVEPIECES, 100, 0);}
 */
public final class Fixtures {
  /** The vendors, named as in the facade. */
  public enum Vendor { PATCHWORKS, STACKAI, ACTIVEPIECES, FLOWSTACK }

  private static final Instant EPOCH = Instant.parse("2026-04-21T09:00:00Z");
  private static final DateTimeFormatter LARAVEL =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(java.time.ZoneOffset.UTC);
  private static final String ALNUM = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
  private static final String[] WORDS = {
    "order", "invoice", "customer", "shipment", "refund", "stock", "price", "sync", "webhook",
    "Shopify", "NetSuite", "Slack", "summary", "the", "of", "for", "new", "updated", "failed", "batch"};

  private Fixtures() {}

  /**
   * One list page of {@code runs} runs, page number {@code page} (0-based), as the vendor sends it.
   *
   * @param vendor which vendor's shape
   * @param runs runs on the page
   * @param page page index; runs on later pages are older and have other ids
   * @return the UTF-8 body
   */
  public static byte[] page(Vendor vendor, int runs, int page) {
    return pageJson(vendor, runs, page, runs, true).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * As {@link #page(Vendor, int, int)}, with paging fields for a run history of {@code total} runs
   * split in pages of {@code runs}.
   *
   * @param vendor which vendor's shape
   * @param runs runs on this page
   * @param page 0-based page index
   * @param total runs in the whole history
   * @return the body as text
   */
  public static String pageJson(Vendor vendor, int runs, int page, long total) {
    return pageJson(vendor, runs, page, total, (long) (page + 1) * runs < total);
  }

  private static String pageJson(Vendor vendor, int runs, int page, long total, boolean hasMore) {
    StringWriter text = new StringWriter(runs * 1024);
    try (JsonWriter out = new JsonWriter(text)) {
      Random random = new Random(31L * vendor.ordinal() + page);
      switch (vendor) {
        case PATCHWORKS -> patchworks(out, random, runs, page, total);
        case STACKAI -> stackAi(out, random, runs, page);
        case ACTIVEPIECES -> activepieces(out, random, runs, page, hasMore);
        case FLOWSTACK -> flowStack(out, random, runs, page, hasMore);
        default -> throw new AssertionError(vendor);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text.toString();
  }

  // Laravel resource collection, flat items (the documented shape).
  private static void patchworks(JsonWriter out, Random r, int runs, int page, long total) throws IOException {
    out.beginObject().name("data").beginArray();
    for (int i = 0; i < runs; i++) {
      long index = (long) page * runs + i;
      Instant started = EPOCH.minusSeconds(index * 37);
      int status = pickInt(r, 2, 2, 2, 2, 2, 2, 3, 3, 1, 4, 5);
      double duration = 200 + r.nextInt(90_000) + r.nextInt(1000) / 1000.0;
      out.beginObject()
          .name("id").value(48_000_000L - index)
          .name("name").value(words(r, 3, 6))
          .name("payload.id").value(token(r, 24))
          .name("steps.name").value(words(r, 2, 4))
          .name("status").value(status)
          .name("created_at").value(LARAVEL.format(started.minusMillis(150)))
          .name("updated_at").value(LARAVEL.format(started.plusMillis((long) duration + 40)))
          .name("flow_id").value(1200 + r.nextInt(40))
          .name("flow_version_id").value(9000 + r.nextInt(400))
          .name("virtual_environment_version").nullValue()
          .name("user_id").value(r.nextInt(4) == 0 ? null : (Number) (300 + r.nextInt(20)))
          .name("trigger").value(pick(r, "Schedule", "Schedule", "Webhook", "API", "Manual", "Event"))
          .name("summary").value(words(r, 8, 20))
          .name("started_at").value(LARAVEL.format(started))
          .name("finished_at").value(status == 1 ? null : LARAVEL.format(started.plusMillis((long) duration)))
          .name("duration").value(status == 1 ? null : (Number) duration)
          .name("retry_flow_run_id").value(r.nextInt(10) == 0 ? (Number) (48_000_000L - index - 500) : null)
          .name("retried_flow_run").beginArray().endArray()
          .name("has_warnings").value(r.nextInt(8) == 0)
          .name("flow_run_logs").beginArray().endArray()
          .name("cpu_time").value(String.format(java.util.Locale.ROOT, "%.3f", r.nextInt(50_000) / 1000.0))
          .name("payload_size").value(String.valueOf(r.nextInt(2_000_000)))
          .name("operations_sent").value(String.valueOf(r.nextInt(500)))
          .name("operations_received").value(String.valueOf(r.nextInt(500)))
          .name("score").value(String.valueOf(r.nextInt(101)))
          .name("starting_payload_count").value(1 + r.nextInt(250))
          .name("starting_payload_size").value(String.valueOf(r.nextInt(500_000)))
          .name("flow_steps_with_errors").value(status == 3 || status == 5 ? words(r, 2, 4) : null)
          .endObject();
    }
    out.endArray();
    long lastPage = Math.max(1, (total + runs - 1) / runs);
    String path = "https://core.wearepatchworks.com/api/v1/flow-runs";
    out.name("links").beginObject()
        .name("first").value(path + "?page=1")
        .name("last").value(path + "?page=" + lastPage)
        .name("prev").value(page == 0 ? null : path + "?page=" + page)
        .name("next").value(page + 1 >= lastPage ? null : path + "?page=" + (page + 2))
        .endObject();
    out.name("meta").beginObject()
        .name("current_page").value(page + 1)
        .name("from").value((long) page * runs + 1)
        .name("last_page").value(lastPage)
        .name("path").value(path)
        .name("per_page").value(runs)
        .name("to").value((long) page * runs + runs)
        .name("total").value(total)
        .endObject();
    out.endObject();
  }

  // A bare array of run summaries; no paging fields at all.
  private static void stackAi(JsonWriter out, Random r, int runs, int page) throws IOException {
    out.beginArray();
    for (int i = 0; i < runs; i++) {
      long index = (long) page * runs + i;
      String state = pick(r, "COMPLETED", "COMPLETED", "COMPLETED", "COMPLETED", "FAILED", "RESUMED", "PENDING", "CANCELLED");
      boolean completed = state.equals("COMPLETED");
      Boolean successful = completed ? Boolean.valueOf(r.nextInt(6) != 0) : state.equals("FAILED") ? Boolean.FALSE : null;
      int calls = 1 + r.nextInt(3);
      out.beginObject()
          .name("run_id").value(uuid(r))
          .name("conversation_id").value(r.nextBoolean() ? uuid(r) : null)
          .name("date").value(EPOCH.minusSeconds(index * 53).toString())
          .name("is_flow_successful").value(successful)
          .name("state").value(state)
          .name("error").value(Boolean.FALSE.equals(successful) ? "LLM node failed: " + words(r, 5, 12) : null)
          .name("latency").value(0.2 + r.nextInt(20_000) / 1000.0)
          .name("total_tokens").value(100 + r.nextInt(9000))
          .name("user_id").value("user_" + token(r, 10))
          .name("inputs").value("{\"in-0\": \"" + words(r, 8, 20) + "\"}")
          .name("outputs").value(completed ? "{\"out-0\": \"" + words(r, 12, 36) + "\"}" : null)
          .name("llms").value(pick(r, "gpt-4o-mini", "claude-3-5-sonnet", "gpt-4o,gpt-4o-mini"))
          .name("feedback").value(r.nextInt(10) == 0 ? "thumbs_up" : null)
          .name("run_type").value(pick(r, "api", "chat_assistant", "workflow_builder", "scheduled"))
          .name("ran_by_type").value(pick(r, "user", "org_api_key", "personal_api_key"))
          .name("ran_by_id").value(uuid(r))
          .name("ran_by_display_name").value(words(r, 2, 2));
      out.name("llm_usage").beginArray();
      for (int c = 0; c < calls; c++) {
        int in = 50 + r.nextInt(4000);
        int outTokens = 10 + r.nextInt(1000);
        out.beginObject()
            .name("provider").value(pick(r, "OpenAI", "Anthropic", "Azure"))
            .name("model_id").value(pick(r, "gpt-4o-mini", "claude-3-5-sonnet-20241022", "gpt-4o"))
            .name("tokens").value(in + outTokens)
            .name("input_tokens").value(in)
            .name("output_tokens").value(outTokens)
            .name("connection_id").value(r.nextBoolean() ? null : token(r, 12))
            .name("connection_origin").value(pick(r, "stack_ai", "external_db"))
            .name("is_local_model").value(false)
            .name("should_charge").value(r.nextBoolean())
            .endObject();
      }
      out.endArray().endObject();
    }
    out.endArray();
  }

  // {data, next, previous}; list items carry no step data (steps is null).
  private static void activepieces(JsonWriter out, Random r, int runs, int page, boolean hasMore) throws IOException {
    String projectId = "pRj8Kq2LmN4vXw9ZtY1aB";
    out.beginObject().name("data").beginArray();
    for (int i = 0; i < runs; i++) {
      long index = (long) page * runs + i;
      Instant created = EPOCH.minusSeconds(index * 41);
      String status = pick(r, "SUCCEEDED", "SUCCEEDED", "SUCCEEDED", "SUCCEEDED", "FAILED", "FAILED",
          "RUNNING", "PAUSED", "TIMEOUT", "INTERNAL_ERROR", "CANCELED", "QUEUED");
      boolean finished = !status.equals("RUNNING") && !status.equals("PAUSED") && !status.equals("QUEUED");
      Instant start = created.plusMillis(20 + r.nextInt(500));
      out.beginObject()
          .name("id").value(apId(r))
          .name("created").value(created.toString())
          .name("updated").value(created.plusMillis(3000 + r.nextInt(60_000)).toString())
          .name("projectId").value(projectId)
          .name("flowId").value("flow" + ALNUM.charAt((int) (index % 7)) + "Hq3kT9bXz1Lm4Wp")
          .name("flowVersionId").value(apId(r))
          .name("parentRunId").value(r.nextInt(10) == 0 ? apId(r) : null)
          .name("failParentOnFailure").value(true)
          .name("triggeredBy").value(r.nextInt(3) == 0 ? apId(r) : null)
          .name("tags").beginArray().value(pick(r, "prod", "billing", "crm")).endArray()
          .name("flowVersion").beginObject().name("displayName").value(words(r, 2, 5)).endObject()
          .name("logsFileId").value(finished ? apId(r) : null)
          .name("status").value(status)
          .name("startTime").value(status.equals("QUEUED") ? null : start.toString())
          .name("finishTime").value(finished ? start.plusMillis(100 + r.nextInt(30_000)).toString() : null)
          .name("environment").value("PRODUCTION");
      if (status.equals("PAUSED")) {
        out.name("pauseMetadata").beginObject()
            .name("type").value("WEBHOOK")
            .name("requestId").value(apId(r))
            .name("response").beginObject().endObject()
            .endObject();
      }
      out.name("steps").nullValue();
      if (status.equals("FAILED") || status.equals("TIMEOUT")) {
        out.name("failedStep").beginObject()
            .name("name").value("step_" + (1 + r.nextInt(8)))
            .name("displayName").value(words(r, 2, 4))
            .name("message").value(words(r, 6, 14))
            .endObject();
      }
      out.name("stepsCount").value(1 + r.nextInt(12))
          .name("archivedAt").nullValue()
          .endObject();
    }
    out.endArray()
        .name("next").value(hasMore ? "eyJpZCI6I" + token(r, 24) + "fQ==" : null)
        .name("previous").value(page == 0 ? null : "eyJpZCI6I" + token(r, 24) + "fQ==")
        .endObject();
  }

  // {data, cursor, hasMore}; list items are summaries without steps.
  private static void flowStack(JsonWriter out, Random r, int runs, int page, boolean hasMore) throws IOException {
    out.beginObject().name("data").beginArray();
    for (int i = 0; i < runs; i++) {
      long index = (long) page * runs + i;
      Instant start = EPOCH.minusSeconds(index * 29);
      String status = pick(r, "SUCCEEDED", "SUCCEEDED", "SUCCEEDED", "SUCCEEDED", "FAILED", "RUNNING");
      long duration = 100 + r.nextInt(30_000);
      int steps = 2 + r.nextInt(8);
      out.beginObject()
          .name("id").value("run_" + token(r, 12))
          .name("flowId").value("flow_abc" + (index % 5))
          .name("status").value(status)
          .name("duration").value(status.equals("RUNNING") ? null : (Number) duration)
          .name("triggerType").value(pick(r, "SCHEDULE", "WEBHOOK", "API", "MANUAL"))
          .name("startTime").value(start.toString())
          .name("finishTime").value(status.equals("RUNNING") ? null : start.plusMillis(duration).toString())
          .name("stepsCount").value(steps)
          .name("stepsSucceeded").value(status.equals("FAILED") ? steps - 1 - r.nextInt(steps - 1) : steps);
      if (status.equals("FAILED")) {
        out.name("error").beginObject()
            .name("step").value(words(r, 2, 4))
            .name("message").value(words(r, 6, 16))
            .endObject();
      }
      out.endObject();
    }
    out.endArray()
        .name("cursor").value(hasMore ? "eyJpZCI6I" + token(r, 20) + "fQ==" : null)
        .name("hasMore").value(hasMore)
        .endObject();
  }

  @SafeVarargs
  private static <T> T pick(Random r, T... values) {
    return values[r.nextInt(values.length)];
  }

  private static int pickInt(Random r, int... values) {
    return values[r.nextInt(values.length)];
  }

  private static String words(Random r, int min, int max) {
    int n = min + r.nextInt(max - min + 1);
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        text.append(' ');
      }
      text.append(WORDS[r.nextInt(WORDS.length)]);
    }
    return text.toString();
  }

  private static String token(Random r, int length) {
    StringBuilder text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      text.append(ALNUM.charAt(r.nextInt(ALNUM.length())));
    }
    return text.toString();
  }

  private static String apId(Random r) {
    return token(r, 21);
  }

  private static String uuid(Random r) {
    return new java.util.UUID(r.nextLong(), r.nextLong()).toString();
  }
}
