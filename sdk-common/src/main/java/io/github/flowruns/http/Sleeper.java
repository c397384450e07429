package io.github.flowruns.http;

import java.time.Duration;

/**
 * Waits between retries. Injectable through {@link RetryPolicy.Builder#sleeper(Sleeper)} so tests
 * can run retries in virtual time.
 *
 * <pre>{@code
 * List<Duration> waits = new ArrayList<>();
 * RetryPolicy policy = RetryPolicy.builder().sleeper(waits::add).build();   // never really waits
 * }</pre>
 */
@FunctionalInterface
public interface Sleeper {

  /**
   * Waits.
   *
   * @param duration how long, never negative
   * @throws InterruptedException if the thread is interrupted while waiting
   */
  void sleep(Duration duration) throws InterruptedException;

  /**
   * The real sleeper, {@link Thread#sleep(long)}.
   *
   * <pre>{@code Sleeper.system().sleep(Duration.ofMillis(5));}</pre>
   *
   * @return the system sleeper
   */
  static Sleeper system() {
    return d -> {
      if (!d.isZero() && !d.isNegative()) {
        Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000);
      }
    };
  }
}
