package dev.warp2api.sim;

import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The simulator's own record of connections and the streams each carried, plus the GOAWAYs and
 * stream resets it sent. Connections are recorded when their first request arrives (every client
 * connection here carries one); the record keeps the newest {@value #CAPACITY} closed connections
 * so a long benchmark stays bounded.
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
    volatile boolean open = true;

    Entry(HttpServerRequest first) {
      this.tls = first.isSSL();
      this.protocol = first.version() == HttpVersion.HTTP_2 ? (tls ? "h2" : "h2c") : "http/1.1";
    }

    synchronized SimConnection snapshot() {
      if (!open) {
        inFlight.clear();
      }
      return new SimConnection(id, protocol, tls, streams, peak, paths, open);
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
    Entry entry = live.remove(connection);
    if (entry == null) {
      return;
    }
    entry.open = false;
    closed.put(entry.id, entry.snapshot());
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
    var all = new java.util.ArrayList<SimConnection>(closed.values());
    live.values().forEach(e -> all.add(e.snapshot()));
    all.sort(Comparator.comparingInt(SimConnection::id));
    return List.copyOf(all);
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
