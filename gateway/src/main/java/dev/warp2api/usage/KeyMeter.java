package dev.warp2api.usage;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * One named key's live counts: requests in the current minute and tokens of the current UTC day,
 * this instance's own, plus the other instances' as last read from the shared totals (Redis,
 * {@link SharedUsage}). Lock-free (a compare-and-set on one packed word for the minute, a
 * {@link LongAdder} for the day, one volatile read for the others'), so requests of one key on
 * several event loops never wait on each other. Thread-safe.
 */
final class KeyMeter {
  /** The epoch minute in the high 32 bits, that minute's requests in the low 32. */
  private final AtomicLong minute = new AtomicLong();

  private final AtomicReference<Day> day = new AtomicReference<>(new Day(Long.MIN_VALUE));

  /** What the other instances used: tokens of {@code day}, requests of {@code minute}. */
  private record Others(long day, long tokens, long minute, long requests) {
    static final Others NONE = new Others(Long.MIN_VALUE, 0, Long.MIN_VALUE, 0);
  }

  private volatile Others others = Others.NONE;

  private record Day(long epochDay, LongAdder tokens) {
    Day(long epochDay) {
      this(epochDay, new LongAdder());
    }
  }

  /**
   * Counts one request in {@code epochMinute} unless {@code limit} requests were already counted
   * there.
   *
   * @return whether the request may go
   */
  boolean tryRequest(long epochMinute, int limit) {
    Others o = others;
    long elsewhere = o.minute == epochMinute ? o.requests : 0;
    while (true) {
      long v = minute.get();
      long m = v >>> 32;
      long count = v & 0xffff_ffffL;
      long next;
      if (m != epochMinute) {
        if (elsewhere >= limit) {
          return false;
        }
        next = (epochMinute << 32) | 1;
      } else if (count + elsewhere >= limit) {
        return false;
      } else {
        next = v + 1;
      }
      if (minute.compareAndSet(v, next)) {
        return true;
      }
    }
  }

  /** Adds tokens to {@code epochDay}'s count (a new day starts from zero). */
  void addTokens(long epochDay, long tokens) {
    current(epochDay).tokens.add(tokens);
  }

  /** Tokens this instance counted so far on {@code epochDay}. */
  long tokens(long epochDay) {
    Day d = day.get();
    return d.epochDay == epochDay ? d.tokens.sum() : 0;
  }

  /** Tokens counted on {@code epochDay} by this instance and, as last read, the others. */
  long allTokens(long epochDay) {
    Others o = others;
    return tokens(epochDay) + (o.day == epochDay ? o.tokens : 0);
  }

  /** Requests this instance let through in {@code epochMinute}. */
  long requests(long epochMinute) {
    long v = minute.get();
    return (v >>> 32) == epochMinute ? v & 0xffff_ffffL : 0;
  }

  /** Requests let through in {@code epochMinute} by this instance and, as last read, the others. */
  long allRequests(long epochMinute) {
    Others o = others;
    return requests(epochMinute) + (o.minute == epochMinute ? o.requests : 0);
  }

  /** What the other instances used, as just read from the shared totals. */
  void others(long epochDay, long tokens, long epochMinute, long requests) {
    others = new Others(epochDay, Math.max(0, tokens), epochMinute, Math.max(0, requests));
  }

  private Day current(long epochDay) {
    while (true) {
      Day d = day.get();
      if (d.epochDay == epochDay) {
        return d;
      }
      if (d.epochDay > epochDay) {
        return new Day(epochDay); // a late request of yesterday: counted nowhere
      }
      Day fresh = new Day(epochDay);
      if (day.compareAndSet(d, fresh)) {
        return fresh;
      }
    }
  }
}
