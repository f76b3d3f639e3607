package dev.warp2api.pool;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The right to make upstream calls with one credential, from {@link CredentialPool#acquire} until
 * the holder reports how it went.
 *
 * <p>Completion is exactly once: the first of {@link #succeeded}, {@link #quotaExhausted},
 * {@link #overloaded}, {@link #authRejected}, {@link #transientFailure} or {@link #released}
 * counts, later calls are ignored. A holder must complete every lease on every path (use
 * {@code released()} in a {@code finally} when no outcome is known), or the credential keeps one
 * in-flight slot.
 *
 * <p>Thread-safe: completion may happen on any thread. {@link #toString()} never shows the secret.
 */
public final class Lease {
  private final CredentialPool pool;
  private final Entry entry;
  private final long seq;
  private final boolean probe;
  private final AtomicBoolean done = new AtomicBoolean();
  private final Instant previousLastUsed;
  /** Gives back the lease's shared slot ({@link SharedSlots}), or null. */
  private volatile Runnable slot;

  Lease(CredentialPool pool, Entry entry, long seq, boolean probe, Instant previousLastUsed) {
    this.pool = pool;
    this.entry = entry;
    this.seq = seq;
    this.probe = probe;
    this.previousLastUsed = previousLastUsed;
  }

  /** The leased credential (id, tier, kind). */
  public Credential credential() {
    return entry.credential;
  }

  /**
   * The refresh token (or, for {@code ACCESS_TOKEN} credentials, the access token). This is the
   * only way to the secret; pass it to the token exchange and nowhere else, never log it.
   */
  public String secret() {
    return entry.secret;
  }

  /**
   * True when this lease is the one probe of an exhausted credential whose reset time has passed.
   */
  public boolean isProbe() {
    return probe;
  }

  /** The call succeeded: failure counts reset; a probe returns its credential to available. */
  public void succeeded() {
    complete(Outcome.SUCCEEDED, null, null);
  }

  /**
   * Warp said the quota is used up ({@code OUT_OF_CREDITS}, {@code quota_limit}): exhausted until
   * {@code resetAt}, or for {@code W2A_QUOTA_COOLDOWN} when it is null or already past.
   */
  public void quotaExhausted(Instant resetAtOrNull) {
    complete(Outcome.QUOTA_EXHAUSTED, resetAtOrNull, null);
  }

  /**
   * Overloaded or rate limited (429 without {@code OUT_OF_CREDITS}, 503): cooling for
   * clamp(retryAfter, or exponential backoff by consecutive overloads, min, max).
   */
  public void overloaded(Duration retryAfterOrNull) {
    complete(Outcome.OVERLOADED, null, retryAfterOrNull);
  }

  /**
   * The token exchange rejected the refresh token: failure count + 1; at the limit, auth_failed.
   */
  public void authRejected() {
    complete(Outcome.AUTH_REJECTED, null, null);
  }

  /**
   * A network error or 5xx that says nothing about the credential: counted, never disables; after
   * repeated ones in a row the credential rests for {@code W2A_COOLDOWN_MIN}.
   */
  public void transientFailure() {
    complete(Outcome.TRANSIENT, null, null);
  }

  /** Cancelled, no outcome: the slot is returned and nothing is recorded. */
  public void released() {
    complete(Outcome.RELEASED, null, null);
  }

  /** True once completed. */
  public boolean isDone() {
    return done.get();
  }

  long seq() {
    return seq;
  }

  Entry entry() {
    return entry;
  }

  private void complete(Outcome outcome, Instant resetAt, Duration retryAfter) {
    if (done.compareAndSet(false, true)) {
      pool.complete(this, outcome, resetAt, retryAfter);
      Runnable shared = slot;
      if (shared != null) {
        shared.run();
      }
    }
  }

  /** The credential's last lease before this one (restored if this one is withdrawn). */
  Instant previousLastUsed() {
    return previousLastUsed;
  }

  /** Set before the lease is handed out: run once when it completes. */
  void holdSlot(Runnable release) {
    this.slot = release;
  }

  /** Never handed out: completing it does nothing. */
  void withdrawn() {
    done.set(true);
  }

  @Override
  public String toString() {
    return "Lease[" + entry.credential.name() + (probe ? ", probe" : "") + "]";
  }

  enum Outcome {
    SUCCEEDED,
    QUOTA_EXHAUSTED,
    OVERLOADED,
    AUTH_REJECTED,
    TRANSIENT,
    RELEASED;

    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
