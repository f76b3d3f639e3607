package dev.warp2api.api.responses;

import dev.warp2api.config.ResponseStoreLimits;
import dev.warp2api.pool.RedisStateStore;
import dev.warp2api.pool.SharedFeed;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stored responses in Redis, for every instance sharing it ({@code W2A_REDIS_URL}), through the
 * pool store's connections. Keys under {@code W2A_REDIS_PREFIX}: {@code response:<id>} (the
 * record's JSON, as in the state directory, with an expiry at the end of its time to live),
 * {@code responses} (sorted set: id by time stored) and {@code response-bytes} (hash: id to its
 * size, and {@code #total}), which bound what Redis keeps by the same
 * {@code W2A_RESPONSE_STORE_MAX} and {@code _MAX_BYTES} as each instance's own store (the oldest go
 * first), and a deletion {@link SharedFeed} ({@code feed:response-deletions}) through which the
 * instances drop their own copies of a response deleted elsewhere.
 *
 * <p>Writes never hold a request: a stored response is written after its answer, and a failed write
 * is only logged (once until Redis answers again). Reads are bounded by the caller's wait.
 */
final class SharedResponses implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SharedResponses.class);

  /** ARGV[1]: the prefix. Drops one response from the record, the index and the byte count. */
  private static final String DROP = """
      local p = ARGV[1]
      local idx, sizes = p .. 'responses', p .. 'response-bytes'
      local function drop(id)
        local b = tonumber(redis.call('HGET', sizes, id) or '0')
        redis.call('DEL', p .. 'response:' .. id)
        redis.call('ZREM', idx, id)
        if redis.call('HDEL', sizes, id) == 1 then
          redis.call('HINCRBY', sizes, '#total', -b)
        end
      end
      """;

  /**
   * ARGV: prefix, id, json, expiry in ms, stored at (ms), bytes, most entries, most bytes, the
   * stored-at time at or before which a response has expired.
   */
  private static final String PUT = DROP + """
      drop(ARGV[2])
      redis.call('SET', p .. 'response:' .. ARGV[2], ARGV[3], 'PX', ARGV[4])
      redis.call('ZADD', idx, ARGV[5], ARGV[2])
      redis.call('HSET', sizes, ARGV[2], ARGV[6])
      redis.call('HINCRBY', sizes, '#total', ARGV[6])
      for _, id in ipairs(redis.call('ZRANGEBYSCORE', idx, '-inf', ARGV[9])) do drop(id) end
      while redis.call('ZCARD', idx) > tonumber(ARGV[7])
          or tonumber(redis.call('HGET', sizes, '#total') or '0') > tonumber(ARGV[8]) do
        local oldest = redis.call('ZRANGE', idx, 0, 0)
        if #oldest == 0 then break end
        drop(oldest[1])
      end
      redis.call('PEXPIRE', idx, ARGV[4])
      redis.call('PEXPIRE', sizes, ARGV[4])
      return 1
      """;

  /** ARGV: prefix, id. */
  private static final String DELETE = DROP + """
      drop(ARGV[2])
      return 1
      """;

  private final Vertx vertx;
  private final RedisStateStore store;
  private final ResponseStoreLimits limits;
  private final SharedFeed deletions;
  private volatile boolean failing;

  /** @param deletedElsewhere hears the id of each response another instance deleted */
  SharedResponses(
      Vertx vertx,
      RedisStateStore store,
      ResponseStoreLimits limits,
      Consumer<String> deletedElsewhere) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.store = Objects.requireNonNull(store, "store");
    this.limits = Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(deletedElsewhere, "deletedElsewhere");
    this.deletions = new SharedFeed(
        vertx,
        store,
        "response-deletions",
        limits.maxEntries(),
        limits.ttl(),
        notes -> notes.forEach(n -> deletedElsewhere.accept(n.key())));
  }

  /** Writes {@code r} with what is left of its time to live at {@code now} (epoch ms). */
  void put(StoredResponse r, long now) {
    long left = r.storedAt() + limits.ttl().toMillis() - now;
    if (left <= 0) {
      return;
    }
    Request put = Request.cmd(Command.EVAL)
        .arg(PUT)
        .arg(0)
        .arg(store.key(""))
        .arg(r.id())
        .arg(new String(r.json(), StandardCharsets.UTF_8))
        .arg(left)
        .arg(r.storedAt())
        .arg(r.bytes())
        .arg(limits.maxEntries())
        .arg(limits.maxBytes())
        .arg(now - limits.ttl().toMillis());
    watched(store.send(put, RedisStateStore.CALL_TIMEOUT), "write");
  }

  /**
   * The record of {@code id} in Redis, if any, failed when Redis does not answer within wait; empty
   * at once while the pool's store knows Redis is away (nobody waits on an outage). A record not
   * there is looked for again a few times within {@link #NOT_THERE_YET} (and within the wait): the
   * instance that stored it writes it after the answer went out, and a client that asks another
   * instance at once can be quicker than that write.
   */
  Future<Optional<StoredResponse>> get(String id, Duration wait) {
    if (!store.health().reachable()) {
      return Future.succeededFuture(Optional.empty());
    }
    long deadline = System.nanoTime() + Math.min(wait.toNanos(), NOT_THERE_YET.toNanos());
    Promise<Optional<StoredResponse>> found = Promise.promise();
    read(id, wait, deadline, 5, found);
    return watched(found.future(), "read");
  }

  /** How long a record not found in Redis is looked for again. */
  static final Duration NOT_THERE_YET = Duration.ofMillis(200);

  private void read(
      String id,
      Duration wait,
      long deadline,
      long pauseMs,
      Promise<Optional<StoredResponse>> out) {
    Request get = Request.cmd(Command.GET).arg(store.key("response:" + id));
    store.send(get, wait).onComplete(ar -> {
      if (ar.failed()) {
        out.fail(ar.cause());
        return;
      }
      if (ar.result() != null) {
        out.complete(parse(ar.result().toBytes()));
        return;
      }
      long left = deadline - System.nanoTime();
      if (left < TimeUnit.MILLISECONDS.toNanos(pauseMs)) {
        out.complete(Optional.empty());
        return;
      }
      vertx.setTimer(pauseMs, t -> read(id, wait, deadline, pauseMs * 2, out));
    });
  }

  private static Optional<StoredResponse> parse(byte[] json) {
    try {
      return Optional.of(StoredResponse.parse(json));
    } catch (Exception e) {
      LOG.warn("event=responses.shared_record_unreadable error={}", e.getClass().getSimpleName());
      return Optional.empty();
    }
  }

  /**
   * Removes {@code id} from Redis and tells the other instances to drop their copies; completes
   * when Redis has removed it (failed when it did not in time).
   */
  Future<Void> delete(String id) {
    Request delete =
        Request.cmd(Command.EVAL).arg(DELETE).arg(0).arg(store.key("")).arg(id);
    deletions.publish(id, "");
    return watched(store.send(delete, RedisStateStore.CALL_TIMEOUT), "delete").mapEmpty();
  }

  /** {@code call}, its failure logged once until Redis answers again. */
  private <T> Future<T> watched(Future<T> call, String what) {
    return call.onComplete(ar -> {
      if (ar.failed()) {
        if (!failing) {
          failing = true;
          LOG.warn(
              "event=responses.shared_store_unreachable call={} error={} action=local_only",
              what,
              ar.cause().getClass().getSimpleName());
        }
      } else if (failing) {
        failing = false;
        LOG.info("event=responses.shared_store_reachable");
      }
    });
  }

  @Override
  public void close() {
    deletions.close();
  }
}
