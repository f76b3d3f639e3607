package dev.warp2api.pool;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Small notes every instance sharing one Redis hears from the others: a Redis stream
 * {@code <prefix>feed:<name>} of entries (writer instance, key, value). What one instance publishes
 * is gathered for {@link RedisStateStore#FLUSH_DELAY} (the last value of a key wins) and written in
 * one script call off the caller's thread; every {@link RedisStateStore#POLL_INTERVAL} each
 * instance reads the entries written since its last read (at start: every entry still kept) and
 * hands the others' to its reader. Nobody waits on Redis: {@link #publish} only queues.
 *
 * <p>Bounded in Redis: about {@code maxEntries} entries (trimmed as they are added), none older
 * than {@code keep} (measured on Redis's clock), and the whole stream expires after {@code keep}
 * without a new entry.
 *
 * <p>Redis away: what is published meanwhile is dropped (the feeds carry hints and notices whose
 * loss costs a preference, not a request), one warning when it starts failing and one line when it
 * answers again; reads resume where they stopped.
 */
public final class SharedFeed implements AutoCloseable {
  /** One note: {@code key} is now {@code value}. */
  public record Entry(String key, String value) {}

  /** Entries read per call; a full read is followed by another at once. */
  static final int READ_BATCH = 1000;

  /** Notes queued while a flush is pending, beyond which new ones are dropped. */
  static final int MAX_PENDING = 10_000;

  private static final Logger LOG = LoggerFactory.getLogger(SharedFeed.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  /**
   * KEYS: the stream. ARGV: writer instance, about how many entries to keep, how long in ms, then
   * key, value pairs.
   */
  private static final String PUBLISH = """
      local t = redis.call('TIME')
      local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
      for i = 4, #ARGV, 2 do
        redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[2], '*',
            'i', ARGV[1], 'k', ARGV[i], 'v', ARGV[i + 1])
      end
      redis.call('XTRIM', KEYS[1], 'MINID', '~', now - tonumber(ARGV[3]))
      redis.call('PEXPIRE', KEYS[1], ARGV[3])
      return 1
      """;

  private final Vertx vertx;
  private final Context context;
  private final RedisStateStore store;
  private final String name;
  private final String stream;
  private final String instance;
  private final int maxEntries;
  private final Duration keep;
  private final Consumer<List<Entry>> reader;

  /** Notes not yet written, by key (guarded by itself). */
  private final Map<String, String> pending = new LinkedHashMap<>();

  private boolean flushScheduled;
  // The fields below are used on the feed's context only.
  private boolean flushing;
  private boolean reading;
  private String lastId;
  private long pollTimer = -1;
  private volatile boolean failing;
  private volatile boolean closed;

  /**
   * Starts reading at once (the first read brings every entry still kept).
   *
   * @param name the stream's name under the store's prefix ({@code feed:<name>})
   * @param maxEntries about how many entries Redis keeps
   * @param keep how long Redis keeps an entry
   * @param reader hears the other instances' entries, oldest first, on the feed's own context
   */
  public SharedFeed(
      Vertx vertx,
      RedisStateStore store,
      String name,
      int maxEntries,
      Duration keep,
      Consumer<List<Entry>> reader) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.store = Objects.requireNonNull(store, "store");
    this.name = Objects.requireNonNull(name, "name");
    this.keep = Objects.requireNonNull(keep, "keep");
    this.reader = Objects.requireNonNull(reader, "reader");
    this.maxEntries = Math.max(1, maxEntries);
    this.stream = store.key("feed:" + name);
    byte[] id = new byte[4];
    RANDOM.nextBytes(id);
    this.instance = HexFormat.of().formatHex(id);
    this.context = vertx.getOrCreateContext();
    context.runOnContext(v -> {
      if (!closed) {
        pollTimer = vertx.setPeriodic(RedisStateStore.POLL_INTERVAL.toMillis(), t -> read());
        read();
      }
    });
  }

  /** Queues {@code key -> value} for the other instances; never blocks, never fails. */
  public void publish(String key, String value) {
    if (closed) {
      return;
    }
    boolean schedule;
    synchronized (pending) {
      if (pending.size() >= MAX_PENDING && !pending.containsKey(key)) {
        return; // Redis is slow or away: a hint lost, nothing held without bound
      }
      pending.put(key, value);
      schedule = !flushScheduled;
      flushScheduled = true;
    }
    if (schedule) {
      context.runOnContext(
          v -> vertx.setTimer(RedisStateStore.FLUSH_DELAY.toMillis(), t -> flush()));
    }
  }

  private void flush() {
    if (flushing) {
      vertx.setTimer(RedisStateStore.FLUSH_DELAY.toMillis(), t -> flush());
      return;
    }
    List<Map.Entry<String, String>> batch;
    synchronized (pending) {
      flushScheduled = false;
      batch = new ArrayList<>(pending.entrySet());
      pending.clear();
    }
    if (batch.isEmpty() || closed) {
      return;
    }
    Request publish = Request.cmd(Command.EVAL)
        .arg(PUBLISH)
        .arg(1)
        .arg(stream)
        .arg(instance)
        .arg(maxEntries)
        .arg(keep.toMillis());
    for (Map.Entry<String, String> e : batch) {
      publish.arg(e.getKey()).arg(e.getValue());
    }
    flushing = true;
    store
        .send(publish, RedisStateStore.CALL_TIMEOUT)
        .onComplete(ar -> context.runOnContext(v -> {
          flushing = false;
          if (ar.failed()) {
            failed(ar.cause());
          } else {
            answered();
          }
        }));
  }

  private void read() {
    if (reading || closed) {
      return;
    }
    reading = true;
    Request range = Request.cmd(Command.XRANGE)
        .arg(stream)
        .arg(lastId == null ? "-" : "(" + lastId)
        .arg("+")
        .arg("COUNT")
        .arg(READ_BATCH);
    store
        .send(range, RedisStateStore.CALL_TIMEOUT)
        .onComplete(ar -> context.runOnContext(v -> {
          reading = false;
          if (ar.failed()) {
            failed(ar.cause());
            return;
          }
          answered();
          int read = take(ar.result());
          if (read >= READ_BATCH) {
            read(); // more are waiting
          }
        }));
  }

  /** Hands the other instances' entries of an XRANGE reply to the reader; how many were read. */
  private int take(Response reply) {
    if (reply == null || reply.size() == 0) {
      return 0;
    }
    List<Entry> others = new ArrayList<>(reply.size());
    for (Response entry : reply) {
      lastId = entry.get(0).toString();
      Response fields = entry.get(1);
      String writer = null;
      String key = null;
      String value = null;
      for (int i = 0; fields != null && i + 1 < fields.size(); i += 2) {
        String field = fields.get(i).toString();
        String text = fields.get(i + 1) == null ? null : fields.get(i + 1).toString();
        switch (field) {
          case "i" -> writer = text;
          case "k" -> key = text;
          case "v" -> value = text;
          default -> {} // written by a newer build: ignored
        }
      }
      if (key != null && value != null && !instance.equals(writer)) {
        others.add(new Entry(key, value));
      }
    }
    if (!others.isEmpty()) {
      try {
        reader.accept(others);
      } catch (RuntimeException e) {
        LOG.warn("event=feed.read_failed feed={} error={}", name, e.getClass().getSimpleName());
      }
    }
    return reply.size();
  }

  private void failed(Throwable cause) {
    if (!failing && !closed) {
      failing = true;
      LOG.warn(
          "event=feed.unreachable feed={} error={} action=local_only",
          name,
          cause == null ? "unknown" : cause.getClass().getSimpleName());
    }
  }

  private void answered() {
    if (failing) {
      failing = false;
      LOG.info("event=feed.reachable feed={}", name);
    }
  }

  /** Stops reading; notes still queued are dropped. */
  @Override
  public void close() {
    closed = true;
    context.runOnContext(v -> {
      if (pollTimer >= 0) {
        vertx.cancelTimer(pollTimer);
      }
    });
  }
}
