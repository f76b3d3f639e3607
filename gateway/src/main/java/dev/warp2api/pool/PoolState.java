package dev.warp2api.pool;

import dev.warp2api.config.CredentialSpec;
import dev.warp2api.config.Tier;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the pool persists, keyed by fingerprint. Leases in flight are not part of it.
 *
 * @param credentials one record per credential, in pool order
 * @param removed fingerprints of credentials removed through the admin API: a configured one of
 *     them stays out of the pool at later starts, until it is added again
 * @param removedAt when each of {@code removed} was removed, where known (a shared store needs it:
 *     a later add elsewhere wins over an earlier removal)
 */
public record PoolState(
    List<Stored> credentials, List<String> removed, Map<String, Instant> removedAt) {
  public PoolState {
    credentials = List.copyOf(credentials);
    removed = List.copyOf(removed);
    removedAt = Map.copyOf(removedAt);
  }

  /** A state whose removals carry no time (the file store keeps none). */
  public PoolState(List<Stored> credentials, List<String> removed) {
    this(credentials, removed, Map.of());
  }

  /** A state with nothing removed. */
  public PoolState(List<Stored> credentials) {
    this(credentials, List.of());
  }

  public static PoolState empty() {
    return new PoolState(List.of());
  }

  /**
   * One credential's persisted state. {@link #toString()} hides both secrets.
   *
   * @param fingerprint the key
   * @param name its name when last seen
   * @param tier its tier
   * @param kind refresh or access token
   * @param addedSecret the secret of a credential added at run time (null for configured ones,
   *     whose secret stays in {@code .env})
   * @param state its state
   * @param until end of cooling / exhausted, or null
   * @param authFailures consecutive refresh rejections
   * @param overloads consecutive overloads
   * @param transientFailures consecutive transient failures
   * @param requests leases granted
   * @param lastUsed last lease, or null
   * @param quota last quota reading, or null
   * @param accessToken cached access token, or null
   * @param since when it entered its state, or null when unknown (written before it was kept)
   * @param opAt when an operator last acted on it (recover, disable, add), or null: with several
   *     instances a later operator action wins over any state written before it
   */
  public record Stored(
      String fingerprint,
      String name,
      Tier tier,
      CredentialSpec.Kind kind,
      String addedSecret,
      CredentialState state,
      Instant until,
      int authFailures,
      int overloads,
      int transientFailures,
      long requests,
      Instant lastUsed,
      QuotaSnapshot quota,
      CachedAccessToken accessToken,
      Instant since,
      Instant opAt) {
    public Stored {
      Objects.requireNonNull(fingerprint, "fingerprint");
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(tier, "tier");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(state, "state");
    }

    /** A record without the times of its state and of the last operator action. */
    public Stored(
        String fingerprint,
        String name,
        Tier tier,
        CredentialSpec.Kind kind,
        String addedSecret,
        CredentialState state,
        Instant until,
        int authFailures,
        int overloads,
        int transientFailures,
        long requests,
        Instant lastUsed,
        QuotaSnapshot quota,
        CachedAccessToken accessToken) {
      this(
          fingerprint,
          name,
          tier,
          kind,
          addedSecret,
          state,
          until,
          authFailures,
          overloads,
          transientFailures,
          requests,
          lastUsed,
          quota,
          accessToken,
          null,
          null);
    }

    @Override
    public String toString() {
      return "Stored[" + name + ", fingerprint=" + fingerprint + ", state=" + state.label()
          + ", until=" + until
          + ", addedSecret=" + (addedSecret == null ? "none" : "██") + ", accessToken="
          + (accessToken == null ? "none" : "██") + "]";
    }
  }
}
