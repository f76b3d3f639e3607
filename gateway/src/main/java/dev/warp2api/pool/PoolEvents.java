package dev.warp2api.pool;

import java.time.Instant;

/**
 * A listener for pool transitions (metrics, dashboard). Implementations must be fast, must not
 * block and must never throw; they are called while the pool holds its lock, from any thread.
 */
public interface PoolEvents {
  /** Does nothing. */
  PoolEvents NONE = new PoolEvents() {};

  /**
   * A credential changed state.
   *
   * @param until the end of the new state (cooling / exhausted), or null
   * @param reason a short stable word ({@code overloaded}, {@code quota}, {@code probe_succeeded},
   *     ...)
   */
  default void transition(
      CredentialId id, CredentialState from, CredentialState to, Instant until, String reason) {}

  /** A lease was granted. */
  default void leased(CredentialId id, boolean probe) {}

  /**
   * A lease was completed with {@code outcome} ({@code succeeded}, {@code quota_exhausted}, ...).
   */
  default void completed(CredentialId id, String outcome) {}
}
