package dev.warp2api.usage;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * One named key's live counts: requests in the current minute and tokens of the current UTC day.
 * Lock-free (a compare-and-set on one packed word for the minute, a {@link LongAdder} for the day),
 * so requests of one key on several event loops never wait on each other. Thread-safe.
 */
final class KeyMeter {
  /** The epoch minute in the high 32 bits, that minute's requests in the low 32. */
  private final AtomicLong minute = new AtomicLong();

  private final AtomicReference<Day> day = new AtomicReference<>(new Day(Long.MIN_VALUE));

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
    while (true) {
      long v = minute.get();
      long m = v >>> 32;
      long count = v & 0xffff_ffffL;
      long next;
      if (m != epochMinute) {
        next = (epochMinute << 32) | 1;
      } else if (count >= limit) {
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

  /** Tokens counted so far on {@code epochDay}. */
  long tokens(long epochDay) {
    Day d = day.get();
    return d.epochDay == epochDay ? d.tokens.sum() : 0;
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
