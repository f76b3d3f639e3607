package dev.warp2api.pipeline;

import java.time.Duration;

/**
 * What to do after a failed attempt.
 *
 * @param action retry on the same credential, fail over to another, or give up
 * @param delay how long to wait before the next attempt (zero for none)
 */
public record RetryDecision(Action action, Duration delay) {
  public enum Action { RETRY_SAME, FAILOVER, GIVE_UP }

  public static RetryDecision retrySame() {
    return new RetryDecision(Action.RETRY_SAME, Duration.ZERO);
  }

  public static RetryDecision failover(Duration delay) {
    return new RetryDecision(Action.FAILOVER, delay);
  }

  public static RetryDecision giveUp() {
    return new RetryDecision(Action.GIVE_UP, Duration.ZERO);
  }
}
