package dev.warp2api.sim;

import java.time.Duration;
import java.time.Instant;

/**
 * The live state of one simulated account: credits used in the current period, when the period
 * ends, whether its refresh token is revoked, how often it was refreshed.
 *
 * <p>Concurrency: every mutable field is guarded by {@code this}; methods are short and never
 * block. Period roll-over happens lazily whenever state is read or charged with a {@code now}.
 */
final class Account {
  final String refreshToken;
  final String label;
  final String fingerprint;
  final String userId;
  private final long limit;
  private long used;
  private Instant nextRefreshTime;
  private boolean revoked;
  private long refreshes;

  Account(SimAccountSpec spec, Instant start) {
    this.refreshToken = spec.refreshToken();
    this.label = spec.label();
    this.fingerprint = SimAccountSpec.fingerprint(spec.refreshToken());
    this.userId = userIdFor(spec.refreshToken());
    this.limit = spec.requestLimit();
    this.used = spec.used();
    this.nextRefreshTime = spec.nextRefreshTime() != null
        ? spec.nextRefreshTime()
        : start.plus(spec.resetAfter() != null ? spec.resetAfter() : SimAccountSpec.REFILL_PERIOD);
    this.revoked = spec.revoked();
  }

  /**
   * A stable Firebase-like uid (28 characters) derived from the token's hash, never the token
   * itself.
   */
  static String userIdFor(String refreshToken) {
    String h = SimAccountSpec.fingerprint(refreshToken)
        + SimAccountSpec.fingerprint(refreshToken + "#uid")
        + SimAccountSpec.fingerprint(refreshToken + "#uid2")
        + SimAccountSpec.fingerprint(refreshToken + "#uid3");
    return "sim" + h.substring(0, 25);
  }

  /** Outcome of {@link #charge}. */
  enum Charge {
    ACCEPTED,
    EXHAUSTED
  }

  /** Takes {@code credits} if any credit remains in the period of {@code now}. */
  synchronized Charge charge(long credits, Instant now) {
    roll(now);
    if (used >= limit) {
      return Charge.EXHAUSTED;
    }
    used += credits;
    return Charge.ACCEPTED;
  }

  synchronized boolean exhausted(Instant now) {
    roll(now);
    return used >= limit;
  }

  synchronized Snapshot snapshot(Instant now) {
    roll(now);
    return new Snapshot(limit, used, nextRefreshTime, revoked, refreshes);
  }

  synchronized void revoke() {
    revoked = true;
  }

  synchronized void setUsed(long newUsed) {
    used = newUsed;
  }

  /** Counts a refresh and says whether it is allowed. */
  synchronized boolean refresh() {
    if (revoked) {
      return false;
    }
    refreshes++;
    return true;
  }

  private void roll(Instant now) {
    if (!now.isBefore(nextRefreshTime)) {
      used = 0;
      long periods =
          Duration.between(nextRefreshTime, now).dividedBy(SimAccountSpec.REFILL_PERIOD) + 1;
      nextRefreshTime = nextRefreshTime.plus(SimAccountSpec.REFILL_PERIOD.multipliedBy(periods));
    }
  }

  /** A consistent view of the account at one instant. */
  record Snapshot(
      long limit, long used, Instant nextRefreshTime, boolean revoked, long refreshes) {}

  @Override
  public String toString() {
    return "Account[" + label + ", " + fingerprint + "]";
  }
}
