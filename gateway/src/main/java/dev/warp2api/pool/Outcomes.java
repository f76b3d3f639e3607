package dev.warp2api.pool;

import java.time.Duration;
import java.time.Instant;

/** What each lease outcome does to a credential's state. Called under the pool's lock. */
final class Outcomes {
  private Outcomes() {}

  static void apply(
      Entry e,
      Lease.Outcome outcome,
      Lease lease,
      Instant resetAt,
      Duration retryAfter,
      Instant now,
      PoolPolicy policy,
      Transitions t,
      long leaseSeq) {
    switch (outcome) {
      case SUCCEEDED -> {
        e.resetFailures();
        e.onTrial = false;
        if (lease.isProbe() && e.state == CredentialState.EXHAUSTED) {
          t.move(e, CredentialState.AVAILABLE, null, "probe_succeeded");
        }
      }
      case QUOTA_EXHAUSTED ->
        exhaust(e, resetAt, now, policy, t, lease.isProbe() ? "probe_quota" : "quota");
      case OVERLOADED -> {
        e.overloads++;
        Duration d =
            retryAfter != null ? policy.clampCooldown(retryAfter) : policy.backoff(e.overloads);
        cool(e, now.plus(d), now, leaseSeq, t, "overloaded");
      }
      case AUTH_REJECTED -> authRejected(e, policy, t);
      case TRANSIENT -> {
        e.transientFailures++;
        if (e.transientFailures % PoolPolicy.TRANSIENT_FAILURES_BEFORE_REST == 0) {
          cool(e, now.plus(policy.cooldownMin()), now, leaseSeq, t, "transient_failures");
        }
      }
      case RELEASED -> {}
    }
  }

  /**
   * The token exchange rejected the credential (in a lease or a maintenance refresh): one more
   * rejection; at {@code W2A_AUTH_FAILURES}, or at once when {@code recover()} has just returned it
   * from auth_failed or disabled, auth_failed.
   */
  static void authRejected(Entry e, PoolPolicy policy, Transitions t) {
    e.authFailures++;
    boolean onTrial = e.onTrial;
    e.onTrial = false;
    if ((onTrial || e.authFailures >= policy.authFailuresBeforeDisable())
        && e.state != CredentialState.DISABLED
        && e.state != CredentialState.AUTH_FAILED) {
      t.move(
          e,
          CredentialState.AUTH_FAILED,
          null,
          onTrial ? "recheck_rejected" : "auth_rejected_" + e.authFailures + "_times");
    }
  }

  /**
   * Exhausted until {@code resetAt} when it is in the future (not capped), else for the quota
   * cooldown.
   */
  static void exhaust(
      Entry e, Instant resetAt, Instant now, PoolPolicy policy, Transitions t, String reason) {
    if (e.state == CredentialState.DISABLED || e.state == CredentialState.AUTH_FAILED) {
      return;
    }
    Instant until =
        resetAt != null && resetAt.isAfter(now) ? resetAt : now.plus(policy.quotaCooldown());
    if (e.state == CredentialState.EXHAUSTED && resetAt == null && e.until.isAfter(until)) {
      return; // an unknown reset never shortens a known one
    }
    t.move(e, CredentialState.EXHAUSTED, until, reason);
  }

  /**
   * Cooling until {@code until}; an existing longer cooldown is kept. An exhausted credential (its
   * probe was overloaded) stays exhausted and probes again after the cooldown.
   */
  private static void cool(
      Entry e, Instant until, Instant now, long leaseSeq, Transitions t, String reason) {
    switch (e.state) {
      case AVAILABLE -> {
        e.coolingSince = leaseSeq;
        t.move(e, CredentialState.COOLING, until, reason);
      }
      case COOLING -> {
        if (until.isAfter(e.until)) {
          t.move(e, CredentialState.COOLING, until, reason);
        }
      }
      case EXHAUSTED -> {
        if (!e.until.isAfter(now)) {
          t.move(e, CredentialState.EXHAUSTED, until, reason);
        }
      }
      case AUTH_FAILED,
          DISABLED -> {} // set aside until an operator acts: a cooldown changes nothing
    }
  }
}
