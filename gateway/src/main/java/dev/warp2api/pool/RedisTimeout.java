package dev.warp2api.pool;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * The bound on a Redis call: none waits longer than its limit. The one copy for every Redis client
 * of the gateway: the pool's {@link RedisStateStore} and the usage layer's Redis stores (which may
 * use the pool's package, the pool not theirs).
 */
public final class RedisTimeout {
  private RedisTimeout() {}

  /** {@code f}, failed with a {@link TimeoutException} when it takes longer than {@code limit}. */
  public static <T> Future<T> bounded(Vertx vertx, Future<T> f, Duration limit) {
    Promise<T> p = Promise.promise();
    long timer = vertx.setTimer(
        limit.toMillis(),
        id ->
            p.tryFail(new TimeoutException("Redis took longer than " + limit.toMillis() + " ms")));
    f.onComplete(ar -> {
      vertx.cancelTimer(timer);
      if (ar.succeeded()) {
        p.tryComplete(ar.result());
      } else {
        p.tryFail(ar.cause());
      }
    });
    return p.future();
  }
}
