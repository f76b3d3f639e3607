package dev.warp2api.pool;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock tests advance by hand. Thread-safe. */
final class FakeClock extends Clock {
  private volatile Instant now;

  FakeClock(Instant start) {
    this.now = start;
  }

  FakeClock() {
    this(Instant.parse("2026-11-21T10:00:00Z"));
  }

  synchronized void advance(Duration d) {
    now = now.plus(d);
  }

  void set(Instant instant) {
    now = instant;
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
