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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@link SharedCounters} in Redis hashes under {@code W2A_REDIS_PREFIX}. A batch is one script
 * call: it compares the batch's number with this instance's last one taken
 * ({@code <prefix>usage:seq:<instance>}), adds with {@code HINCRBY} only when the number is new,
 * and reads the hashes asked for, all atomically. One connection, so calls run in the order sent;
 * every call is bounded by {@link #CALL_TIMEOUT}.
 */
final class RedisCounters implements SharedCounters {
  static final Duration CALL_TIMEOUT = Duration.ofSeconds(2);

  /**
   * KEYS: this instance's sequence key, then the hashes to read, then the hashes to add to. ARGV:
   * seq, fresh (1/0), the sequence key's ttl in s, how many hashes to read, then per increment: the
   * index of its hash in KEYS, field, delta, ttl in s. Answers {status, hash read...}: status 1
   * taken, 0 taken before, -1 emptied (the sequence key is gone though not fresh: nothing added).
   */
  private static final String APPLY = """
      local seq = tonumber(ARGV[1])
      local last = redis.call('GET', KEYS[1])
      local status = 1
      if last then
        if tonumber(last) >= seq then status = 0 end
      elseif ARGV[2] ~= '1' then
        return {-1}
      end
      local reads = tonumber(ARGV[4])
      if status == 1 and #ARGV > 4 then
        for i = 5, #ARGV, 4 do
          local k = KEYS[tonumber(ARGV[i])]
          redis.call('HINCRBY', k, ARGV[i + 1], ARGV[i + 2])
          redis.call('EXPIRE', k, ARGV[i + 3])
        end
        redis.call('SET', KEYS[1], seq, 'EX', ARGV[3])
      elseif last then
        redis.call('EXPIRE', KEYS[1], ARGV[3])
      end
      local out = {status}
      for i = 2, reads + 1 do
        out[#out + 1] = redis.call('HGETALL', KEYS[i])
      end
      return out
      """;

  private final Vertx vertx;
  private final Redis redis;
  private final String prefix;
  private final String seqKey;
  private final long seqTtlSeconds;

  /**
   * @param instance this instance's name in the sequence key (random per start)
   * @param seqTtl how long the sequence key outlives this instance's last batch: longer than the
   *     counts it guards are kept
   */
  RedisCounters(Vertx vertx, String url, String prefix, String instance, Duration seqTtl) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.prefix = Objects.requireNonNull(prefix, "prefix");
    this.seqKey = prefix + "usage:seq:" + instance;
    this.seqTtlSeconds = Math.max(1, seqTtl.toSeconds());
    RedisOptions options = new RedisOptions().setConnectionString(url).setMaxPoolSize(1);
    options.setNetClientOptions(new NetClientOptions().setConnectTimeout(500).setTcpNoDelay(true));
    this.redis = Redis.createClient(vertx, options);
  }

  @Override
  public Future<Reply> apply(Batch batch, List<String> reads) {
    Map<String, Integer> index = new LinkedHashMap<>();
    List<String> keys = new ArrayList<>();
    keys.add(seqKey);
    reads.forEach(h -> keys.add(prefix + h));
    List<String> args = new ArrayList<>();
    args.add(Long.toString(batch.seq()));
    args.add(batch.fresh() ? "1" : "0");
    args.add(Long.toString(seqTtlSeconds));
    args.add(Integer.toString(reads.size()));
    for (Increment inc : batch.increments()) {
      Integer at = index.computeIfAbsent(inc.hash(), h -> {
        keys.add(prefix + h);
        return keys.size();
      });
      args.add(Integer.toString(at));
      args.add(inc.field());
      args.add(Long.toString(inc.delta()));
      args.add(Long.toString(Math.max(1, inc.ttlSeconds())));
    }
    Request eval = Request.cmd(Command.EVAL).arg(APPLY).arg(keys.size());
    keys.forEach(eval::arg);
    args.forEach(eval::arg);
    return bounded(redis.send(eval)).map(r -> {
      long status = r.get(0).toLong();
      if (status < 0) {
        return new Reply(true, List.of());
      }
      List<Map<String, Long>> out = new ArrayList<>();
      for (int i = 1; i < r.size(); i++) {
        out.add(hash(r.get(i)));
      }
      return new Reply(false, out);
    });
  }

  @Override
  public Future<List<Map<String, Long>>> read(List<String> hashes) {
    if (hashes.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    List<Request> batch = new ArrayList<>();
    hashes.forEach(h -> batch.add(Request.cmd(Command.HGETALL).arg(prefix + h)));
    return bounded(redis.batch(batch)).map(rs -> {
      List<Map<String, Long>> out = new ArrayList<>();
      rs.forEach(r -> out.add(hash(r)));
      return out;
    });
  }

  /** A hash as HGETALL answers it (a map, or a flat list of fields and values in a script). */
  private static Map<String, Long> hash(Response r) {
    Map<String, Long> out = new HashMap<>();
    if (r != null) {
      for (String field : r.getKeys()) {
        out.put(field, r.get(field).toLong());
      }
    }
    return out;
  }

  private <T> Future<T> bounded(Future<T> f) {
    return RedisTimeout.bounded(vertx, f, CALL_TIMEOUT);
  }

  @Override
  public void close() {
    redis.close();
  }
}
