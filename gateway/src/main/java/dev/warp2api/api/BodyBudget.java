package dev.warp2api.api;

import dev.warp2api.core.ErrorKind;
import dev.warp2api.core.GatewayException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The memory all request bodies may hold at once ({@code W2A_MAX_INFLIGHT_BODY_BYTES}), counted as
 * bytes arrive, not as a {@code content-length} declares them, and given back once a body is
 * translated (or dropped). A body whose next chunk does not fit is refused at once with
 * {@link ErrorKind#OVERLOADED} (503 + {@code Retry-After}), so no mix of requests exhausts the
 * heap. Thread-safe: shared by every event loop.
 */
public final class BodyBudget {
  /** What a refused client is told to wait: bodies are translated within milliseconds, so soon. */
  static final long RETRY_AFTER_SECONDS = 1;

  private final long limit;
  private final AtomicLong held = new AtomicLong();

  public BodyBudget(long limit) {
    if (limit <= 0) {
      throw new IllegalArgumentException("limit must be above zero");
    }
    this.limit = limit;
  }

  /** Takes {@code bytes} of the budget; false (and nothing taken) when they do not fit. */
  boolean tryTake(long bytes) {
    while (true) {
      long now = held.get();
      if (now + bytes > limit) {
        return false;
      }
      if (held.compareAndSet(now, now + bytes)) {
        return true;
      }
    }
  }

  void give(long bytes) {
    held.addAndGet(-bytes);
  }

  /** Bytes held now (metrics, tests). */
  public long held() {
    return held.get();
  }

  public long limit() {
    return limit;
  }

  GatewayException overloaded() {
    return GatewayException.retryAfter(
        ErrorKind.OVERLOADED,
        "The gateway is holding as many request bodies as its"
            + " memory budget allows (W2A_MAX_INFLIGHT_BODY_BYTES = " + limit
            + " bytes); retry shortly.",
        RETRY_AFTER_SECONDS);
  }
}
