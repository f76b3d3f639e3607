package dev.warp2api.sim;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The record of decoded AI requests: a history for {@link WarpSimulator#requests()} and a queue for
 * {@link WarpSimulator#takeRequest()}. Both keep at most {@link #CAPACITY} entries (oldest dropped)
 * so a load test of millions of requests does not exhaust memory.
 *
 * <p>Thread-safe: the event loop adds, test threads read and take.
 */
final class RequestLog {
  /** Enough for any functional test; bounded for benchmarks. */
  static final int CAPACITY = 10_000;

  private final ArrayDeque<RecordedRequest> history = new ArrayDeque<>();
  private final LinkedBlockingDeque<RecordedRequest> pending = new LinkedBlockingDeque<>();
  private final AtomicLong total = new AtomicLong();

  void add(RecordedRequest r) {
    total.incrementAndGet();
    synchronized (history) {
      if (history.size() == CAPACITY) {
        history.removeFirst();
      }
      history.addLast(r);
    }
    while (pending.size() >= CAPACITY) {
      pending.pollFirst();
    }
    pending.addLast(r);
  }

  List<RecordedRequest> snapshot() {
    synchronized (history) {
      return List.copyOf(new ArrayList<>(history));
    }
  }

  long total() {
    return total.get();
  }

  RecordedRequest take(Duration timeout) throws InterruptedException {
    return pending.pollFirst(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }
}
