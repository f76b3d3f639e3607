package dev.warp2api.pool;

import io.vertx.core.Future;

/**
 * Lease slots counted across every instance sharing the store, so that
 * {@code W2A_MAX_CONCURRENCY_PER_CREDENTIAL} holds over all of them rather than per instance. The
 * pool still decides which credential; a slot is the shared count behind that decision. A slot
 * expires unless renewed while its lease runs, so an instance that dies without giving its slots
 * back holds them no longer than the expiry.
 */
public interface SharedSlots {
  /**
   * Takes one of {@code cap} slots of the credential {@code fingerprint} for the lease {@code id}.
   *
   * @return true when taken, false when all are held (by any instance); failed when the store did
   *     not answer in time ({@link RedisStateStore#REQUEST_PATH_TIMEOUT}): the caller then counts
   *     locally only
   */
  Future<Boolean> take(String fingerprint, String id, int cap);

  /**
   * Gives the slot back (also after a take whose answer never came: it may have been taken late).
   */
  void release(String fingerprint, String id);
}
