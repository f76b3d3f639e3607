package dev.warp2api.pool;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The pool state other instances wrote to a shared store, as one instance reads it back: each
 * credential's record (secrets opened), the removals with their times, and the leases the others
 * granted.
 *
 * @param credentials one record per credential in the shared store
 * @param removed fingerprints removed through an admin API, with when
 * @param requestsElsewhere per fingerprint, the leases other instances granted
 * @param lastUsedElsewhere per fingerprint, the latest lease another instance granted
 */
public record SharedState(
    List<PoolState.Stored> credentials,
    Map<String, Instant> removed,
    Map<String, Long> requestsElsewhere,
    Map<String, Instant> lastUsedElsewhere) {
  public SharedState {
    credentials = List.copyOf(credentials);
    removed = Map.copyOf(removed);
    requestsElsewhere = Map.copyOf(requestsElsewhere);
    lastUsedElsewhere = Map.copyOf(lastUsedElsewhere);
  }
}
