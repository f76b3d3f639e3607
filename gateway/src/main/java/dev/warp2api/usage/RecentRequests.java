package dev.warp2api.usage;

import dev.warp2api.pipeline.FinishedRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The last {@code capacity} requests that ended, newest first. Recording is one atomic increment
 * and one array write, so event loops recording at once never wait on each other; a reader may miss
 * a request being written at that instant, never sees a torn one. Thread-safe.
 */
public final class RecentRequests {
  /** How many requests the admin list and the dashboard can show. */
  public static final int DEFAULT_CAPACITY = 500;

  private final AtomicReferenceArray<FinishedRequest> ring;
  private final AtomicLong written = new AtomicLong();

  public RecentRequests(int capacity) {
    if (capacity <= 0) {
      throw new IllegalArgumentException("capacity must be positive: " + capacity);
    }
    this.ring = new AtomicReferenceArray<>(capacity);
  }

  public int capacity() {
    return ring.length();
  }

  /** Records one ended request, forgetting the oldest when full. */
  public void record(FinishedRequest request) {
    long n = written.getAndIncrement();
    ring.set((int) (n % ring.length()), request);
  }

  /** Up to {@code limit} requests, newest first. */
  public List<FinishedRequest> newest(int limit) {
    long end = written.get();
    int n = (int) Math.min(Math.min(limit, ring.length()), end);
    List<FinishedRequest> out = new ArrayList<>(Math.max(n, 0));
    for (long i = end - 1; i >= end - n; i--) {
      FinishedRequest r = ring.get((int) (i % ring.length()));
      if (r != null) {
        out.add(r);
      }
    }
    return out;
  }
}
