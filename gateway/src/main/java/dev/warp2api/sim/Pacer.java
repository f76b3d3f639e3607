package dev.warp2api.sim;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.PriorityQueue;

/**
 * Paces the slow streams of one event loop from a single periodic timer instead of one timer per
 * stream. Each paced stream is due at fixed times ({@code start + k * gap}, so lateness never
 * accumulates); every {@link #SLOT} the timer hands out the frames due by then, plus those due
 * within half a slot, so a frame leaves at most half a slot early or late. With thousands of open
 * streams (the load benchmark holds 4,000) this is one wake-up of the loop per slot for all of
 * them, where per-stream timers woke it for nearly every millisecond and ran one timer task per
 * frame; the simulator then leaves the CPU to the gateway it is measuring. The timer runs only
 * while a stream is waiting.
 *
 * <p>One per event-loop context ({@link #of}); used only on that loop's thread.
 */
final class Pacer {
  /** Resolution of the shared timer. */
  static final Duration SLOT = Duration.ofMillis(5);
  /**
   * Streams with a shorter gap keep a timer of their own: a slot would be a large part of their
   * gap.
   */
  static final Duration MIN_GAP = Duration.ofMillis(50);

  private static final long SLOT_NANOS = SLOT.toNanos();
  private static final Object KEY = new Object();

  /**
   * Something written at its due times: writes, then returns its next due time
   * ({@code Long.MIN_VALUE}: done).
   */
  interface Paced {
    long writeAndNext();
  }

  private record Entry(long due, long seq, Paced paced) implements Comparable<Entry> {
    @Override
    public int compareTo(Entry o) {
      int c = Long.compare(due - o.due, 0);
      return c != 0 ? c : Long.compare(seq, o.seq);
    }
  }

  private final Vertx vertx;
  private final PriorityQueue<Entry> queue = new PriorityQueue<>();
  private long timer = -1;
  private long seq;

  private Pacer(Vertx vertx) {
    this.vertx = vertx;
  }

  /** The pacer of the calling event loop's context, created on first use. */
  static Pacer of(Vertx vertx) {
    Context context = vertx.getOrCreateContext();
    Pacer pacer = context.get(KEY);
    if (pacer == null) {
      pacer = new Pacer(vertx);
      context.put(KEY, pacer);
    }
    return pacer;
  }

  /**
   * Calls {@code paced} at {@code due} (a {@link System#nanoTime()}), then at each time it returns.
   */
  void schedule(long due, Paced paced) {
    queue.add(new Entry(due, seq++, paced));
    if (timer < 0) {
      timer = vertx.setPeriodic(SLOT.toMillis(), id -> tick(System.nanoTime()));
    }
  }

  /** Whether no stream waits (and so no timer runs). */
  boolean idle() {
    return timer < 0;
  }

  /**
   * One slot: calls every stream due by {@code now} plus half a slot, again while one is still due
   * (catch-up).
   */
  void tick(long now) {
    long horizon = now + SLOT_NANOS / 2;
    Entry head;
    while ((head = queue.peek()) != null && head.due - horizon <= 0) {
      queue.poll();
      long next = head.paced.writeAndNext();
      if (next != Long.MIN_VALUE) {
        queue.add(new Entry(next, seq++, head.paced));
      }
    }
    if (queue.isEmpty() && timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
  }
}
