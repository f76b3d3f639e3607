package dev.warp2api.pipeline;

import io.vertx.core.Vertx;
import java.time.Duration;

/**
 * {@code W2A_UPSTREAM_BUDGET}: the time a call may spend before its first content, whatever mix of
 * waits, head timeouts and failovers fills it. One timer per call, started with the call and
 * stopped once content flows or the call ends. When it runs out before any content, the running
 * attempt (or the wait for a credential) ends and the call gives up as a timeout; once content
 * flows only the stream's silence limit applies, and a long answer is never cut by the budget.
 * Confined to the call's event loop.
 */
final class UpstreamBudget {
  private final Vertx vertx;
  private final Duration budget;
  private long timer = -1;
  private boolean spent;

  UpstreamBudget(Vertx vertx, Duration budget) {
    this.vertx = vertx;
    this.budget = budget;
  }

  /** Starts the clock; {@code onSpent} runs on the call's event loop when the budget runs out. */
  void start(Runnable onSpent) {
    timer = vertx.setTimer(Math.max(1, budget.toMillis()), id -> {
      timer = -1;
      spent = true;
      onSpent.run();
    });
  }

  /** Whether the budget has run out. */
  boolean spent() {
    return spent;
  }

  /** Stops the clock (content flows, or the call ended); idempotent. */
  void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
  }
}
