package dev.warp2api.pipeline;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with full jitter: attempt {@code n} waits a random time up to {@code min(cap,
 * base * 2^n)}, but never less than half of it, so that retries of concurrent requests spread out
 * without collapsing to zero. Pure given its random source.
 */
public record Backoff(Duration base, Duration cap, DoubleSupplier random) {

  /**
   * 50 ms doubling to 2 s: short enough to stay inside a client's patience, long enough to let a
   * blip pass.
   */
  public static Backoff standard() {
    return new Backoff(Duration.ofMillis(50), Duration.ofSeconds(2), Math::random);
  }

  /** The delay before attempt {@code attempt} (0-based: the first retry is attempt 1). */
  public Duration nextDelay(int attempt) {
    if (attempt <= 0) {
      return Duration.ZERO;
    }
    long ceiling = Math.min(cap.toMillis(), base.toMillis() << Math.min(attempt - 1, 20));
    long half = ceiling / 2;
    return Duration.ofMillis(half + (long) (random.getAsDouble() * (ceiling - half)));
  }
}
