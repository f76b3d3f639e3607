package dev.warp2api.server;

import dev.warp2api.api.ErrorMapper;
import dev.warp2api.config.ClientLimits;
import dev.warp2api.core.ErrorKind;
import dev.warp2api.core.GatewayException;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Client connections within bounds, so slow or idle clients cannot take the gateway down:
 *
 * <ul>
 *   <li>a new connection's first request head must arrive within {@code W2A_HEADER_TIMEOUT};
 *   <li>a connection with no request in flight closes after {@code W2A_CLIENT_IDLE_TIMEOUT} (a
 *       request in flight, a long stream included, is never cut by it);
 *   <li>at most {@code W2A_MAX_CONNECTIONS} connections: one more evicts a connection that has no
 *       request in flight (waiting for headers, or idle); when all are busy, a reserve of
 *       {@link #reserve} more connections serves only the probes ({@code /healthz},
 *       {@code /readyz}, {@code /}) and the admin routes, others get a 503 with
 *       {@code Retry-After}; beyond the reserve a connection is closed at once.
 * </ul>
 *
 * One sweep a fraction of a second apart closes what is overdue, instead of a timer per connection.
 * Shared by every server of the gateway; thread-safe.
 */
final class ConnectionGuard implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ConnectionGuard.class);

  /** One connection's bookkeeping. Written on its event loop, read by the sweep. */
  private static final class Tracked {
    final HttpConnection connection;
    final boolean reserve;
    final long openedNanos;
    volatile HttpServerRequest current;
    volatile long idleSinceNanos = -1;

    Tracked(HttpConnection connection, boolean reserve, long openedNanos) {
      this.connection = connection;
      this.reserve = reserve;
      this.openedNanos = openedNanos;
    }

    boolean busy() {
      HttpServerRequest r = current;
      return r != null && !r.response().ended() && !r.response().closed();
    }
  }

  private final Vertx vertx;
  private final ErrorMapper errors;
  private final long headerNanos;
  private final long idleNanos;
  private final int max;
  private final int reserve;
  private final Map<HttpConnection, Tracked> open = new ConcurrentHashMap<>();
  private final AtomicInteger count = new AtomicInteger();
  private final long sweep;

  ConnectionGuard(Vertx vertx, ClientLimits limits, ErrorMapper errors) {
    this.vertx = vertx;
    this.errors = errors;
    this.headerNanos = limits.headerTimeout().toNanos();
    this.idleNanos = limits.clientIdleTimeout().toNanos();
    this.max = limits.maxConnections();
    this.reserve = reserveFor(max);
    this.sweep = vertx.setPeriodic(sweepInterval(limits).toMillis(), id -> sweep());
  }

  /**
   * A few connections beyond the cap for probes and operators: 5% of it, at least 8, at most 256.
   */
  static int reserveFor(int max) {
    return Math.clamp(max / 20, 8, 256);
  }

  /** For {@code HttpServer.connectionHandler}: admits, evicts to make room, or closes. */
  void onConnection(HttpConnection connection) {
    long now = System.nanoTime();
    int n = count.incrementAndGet();
    boolean inReserve = false;
    if (n > max && !evictOne()) {
      if (n > max + reserve) {
        count.decrementAndGet();
        LOG.debug("event=client.connection_refused open={} max={}", n - 1, max);
        connection.close();
        return;
      }
      inReserve = true;
    }
    Tracked t = new Tracked(connection, inReserve, now);
    open.put(connection, t);
    connection.closeHandler(v -> {
      if (open.remove(connection) != null) {
        count.decrementAndGet();
      }
    });
  }

  /**
   * Closes the oldest connection that has no request in flight, to make room; false when every one
   * is busy. Oldest first: a client that has just connected (its request head not read yet) or just
   * got an answer on a kept-alive connection is not the one cut while a flood of older idle
   * connections is open.
   */
  private boolean evictOne() {
    while (true) {
      Tracked oldest = null;
      for (Tracked t : open.values()) {
        if (!t.busy() && (oldest == null || t.openedNanos - oldest.openedNanos < 0)) {
          oldest = t;
        }
      }
      if (oldest == null) {
        return false;
      }
      if (open.remove(oldest.connection) != null) {
        count.decrementAndGet();
        LOG.debug("event=client.connection_evicted reason=at_max_connections max={}", max);
        oldest.connection.close();
        return true;
      }
      // another event loop closed it meanwhile: look again
    }
  }

  /**
   * Wraps the router: notes each request on its connection; a reserve connection serves probes and
   * admin only.
   */
  Handler<HttpServerRequest> wrap(Handler<HttpServerRequest> router) {
    return request -> {
      Tracked t = open.get(request.connection());
      if (t != null) {
        t.current = request;
        t.idleSinceNanos = -1;
        if (t.reserve && !probeOrAdmin(request.path())) {
          errors.send(
              request.response(),
              Routes.dialectOf(request.path()),
              GatewayException.retryAfter(
                  ErrorKind.OVERLOADED,
                  "The gateway is at its connection limit (W2A_MAX_CONNECTIONS = " + max
                      + "); retry shortly.",
                  1),
              null);
          request.connection().close();
          return;
        }
      }
      router.handle(request);
    };
  }

  /** The raw paths a reserve connection may use; the router still checks access on them. */
  static boolean probeOrAdmin(String path) {
    return path != null
        && (path.equals("/")
            || path.equals("/healthz")
            || path.equals("/readyz")
            || path.equals("/metrics")
            || path.startsWith("/admin/")
            || path.equals("/admin"));
  }

  private void sweep() {
    long now = System.nanoTime();
    for (Tracked t : open.values()) {
      if (t.busy()) {
        continue;
      }
      if (t.current == null) {
        if (now - t.openedNanos >= headerNanos) {
          close(t, "header_timeout");
        }
        continue;
      }
      if (t.idleSinceNanos < 0) {
        t.idleSinceNanos = now;
      } else if (now - t.idleSinceNanos >= idleNanos) {
        close(t, "idle_timeout");
      }
    }
  }

  private void close(Tracked t, String reason) {
    if (open.remove(t.connection) != null) {
      count.decrementAndGet();
      LOG.debug("event=client.connection_closed reason={}", reason);
      t.connection.close();
    }
  }

  /** Client connections open now (tests, metrics). */
  int open() {
    return count.get();
  }

  @Override
  public void close() {
    vertx.cancelTimer(sweep);
  }

  /** A quarter of the shorter timeout, between 50 ms and 1 s: closes land at most that late. */
  static Duration sweepInterval(ClientLimits limits) {
    return Duration.ofMillis(Math.clamp(
        Math.min(limits.headerTimeout().toMillis(), limits.clientIdleTimeout().toMillis()) / 4,
        50,
        1000));
  }
}
