package dev.warp2api.usage;

import dev.warp2api.pipeline.FinishedRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Requests and tokens (input + output) per minute of the last {@value #MINUTES} minutes, by model
 * and by key: what the dashboard's charts draw. One slot per minute of the hour, reused when its
 * minute is past; counters are {@link LongAdder}s, so recording never blocks. Each minute holds at
 * most {@value #MAX_NAMES} models and keys; further names are folded into {@code other}.
 * Thread-safe.
 */
public final class TrafficMinutes {
  public static final int MINUTES = 60;
  static final int MAX_NAMES = 64;
  static final String OTHER = "other";
  /** The name requests without a client key are counted under. */
  public static final String ANONYMOUS = "anonymous";

  private final Clock clock;
  private final AtomicReferenceArray<Minute> slots = new AtomicReferenceArray<>(MINUTES);

  public TrafficMinutes(Clock clock) {
    this.clock = clock;
  }

  /** Counts of one name in one minute. */
  public record Counts(long requests, long tokens) {}

  /** One minute's counts, by model and by key, names in order. */
  public record MinuteView(
      Instant minute, Map<String, Counts> byModel, Map<String, Counts> byKey) {}

  public void record(FinishedRequest request) {
    long minute = request.time().getEpochSecond() / 60;
    Minute m = slot(minute);
    if (m == null) {
      return; // older than the window
    }
    String key = request.key() == null ? ANONYMOUS : request.key();
    long tokens = request.tokens();
    m.byModel.count(request.model(), tokens);
    m.byKey.count(key, tokens);
  }

  /** The last {@value #MINUTES} minutes up to now, oldest first; minutes without traffic too. */
  public List<MinuteView> minutes() {
    long now = clock.instant().getEpochSecond() / 60;
    List<MinuteView> out = new ArrayList<>(MINUTES);
    for (long minute = now - MINUTES + 1; minute <= now; minute++) {
      Minute m = slots.get(index(minute));
      boolean current = m != null && m.minute == minute;
      out.add(new MinuteView(
          Instant.ofEpochSecond(minute * 60),
          current ? m.byModel.view() : Map.of(),
          current ? m.byKey.view() : Map.of()));
    }
    return out;
  }

  /**
   * The slot of {@code minute}, made fresh when it still holds an older minute; null when stale.
   */
  private Minute slot(long minute) {
    long now = clock.instant().getEpochSecond() / 60;
    if (minute <= now - MINUTES) {
      return null;
    }
    int i = index(minute);
    while (true) {
      Minute m = slots.get(i);
      if (m != null && m.minute == minute) {
        return m;
      }
      if (m != null && m.minute > minute) {
        return null; // the slot already moved on to a later minute
      }
      Minute fresh = new Minute(minute);
      if (slots.compareAndSet(i, m, fresh)) {
        return fresh;
      }
    }
  }

  private static int index(long minute) {
    return (int) Math.floorMod(minute, (long) MINUTES);
  }

  private static final class Minute {
    final long minute;
    final Names byModel = new Names();
    final Names byKey = new Names();

    Minute(long minute) {
      this.minute = minute;
    }
  }

  private static final class Names {
    private final ConcurrentHashMap<String, Adders> counts = new ConcurrentHashMap<>();

    void count(String name, long tokens) {
      Adders a = counts.get(name);
      if (a == null) {
        String bounded = counts.size() >= MAX_NAMES ? OTHER : name;
        a = counts.computeIfAbsent(bounded, n -> new Adders());
      }
      a.requests.increment();
      a.tokens.add(tokens);
    }

    Map<String, Counts> view() {
      Map<String, Counts> out = new TreeMap<>();
      counts.forEach((name, a) -> out.put(name, new Counts(a.requests.sum(), a.tokens.sum())));
      return out;
    }
  }

  private static final class Adders {
    final LongAdder requests = new LongAdder();
    final LongAdder tokens = new LongAdder();
  }
}
