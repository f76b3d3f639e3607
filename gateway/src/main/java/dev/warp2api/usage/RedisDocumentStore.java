package dev.warp2api.usage;

import dev.warp2api.pool.RedisTimeout;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClientOptions;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Documents in Redis under {@code <W2A_REDIS_PREFIX>doc:<name>}, shared by every instance. A
 * watched document is read every {@link #POLL_INTERVAL}; a value other than the one last seen is
 * handed to the watcher; one found missing (Redis restarted without its data) is written back from
 * what this instance last saw. Writes are whole documents (the last writer wins); every call is
 * bounded by {@link #CALL_TIMEOUT}, and none is made on a request's path.
 */
public final class RedisDocumentStore implements DocumentStore {
  static final Duration POLL_INTERVAL = Duration.ofSeconds(1);
  static final Duration CALL_TIMEOUT = Duration.ofSeconds(2);
  private static final Logger LOG = LoggerFactory.getLogger(RedisDocumentStore.class);

  private final Vertx vertx;
  private final Redis redis;
  private final String prefix;
  private final Map<String, String> lastSeen = new ConcurrentHashMap<>();
  private final Map<String, Consumer<String>> watchers = new ConcurrentHashMap<>();
  private volatile long timer = -1;
  private volatile boolean warned;

  public RedisDocumentStore(Vertx vertx, String url, String prefix) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.prefix = Objects.requireNonNull(prefix, "prefix");
    RedisOptions options = new RedisOptions().setConnectionString(url).setMaxPoolSize(2);
    options.setNetClientOptions(new NetClientOptions().setConnectTimeout(500).setTcpNoDelay(true));
    this.redis = Redis.createClient(vertx, options);
  }

  private String key(String name) {
    return prefix + "doc:" + name;
  }

  @Override
  public Optional<String> load(String name) {
    try {
      Response r = bounded(redis.send(Request.cmd(Command.GET).arg(key(name))))
          .toCompletionStage()
          .toCompletableFuture()
          .get(CALL_TIMEOUT.toMillis() + 500, TimeUnit.MILLISECONDS);
      String value = r == null ? null : r.toString();
      if (value != null) {
        lastSeen.put(name, value);
      }
      return Optional.ofNullable(value);
    } catch (Exception e) {
      LOG.warn("event=usage.redis_load_failed name={} error={}", name, e.toString());
      return Optional.empty();
    }
  }

  @Override
  public CompletionStage<Void> save(String name, String json) {
    lastSeen.put(name, json);
    return bounded(redis.send(Request.cmd(Command.SET).arg(key(name)).arg(json)))
        .<Void>mapEmpty()
        .onFailure(
            e -> LOG.warn("event=usage.redis_save_failed name={} error={}", name, e.toString()))
        .toCompletionStage();
  }

  @Override
  public synchronized void watch(String name, Consumer<String> sink) {
    watchers.put(name, sink);
    if (timer < 0) {
      timer = vertx.setPeriodic(POLL_INTERVAL.toMillis(), id -> poll());
    }
  }

  private void poll() {
    watchers.forEach((name, sink) -> bounded(redis.send(Request.cmd(Command.GET).arg(key(name))))
        .onSuccess(r -> {
          warned = false;
          String value = r == null ? null : r.toString();
          if (value == null) {
            restore(name);
            return;
          }
          if (!value.equals(lastSeen.get(name))) {
            lastSeen.put(name, value);
            sink.accept(value);
          }
        })
        .onFailure(e -> {
          if (!warned) {
            warned = true;
            LOG.warn("event=usage.redis_poll_failed name={} error={}", name, e.toString());
          }
        }));
  }

  /**
   * A watched document this instance has seen is gone: Redis came back without its data. Writes it
   * back unless another instance did first (documents are never deleted, only rewritten).
   */
  private void restore(String name) {
    String known = lastSeen.get(name);
    if (known == null) {
      return;
    }
    bounded(redis.send(Request.cmd(Command.SET).arg(key(name)).arg(known).arg("NX")))
        .onSuccess(r -> {
          if (r != null) {
            LOG.info("event=usage.document_restored name={}", name);
          }
        });
  }

  private <T> Future<T> bounded(Future<T> f) {
    return RedisTimeout.bounded(vertx, f, CALL_TIMEOUT);
  }

  @Override
  public void close() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    redis.close();
  }
}
