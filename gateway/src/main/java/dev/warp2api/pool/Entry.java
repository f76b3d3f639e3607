package dev.warp2api.pool;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/**
 * The mutable state of one credential. Guarded by the owning {@link CredentialPool}'s lock; never
 * escapes it.
 */
final class Entry {
  final Credential credential;
  final String secret;
  final boolean addedAtRuntime;
  CredentialState state = CredentialState.AVAILABLE;
  Instant until;
  int authFailures;
  int overloads;
  int transientFailures;
  long requests;
  Instant lastUsed;
  QuotaSnapshot quota;
  CachedAccessToken accessToken;
  boolean probeOut;
  /**
   * Set by {@code recover()} on a credential it returned from auth_failed or disabled: the next
   * refresh verdict decides (a rejection makes it auth_failed at once). Not persisted.
   */
  boolean onTrial;
  /** For a {@code WARP_JWT} credential, its {@code exp}; null otherwise or when it has none. */
  Instant accessTokenExpiry;
  /** The highest lease sequence number granted before this entry last started cooling. */
  long coolingSince;
  /**
   * When it entered its state (null: unknown, restored from a store written before it was kept).
   */
  Instant since;
  /** When an operator last acted on it (recover, disable, add); null: never. */
  Instant opAt;
  /** Leases granted by other instances sharing the store (0 with the file store). */
  long requestsElsewhere;
  /** The latest lease granted by another instance sharing the store, or null. */
  Instant lastUsedElsewhere;

  final Set<Lease> leases = new HashSet<>();

  Entry(Credential credential, String secret, boolean addedAtRuntime) {
    this.credential = credential;
    this.secret = secret;
    this.addedAtRuntime = addedAtRuntime;
  }

  CredentialId id() {
    return credential.id();
  }

  boolean underCap(int maxConcurrency) {
    return maxConcurrency == 0 || leases.size() < maxConcurrency;
  }

  boolean leasable(int maxConcurrency) {
    return state == CredentialState.AVAILABLE && underCap(maxConcurrency);
  }

  /** Exhausted, its rest is over, and no probe is out: the next lease is its one probe. */
  boolean probeable(Instant now, int maxConcurrency) {
    return state == CredentialState.EXHAUSTED
        && until != null
        && !until.isAfter(now)
        && !probeOut
        && underCap(maxConcurrency);
  }

  /** A {@code WARP_JWT} past its {@code exp}: never refreshed, so never usable again. */
  boolean jwtExpired(Instant now) {
    return accessTokenExpiry != null && !accessTokenExpiry.isAfter(now);
  }

  boolean knownEmpty(Instant now) {
    return quota != null && quota.knownEmpty(now);
  }

  void resetFailures() {
    authFailures = 0;
    overloads = 0;
    transientFailures = 0;
  }

  /**
   * @param used false when the credential's tier is left out of the pool order: shown disabled, no
   *     until
   */
  CredentialView view(boolean used) {
    return new CredentialView(
        credential.name(),
        credential.tier(),
        credential.id().fingerprint(),
        used ? state : CredentialState.DISABLED,
        quota,
        authFailures + overloads + transientFailures,
        used ? until : null,
        lastUsedAnywhere(),
        requests + requestsElsewhere,
        leases.size());
  }

  Instant lastUsedAnywhere() {
    return lastUsed == null || lastUsedElsewhere != null && lastUsedElsewhere.isAfter(lastUsed)
        ? lastUsedElsewhere
        : lastUsed;
  }

  PoolState.Stored stored() {
    return new PoolState.Stored(
        id().fingerprint(),
        credential.name(),
        credential.tier(),
        credential.kind(),
        addedAtRuntime ? secret : null,
        state,
        until,
        authFailures,
        overloads,
        transientFailures,
        requests,
        lastUsed,
        quota,
        accessToken,
        since,
        opAt);
  }

  void restore(PoolState.Stored s) {
    state = s.state();
    until = s.until();
    authFailures = s.authFailures();
    overloads = s.overloads();
    transientFailures = s.transientFailures();
    requests = s.requests();
    lastUsed = s.lastUsed();
    quota = s.quota();
    accessToken = s.accessToken();
    since = s.since();
    opAt = s.opAt();
    if ((state == CredentialState.COOLING || state == CredentialState.EXHAUSTED) && until == null) {
      until = Instant.EPOCH;
    }
    if (state == CredentialState.AVAILABLE
        || state == CredentialState.AUTH_FAILED
        || state == CredentialState.DISABLED) {
      until = null;
    }
  }
}
