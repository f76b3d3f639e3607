package dev.warp2api.pool;

import java.time.Instant;
import java.util.Objects;

/**
 * One reading of an account's quota ({@code GetRequestLimitInfo}): credits are {@code limit} per
 * period, {@code used} so far, refilled at {@code resetsAt}.
 *
 * @param limit credits per period ({@code requestLimit})
 * @param used credits used since the last refill ({@code requestsUsedSinceLastRefresh})
 * @param unlimited the plan has no limit ({@code isUnlimited})
 * @param resetsAt next refill ({@code nextRefreshTime}), or null when unknown
 * @param readAt when this reading was taken
 */
public record QuotaSnapshot(
    long limit, long used, boolean unlimited, Instant resetsAt, Instant readAt) {
  public QuotaSnapshot {
    if (limit < 0) {
      throw new IllegalArgumentException("limit must be >= 0, was " + limit);
    }
    if (used < 0) {
      throw new IllegalArgumentException("used must be >= 0, was " + used);
    }
    Objects.requireNonNull(readAt, "readAt");
  }

  /**
   * Credits left at {@code now}: the full limit once {@code resetsAt} has passed (as Warp's own
   * client reckons), {@link Long#MAX_VALUE} when unlimited.
   */
  public long remaining(Instant now) {
    if (unlimited) {
      return Long.MAX_VALUE;
    }
    if (resetsAt != null && !resetsAt.isAfter(now)) {
      return limit;
    }
    return Math.max(0, limit - used);
  }

  /** True when this reading says no credit is left at {@code now}. */
  public boolean knownEmpty(Instant now) {
    return remaining(now) == 0;
  }
}
