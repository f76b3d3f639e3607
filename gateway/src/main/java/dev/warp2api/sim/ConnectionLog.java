package dev.warp2api.sim;

import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The simulator's own record of connections, the streams and PINGs each carried, plus the GOAWAYs
 * and stream resets it sent. Connections are recorded when their first request arrives (every
 * client connection here carries one); the record keeps the newest {@value #CAPACITY} closed
 * connections so a long benchmark stays bounded.
 *
 * <p>Thread-safe: each connection's counts change on its own event loop; readers take snapshots.
 */
final class ConnectionLog {
  static final int CAPACITY = 10_000;

  private final ConcurrentHashMap<HttpConnection, Entry> live = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<Integer, SimConnection> closed = new ConcurrentHashMap<>();
  private final AtomicInteger ids = new AtomicInteger();
  private final AtomicLong goAways = new AtomicLong();
  private final AtomicLong resets = new AtomicLong();

  private final class Entry {
    final int id = ids.incrementAndGet();
    final String protocol;
    final boolean tls;
    final Set<String> paths = ConcurrentHashMap.newKeySet();
    final java.util.ArrayList<HttpServerResponse> inFlight = new java.util.ArrayList<>();
    long streams;
    int peak;
    long pings;
    volatile boolean open = true;

    Entry(HttpServerRequest first) {
      this.tls = first.isSSL();
      this.protocol = first.version() == HttpVersion.HTTP_2 ? (tls ? "h2" : "h2c") : "http/1.1";
    }

    synchronized void pinged() {
      pings++;
    }

    synchronized SimConnection snapshot() {
      if (!open) {
        inFlight.clear();
      }
      return new SimConnection(id, protocol, tls, streams, peak, paths, open, pings);
    }
  }

  /**
   * Records a request on its connection. Requests whose response has not ended and whose stream is
   * not closed count as in flight; the peak is taken as each request arrives (no handler is taken
   * from the endpoints).
   */
  void stream(HttpServerRequest req) {
    HttpConnection connection = req.connection();
    Entry entry = live.computeIfAbsent(connection, c -> {
      Entry created = new Entry(req);
      c.closeHandler(v -> closed(c));
      if (req.version() == HttpVersion.HTTP_2) { // HTTP/1.1 has no PING (Vert.x throws)
        c.pingHandler(data -> created.pinged()); // Netty answers each PING; this only counts
      }
      return created;
    });
    synchronized (entry) {
      entry.streams++;
      entry.inFlight.removeIf(r -> r.ended() || r.closed());
      entry.inFlight.add(req.response());
      entry.peak = Math.max(entry.peak, entry.inFlight.size());
    }
    entry.paths.add(req.path());
  }

  private void closed(HttpConnection connection) {
    Entry entry = live.get(connection);
    if (entry == null) {
      return;
    }
    entry.open = false;
    // Recorded as closed before it leaves the live ones: a snapshot taken in between sees it
    // twice (the closed record wins), never not at all.
    closed.put(entry.id, entry.snapshot());
    live.remove(connection);
    if (closed.size() > CAPACITY) {
      closed.keySet().stream().min(Integer::compare).ifPresent(closed::remove);
    }
  }

  void goAwaySent() {
    goAways.incrementAndGet();
  }

  void resetSent() {
    resets.incrementAndGet();
  }

  List<SimConnection> snapshot() {
    Map<Integer, SimConnection> all = new TreeMap<>();
    live.values().forEach(e -> all.put(e.id, e.snapshot()));
    // Read after the live ones: a connection closing meanwhile is in one of them.
    all.putAll(closed);
    return List.copyOf(all.values());
  }

  int opened() {
    return ids.get();
  }

  long goAways() {
    return goAways.get();
  }

  long resets() {
    return resets.get();
  }
}
