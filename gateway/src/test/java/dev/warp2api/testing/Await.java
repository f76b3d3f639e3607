package dev.warp2api.testing;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Bounded waits for tests: a condition that an asynchronous effect will make true, or a future's
 * outcome. Every wait has a limit in real time; none is a fixed delay.
 */
public final class Await {
  /** How long {@link #result} and {@link #failure} wait for a future. */
  public static final Duration FUTURE_LIMIT = Duration.ofSeconds(10);

  private Await() {}

  /**
   * Polls {@code condition} until it holds or {@code limit} passes.
   *
   * @return whether it held
   */
  public static boolean within(Duration limit, BooleanSupplier condition) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return true;
      }
      try {
        Thread.sleep(5); // polling interval of a bounded wait, not a fixed delay
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting", e);
      }
    }
    return condition.getAsBoolean();
  }

  /**
   * Polls {@code condition} until it holds; fails the test after {@code limit}.
   *
   * @param what what the condition means, for the failure message ("the state file is written")
   */
  public static void until(String what, Duration limit, BooleanSupplier condition) {
    if (!within(limit, condition)) {
      throw new AssertionError("timed out waiting until " + what);
    }
  }

  /**
   * The value {@code future} completes with; fails the test if it fails or takes over
   * {@link #FUTURE_LIMIT}.
   */
  public static <T> T result(Future<T> future) {
    try {
      return future
          .toCompletionStage()
          .toCompletableFuture()
          .get(FUTURE_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /**
   * The failure {@code future} fails with; fails the test if it succeeds or takes over
   * {@link #FUTURE_LIMIT}.
   */
  public static Throwable failure(Future<?> future) {
    try {
      future
          .toCompletionStage()
          .toCompletableFuture()
          .get(FUTURE_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("expected a failure, but the future succeeded");
  }
}
