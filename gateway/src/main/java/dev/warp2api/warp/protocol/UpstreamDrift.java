package dev.warp2api.warp.protocol;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What Warp sent that this version of the gateway does not know (a field number, an event or action
 * kind, a finish reason, an error code, a header value), and what it knows only as deprecated (the
 * 2025 framing, removed fields): counted per distinct value, with first and last sighting. The
 * protocol readers and the upstream error classification report here; {@code GET /admin/drift}, the
 * {@code warp2api_upstream_unknown_total} / {@code warp2api_upstream_deprecated_total} metrics and
 * {@code doctor} read it.
 *
 * <p>What is recorded is where a thing appeared and its name or number, never content: values are
 * cut to {@value #MAX_VALUE_CHARS} characters of a safe alphabet. The first sighting of each
 * distinct value is logged once at WARN ({@code event=upstream.drift}).
 *
 * <p>Bounded: at most {@value #MAX_DISTINCT} distinct values are kept; later new values are counted
 * under one {@code (more distinct values)} entry per kind, so a server that sends a new number in
 * every event cannot grow memory or the report.
 *
 * <p>Thread-safe and cheap: a sighting of a value already seen is a map lookup and two counter
 * increments. Known things cost nothing here: readers only call in on what they do not recognise.
 */
public final class UpstreamDrift {
  /** Enough distinct values for a whole protocol revision's worth of changes. */
  static final int MAX_DISTINCT = 256;
  /** Field numbers, codes and media types are short; anything longer is cut. */
  static final int MAX_VALUE_CHARS = 64;

  private static final Logger LOG = LoggerFactory.getLogger(UpstreamDrift.class);
  private static final UpstreamDrift GLOBAL = new UpstreamDrift(Clock.systemUTC());
  private static final UpstreamDrift UNCOUNTED = new UpstreamDrift(Clock.systemUTC(), false);

  /**
   * Where in Warp's answers a thing appeared; the {@code kind} label of the metrics (a bounded
   * set).
   */
  public enum Kind {
    /** A {@code ResponseEvent} member (an event type). */
    EVENT("event"),
    /** A {@code ClientAction} member (an action kind). */
    ACTION("action"),
    /** A {@code Message} field or oneof member (a message kind). */
    MESSAGE("message"),
    /** A field of another message (the {@code finished} event, its usage, ...). */
    FIELD("field"),
    /** A {@code finished} reason. */
    FINISH_REASON("finish_reason"),
    /** An {@code X-Warp-Error-Code} value or an error body shape. */
    ERROR_CODE("error_code"),
    /** A response header value ({@code content-type}, ...). */
    HEADER("header"),
    /** The SSE framing or the payload encoding. */
    FRAMING("framing");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    /** The metric label and JSON name. */
    public String label() {
      return label;
    }
  }

  /** Unknown to this version, or known as something Warp stopped sending. */
  public enum Status {
    UNKNOWN,
    DEPRECATED;

    public String label() {
      return this == UNKNOWN ? "unknown" : "deprecated";
    }
  }

  /**
   * One distinct value and how often it was seen.
   *
   * @param where the message or place it appeared in ({@code Message}, {@code X-Warp-Error-Code},
   *     ...)
   * @param value the field number, name or value ({@code field 30}, {@code SPEND_LIMIT}, ...)
   */
  public record Sighting(
      Kind kind,
      Status status,
      String where,
      String value,
      Instant firstSeen,
      Instant lastSeen,
      long count) {}

  private record Key(Kind kind, Status status, String where, String value) {}

  private static final class Entry {
    final Instant firstSeen;
    final LongAdder count = new LongAdder();
    volatile Instant lastSeen;

    Entry(Instant now) {
      this.firstSeen = now;
      this.lastSeen = now;
    }
  }

  private final Clock clock;
  private final boolean counting;
  private final ConcurrentHashMap<Key, Entry> entries = new ConcurrentHashMap<>();
  private final LongAdder[] totals = new LongAdder[Kind.values().length * 2];

  /** A registry of its own (tests); production code uses {@link #global()}. */
  public UpstreamDrift(Clock clock) {
    this(clock, true);
  }

  private UpstreamDrift(Clock clock, boolean counting) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.counting = counting;
    for (int i = 0; i < totals.length; i++) {
      totals[i] = new LongAdder();
    }
  }

  /** The process's registry: what every reader and classifier of this process reports to. */
  public static UpstreamDrift global() {
    return GLOBAL;
  }

  /**
   * Where a second reading of what the pipeline has already read (a capture of the exchange)
   * reports: nothing is counted or logged again.
   */
  public static UpstreamDrift uncounted() {
    return UNCOUNTED;
  }

  /** Something Warp sent that this version does not know. */
  public void unknown(Kind kind, String where, String value) {
    record(kind, Status.UNKNOWN, where, value);
  }

  /** Something Warp sent that this version knows as deprecated or removed (the 2025 protocol). */
  public void deprecated(Kind kind, String where, String value) {
    record(kind, Status.DEPRECATED, where, value);
  }

  /** {@link #unknown} of a field number: {@code field N}. */
  public void unknownField(Kind kind, String where, int number) {
    unknown(kind, where, "field " + number);
  }

  private void record(Kind kind, Status status, String where, String value) {
    if (!counting) {
      return;
    }
    totals[kind.ordinal() * 2 + status.ordinal()].increment();
    Key key = new Key(kind, status, where, safe(value));
    Instant now = clock.instant();
    Entry entry = entries.get(key);
    if (entry == null) {
      if (entries.size() >= MAX_DISTINCT) {
        key = new Key(kind, status, "(any)", "(more distinct values)");
      }
      Entry fresh = new Entry(now);
      entry = entries.putIfAbsent(key, fresh);
      if (entry == null) {
        entry = fresh;
        LOG.warn(
            "event=upstream.drift status={} kind={} where={} value={}",
            status.label(),
            kind.label(),
            key.where(),
            key.value());
      }
    }
    entry.count.increment();
    entry.lastSeen = now;
  }

  /** How many sightings of this kind and status there were in all (the metrics' counters). */
  public long total(Kind kind, Status status) {
    return totals[kind.ordinal() * 2 + status.ordinal()].sum();
  }

  /** Every distinct value seen, unknown ones first, then by kind, place and value. */
  public List<Sighting> snapshot() {
    List<Sighting> out = new ArrayList<>(entries.size());
    entries.forEach((k, e) -> out.add(new Sighting(
        k.kind(), k.status(), k.where(), k.value(), e.firstSeen, e.lastSeen, e.count.sum())));
    out.sort(Comparator.comparing(Sighting::status)
        .thenComparing(Sighting::kind)
        .thenComparing(Sighting::where)
        .thenComparing(Sighting::value));
    return out;
  }

  /** Forgets everything (tests). */
  void clear() {
    entries.clear();
    for (LongAdder total : totals) {
      total.reset();
    }
  }

  /**
   * Letters, digits, {@code _ - . / : + = ( ) ,} and spaces only, at most {@value #MAX_VALUE_CHARS}
   * characters.
   */
  static String safe(String value) {
    if (value == null || value.isEmpty()) {
      return "(empty)";
    }
    int n = Math.min(value.length(), MAX_VALUE_CHARS);
    StringBuilder sb = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      char c = value.charAt(i);
      boolean ok = c < 128 && (Character.isLetterOrDigit(c) || "_-./:+=(), ".indexOf(c) >= 0);
      sb.append(ok ? c : '?');
    }
    return value.length() > MAX_VALUE_CHARS ? sb + "…" : sb.toString();
  }
}
