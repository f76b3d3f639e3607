package dev.warp2api.usage;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/** The bound on a Redis call of the usage stores: none waits longer than its limit. */
final class RedisTimeout {
  private RedisTimeout() {}

  /** {@code f}, failed with a {@link TimeoutException} when it takes longer than {@code limit}. */
  static <T> Future<T> bounded(Vertx vertx, Future<T> f, Duration limit) {
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
