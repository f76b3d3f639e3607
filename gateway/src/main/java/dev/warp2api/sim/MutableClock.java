package dev.warp2api.sim;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link Clock} that only moves when told to. Tests hand it to the simulator (and to the gateway)
 * and call {@link #advance(Duration)} to expire tokens or pass a quota reset without sleeping.
 *
 * <p>Thread-safe: reads and updates are atomic; any thread may advance it.
 */
public final class MutableClock extends Clock {
  private final AtomicReference<Instant> now;
  private final ZoneId zone;

  public MutableClock(Instant start) {
    this(start, ZoneOffset.UTC);
  }

  private MutableClock(Instant start, ZoneId zone) {
    this.now = new AtomicReference<>(Objects.requireNonNull(start, "start"));
    this.zone = Objects.requireNonNull(zone, "zone");
  }

  private MutableClock(AtomicReference<Instant> shared, ZoneId zone) {
    this.now = shared;
    this.zone = zone;
  }

  /** A clock starting at a fixed, readable instant (2026-01-15T10:00:00Z). */
  public static MutableClock startingAtDefault() {
    return new MutableClock(Instant.parse("2026-01-15T10:00:00Z"));
  }

  /** Moves the clock forward. @throws IllegalArgumentException if {@code by} is negative */
  public Instant advance(Duration by) {
    Objects.requireNonNull(by, "by");
    if (by.isNegative()) {
      throw new IllegalArgumentException("advance by must not be negative, got " + by);
    }
    return now.updateAndGet(t -> t.plus(by));
  }

  /** Sets the clock to an instant (may go backwards, for tests of clock skew). */
  public void set(Instant instant) {
    now.set(Objects.requireNonNull(instant, "instant"));
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  /** A view with another zone that shares this clock's time. */
  @Override
  public Clock withZone(ZoneId zone) {
    return new MutableClock(now, zone);
  }

  @Override
  public String toString() {
    return "MutableClock[" + now.get() + "]";
  }
}
