package dev.warp2api.pipeline;

import dev.warp2api.pool.Lease;
import java.time.Duration;

/**
 * What the pool is told about a credential after an attempt on it failed: the credential's share of
 * the failure, decided by {@link RetryPolicy#blame}. The pipeline applies it to the lease exactly
 * once.
 */
public sealed interface Blame {

  /** The account's quota ran out: it rests until its reset (and its quota is read again soon). */
  record QuotaExhausted() implements Blame {}

  /**
   * Warp is overloaded for this account: it cools down, for {@code retryAfter} when Warp said (else
   * null).
   */
  record Overloaded(Duration retryAfter) implements Blame {}

  /** Warp rejected the credential's token: it is set aside until an operator recovers it. */
  record AuthRejected() implements Blame {}

  /** Something broke on the way (5xx, a cut stream, a timeout): counts towards a short cooldown. */
  record Transient() implements Blame {}

  /**
   * The request or Warp's answer was at fault, not the credential: it is released as if it had
   * served.
   */
  record NotAtFault() implements Blame {}

  Blame QUOTA_EXHAUSTED = new QuotaExhausted();
  Blame AUTH_REJECTED = new AuthRejected();
  Blame TRANSIENT = new Transient();
  Blame NOT_AT_FAULT = new NotAtFault();

  /**
   * Gives {@code lease} the outcome this blame stands for (its one outcome); a quota is read again
   * soon.
   */
  default void applyTo(Lease lease, QuotaReader quotaReader) {
    switch (this) {
      case QuotaExhausted q -> {
        lease.quotaExhausted(null);
        quotaReader.readSoon(lease.credential().id());
      }
      case Overloaded o -> lease.overloaded(o.retryAfter());
      case AuthRejected a -> lease.authRejected();
      case Transient t -> lease.transientFailure();
      case NotAtFault n -> lease.released();
    }
  }
}
