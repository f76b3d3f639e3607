package dev.warp2api.pool;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * Where pool state lives between restarts. The embedded default is {@link FileStateStore}; a shared
 * (Redis) store can implement the same contract without touching the pool or the pipeline.
 *
 * <p>Threading: {@link #save} is called from event-loop threads while the pool holds its lock, so
 * it must not block: implementations hand the state to a background writer and may coalesce saves
 * (only the newest state needs to reach storage). {@link #load} is called once, at pool
 * construction, and may block.
 *
 * <p>Durability: {@link #save} is for the pool's own bookkeeping (counters, last-used, cooldowns),
 * whose loss in a crash is bounded by the store's coalescing. An operator's change (a credential
 * added or removed, a recovery) goes through {@link #saveDurably}, and is acknowledged only when
 * its future completes.
 */
public interface StateStore extends AutoCloseable {

  /** A store that keeps nothing (tests, {@code --offline} dry runs). */
  StateStore NONE = new StateStore() {
    @Override
    public PoolState load() {
      return PoolState.empty();
    }

    @Override
    public void save(PoolState state) {}

    @Override
    public CompletionStage<Void> saveDurably(PoolState state) {
      return CompletableFuture.completedFuture(null);
    }
  };

  /**
   * The last saved state; an empty state when there is none. A state that cannot be read is
   * reported and set aside by the store, never thrown: the pool then starts fresh.
   */
  PoolState load();

  /** Queues {@code state} for writing; never blocks, never throws. */
  void save(PoolState state);

  /**
   * Writes {@code state} (or a newer one) without waiting for the coalescing interval. Never
   * blocks, never throws: the returned stage completes once the state is durable (for a file:
   * written, fsync'd and renamed, and its directory fsync'd; for a shared store: acknowledged by
   * it), and completes exceptionally when it could not be made durable.
   */
  CompletionStage<Void> saveDurably(PoolState state);

  /** Blocks until every queued save is written (shutdown, tests). */
  default void flush() {}

  /**
   * Gives a shared store the pool's way in for state written by other instances; the store calls it
   * from its own threads (never while holding a lock the pool might wait for). Stores that share
   * nothing ignore it.
   */
  default void share(Consumer<SharedState> sink) {}

  /**
   * The lease slots shared with other instances ({@code W2A_MAX_CONCURRENCY_PER_CREDENTIAL} across
   * instances); empty for a store that shares nothing (the cap is then counted by the pool alone).
   */
  default Optional<SharedSlots> sharedSlots() {
    return Optional.empty();
  }

  /** Reachability, for {@code /readyz}'s detail and {@code /metrics}. */
  default StoreHealth health() {
    return StoreHealth.FILE;
  }

  /** Flushes and releases the writer. */
  @Override
  default void close() {
    flush();
  }
}
