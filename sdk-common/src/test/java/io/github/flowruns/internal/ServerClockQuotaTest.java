package io.github.flowruns.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.flowruns.http.RequestBudget;
import io.github.flowruns.http.RetryPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import okhttp3.Headers;
import org.junit.jupiter.api.Test;

/**
 * What a client's {@link BudgetGate} keeps of the vendor's rate-limit quota for waits, read
 * through its {@link ServerClock} (which lends it the vendor's clock). FlowStack sends
 * {@code X-RateLimit-Limit}, {@code X-RateLimit-Remaining} and {@code X-RateLimit-Reset} (Unix
 * seconds) on every answer (vendors.md).
 */
class ServerClockQuotaTest {
  static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
  final Clock fixed = Clock.fixed(NOW, ZoneOffset.UTC);
  final ServerClock clock = new ServerClock(fixed);
  final BudgetGate gate = new BudgetGate(RequestBudget.adaptive(), 0, null, fixed);

  ServerClockQuotaTest() {
    clock.budget(gate);        // as the client's Transport links them
    gate.serverClock(clock);
  }

  /** An answer, as the client sees it: its Date by the clock, its quota by the budget. */
  void observe(Headers headers) {
    clock.observe(headers);
    gate.answered(200, headers);
  }

  static Headers quota(String remaining, String reset) {
    Headers.Builder b = new Headers.Builder().add("X-RateLimit-Limit", "100");
    if (remaining != null) {
      b.add("X-RateLimit-Remaining", remaining);
    }
    if (reset != null) {
      b.add("X-RateLimit-Reset", reset);
    }
    return b.build();
  }

  static String epoch(Instant at) {
    return Long.toString(at.getEpochSecond());
  }

  @Test
  void aUsedUpQuotaIsAWaitUntilItsReset() {
    assertEquals(Duration.ZERO, clock.quotaWait(fixed));
    observe(quota("0", epoch(NOW.plusSeconds(20))));
    assertEquals(Duration.ofSeconds(20), clock.quotaWait(fixed));
    assertEquals(Duration.ofSeconds(5), clock.quotaWait(Clock.offset(fixed, Duration.ofSeconds(15))));
    assertEquals(Duration.ZERO, clock.quotaWait(Clock.offset(fixed, Duration.ofMinutes(1))));
  }

  @Test
  void anAnswerWithRequestsLeftClearsItAndOneThatSaysNothingKeepsIt() {
    observe(quota("0", epoch(NOW.plusSeconds(20))));
    observe(new Headers.Builder().add("Content-Type", "application/json").build());
    assertEquals(Duration.ofSeconds(20), clock.quotaWait(fixed));
    observe(quota("7", epoch(NOW.plusSeconds(20))));
    assertEquals(Duration.ZERO, clock.quotaWait(fixed));
  }

  @Test
  void theResetIsReadOnTheVendorsClock() {
    // The vendor's Date says 10 s later than this machine: its reset 20 s after its now is 20 s
    // away, not 30.
    observe(new Headers.Builder()
        .add("Date", DateTimeFormatter.RFC_1123_DATE_TIME.format(
            ZonedDateTime.ofInstant(NOW.plusSeconds(10), ZoneOffset.UTC)))
        .addAll(quota("0", epoch(NOW.plusSeconds(30)))).build());
    assertEquals(Duration.ofSeconds(20), clock.quotaWait(fixed));
  }

  @Test
  void hostileQuotaHeadersAreNoWaitOrABoundedOne() {
    String[] noWait = {"soon", "-5", "1e9", "", " ", "x".repeat(100)};
    for (String reset : noWait) {
      observe(quota("0", reset));
      assertEquals(Duration.ZERO, clock.quotaWait(fixed), reset);
    }
    observe(quota("0", null));
    assertEquals(Duration.ZERO, clock.quotaWait(fixed));
    observe(quota("0", "99999999999999999999"));
    assertEquals(RetryAfter.MAX_WAIT, clock.quotaWait(fixed));
    // A remaining count that is not a count says nothing.
    for (String remaining : new String[] {"lots", "-1", "1".repeat(40), "", "0x0"}) {
      observe(quota(remaining, epoch(NOW)));
      assertEquals(RetryAfter.MAX_WAIT, clock.quotaWait(fixed), remaining);
    }
    observe(quota("000", epoch(NOW.plusSeconds(3))));
    assertEquals(Duration.ofSeconds(3), clock.quotaWait(fixed));
  }

  @Test
  void waitsUseTheRetryPolicysClockSleeperAndJitterOnceKnown() throws Exception {
    assertEquals(Clock.systemUTC().getZone(), clock.waitClock().getZone());
    double r = clock.jitter();
    assertTrue(r >= 0 && r < 1);
    Clock policyClock = Clock.fixed(NOW.plusSeconds(99), ZoneOffset.UTC);
    Duration[] slept = new Duration[1];
    clock.retryPolicy(RetryPolicy.builder().clock(policyClock).sleeper(d -> slept[0] = d)
        .random(() -> 0.25).build());
    assertEquals(policyClock, clock.waitClock());
    clock.sleeper().sleep(Duration.ofSeconds(3));
    assertEquals(Duration.ofSeconds(3), slept[0]);
    assertEquals(0.25, clock.jitter(), 0.002);
  }
}
