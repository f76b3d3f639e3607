package dev.warp2api.pipeline;

import dev.warp2api.pool.CredentialId;
import dev.warp2api.pool.Lease;

/**
 * The one lease a call holds at a time, and the single place it gets its outcome: blamed (a failed
 * attempt), handed on to the completion (served), or released (cancelled or ended without an
 * attempt). Each path takes the lease away, so it can have only one outcome. Confined to the call's
 * event loop.
 */
final class HeldLease {
  private final QuotaReader quotaReader;
  private Lease lease;
  private boolean retriedSameCredential;

  HeldLease(QuotaReader quotaReader) {
    this.quotaReader = quotaReader;
  }

  /** A new lease is held; the call has not yet tried its credential again. */
  void hold(Lease granted) {
    lease = granted;
    retriedSameCredential = false;
  }

  /** The lease held now (null when none). */
  Lease current() {
    return lease;
  }

  /** The credential's name for logs, {@code -} when none is held. */
  String name() {
    return lease == null ? "-" : lease.credential().name();
  }

  /** Whether the held credential was already tried again after Warp rejected its access token. */
  boolean retriedSameCredential() {
    return retriedSameCredential;
  }

  /** The held credential is tried once more (after a 401 on a cached access token). */
  Lease retrySameCredential() {
    retriedSameCredential = true;
    return lease;
  }

  /**
   * Gives the lease the outcome {@code blame} stands for and lets it go.
   *
   * @return the blamed credential, or null when none was held
   */
  CredentialId blame(Blame blame) {
    Lease current = take();
    if (current == null) {
      return null;
    }
    blame.applyTo(current, quotaReader);
    return current.credential().id();
  }

  /** The lease, taken away for the completion to settle (null when none). */
  Lease serve() {
    return take();
  }

  /** Releases the lease unused (the call was cancelled or ended without an outcome for it). */
  void release() {
    Lease current = take();
    if (current != null) {
      current.released();
    }
  }

  private Lease take() {
    Lease current = lease;
    lease = null;
    return current;
  }
}
