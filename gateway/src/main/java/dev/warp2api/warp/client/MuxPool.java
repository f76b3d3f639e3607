package dev.warp2api.warp.client;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientConnection;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpConnectOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * The connections of one event loop to one {@code https://} origin, multiplexed: a request takes a
 * stream on the oldest open connection below the server's advertised stream limit
 * ({@code SETTINGS_MAX_CONCURRENT_STREAMS}); a new connection opens only when every open one is at
 * its limit or draining (GOAWAY), and requests arriving while one is being set up wait for it
 * instead of each opening their own (up to the streams it is expected to carry: the last limit a
 * server of this origin advertised, 100 until one did).
 *
 * <p>Idle connections are kept warm: every {@link TransportOptions#pingInterval()} each one without
 * streams is sent an HTTP/2 PING; one idle for longer than {@link TransportOptions#keepWarm()} is
 * closed. A request whose response head timed out makes its connection suspect: it is sent a PING
 * at once and takes no new streams until the answer comes, so the next request opens a fresh
 * connection instead of waiting out the same timeout on a path that may have died without a close.
 * A PING still unanswered at the next interval's tick marks its connection dead, and it is closed
 * whatever it carries. A connection that got GOAWAY takes no new streams and closes once its
 * streams are done; the next request opens a fresh one.
 *
 * <p>Confined to its event loop: every method must run on it ({@link UpstreamTransport} sees to
 * that), so no locks. Connections opened from this loop live on it, so a response is never handed
 * between threads.
 */
final class MuxPool {
  /**
   * RFC 9113 recommends servers allow at least 100 concurrent streams; assumed until a server says.
   */
  static final int ASSUMED_STREAM_LIMIT = 100;

  /**
   * The receive window of a whole connection (1 GiB, as Go's HTTP/2 client has), far above the sum
   * of its streams' windows (64 KiB each, at most the server's stream limit of them). With the
   * default of 64 KiB for the connection too, one stream whose client reads slowly holds the
   * connection's whole window with bytes it has not consumed, and every other stream on the
   * connection stops until it reads. The stream windows alone bound what a connection buffers.
   */
  static final int CONNECTION_WINDOW = 1 << 30;

  private final Vertx vertx;
  private final Context context;
  private final HttpClientAgent agent;
  private final HttpConnectOptions connect;
  private final String origin;
  private final TransportOptions options;
  private final ConnectionEvents events;
  private final List<Slot> slots = new ArrayList<>();
  private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
  private int expectedLimit = ASSUMED_STREAM_LIMIT;
  private long pinger = -1;
  private long ticks;
  private boolean closed;

  private record Waiter(RequestOptions request, Promise<HttpClientRequest> promise) {}

  /** One connection, from the moment it is asked for. */
  private final class Slot {
    HttpClientConnection conn; // null while connecting
    int inUse;
    long streams;
    boolean draining;
    boolean pingPending;
    long pingTick; // the keep-warm tick from which an unanswered PING means the connection is dead
    boolean suspect;
    long idleSinceNanos = System.nanoTime();

    int limit() {
      if (conn.protocolVersion() != HttpVersion.HTTP_2) {
        return 1;
      }
      return (int) Math.min(Integer.MAX_VALUE, Math.max(1, conn.maxActiveStreams()));
    }

    boolean hasRoom() {
      return conn != null && !draining && !suspect && inUse < limit();
    }
  }

  MuxPool(
      Vertx vertx,
      Context context,
      HttpClientAgent agent,
      HttpConnectOptions connect,
      String origin,
      TransportOptions options,
      ConnectionEvents events) {
    this.vertx = vertx;
    this.context = context;
    this.agent = agent;
    this.connect = connect;
    this.origin = origin;
    this.options = options;
    this.events = events;
  }

  /** A request on a stream of one of this pool's connections, once one has room. */
  Future<HttpClientRequest> request(RequestOptions request) {
    if (closed) {
      return Future.failedFuture(new IllegalStateException("upstream transport closed"));
    }
    Promise<HttpClientRequest> promise = Promise.promise();
    waiters.add(new Waiter(request, promise));
    dispatch();
    return promise.future();
  }

  /** Opens a first connection ahead of demand, unless one is open or opening. */
  void warm() {
    if (!closed && slots.stream().noneMatch(s -> !s.draining)) {
      open();
    }
  }

  /** Open connections (ready, not draining), and streams in use on them: for tests and metrics. */
  int openConnections() {
    return (int) slots.stream().filter(s -> s.conn != null).count();
  }

  private void dispatch() {
    while (!waiters.isEmpty()) {
      Slot slot = roomiest();
      if (slot == null) {
        break;
      }
      start(waiters.poll(), slot);
    }
    if (waiters.isEmpty()) {
      return;
    }
    int expected = 0;
    int live = 0;
    for (Slot s : slots) {
      if (s.conn == null) {
        expected += expectedLimit;
      }
      if (!s.draining) {
        live++;
      }
    }
    int maxConnections = options.http2PoolSize();
    while (waiters.size() > expected && live < maxConnections) {
      open();
      expected += expectedLimit;
      live++;
    }
  }

  /**
   * The oldest connection with room: streams are packed so that spare connections go idle and can
   * close.
   */
  private Slot roomiest() {
    for (Slot s : slots) {
      if (s.hasRoom()) {
        return s;
      }
    }
    return null;
  }

  private void start(Waiter waiter, Slot slot) {
    slot.inUse++;
    slot.streams++;
    events.streamStarted(origin, slot.inUse);
    boolean[] released = {false};
    Runnable release = () -> {
      if (!released[0]) {
        released[0] = true;
        onContext(() -> release(slot));
      }
    };
    slot.conn.request(waiter.request()).onComplete(ar -> {
      if (ar.failed()) {
        release.run();
        waiter.promise().fail(ar.cause());
        return;
      }
      HttpClientRequest req = ar.result();
      req.response().onComplete(head -> {
        if (head.failed()) {
          if (head.cause() instanceof TimeoutException) {
            onContext(() -> suspect(slot));
          }
          release.run();
        } else {
          head.result().end().onComplete(end -> release.run());
        }
      });
      waiter.promise().complete(req);
    });
  }

  private void onContext(Runnable action) {
    if (context.equals(Vertx.currentContext())) {
      action.run();
    } else {
      context.runOnContext(v -> action.run());
    }
  }

  /** On the pool's context. */
  private void release(Slot slot) {
    slot.inUse--;
    if (slot.inUse == 0) {
      slot.idleSinceNanos = System.nanoTime();
      if (slot.draining && slot.conn != null) {
        slot.conn.close();
      }
    }
    dispatch();
  }

  private void open() {
    Slot slot = new Slot();
    slots.add(slot);
    long begun = System.nanoTime();
    agent.connect(connect).onComplete(ar -> {
      if (ar.failed()) {
        slots.remove(slot);
        events.openFailed(origin);
        failWaitersWithoutProspect(ar.cause());
        dispatch();
        return;
      }
      HttpClientConnection conn = ar.result();
      if (closed) {
        conn.close();
        return;
      }
      slot.conn = conn;
      events.opened(origin, conn.protocolVersion(), Duration.ofNanos(System.nanoTime() - begun));
      if (conn.protocolVersion() == HttpVersion.HTTP_2) {
        conn.setWindowSize(CONNECTION_WINDOW);
        conn.goAwayHandler(g -> {
          if (!slot.draining) {
            events.goAway(origin);
          }
          slot.draining = true;
          context.runOnContext(v -> dispatch());
        });
        conn.remoteSettingsHandler(s -> context.runOnContext(v -> {
          expectedLimit = slot.limit();
          dispatch();
        }));
        expectedLimit = slot.limit();
      }
      conn.shutdownHandler(v -> slot.draining = true);
      conn.closeHandler(v -> context.runOnContext(x -> {
        slots.remove(slot);
        events.closed(origin, slot.streams);
        dispatch();
      }));
      conn.exceptionHandler(
          e -> {}); // surfaces on the streams it breaks; the close handler cleans up
      schedulePings();
      dispatch();
    });
  }

  /**
   * A failed connection fails the waiters no other open or opening connection is expected to serve.
   */
  private void failWaitersWithoutProspect(Throwable cause) {
    int prospect = 0;
    for (Slot s : slots) {
      prospect +=
          s.conn == null ? expectedLimit : (s.draining ? 0 : Math.max(0, s.limit() - s.inUse));
    }
    while (waiters.size() > prospect) {
      waiters.pollLast().promise().fail(cause);
    }
  }

  private void schedulePings() {
    if (pinger >= 0 || closed) {
      return;
    }
    long period = Math.max(1, options.pingInterval().toMillis());
    pinger = vertx.setPeriodic(period, id -> context.runOnContext(v -> keepWarm()));
  }

  /**
   * Pings idle connections, closes dead ones and those idle past
   * {@link TransportOptions#keepWarm()}.
   */
  private void keepWarm() {
    ticks++;
    long now = System.nanoTime();
    for (Slot s : List.copyOf(slots)) {
      if (s.conn == null || s.conn.protocolVersion() != HttpVersion.HTTP_2) {
        continue;
      }
      if (s.pingPending && s.pingTick <= ticks) { // unanswered for a whole interval: dead
        s.draining = true;
        s.conn.close();
        continue;
      }
      if (s.inUse > 0) {
        continue;
      }
      if (s.draining || now - s.idleSinceNanos >= options.keepWarm().toNanos()) {
        s.conn.close();
        continue;
      }
      if (!s.pingPending) {
        ping(s, ticks + 1);
      }
    }
    if (slots.isEmpty() && pinger >= 0) {
      vertx.cancelTimer(pinger);
      pinger = -1;
    }
  }

  /**
   * A stream on {@code s} got no response head in time: no new streams there until a PING comes
   * back; the requests waiting meanwhile open a fresh connection.
   */
  private void suspect(Slot s) {
    if (s.conn == null || s.draining || s.conn.protocolVersion() != HttpVersion.HTTP_2) {
      return;
    }
    s.suspect = true;
    if (!s.pingPending) {
      ping(s, ticks + 2); // sent between two ticks: a whole interval has passed at the second
    }
    schedulePings(); // the stream's release, which follows, dispatches the waiting requests
  }

  /**
   * Sends {@code s} a PING; still unanswered at keep-warm tick {@code judgedAt}, it marks the
   * connection dead. Its answer clears a suspicion.
   */
  private void ping(Slot s, long judgedAt) {
    s.pingPending = true;
    s.pingTick = judgedAt;
    s.conn.ping(io.vertx.core.buffer.Buffer.buffer(new byte[8])).onComplete(ar -> {
      s.pingPending = false;
      if (ar.failed()) {
        s.draining = true;
        s.conn.close();
      } else if (s.suspect) {
        s.suspect = false;
        onContext(this::dispatch);
      }
    });
  }

  /** {@link #close()} on this pool's event loop; callable from any thread. */
  void closeSoon() {
    context.runOnContext(v -> close());
  }

  /** Fails waiting requests and closes every connection; streams in flight are cut. */
  void close() {
    closed = true;
    if (pinger >= 0) {
      vertx.cancelTimer(pinger);
      pinger = -1;
    }
    while (!waiters.isEmpty()) {
      waiters.poll().promise().fail(new IllegalStateException("upstream transport closed"));
    }
    for (Slot s : List.copyOf(slots)) {
      if (s.conn != null) {
        s.conn.close();
      }
    }
  }
}
