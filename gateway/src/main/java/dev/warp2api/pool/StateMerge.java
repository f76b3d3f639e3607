package dev.warp2api.pool;

import java.time.Instant;
import java.util.Objects;

/**
 * How a credential's state written by another instance meets this instance's own: the one home of
 * that decision. Called under the pool's lock.
 *
 * <p>Rules, in order: (1) the record with the later operator action (recover, disable, add) wins
 * whole, so an operator's change is never undone by a state written before it; (2) a cooling or
 * exhausted state whose until had passed when the other state began has ended and loses (a probe
 * that succeeded after the reset); (3) the more restrictive state wins: disabled, auth_failed,
 * exhausted, cooling, available; (4) of two equal states the later until wins. Quota readings: the
 * later reading; cached access tokens: the later expiry (ties broken the same way on every
 * instance, so they agree instead of each writing its own back).
 */
final class StateMerge {
  private StateMerge() {}

  /** True when {@code remote} should replace {@code local}'s state (rules 1-4). */
  static boolean remoteWins(Entry local, PoolState.Stored remote) {
    Instant lo = local.opAt == null ? Instant.EPOCH : local.opAt;
    Instant ro = remote.opAt() == null ? Instant.EPOCH : remote.opAt();
    if (!ro.equals(lo)) {
      return ro.isAfter(lo);
    }
    if (local.state == remote.state() && Objects.equals(local.until, remote.until())) {
      return false;
    }
    if (ended(local.state, local.until, remote.since())) {
      return true;
    }
    if (ended(remote.state(), remote.until(), local.since)) {
      return false;
    }
    int byRank = rank(remote.state()) - rank(local.state);
    if (byRank != 0) {
      return byRank > 0;
    }
    return remote.until() != null && (local.until == null || remote.until().isAfter(local.until));
  }

  /**
   * Applies {@code remote} to {@code local}: its state when {@link #remoteWins}, the later quota
   * reading, the later-expiring access token.
   *
   * @return true when {@code local} now differs from {@code remote} in what is shared (this
   *     instance knows better: write it back)
   */
  static boolean apply(Entry local, PoolState.Stored remote, long leaseSeq, Transitions t) {
    if (remoteWins(local, remote)) {
      if (local.state != remote.state() || !Objects.equals(local.until, remote.until())) {
        if (remote.state() == CredentialState.COOLING && local.state != CredentialState.COOLING) {
          local.coolingSince = leaseSeq; // leases already out drain; none is granted while it cools
        }
        t.move(local, remote.state(), untilFor(remote), "shared");
      }
      local.since = remote.since();
      local.opAt = remote.opAt();
      local.authFailures = remote.authFailures();
      local.overloads = remote.overloads();
      local.transientFailures = remote.transientFailures();
    }
    if (remote.quota() != null && (local.quota == null || newer(remote.quota(), local.quota))) {
      local.quota = remote.quota();
    }
    CachedAccessToken token = remote.accessToken();
    if (token != null && (local.accessToken == null || newer(token, local.accessToken))) {
      local.accessToken = token;
    }
    return local.state != remote.state()
        || !Objects.equals(local.until, remote.until())
        || !Objects.equals(local.opAt, remote.opAt())
        || !Objects.equals(local.quota, remote.quota())
        || !Objects.equals(local.accessToken, remote.accessToken());
  }

  /**
   * The later reading; of two taken at the same instant, the one with more credits used. Both
   * instances must pick the same one, or each would write its own back at every poll.
   */
  private static boolean newer(QuotaSnapshot remote, QuotaSnapshot local) {
    int byTime = remote.readAt().compareTo(local.readAt());
    return byTime != 0 ? byTime > 0 : remote.used() > local.used();
  }

  /** The later expiry; of two expiring at the same instant, one picked the same way everywhere. */
  private static boolean newer(CachedAccessToken remote, CachedAccessToken local) {
    int byExpiry = remote.expiresAt().compareTo(local.expiresAt());
    return byExpiry != 0 ? byExpiry > 0 : remote.token().compareTo(local.token()) > 0;
  }

  private static Instant untilFor(PoolState.Stored s) {
    boolean timed = s.state() == CredentialState.COOLING || s.state() == CredentialState.EXHAUSTED;
    return timed ? (s.until() == null ? Instant.EPOCH : s.until()) : null;
  }

  /** A cooling or exhausted state that was over by {@code other}'s start. */
  private static boolean ended(CredentialState state, Instant until, Instant otherSince) {
    return (state == CredentialState.COOLING || state == CredentialState.EXHAUSTED)
        && until != null
        && otherSince != null
        && !until.isAfter(otherSince);
  }

  private static int rank(CredentialState s) {
    return switch (s) {
      case AVAILABLE -> 0;
      case COOLING -> 1;
      case EXHAUSTED -> 2;
      case AUTH_FAILED -> 3;
      case DISABLED -> 4;
    };
  }
}
