package io.github.flowruns.testing.internal;

import java.util.List;

/** The realistic names the seeded history draws from: flows, their steps, failure messages. */
public final class Catalogue {
  private Catalogue() {}

  record FlowDef(String name, List<String> steps) {}

  private static final List<FlowDef> FLOWS = List.of(
      new FlowDef("Sync Shopify orders to NetSuite",
          List.of("Fetch new orders", "Map order fields", "Upsert sales order", "Post summary to Slack")),
      new FlowDef("Nightly inventory export", List.of("Query warehouse stock", "Build CSV file", "Upload to SFTP")),
      new FlowDef("Lead enrichment",
          List.of("Read new HubSpot contacts", "Enrich with Clearbit", "Score lead", "Update contact")),
      new FlowDef("Invoice reminders",
          List.of("Find overdue invoices", "Render e-mail", "Send with SendGrid", "Log to Google Sheets", "Notify owner")),
      new FlowDef("Support ticket triage",
          List.of("Read Zendesk ticket", "Classify with GPT-4o", "Route to team", "Reply to customer")),
      new FlowDef("Refund approvals", List.of("Receive refund request", "Wait for approval", "Issue refund in Stripe")),
      new FlowDef("Payroll CSV import", List.of("Download payroll file", "Parse rows", "Create journal entries")),
      new FlowDef("Daily KPI digest", List.of("Query BigQuery", "Summarise metrics", "Send to Microsoft Teams")));

  /**
   * Failure messages. The one at {@link #TRICKY} holds a comma, a double quote and a newline, so that
   * CSV writers downstream are exercised; the first failed run of every history carries it.
   */
  static final List<String> MESSAGES = List.of(
      "Request failed with status code 503",
      "Connection timed out after 30000 ms",
      "Invalid value for field \"sku\", expected a string",
      "Rate limit exceeded, retry after 60 seconds",
      "Validation failed:\n- \"email\" is required,\n- \"amount\" must be positive",
      "channel_not_found: The specified channel does not exist",
      "Unexpected token < in JSON at position 0",
      "ECONNRESET: socket hang up",
      "Authentication failed for connection \"NetSuite (production)\", reconnect it");

  static final int TRICKY = 4;

  static final List<String> TAGS = List.of("finance", "nightly", "crm", "critical", "backfill", "invoices");

  public static String flowName(int flow) {
    FlowDef def = FLOWS.get(flow % FLOWS.size());
    return flow < FLOWS.size() ? def.name() : def.name() + " (" + (flow / FLOWS.size() + 1) + ")";
  }

  /** Display names of the steps of a flow, in order. */
  public static List<String> steps(int flow) {
    return FLOWS.get(flow % FLOWS.size()).steps();
  }
}
