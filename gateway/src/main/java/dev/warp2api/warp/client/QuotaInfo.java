package dev.warp2api.warp.client;

import java.time.Instant;

/**
 * An account's base-plan credits as {@code GetRequestLimitInfo} reports them (docs/PROTOCOL.md,
 * 'Quota'). Bonus and add-on credits are not included.
 *
 * @param limit credits per period ({@code requestLimit})
 * @param used credits used this period ({@code requestsUsedSinceLastRefresh})
 * @param unlimited the plan has no base limit
 * @param nextRefresh when the period resets, as Warp says (never computed); null if Warp sent none
 * @param period {@code WEEKLY}, {@code EVERY_TWO_WEEKS} or {@code MONTHLY}; null if absent
 */
public record QuotaInfo(
    long limit, long used, boolean unlimited, Instant nextRefresh, String period) {

  /** Credits left: {@code max(0, limit - used)}, or {@link Long#MAX_VALUE} when unlimited. */
  public long remaining() {
    return unlimited ? Long.MAX_VALUE : Math.max(0, limit - used);
  }

  /**
   * {@link #remaining()}, except that once {@code nextRefresh} has passed the whole limit is
   * available again.
   */
  public long remainingAt(Instant now) {
    if (!unlimited && nextRefresh != null && !nextRefresh.isAfter(now)) {
      return limit;
    }
    return remaining();
  }
}
