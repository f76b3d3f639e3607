package dev.warp2api.usage;

import dev.warp2api.pool.RedisTimeout;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The usage ledger and the keys' limits across instances, when they share a Redis
 * (docs/OPERATIONS.md, 'Keys, usage and the dashboard'). Every {@link #INTERVAL}, off the request
 * path, one round sends what this instance counted since the last round and reads back what every
 * instance counted:
 *
 * <ul>
 *   <li>the ledger's new counts ({@link Ledger#unsent}), added to one hash per UTC day
 *       ({@code usage:day:<date>}, field {@code <counter>|<key>|<credential>|<model>}, kept the
 *       retention);
 *   <li>each named key's new tokens of today ({@code usage:keytokens:<date>}) and requests of this
 *       minute ({@code usage:rpm:<epoch minute>}), whose totals come back, so that the
 *       {@link KeyMeter}s know what the other instances used: a key over its budget on one instance
 *       is refused on the others within about a round.
 * </ul>
 *
 * <p>Exactly once: a round's increments form a numbered batch that is sent again, unchanged, until
 * Redis acknowledges it, and Redis takes each number once ({@link SharedCounters}), so a batch
 * whose answer was lost is not counted twice, and nothing is lost while Redis is away (the counts
 * wait in the ledger). When Redis comes back without its data, each instance sends everything it
 * counted since it started again. Rounds run one at a time.
 *
 * <p>{@code GET /admin/usage} ({@link #totals}) runs a round first (so this instance's latest
 * requests are in) and reads the day hashes; when Redis cannot be read within {@link #READ_LIMIT},
 * it answers this instance's own counts with a note.
 */
public final class SharedUsage implements UsageSource, AutoCloseable {
  /** How often a round runs. */
  public static final Duration INTERVAL = Duration.ofSeconds(1);
  /** The longest {@link #totals} waits for Redis before answering this instance's own counts. */
  static final Duration READ_LIMIT = Duration.ofSeconds(5);

  static final String LOCAL_NOTE = "The shared store (Redis) could not be read: these are this"
      + " instance's own counts since it started, not every instance's.";
  private static final Duration KEY_TOKENS_TTL = Duration.ofDays(2);
  private static final Duration RPM_TTL = Duration.ofMinutes(3);
  private static final String ERROR_PREFIX = "e:";
  private static final Logger LOG = LoggerFactory.getLogger(SharedUsage.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Vertx vertx;
  private final SharedCounters counters;
  private final Ledger ledger;
  private final KeyRegistry keys;
  private final Clock clock;
  private final long retentionDays;
  private final long timer;

  // The rounds' state: rounds run one at a time (see sync), so it needs no lock of its own.
  /** The number of the last batch Redis took. */
  private long lastTaken;
  /** Whether Redis should hold no batch of this instance (none taken yet, or it lost them). */
  private boolean fresh = true;
  /** The batch sent and not yet acknowledged: sent again as it is. */
  private Pending pending;

  private long sentDay = Long.MIN_VALUE;
  private final Map<String, Long> sentTokens = new HashMap<>();
  private long sentMinute = Long.MIN_VALUE;
  private final Map<String, Long> sentRequests = new HashMap<>();

  // Scheduling, guarded by this.
  private boolean busy;
  private Promise<Void> next;

  private volatile boolean reachable = true;
  private volatile boolean closed;

  /** A batch and what it carries, to mark as sent once Redis took it. */
  private record Pending(
      SharedCounters.Batch batch,
      Map<Ledger.Cell, Ledger.Row> cells,
      Map<String, Long> tokens,
      Map<String, Long> requests) {}

  /** Starts the rounds; {@link #close} ends them. */
  SharedUsage(Vertx vertx, SharedCounters counters, Ledger ledger, KeyRegistry keys, Clock clock) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.counters = Objects.requireNonNull(counters, "counters");
    this.ledger = Objects.requireNonNull(ledger, "ledger");
    this.keys = Objects.requireNonNull(keys, "keys");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.retentionDays = ledger.retentionDays();
    this.timer = vertx.setPeriodic(INTERVAL.toMillis(), id -> sync());
  }

  /**
   * The shared usage in Redis at {@code url}, fed from {@code ledger} (a {@link Ledger#ownCounts})
   * and {@code keys}.
   */
  public static SharedUsage open(
      Vertx vertx, String url, String prefix, Ledger ledger, KeyRegistry keys, Clock clock) {
    String instance = HexFormat.of().formatHex(bytes());
    RedisCounters counters = new RedisCounters(
        vertx, url, prefix, instance, Duration.ofDays(ledger.retentionDays() + 2));
    return new SharedUsage(vertx, counters, ledger, keys, clock);
  }

  private static byte[] bytes() {
    byte[] b = new byte[6];
    RANDOM.nextBytes(b);
    return b;
  }

  /**
   * Runs a round (after the one running, if any; rounds asked for meanwhile are one). Completes
   * when it ended, failed when Redis could not be reached (the counts wait for the next round).
   */
  public Future<Void> sync() {
    Promise<Void> p;
    synchronized (this) {
      if (busy) {
        if (next == null) {
          next = Promise.promise();
        }
        return next.future();
      }
      busy = true;
      p = Promise.promise();
    }
    run(p);
    return p.future();
  }

  private void run(Promise<Void> p) {
    Future<Void> round;
    try {
      round = round(false);
    } catch (RuntimeException e) {
      round = Future.failedFuture(e);
    }
    round.onComplete(ar -> {
      p.handle(ar);
      Promise<Void> again;
      synchronized (this) {
        again = next;
        next = null;
        busy = again != null;
      }
      if (again != null) {
        run(again);
      }
    });
  }

  /** Blocks until a round run now has ended, at most {@code limit}; whether it succeeded. */
  public boolean syncAndWait(Duration limit) {
    try {
      sync().toCompletionStage().toCompletableFuture().get(limit.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (Exception e) {
      return false;
    }
  }

  private Future<Void> round(boolean afterEmptied) {
    if (pending == null) {
      pending = build();
    }
    Pending p = pending;
    SharedCounters.Batch batch =
        p != null ? p.batch() : new SharedCounters.Batch(lastTaken, fresh, List.of());
    long day = today();
    long minute = minute();
    return counters
        .apply(batch, List.of(tokensHash(day), requestsHash(minute)))
        .compose(reply -> {
          back();
          if (reply.emptied()) {
            LOG.info("event=usage.shared_emptied action=send_again");
            ledger.forgetSent();
            sentTokens.clear();
            sentRequests.clear();
            fresh = true;
            pending = null;
            return afterEmptied ? Future.succeededFuture() : round(true);
          }
          if (p != null) {
            ledger.markSent(p.cells());
            p.tokens().forEach((k, v) -> sentTokens.merge(k, v, Long::sum));
            p.requests().forEach((k, v) -> sentRequests.merge(k, v, Long::sum));
            lastTaken = p.batch().seq();
            fresh = false;
            pending = null;
          }
          others(day, minute, reply.reads().get(0), reply.reads().get(1));
          return Future.<Void>succeededFuture();
        })
        .onFailure(this::down);
  }

  /** The next batch: what was counted since the last one taken; null when there is nothing. */
  private Pending build() {
    long today = today();
    long minute = minute();
    if (today != sentDay) {
      sentDay = today;
      sentTokens.clear();
    }
    if (minute != sentMinute) {
      sentMinute = minute;
      sentRequests.clear();
    }
    List<SharedCounters.Increment> increments = new ArrayList<>();
    Map<Ledger.Cell, Ledger.Row> cells = ledger.unsent();
    cells.forEach((cell, row) -> {
      String hash = dayHash(cell.epochDay());
      long ttl = Duration.ofDays(Math.max(1, cell.epochDay() + retentionDays - today) + 1)
          .toSeconds();
      for (int i = 0; i < Ledger.COUNTERS.length; i++) {
        if (row.counters()[i] != 0) {
          increments.add(new SharedCounters.Increment(
              hash, field(Ledger.COUNTERS[i], cell), row.counters()[i], ttl));
        }
      }
      row.errors()
          .forEach((kind, n) -> increments.add(
              new SharedCounters.Increment(hash, field(ERROR_PREFIX + kind, cell), n, ttl)));
    });
    Map<String, Long> tokens = new HashMap<>();
    Map<String, Long> requests = new HashMap<>();
    keys.ownUse(today, minute).forEach((name, own) -> {
      long t = own[0] - sentTokens.getOrDefault(name, 0L);
      if (t > 0) {
        tokens.put(name, t);
        increments.add(
            new SharedCounters.Increment(tokensHash(today), name, t, KEY_TOKENS_TTL.toSeconds()));
      }
      long r = own[1] - sentRequests.getOrDefault(name, 0L);
      if (r > 0) {
        requests.put(name, r);
        increments.add(
            new SharedCounters.Increment(requestsHash(minute), name, r, RPM_TTL.toSeconds()));
      }
    });
    if (increments.isEmpty()) {
      return null;
    }
    return new Pending(
        new SharedCounters.Batch(lastTaken + 1, fresh, increments), cells, tokens, requests);
  }

  /** Hands the keys what the other instances used: the totals read less what this one sent. */
  private void others(
      long day, long minute, Map<String, Long> tokenTotals, Map<String, Long> requestTotals) {
    Set<String> names = new HashSet<>(tokenTotals.keySet());
    names.addAll(requestTotals.keySet());
    Map<String, long[]> others = new HashMap<>();
    for (String name : names) {
      long t = tokenTotals.getOrDefault(name, 0L)
          - (day == sentDay ? sentTokens.getOrDefault(name, 0L) : 0);
      long r = requestTotals.getOrDefault(name, 0L)
          - (minute == sentMinute ? sentRequests.getOrDefault(name, 0L) : 0);
      others.put(name, new long[] {t, r});
    }
    keys.othersUse(day, minute, others);
  }

  @Override
  public CompletionStage<Totals> totals(LocalDate from, LocalDate to) {
    List<String> hashes = new ArrayList<>();
    List<Long> days = new ArrayList<>();
    for (long d = from.toEpochDay(); d <= to.toEpochDay(); d++) {
      hashes.add(dayHash(d));
      days.add(d);
    }
    return RedisTimeout.bounded(
            vertx,
            sync()
                .compose(v -> counters.read(hashes))
                .map(read -> new Totals(cells(days, read), null)),
            READ_LIMIT)
        .recover(e -> {
          LOG.warn("event=usage.shared_read_failed answer=own_counts error={}", e.toString());
          return Future.succeededFuture(new Totals(ledger.between(from, to), LOCAL_NOTE));
        })
        .toCompletionStage();
  }

  /** The cells of the day hashes read. */
  static Map<Ledger.Cell, Ledger.Row> cells(List<Long> days, List<Map<String, Long>> hashes) {
    Map<Ledger.Cell, long[]> counts = new HashMap<>();
    Map<Ledger.Cell, Map<String, Long>> errors = new HashMap<>();
    for (int i = 0; i < days.size() && i < hashes.size(); i++) {
      long day = days.get(i);
      hashes.get(i).forEach((field, value) -> {
        String[] parts = field.split("\\|", 4);
        if (parts.length != 4) {
          return;
        }
        Ledger.Cell cell =
            new Ledger.Cell(day, unescape(parts[1]), unescape(parts[2]), unescape(parts[3]));
        String counter = unescape(parts[0]);
        if (counter.startsWith(ERROR_PREFIX)) {
          errors
              .computeIfAbsent(cell, c -> new TreeMap<>())
              .merge(counter.substring(ERROR_PREFIX.length()), value, Long::sum);
          counts.computeIfAbsent(cell, c -> new long[Ledger.COUNTERS.length]);
          return;
        }
        for (int c = 0; c < Ledger.COUNTERS.length; c++) {
          if (Ledger.COUNTERS[c].equals(counter)) {
            counts.computeIfAbsent(cell, x -> new long[Ledger.COUNTERS.length])[c] += value;
          }
        }
      });
    }
    Map<Ledger.Cell, Ledger.Row> out = new HashMap<>();
    counts.forEach((cell, c) ->
        out.put(cell, new Ledger.Row(c, errors.getOrDefault(cell, Map.of()))));
    return out;
  }

  static String field(String counter, Ledger.Cell cell) {
    return escape(counter) + "|" + escape(cell.key()) + "|" + escape(cell.credential()) + "|"
        + escape(cell.model());
  }

  private static String escape(String s) {
    return s.replace("%", "%25").replace("|", "%7C");
  }

  private static String unescape(String s) {
    return s.replace("%7C", "|").replace("%25", "%");
  }

  static String dayHash(long epochDay) {
    return "usage:day:" + LocalDate.ofEpochDay(epochDay);
  }

  static String tokensHash(long epochDay) {
    return "usage:keytokens:" + LocalDate.ofEpochDay(epochDay);
  }

  static String requestsHash(long epochMinute) {
    return "usage:rpm:" + epochMinute;
  }

  private long today() {
    return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).toEpochDay();
  }

  private long minute() {
    return clock.instant().getEpochSecond() / 60;
  }

  private void down(Throwable e) {
    if (reachable && !closed) {
      reachable = false;
      LOG.warn("event=usage.shared_unreachable error={}", e.toString());
    }
  }

  private void back() {
    if (!reachable) {
      reachable = true;
      LOG.info("event=usage.shared_reachable");
    }
  }

  /** Whether the last round reached Redis. */
  public boolean reachable() {
    return reachable;
  }

  /**
   * Stops the rounds after a last one (waiting for it a few seconds: what Redis does not take by
   * then is lost with this instance), and closes the connection.
   */
  @Override
  public void close() {
    vertx.cancelTimer(timer);
    syncAndWait(RedisCounters.CALL_TIMEOUT.multipliedBy(2));
    closed = true;
    counters.close();
  }
}
