package dev.warp2api.usage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warp2api.pipeline.FinishedRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The usage ledger: per UTC day x key x credential x model, the requests, input / output /
 * reasoning tokens, how many requests' counts were estimated, errors by kind, failovers and
 * upstream time of every request that ended. Names and counts only, never a request's contents.
 *
 * <p>Recording ({@link #record}) finds its cell in a {@link ConcurrentHashMap} and adds to
 * {@link LongAdder}s: no lock, no disk. With the file store, {@link #flush} (every few seconds, off
 * the request path, and at shutdown) writes the whole ledger as one document through the
 * {@link DocumentStore} (atomically, 0600); days older than the retention are dropped then. With
 * Redis ({@link #ownCounts}) the ledger holds this instance's own requests since it started, and
 * {@link SharedUsage} adds what it has not sent yet ({@link #unsent}) to the totals every instance
 * shares. Thread-safe.
 */
public final class Ledger implements UsageSource {
  static final String DOCUMENT = "usage";
  /** The most cells one day holds; further models of that day are counted under {@code other}. */
  static final int MAX_CELLS_PER_DAY = 20_000;

  static final String ANONYMOUS = "anonymous";
  static final String NO_CREDENTIAL = "none";
  private static final Logger LOG = LoggerFactory.getLogger(Ledger.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The counters of a cell, in the order of the CSV columns. */
  static final String[] COUNTERS = {
    "requests",
    "input_tokens",
    "output_tokens",
    "reasoning_tokens",
    "estimated_requests",
    "failovers",
    "upstream_ms"
  };

  /** Where the whole ledger is written, or null when {@link SharedUsage} keeps it in Redis. */
  private final DocumentStore store;

  private final Clock clock;
  private final long retentionDays;
  private final Map<Cell, Counts> cells = new ConcurrentHashMap<>();
  private final Map<Long, LongAdder> cellsPerDay = new ConcurrentHashMap<>();
  private final AtomicBoolean dirty = new AtomicBoolean();

  /** One cell's coordinates. */
  public record Cell(long epochDay, String key, String credential, String model) {
    public LocalDate day() {
      return LocalDate.ofEpochDay(epochDay);
    }
  }

  /** One cell's counters. */
  static final class Counts {
    final LongAdder[] counters = new LongAdder[COUNTERS.length];
    final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    /** What the shared totals have of this cell (only {@link SharedUsage} changes it). */
    volatile Row sent = Row.empty();

    Counts() {
      for (int i = 0; i < counters.length; i++) {
        counters[i] = new LongAdder();
      }
    }
  }

  /** Reads the stored ledger (blocking: call at start). */
  public Ledger(DocumentStore store, Clock clock, Duration retention) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = clock;
    this.retentionDays = Math.max(1, retention.toDays());
    store.load(DOCUMENT).ifPresent(this::read);
    prune();
  }

  private Ledger(Clock clock, Duration retention) {
    this.store = null;
    this.clock = clock;
    this.retentionDays = Math.max(1, retention.toDays());
  }

  /**
   * A ledger of this instance's own requests, kept in memory: the shared totals live in Redis
   * ({@link SharedUsage}), which is fed from it.
   */
  public static Ledger ownCounts(Clock clock, Duration retention) {
    return new Ledger(clock, retention);
  }

  /** How many days are kept. */
  long retentionDays() {
    return retentionDays;
  }

  /** Adds one ended request to its cell. */
  public void record(FinishedRequest r) {
    long day = LocalDate.ofInstant(r.time(), ZoneOffset.UTC).toEpochDay();
    Cell cell = new Cell(
        day,
        r.key() == null ? ANONYMOUS : r.key(),
        r.credential() == null ? NO_CREDENTIAL : r.credential(),
        r.model());
    Counts c = counts(cell);
    c.counters[0].increment();
    c.counters[1].add(r.inputTokens());
    c.counters[2].add(r.outputTokens());
    c.counters[3].add(r.reasoningTokens());
    if (r.estimated()) {
      c.counters[4].increment();
    }
    c.counters[5].add(r.failovers());
    c.counters[6].add(r.upstream().toMillis());
    if (!r.ok()) {
      String kind = r.error() == null ? "cancelled" : r.error().name().toLowerCase(Locale.ROOT);
      LongAdder e = c.errors.get(kind);
      (e != null ? e : c.errors.computeIfAbsent(kind, k -> new LongAdder())).increment();
    }
    dirty.set(true);
  }

  private Counts counts(Cell cell) {
    Counts c = cells.get(cell);
    if (c != null) {
      return c;
    }
    LongAdder perDay = cellsPerDay.computeIfAbsent(cell.epochDay(), d -> new LongAdder());
    if (perDay.sum() >= MAX_CELLS_PER_DAY) {
      cell = new Cell(cell.epochDay(), cell.key(), cell.credential(), "other");
    }
    return cells.computeIfAbsent(cell, k -> {
      perDay.increment();
      return new Counts();
    });
  }

  /** Tokens (input + output) of {@code key} on {@code day}: seeds a key's daily budget at start. */
  public long tokens(String key, LocalDate day) {
    long sum = 0;
    for (Map.Entry<Cell, Counts> e : cells.entrySet()) {
      Cell c = e.getKey();
      if (c.epochDay() == day.toEpochDay() && c.key().equals(key)) {
        sum += e.getValue().counters[1].sum() + e.getValue().counters[2].sum();
      }
    }
    return sum;
  }

  /**
   * The cells of the days from {@code from} to {@code to} (inclusive) as plain numbers: each
   * counter by name, and {@code errors} by kind.
   */
  public Map<Cell, Row> between(LocalDate from, LocalDate to) {
    Map<Cell, Row> out = new TreeMap<>(ORDER);
    cells.forEach((cell, c) -> {
      if (cell.epochDay() >= from.toEpochDay() && cell.epochDay() <= to.toEpochDay()) {
        out.put(cell, row(c));
      }
    });
    return out;
  }

  private static final Comparator<Cell> ORDER = Comparator.comparingLong(Cell::epochDay)
      .thenComparing(Cell::key)
      .thenComparing(Cell::credential)
      .thenComparing(Cell::model);

  /** A cell's or a group's counts. */
  public record Row(long[] counters, Map<String, Long> errors) {
    public Row add(Row other) {
      long[] sum = counters.clone();
      for (int i = 0; i < sum.length; i++) {
        sum[i] += other.counters[i];
      }
      Map<String, Long> e = new TreeMap<>(errors);
      other.errors.forEach((k, v) -> e.merge(k, v, Long::sum));
      return new Row(sum, e);
    }

    Row minus(Row other) {
      long[] diff = counters.clone();
      for (int i = 0; i < diff.length; i++) {
        diff[i] -= other.counters[i];
      }
      Map<String, Long> e = new TreeMap<>(errors);
      other.errors.forEach((k, v) -> e.merge(k, -v, Long::sum));
      e.values().removeIf(v -> v == 0);
      return new Row(diff, e);
    }

    boolean isZero() {
      for (long v : counters) {
        if (v != 0) {
          return false;
        }
      }
      return errors.isEmpty();
    }

    public static Row empty() {
      return new Row(new long[COUNTERS.length], Map.of());
    }

    public long errorTotal() {
      return errors.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  private static Row row(Counts c) {
    long[] v = new long[COUNTERS.length];
    for (int i = 0; i < v.length; i++) {
      v[i] = c.counters[i].sum();
    }
    Map<String, Long> errors = new TreeMap<>();
    c.errors.forEach((k, a) -> errors.put(k, a.sum()));
    return new Row(v, errors);
  }

  @Override
  public CompletionStage<Totals> totals(LocalDate from, LocalDate to) {
    return CompletableFuture.completedFuture(new Totals(between(from, to), null));
  }

  /**
   * What the shared totals do not have yet: per cell, its counts minus what was sent (cells with
   * nothing new left out); empty when nothing was recorded since the last call, unless
   * {@link #forgetSent} asked for everything.
   */
  Map<Cell, Row> unsent() {
    if (!dirty.getAndSet(false)) {
      return Map.of();
    }
    Map<Cell, Row> out = new TreeMap<>(ORDER);
    cells.forEach((cell, c) -> {
      if (changedSinceSent(c)) {
        Row delta = row(c).minus(c.sent);
        if (!delta.isZero()) {
          out.put(cell, delta);
        }
      }
    });
    return out;
  }

  /** Whether a cell counted anything since it was sent: without building its row (most did not). */
  private static boolean changedSinceSent(Counts c) {
    Row sent = c.sent;
    for (int i = 0; i < COUNTERS.length; i++) {
      if (c.counters[i].sum() != sent.counters()[i]) {
        return true;
      }
    }
    for (Map.Entry<String, LongAdder> e : c.errors.entrySet()) {
      if (e.getValue().sum() != sent.errors().getOrDefault(e.getKey(), 0L)) {
        return true;
      }
    }
    return false;
  }

  /** The shared totals took {@code deltas} (what {@link #unsent} returned). */
  void markSent(Map<Cell, Row> deltas) {
    deltas.forEach((cell, delta) -> {
      Counts c = cells.get(cell);
      if (c != null) { // else dropped past retention meanwhile
        c.sent = c.sent.add(delta);
      }
    });
  }

  /** The shared totals lost what they had (Redis came back empty): everything is unsent again. */
  void forgetSent() {
    cells.values().forEach(c -> c.sent = Row.empty());
    dirty.set(true);
  }

  /**
   * Writes the ledger if anything changed since the last write; drops days past retention.
   * Serialised, so a flush at shutdown waits for a periodic one in progress to hand over its write.
   * With the shared totals in Redis it only drops old days.
   */
  public synchronized void flush() {
    prune();
    if (store == null || !dirty.getAndSet(false)) {
      return;
    }
    store.save(DOCUMENT, document()).exceptionally(e -> {
      dirty.set(true); // try again at the next flush
      return null;
    });
  }

  private void prune() {
    long oldest =
        LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).toEpochDay() - retentionDays + 1;
    for (Iterator<Cell> it = cells.keySet().iterator(); it.hasNext(); ) {
      if (it.next().epochDay() < oldest) {
        it.remove();
        if (store != null) {
          dirty.set(true);
        }
      }
    }
    cellsPerDay.keySet().removeIf(d -> d < oldest);
  }

  String document() {
    ObjectNode root = JSON.createObjectNode();
    root.put("version", 1);
    ArrayNode list = root.putArray("cells");
    between(LocalDate.ofEpochDay(0), LocalDate.ofEpochDay(Integer.MAX_VALUE))
        .forEach((cell, row) -> {
          ObjectNode o = list.addObject();
          o.put("day", cell.day().toString());
          o.put("key", cell.key());
          o.put("credential", cell.credential());
          o.put("model", cell.model());
          for (int i = 0; i < COUNTERS.length; i++) {
            o.put(COUNTERS[i], row.counters()[i]);
          }
          ObjectNode errors = o.putObject("errors");
          row.errors().forEach(errors::put);
        });
    return root.toString();
  }

  private void read(String json) {
    try {
      for (JsonNode o : JSON.readTree(json).path("cells")) {
        Cell cell = new Cell(
            LocalDate.parse(o.path("day").asText()).toEpochDay(),
            o.path("key").asText(),
            o.path("credential").asText(),
            o.path("model").asText());
        Counts c = counts(cell);
        for (int i = 0; i < COUNTERS.length; i++) {
          c.counters[i].add(o.path(COUNTERS[i]).asLong());
        }
        o.path("errors")
            .fields()
            .forEachRemaining(e -> c.errors
                .computeIfAbsent(e.getKey(), k -> new LongAdder())
                .add(e.getValue().asLong()));
      }
    } catch (Exception e) {
      LOG.warn("event=usage.unreadable error={}", e.getClass().getName());
    }
  }
}
