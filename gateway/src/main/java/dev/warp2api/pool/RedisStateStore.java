package dev.warp2api.pool;

import dev.warp2api.config.ConfigException;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClientOptions;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.ResponseType;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shared {@link StateStore}: several gateway instances keep one pool in Redis
 * ({@code W2A_REDIS_URL}), under {@code W2A_REDIS_PREFIX}. Secrets are sealed ({@link Sealer});
 * keys name credentials by fingerprint only.
 *
 * <p>Keys: {@code <prefix>creds} (set of fingerprints), {@code <prefix>cred:<fp>} (one credential's
 * record, the JSON of the file store's entries), {@code <prefix>removed} (hash: fingerprint to
 * removal time in ms), {@code <prefix>used:<fp>} (hash: {@code r:<instance>} leases granted and
 * {@code t:<instance>} last lease in ms, one pair per instance so counters add up without a
 * read-modify-write), {@code <prefix>lock:<name>} (locks), {@code <prefix>slots:<fp>} (lease slots:
 * the concurrency cap across instances, {@link SharedSlots}).
 *
 * <p>How changes travel: the request path never waits on Redis. {@link #save} only swaps the
 * pending state; a flush on the store's own event loop, {@link #FLUSH_DELAY} later, writes the
 * records that changed (each a compare-and-set against the value last seen, so no instance
 * overwrites what it has not read) in one pipelined batch. Every {@link #POLL_INTERVAL} the store
 * reads the whole shared state in one script call and hands it to the pool
 * ({@link CredentialPool#applyShared}), which merges it ({@link StateMerge}) and saves what it
 * knows better. So another instance's change is seen within about a poll interval plus a flush
 * delay; polling rather than pub/sub keeps one path for the normal case and for recovery after an
 * outage.
 *
 * <p>Redis away: every call is bounded ({@link #CALL_TIMEOUT}); a failure marks the store
 * unreachable (one warning, {@link #health()}), the pool keeps serving from what it knows, and
 * polls keep trying. When a poll succeeds again (one info line) the shared state is merged in and
 * this instance's state is written back.
 */
public final class RedisStateStore implements StateStore, SharedSlots {
  /** How often the shared state is read. */
  public static final Duration POLL_INTERVAL = Duration.ofMillis(250);
  /** How long saves are gathered before a flush. */
  public static final Duration FLUSH_DELAY = Duration.ofMillis(10);
  /**
   * How often, at most, a flush writes only this instance's lease counters ({@code used:<fp>}):
   * every request changes them, and a flush per {@link #FLUSH_DELAY} under load cost the gateway
   * about 5% of its CPU (a wake-up of the store's event loop and a Redis round trip each time).
   * While such a flush is held back, a record changed meanwhile goes with it (at most this much
   * later: another instance still sees a cooldown within about half a second); an operator's change
   * ({@link #saveDurably}) is written at once.
   */
  public static final Duration COUNTERS_INTERVAL = Duration.ofMillis(250);
  /** The longest a background call may take before Redis counts as unreachable. */
  public static final Duration CALL_TIMEOUT = Duration.ofSeconds(1);
  /** The longest the first read at start may take (the first connection, a busy host). */
  public static final Duration START_TIMEOUT = Duration.ofSeconds(5);
  /** The longest a request's path waits on Redis (a lock, a lease). */
  public static final Duration REQUEST_PATH_TIMEOUT = Duration.ofMillis(50);
  /** How long a lease slot lasts without renewal: what a killed instance's slot is held at most. */
  public static final Duration SLOT_TTL = Duration.ofSeconds(15);
  /** How often the slots of leases still running are renewed. */
  static final Duration SLOT_RENEWAL = Duration.ofSeconds(5);

  private static final Logger LOG = LoggerFactory.getLogger(RedisStateStore.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  private static final String READ_ALL = """
      local p = ARGV[1]
      local out = {redis.call('HGETALL', p .. 'removed')}
      for _, fp in ipairs(redis.call('SMEMBERS', p .. 'creds')) do
        out[#out + 1] = fp
        out[#out + 1] = redis.call('GET', p .. 'cred:' .. fp) or false
        out[#out + 1] = redis.call('HGETALL', p .. 'used:' .. fp)
      end
      return out
      """;
  /**
   * KEYS: record, set of fingerprints. ARGV: expected value ('' = none), new value, fingerprint.
   */
  private static final String COMPARE_AND_SET = """
      local cur = redis.call('GET', KEYS[1])
      if (cur or '') ~= ARGV[1] then return 0 end
      redis.call('SET', KEYS[1], ARGV[2])
      redis.call('SADD', KEYS[2], ARGV[3])
      return 1
      """;

  /**
   * KEYS: lock. ARGV: owner, ttl in ms. Taken when free, or already held by the same owner (an
   * earlier try whose answer came too late took it): 1; held by another: 0.
   */
  private static final String TAKE_LOCK = """
      if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 1 end
      if redis.call('GET', KEYS[1]) == ARGV[1] then
        redis.call('PEXPIRE', KEYS[1], ARGV[2])
        return 1
      end
      return 0
      """;

  /**
   * KEYS: the credential's slots (a sorted set of lease ids scored by expiry, in Redis's own time,
   * so the instances' clocks do not matter). ARGV: lease id, cap, ttl in ms. Drops the expired,
   * counts, adds: 1 taken, 0 full.
   */
  private static final String TAKE_SLOT = """
      local t = redis.call('TIME')
      local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
      redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
      if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then return 0 end
      redis.call('ZADD', KEYS[1], now + tonumber(ARGV[3]), ARGV[1])
      redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[3]) * 2)
      return 1
      """;
  /**
   * KEYS: slot sets. ARGV: ttl in ms, then one lease id per key. Extends each slot still held (one
   * that expired and may have been counted out is not brought back).
   */
  private static final String RENEW_SLOTS = """
      local t = redis.call('TIME')
      local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
      local ttl = tonumber(ARGV[1])
      for i, k in ipairs(KEYS) do
        local s = redis.call('ZSCORE', k, ARGV[i + 1])
        if s and tonumber(s) > now then
          redis.call('ZADD', k, now + ttl, ARGV[i + 1])
          redis.call('PEXPIRE', k, ttl * 2)
        end
      end
      return 1
      """;

  private static final String COMPARE_AND_DELETE = """
      if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
      return 0
      """;

  private final Vertx vertx;
  private final Context context;
  private final Redis redis;
  private final String prefix;
  private final Sealer sealer;
  private final Clock clock;
  private final String instance = randomHex(4);
  private final AtomicReference<PoolState> pending = new AtomicReference<>();
  /** The newest state saved, written back whole when Redis returns. */
  private volatile PoolState latest = PoolState.empty();
  /**
   * Per fingerprint, the record last seen in Redis (read or written): what a compare-and-set
   * expects.
   */
  private final Map<String, Known> known = new ConcurrentHashMap<>();
  /** Per fingerprint, the lease count last written for this instance. */
  private final Map<String, Long> usedWritten = new HashMap<>();

  private final Map<String, Long> removedWritten = new HashMap<>();
  private volatile Consumer<SharedState> sink;
  private volatile SharedState loaded;
  private volatile StoreHealth health;
  private final List<CompletableFuture<Void>> waiting = new ArrayList<>();
  private boolean flushScheduled;
  private boolean flushing;
  /** A flush was asked for while one was in flight: run again when it ends. */
  private boolean flushAgain;
  /**
   * When the lease counters were last written ({@link System#nanoTime}: the hold is a real wait, as
   * the timers are, whatever the pool's clock says).
   */
  private long countersWrittenAt = System.nanoTime() - COUNTERS_INTERVAL.toNanos();
  /** The timer of a flush held back to {@link #COUNTERS_INTERVAL}, or -1. */
  private long heldFlush = -1;

  private long pollTimer = -1;
  /** This instance's slots in Redis (key to lease ids), renewed every {@link #SLOT_RENEWAL}. */
  private final Map<String, Set<String>> slots = new ConcurrentHashMap<>();

  private long renewTimer = -1;
  private volatile boolean closed;

  private record Known(PoolState.Stored stored, String raw) {}

  /**
   * Connects lazily (the first call connects). {@link #load} then reads the shared state.
   *
   * @param url {@code redis://[user:pass@]host:port[/db]} or {@code rediss://}
   * @param prefix every key's prefix ({@code W2A_REDIS_PREFIX})
   * @param sealer seals the secrets (required: nothing secret stands in Redis in clear)
   */
  public RedisStateStore(Vertx vertx, String url, String prefix, Sealer sealer, Clock clock) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.prefix = Objects.requireNonNull(prefix, "prefix");
    this.sealer = Objects.requireNonNull(sealer, "sealer");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.context = vertx.getOrCreateContext();
    RedisOptions options = new RedisOptions()
        .setConnectionString(url)
        .setMaxPoolSize(8)
        .setMaxPoolWaiting(256)
        .setMaxWaitingHandlers(4096)
        .setPoolRecycleTimeout(15_000);
    options.setNetClientOptions(new NetClientOptions().setConnectTimeout(500).setTcpNoDelay(true));
    this.redis = Redis.createClient(vertx, options);
    this.health = new StoreHealth("redis", true, clock.instant());
  }

  /** The id this instance writes its lease counters under. */
  String instance() {
    return instance;
  }

  /**
   * Reads the shared state at start. Redis unreachable: a warning, and the pool starts from its
   * configuration (it is written back when Redis returns).
   *
   * @throws ConfigException when a secret in Redis is sealed under a key this instance does not
   *     have
   */
  @Override
  public PoolState load() {
    try {
      List<Object> raw = readAll(START_TIMEOUT)
          .toCompletionStage()
          .toCompletableFuture()
          .get(10, TimeUnit.SECONDS);
      SharedState shared = decode(raw, true);
      loaded = shared;
      List<String> removed = new ArrayList<>(shared.removed().keySet());
      return new PoolState(shared.credentials(), removed, shared.removed());
    } catch (ExecutionException e) {
      if (e.getCause() instanceof ConfigException config) {
        throw config;
      }
      down(e.getCause());
    } catch (TimeoutException e) {
      down(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      down(e);
    }
    return PoolState.empty();
  }

  @Override
  public void share(Consumer<SharedState> pool) {
    this.sink = pool;
    SharedState first = loaded;
    if (first != null) {
      pool.accept(first);
    }
    context.runOnContext(v -> {
      pollTimer = vertx.setPeriodic(POLL_INTERVAL.toMillis(), id -> poll());
      renewTimer = vertx.setPeriodic(SLOT_RENEWAL.toMillis(), id -> renewSlots());
    });
  }

  @Override
  public void save(PoolState state) {
    latest = state;
    // Only the save that finds nothing pending asks for a flush: the pool saves on every lease,
    // under its lock, and a task handed to the store's event loop each time (waking it up) made
    // the other event loops wait for that lock. A pending state is always flushed later: by the
    // flush already asked for, the one in flight, or the poll that finds Redis back.
    if (pending.getAndSet(state) == null) {
      context.runOnContext(v -> scheduleFlush());
    }
  }

  /** Acknowledged once Redis has it; fails at once while Redis cannot be reached. */
  @Override
  public CompletionStage<Void> saveDurably(PoolState state) {
    latest = state;
    pending.set(state);
    return written();
  }

  /** Completes once everything saved so far has been written to Redis. */
  private CompletableFuture<Void> written() {
    CompletableFuture<Void> done = new CompletableFuture<>();
    if (!health.reachable()) {
      done.completeExceptionally(new IllegalStateException("Redis cannot be reached"));
      return done;
    }
    context.runOnContext(v -> {
      waiting.add(done);
      if (heldFlush >= 0) { // someone waits: the counters go now, with the rest
        vertx.cancelTimer(heldFlush);
        heldFlush = -1;
        flushScheduled = false;
      }
      scheduleFlush();
    });
    return done;
  }

  @Override
  public StoreHealth health() {
    return health;
  }

  @Override
  public void flush() {
    try {
      written().get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.warn("event=store.flush_failed store=redis error={}", e.getClass().getSimpleName());
    }
  }

  @Override
  public void close() {
    if (health.reachable()) {
      flush();
    }
    closed = true;
    CompletableFuture<Void> stopped = new CompletableFuture<>();
    context.runOnContext(v -> {
      if (pollTimer >= 0) {
        vertx.cancelTimer(pollTimer);
      }
      if (renewTimer >= 0) {
        vertx.cancelTimer(renewTimer);
      }
      if (heldFlush >= 0) { // left only when Redis was away at close: nothing more to write
        vertx.cancelTimer(heldFlush);
        heldFlush = -1;
      }
      redis.close().onComplete(ar -> stopped.complete(null));
    });
    try {
      stopped.get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      // closing anyway
    }
  }

  // ---- locks and shared tokens (the request path: bounded by REQUEST_PATH_TIMEOUT) ----

  /**
   * Tries to take the lock {@code name} for {@code ttl}: the owner token when taken, empty when
   * someone holds it. Fails when Redis does not answer within {@link #REQUEST_PATH_TIMEOUT} (the
   * caller then goes on alone).
   */
  public Future<Optional<String>> tryLock(String name, Duration ttl) {
    return tryLock(name, ttl, REQUEST_PATH_TIMEOUT);
  }

  /** As {@link #tryLock(String, Duration)}, waiting at most {@code wait} for Redis's answer. */
  public Future<Optional<String>> tryLock(String name, Duration ttl, Duration wait) {
    String owner = lockOwner();
    return tryLock(name, owner, ttl, wait)
        .map(taken -> taken ? Optional.of(owner) : Optional.empty());
  }

  /** A new owner token for {@link #tryLock(String, String, Duration, Duration)}. */
  public String lockOwner() {
    return instance + "-" + randomHex(6);
  }

  /**
   * Tries to take the lock {@code name} for {@code owner}: true when taken now or already held by
   * {@code owner}, so a caller whose earlier try was not answered in time may try again with the
   * same owner instead of waiting out a lock it took unknowingly.
   */
  public Future<Boolean> tryLock(String name, String owner, Duration ttl, Duration wait) {
    Request take = Request.cmd(Command.EVAL)
        .arg(TAKE_LOCK)
        .arg(1)
        .arg(prefix + "lock:" + name)
        .arg(owner)
        .arg(ttl.toMillis());
    return bounded(redis.send(take), wait).map(r -> r != null && r.toLong() == 1);
  }

  /**
   * Releases {@code name} if {@code owner} still holds it (compare-and-delete: an expired lock
   * taken since stays).
   */
  public Future<Boolean> unlock(String name, String owner) {
    Request del = Request.cmd(Command.EVAL)
        .arg(COMPARE_AND_DELETE)
        .arg(1)
        .arg(prefix + "lock:" + name)
        .arg(owner);
    return bounded(redis.send(del), CALL_TIMEOUT).map(r -> r != null && r.toLong() == 1);
  }

  /** The access token another instance stored for {@code fingerprint}, read now from Redis. */
  public Future<Optional<CachedAccessToken>> sharedToken(String fingerprint) {
    return sharedToken(fingerprint, REQUEST_PATH_TIMEOUT);
  }

  /** As {@link #sharedToken(String)}, waiting at most {@code wait} for Redis's answer. */
  public Future<Optional<CachedAccessToken>> sharedToken(String fingerprint, Duration wait) {
    return bounded(redis.send(Request.cmd(Command.GET).arg(prefix + "cred:" + fingerprint)), wait)
        .map(r -> {
          if (r == null) {
            return Optional.empty();
          }
          try {
            return Optional.ofNullable(
                StateCodec.decodeOne(r.toString(), sealer).accessToken());
          } catch (Exception e) {
            return Optional.empty();
          }
        });
  }

  // ---- what else is shared through this store's connections ----

  /** {@code name} under this store's prefix ({@code W2A_REDIS_PREFIX}). */
  public String key(String name) {
    return prefix + name;
  }

  /**
   * Sends one command for a component that shares more than the pool through this store's
   * connections (conversation affinity, stored responses), failed when Redis does not answer within
   * {@code limit}. It leaves {@link #health()} alone: the store's own polls decide that.
   */
  public Future<Response> send(Request request, Duration limit) {
    return bounded(redis.send(request), limit);
  }

  // ---- lease slots (W2A_MAX_CONCURRENCY_PER_CREDENTIAL across instances) ----

  @Override
  public Optional<SharedSlots> sharedSlots() {
    return Optional.of(this);
  }

  @Override
  public Future<Boolean> take(String fingerprint, String id, int cap) {
    String key = prefix + "slots:" + fingerprint;
    String member = instance + ":" + id;
    Request take = Request.cmd(Command.EVAL)
        .arg(TAKE_SLOT)
        .arg(1)
        .arg(key)
        .arg(member)
        .arg(cap)
        .arg(SLOT_TTL.toMillis());
    // Counted as held before the answer: a late answer may have taken it, and release frees it.
    slots.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(member);
    return bounded(redis.send(take), REQUEST_PATH_TIMEOUT).map(r -> {
      boolean taken = r != null && r.toLong() == 1;
      if (!taken) {
        forget(key, member);
      }
      return taken;
    });
  }

  @Override
  public void release(String fingerprint, String id) {
    String key = prefix + "slots:" + fingerprint;
    String member = instance + ":" + id;
    forget(key, member);
    bounded(redis.send(Request.cmd(Command.ZREM).arg(key).arg(member)), CALL_TIMEOUT)
        .onFailure(e -> LOG.debug(
            "event=store.slot_release_failed store=redis fingerprint={} error={} action=expires",
            fingerprint,
            e.getClass().getSimpleName()));
  }

  private void forget(String key, String member) {
    slots.computeIfPresent(key, (k, ids) -> {
      ids.remove(member);
      return ids.isEmpty() ? null : ids;
    });
  }

  /** Extends the slots of this instance's leases still running (a long stream keeps its slot). */
  private void renewSlots() {
    if (slots.isEmpty() || closed) {
      return;
    }
    Request renew = Request.cmd(Command.EVAL).arg(RENEW_SLOTS);
    List<String> keys = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    slots.forEach((key, members) -> members.forEach(m -> {
      keys.add(key);
      ids.add(m);
    }));
    if (keys.isEmpty()) {
      return;
    }
    renew.arg(keys.size());
    keys.forEach(renew::arg);
    renew.arg(SLOT_TTL.toMillis());
    ids.forEach(renew::arg);
    bounded(redis.send(renew), CALL_TIMEOUT).onFailure(this::down);
  }

  // ---- writing ----

  private void scheduleFlush() {
    if (flushScheduled || closed) {
      return;
    }
    flushScheduled = true;
    vertx.setTimer(FLUSH_DELAY.toMillis(), id -> {
      flushScheduled = false;
      flush0();
    });
  }

  private void flush0() {
    if (flushing) {
      flushAgain = true; // a timer is not set here: the flush in flight schedules the next one
      return;
    }
    List<CompletableFuture<Void>> acks = List.copyOf(waiting);
    waiting.clear();
    if (!health
        .reachable()) { // the polls find out when it is back; the pending state waits for that
      IllegalStateException away = new IllegalStateException("Redis cannot be reached");
      acks.forEach(a -> a.completeExceptionally(away));
      return;
    }
    PoolState state = pending.getAndSet(null);
    if (state == null) {
      acks.forEach(a -> a.complete(null));
      return;
    }
    List<Request> batch = new ArrayList<>();
    List<Runnable> onSuccess = new ArrayList<>();
    int counters = 0; // of the batch, writes of this instance's lease counters
    Instant now = clock.instant();
    for (PoolState.Stored s : state.credentials()) {
      String fp = s.fingerprint();
      PoolState.Stored shared = sharedPart(s);
      Known k = known.get(fp);
      if (k == null || !k.stored().equals(shared)) {
        String raw = StateCodec.encodeOne(shared, sealer);
        batch.add(Request.cmd(Command.EVAL)
            .arg(COMPARE_AND_SET)
            .arg(2)
            .arg(prefix + "cred:" + fp)
            .arg(prefix + "creds")
            .arg(k == null ? "" : k.raw())
            .arg(raw)
            .arg(fp));
        onSuccess.add(() -> known.put(fp, new Known(shared, raw)));
      } else {
        onSuccess.add(null);
      }
      Long used = usedWritten.get(fp);
      if (used == null ? s.requests() != 0 : used != s.requests()) {
        Request hset = Request.cmd(Command.HSET)
            .arg(prefix + "used:" + fp)
            .arg("r:" + instance)
            .arg(s.requests());
        if (s.lastUsed() != null) {
          hset.arg("t:" + instance).arg(s.lastUsed().toEpochMilli());
        }
        batch.add(hset);
        counters++;
        long requests = s.requests();
        onSuccess.add(() -> usedWritten.put(fp, requests));
      }
    }
    for (String fp : state.removed()) {
      Instant at = state.removedAt().getOrDefault(fp, now);
      Long written = removedWritten.get(fp);
      if (written == null || written != at.toEpochMilli()) {
        batch.add(Request.cmd(Command.HSET).arg(prefix + "removed").arg(fp).arg(at.toEpochMilli()));
        batch.add(Request.cmd(Command.DEL).arg(prefix + "cred:" + fp));
        batch.add(Request.cmd(Command.SREM).arg(prefix + "creds").arg(fp));
        onSuccess.add(() -> {
          removedWritten.put(fp, at.toEpochMilli());
          known.remove(fp);
        });
        onSuccess.add(null);
        onSuccess.add(null);
      }
    }
    for (PoolState.Stored s : state.credentials()) {
      if (removedWritten.containsKey(s.fingerprint())) { // added again
        String fp = s.fingerprint();
        batch.add(Request.cmd(Command.HDEL).arg(prefix + "removed").arg(fp));
        onSuccess.add(() -> removedWritten.remove(fp));
      }
    }
    if (batch.isEmpty()) {
      acks.forEach(a -> a.complete(null));
      return;
    }
    if (counters > 0) {
      long wait = TimeUnit.NANOSECONDS.toMillis(
          countersWrittenAt + COUNTERS_INTERVAL.toNanos() - System.nanoTime());
      if (counters == batch.size() && acks.isEmpty() && wait > 0) {
        // Only counters changed, and they were written a moment ago: held back (the state stays
        // pending, a newer save replaces it, and whatever it changed goes with them).
        pending.compareAndSet(null, state);
        flushScheduled = true;
        heldFlush = vertx.setTimer(wait, id -> {
          heldFlush = -1;
          flushScheduled = false;
          flush0();
        });
        return;
      }
      countersWrittenAt = System.nanoTime();
    }
    flushing = true;
    onStoreContext(bounded(redis.batch(batch), CALL_TIMEOUT)).onComplete(ar -> {
      flushing = false;
      boolean again = flushAgain;
      flushAgain = false;
      if (ar.failed()) {
        pending.compareAndSet(null, state); // try again with the next flush (or when Redis is back)
        down(ar.cause());
        acks.forEach(a -> a.completeExceptionally(ar.cause()));
        if (again || !waiting.isEmpty()) {
          scheduleFlush(); // those who asked meanwhile hear at once that Redis is away
        }
        return;
      }
      boolean conflict = false;
      List<Response> results = ar.result();
      for (int i = 0; i < results.size(); i++) {
        Runnable r = onSuccess.get(i);
        boolean casFailed = batch.get(i).command() == Command.EVAL
            && results.get(i) != null
            && results.get(i).toLong() == 0;
        if (casFailed) {
          conflict = true; // someone wrote first: read it, merge, write again
        } else if (r != null) {
          r.run();
        }
      }
      up();
      if (conflict) {
        // Not acknowledged yet: read what was written first, merge it, and write again; the acks
        // wait for that write.
        waiting.addAll(acks);
        pending.compareAndSet(null, latest);
        poll().onComplete(v -> scheduleFlush());
        return;
      }
      acks.forEach(a -> a.complete(null));
      if (again || pending.get() != null || !waiting.isEmpty()) {
        scheduleFlush();
      }
    });
  }

  /** What of a record is shared through {@code cred:<fp>}: the lease counters travel separately. */
  private static PoolState.Stored sharedPart(PoolState.Stored s) {
    return new PoolState.Stored(
        s.fingerprint(),
        s.name(),
        s.tier(),
        s.kind(),
        s.addedSecret(),
        s.state(),
        s.until(),
        s.authFailures(),
        s.overloads(),
        s.transientFailures(),
        0,
        null,
        s.quota(),
        s.accessToken(),
        s.since(),
        s.opAt());
  }

  // ---- reading ----

  /** Reads the shared state and hands it to the pool; completes when that is done (or failed). */
  private Future<Void> poll() {
    if (closed) {
      return Future.succeededFuture();
    }
    // On the store's context, as the flushes: a flush must not run between this read's records
    // becoming what the compare-and-sets expect and the pool merging them (it would write a state
    // saved before the merge over what was just read, such as another instance's new token).
    return onStoreContext(readAll()).transform(ar -> {
      if (ar.failed()) {
        down(ar.cause());
        return Future.succeededFuture();
      }
      SharedState shared;
      try {
        shared = decode(ar.result(), false);
      } catch (RuntimeException e) {
        LOG.warn("event=store.read_failed store=redis error={}", e.getClass().getSimpleName());
        return Future.succeededFuture();
      }
      boolean wasDown = !health.reachable();
      up();
      Consumer<SharedState> pool = sink;
      if (pool != null) {
        pool.accept(shared);
      }
      if (wasDown) { // write back what this instance learned while Redis was away
        known.clear();
        usedWritten.clear();
        removedWritten.clear();
        pending.compareAndSet(null, latest);
        scheduleFlush();
      }
      return Future.succeededFuture();
    });
  }

  private Future<List<Object>> readAll() {
    return readAll(CALL_TIMEOUT);
  }

  private Future<List<Object>> readAll(Duration limit) {
    Request eval = Request.cmd(Command.EVAL).arg(READ_ALL).arg(0).arg(prefix);
    return bounded(redis.send(eval), limit).map(RedisStateStore::plain);
  }

  /** A reply as Java values: arrays as lists, bulk strings as strings, nil as null. */
  private static List<Object> plain(Response r) {
    List<Object> out = new ArrayList<>();
    if (r == null) {
      return out;
    }
    for (Response item : r) {
      if (item == null) {
        out.add(null);
      } else if (item.type() == ResponseType.MULTI) {
        out.add(plain(item));
      } else {
        out.add(item.toString());
      }
    }
    return out;
  }

  /**
   * @param strict at start: a record sealed under a key we do not have is a configuration error;
   *     later it is skipped with a warning (this instance keeps what it knows)
   */
  @SuppressWarnings("unchecked")
  private SharedState decode(List<Object> raw, boolean strict) {
    Map<String, Instant> removed = new HashMap<>();
    List<Object> removedFlat = raw.isEmpty() ? List.of() : (List<Object>) raw.get(0);
    for (int i = 0; i + 1 < removedFlat.size(); i += 2) {
      removed.put((String) removedFlat.get(i), Instant.ofEpochMilli(Long.parseLong((String)
          removedFlat.get(i + 1))));
    }
    List<PoolState.Stored> records = new ArrayList<>();
    Map<String, Long> requests = new HashMap<>();
    Map<String, Instant> lastUsed = new HashMap<>();
    for (int i = 1; i + 2 < raw.size(); i += 3) {
      String fp = (String) raw.get(i);
      String json = (String) raw.get(i + 1);
      List<Object> used = raw.get(i + 2) instanceof List<?> l ? (List<Object>) l : List.of();
      if (json != null) {
        try {
          PoolState.Stored s = StateCodec.decodeOne(json, sealer);
          records.add(s);
          known.put(fp, new Known(sharedPart(s), json));
        } catch (ConfigException e) {
          if (strict) {
            throw e;
          }
          LOG.warn(
              "event=store.record_unreadable store=redis fingerprint={} reason=sealed_under_another_key",
              fp);
        } catch (Exception e) {
          LOG.warn(
              "event=store.record_unreadable store=redis fingerprint={} error={}",
              fp,
              e.getClass().getSimpleName());
        }
      }
      long elsewhere = 0;
      Instant latestUse = null;
      for (int j = 0; j + 1 < used.size(); j += 2) {
        String field = (String) used.get(j);
        String value = (String) used.get(j + 1);
        if (field.endsWith(":" + instance)) {
          continue;
        }
        if (field.startsWith("r:")) {
          elsewhere += Long.parseLong(value);
        } else if (field.startsWith("t:")) {
          Instant t = Instant.ofEpochMilli(Long.parseLong(value));
          latestUse = latestUse == null || t.isAfter(latestUse) ? t : latestUse;
        }
      }
      requests.put(fp, elsewhere);
      if (latestUse != null) {
        lastUsed.put(fp, latestUse);
      }
    }
    return new SharedState(records, removed, requests, lastUsed);
  }

  // ---- health ----

  private void down(Throwable cause) {
    if (health.reachable() && !closed) {
      health = new StoreHealth("redis", false, clock.instant());
      LOG.warn(
          "event=store.unreachable store=redis error={} action=serving_from_local_state",
          cause == null ? "unknown" : cause.getClass().getSimpleName());
    }
  }

  private void up() {
    if (!health.reachable()) {
      health = new StoreHealth("redis", true, clock.instant());
      LOG.info("event=store.reachable store=redis action=writing_back_local_state");
    }
  }

  private static String randomHex(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  /** {@code f}'s outcome, handed on on the store's own context (where flushes and polls run). */
  private <T> Future<T> onStoreContext(Future<T> f) {
    Promise<T> p = Promise.promise();
    f.onComplete(ar -> context.runOnContext(v -> {
      if (ar.succeeded()) {
        p.complete(ar.result());
      } else {
        p.fail(ar.cause());
      }
    }));
    return p.future();
  }

  private <T> Future<T> bounded(Future<T> f, Duration limit) {
    return RedisTimeout.bounded(vertx, f, limit);
  }
}
