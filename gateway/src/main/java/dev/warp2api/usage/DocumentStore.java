package dev.warp2api.usage;

import dev.warp2api.config.StoreSettings;
import io.vertx.core.Vertx;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * Where the named keys and the usage ledger live between restarts, one JSON document per name: a
 * file under {@code W2A_STATE_DIR} ({@link FileDocumentStore}), or Redis when {@code W2A_REDIS_URL}
 * is set ({@link RedisDocumentStore}) so that several instances share them. Nothing here is ever
 * written from a request's path.
 */
public interface DocumentStore extends AutoCloseable {

  /** Redis when {@code W2A_REDIS_URL} is set, else files in {@code W2A_STATE_DIR}. */
  static DocumentStore open(Vertx vertx, StoreSettings settings) {
    return settings.redisUrl() != null
        ? new RedisDocumentStore(vertx, settings.redisUrl(), settings.redisPrefix())
        : new FileDocumentStore(settings.stateDir());
  }

  /** Reads a document at start (may block); empty when there is none. */
  Optional<String> load(String name);

  /**
   * Writes a document off the caller's thread; the stage completes once it is durable and fails
   * when it could not be written. Never blocks, never throws.
   */
  CompletionStage<Void> save(String name, String json);

  /**
   * For a shared store: {@code sink} hears a document's new content when another instance changed
   * it (called from the store's own threads). Stores that share nothing ignore it.
   */
  default void watch(String name, Consumer<String> sink) {}

  /** Blocks until every queued write is done, then releases the store. */
  @Override
  void close();
}
