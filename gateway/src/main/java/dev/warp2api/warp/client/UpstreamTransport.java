package dev.warp2api.warp.client;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpConnectOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The connections to Warp's {@code https://} origins, shared by the AI call, token refresh and
 * GraphQL: one {@link MuxPool} per origin and event loop, so calls to the same origin share
 * connections and a response is relayed on the loop that asked for it. HTTP/2 is negotiated by ALPN
 * (HTTP/1.1 if the server offers only that); {@code WARP_INSECURE_TLS} skips certificate
 * verification. {@code http://} targets do not come here (they keep Vert.x's HTTP/1.1 pool, see
 * {@link EndpointClient}).
 *
 * <p>Why not Vert.x's own pool: it opens a connection per waiting request while the first one is
 * being set up (32 concurrent requests opened 37 connections against a limit of 100), where one per
 * event loop does.
 *
 * <p>Thread-safe; callers off the event loops are served on one context of their own.
 * {@link #close()} closes every connection.
 */
public final class UpstreamTransport implements AutoCloseable {
  private final Vertx vertx;
  private final WarpEndpoints endpoints;
  private final TransportOptions options;
  private final ConnectionEvents events;
  private final HttpClientAgent agent;
  private final Context offLoop;
  private final ConcurrentHashMap<Key, MuxPool> pools = new ConcurrentHashMap<>();
  private volatile boolean closed;

  private record Key(String origin, Thread loop) {}

  /**
   * @param options timeouts, pool bounds and keep-warm times
   * @param events told about connections (metrics); {@link ConnectionEvents#NONE} for none
   */
  public UpstreamTransport(
      Vertx vertx, WarpEndpoints endpoints, TransportOptions options, ConnectionEvents events) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.endpoints = Objects.requireNonNull(endpoints, "endpoints");
    this.options = Objects.requireNonNull(options, "options");
    this.events = Objects.requireNonNull(events, "events");
    HttpClientOptions http = new HttpClientOptions()
        .setConnectTimeout((int) options.connectTimeout().toMillis())
        .setTcpNoDelay(true)
        .setDecompressionSupported(false)
        .setKeepAlive(true)
        .setSsl(true)
        .setSslEngineOptions(TlsEngine.preferred())
        .setUseAlpn(true)
        .setProtocolVersion(HttpVersion.HTTP_2)
        .setAlpnVersions(List.of(HttpVersion.HTTP_2, HttpVersion.HTTP_1_1))
        // Idle connections are closed by MuxPool after keepWarm; Vert.x must not close them
        // earlier.
        .setHttp2KeepAliveTimeout((int) Math.min(
            Integer.MAX_VALUE, options.keepWarm().plus(options.pingInterval()).toSeconds() + 1))
        .setKeepAliveTimeout(
            (int) Math.min(Integer.MAX_VALUE, options.keepWarm().toSeconds() + 1));
    if (endpoints.insecureTls()) {
      http.setTrustAll(true).setVerifyHost(false);
    }
    this.agent = vertx.httpClientBuilder().with(http).build();
    this.offLoop = vertx.getOrCreateContext();
  }

  /** The options it was made with. */
  public TransportOptions options() {
    return options;
  }

  ConnectionEvents events() {
    return events;
  }

  /** A transport with {@link TransportOptions#defaults()} and no events. */
  public UpstreamTransport(Vertx vertx, WarpEndpoints endpoints) {
    this(vertx, endpoints, TransportOptions.defaults(), ConnectionEvents.NONE);
  }

  /**
   * A request to {@code target} (an {@code https://} URL) on a multiplexed connection of the
   * calling event loop. The future completes on the connection's event loop.
   */
  Future<HttpClientRequest> request(URI target, RequestOptions request) {
    if (closed) {
      return Future.failedFuture(new IllegalStateException("upstream transport closed"));
    }
    Context here = Vertx.currentContext();
    if (here == null || !Context.isOnEventLoopThread()) {
      Promise<HttpClientRequest> promise = Promise.promise();
      offLoop.runOnContext(v -> pool(target, offLoop).request(request).onComplete(promise));
      return promise.future();
    }
    return pool(target, here).request(request);
  }

  /**
   * Opens a first connection to {@code target}'s origin from the calling event loop (or the
   * off-loop context), so the first request does not wait for a TCP and TLS handshake. A no-op for
   * {@code http://} targets.
   */
  public void warm(URI target) {
    if (closed || !isTls(target)) {
      return;
    }
    Context here = Vertx.currentContext();
    Context on = here == null || !Context.isOnEventLoopThread() ? offLoop : here;
    on.runOnContext(v -> pool(target, on).warm());
  }

  /** Open connections to {@code target}'s origin, all event loops together (tests, metrics). */
  public int openConnections(URI target) {
    String origin = origin(target);
    return pools.entrySet().stream()
        .filter(e -> e.getKey().origin().equals(origin))
        .mapToInt(e -> e.getValue().openConnections())
        .sum();
  }

  private MuxPool pool(URI target, Context context) {
    String origin = origin(target);
    return pools.computeIfAbsent(
        new Key(origin, Thread.currentThread()),
        k -> new MuxPool(vertx, context, agent, connectOptions(target), origin, options, events));
  }

  private HttpConnectOptions connectOptions(URI target) {
    HttpConnectOptions connect = new HttpConnectOptions()
        .setHost(target.getHost())
        .setPort(port(target))
        .setSsl(true)
        .setConnectTimeout(options.connectTimeout().toMillis());
    var proxy = ProxyRule.forTarget(target, endpoints.httpsProxy(), endpoints.noProxy());
    if (proxy != null) {
      connect.setProxyOptions(proxy);
    }
    return connect;
  }

  static boolean isTls(URI target) {
    return "https".equalsIgnoreCase(target.getScheme());
  }

  private static int port(URI target) {
    return target.getPort() > 0 ? target.getPort() : 443;
  }

  /** {@code https://host:port}: what connections are shared by. */
  static String origin(URI target) {
    return target.getScheme().toLowerCase(java.util.Locale.ROOT) + "://" + target.getHost() + ":"
        + port(target);
  }

  /** Closes every connection; requests in flight are cut, waiting ones fail. */
  @Override
  public void close() {
    closed = true;
    pools.values().forEach(MuxPool::closeSoon);
    agent.close();
  }
}
