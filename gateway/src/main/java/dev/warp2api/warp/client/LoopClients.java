package dev.warp2api.warp.client;

import io.vertx.core.Context;
import io.vertx.core.http.HttpClient;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * One HTTP client (and so one connection pool) per event loop. A Vert.x client's pool hands any
 * idle connection to any caller, and a connection lives on the event loop that opened it: a request
 * served on loop A that gets a connection of loop B has every upstream chunk handed from thread B
 * to thread A. With one client per loop, the connections a request can get were opened on its own
 * loop and the relay never changes threads. Callers off the event loops (start-up, tests) use the
 * client given for them.
 *
 * <p>Thread-safe. {@link #close()} closes every client this made (not the off-loop one, which the
 * caller owns).
 */
final class LoopClients implements AutoCloseable {
  private final Supplier<HttpClient> factory;
  private final HttpClient offLoop;
  private final ConcurrentHashMap<Thread, HttpClient> byLoop = new ConcurrentHashMap<>();
  private volatile boolean closed;

  /**
   * @param offLoop the client for callers off the event loops
   * @param factory makes a new client with the endpoint's options; called once per event loop
   */
  LoopClients(HttpClient offLoop, Supplier<HttpClient> factory) {
    this.offLoop = Objects.requireNonNull(offLoop, "offLoop");
    this.factory = Objects.requireNonNull(factory, "factory");
  }

  /**
   * The client of the calling event loop, or the shared one when called off the event loops or
   * after close.
   */
  HttpClient current() {
    if (closed || !Context.isOnEventLoopThread()) {
      return offLoop;
    }
    HttpClient client = byLoop.computeIfAbsent(Thread.currentThread(), t -> factory.get());
    if (closed) { // closed while this one was being made
      client.close();
      return offLoop;
    }
    return client;
  }

  @Override
  public void close() {
    closed = true;
    byLoop.values().forEach(HttpClient::close);
    byLoop.clear();
  }
}
