package io.github.flowruns.internal;

import io.github.flowruns.http.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/** A clock that moves only when its sleeper sleeps, so retry tests never wait. */
final class VirtualTime extends Clock {
  final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-03-01T10:00:00Z"));
  final List<Duration> sleeps = new CopyOnWriteArrayList<>();

  final Sleeper sleeper = d -> {
    sleeps.add(d);
    now.updateAndGet(t -> t.plus(d));
  };

  void advance(Duration d) {
    now.updateAndGet(t -> t.plus(d));
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public Instant instant() {
    return now.get();
  }
}
