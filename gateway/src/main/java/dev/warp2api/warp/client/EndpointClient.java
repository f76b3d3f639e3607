package dev.warp2api.warp.client;

import io.netty.handler.codec.http2.Http2Exception;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.StreamResetException;
import java.net.URI;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The client of one Warp endpoint (AI call, token refresh or GraphQL) with what its requests need:
 * the endpoints' identity headers and the transport options. {@code https://} requests go over the
 * shared {@link UpstreamTransport} (multiplexed HTTP/2, shared with the other endpoints of the same
 * origin); {@code http://} ones over a Vert.x HTTP/1.1 pool of this endpoint (one per event loop
 * for the AI call).
 *
 * <p>A request the server refused before processing it (its stream above a GOAWAY's last stream id,
 * or reset with REFUSED_STREAM) is sent again on another connection, up to
 * {@value #REFUSED_RETRIES} times: nothing reached Warp, so this is neither a failover nor an
 * attempt. Thread-safe.
 */
final class EndpointClient implements AutoCloseable {
  /**
   * Resends of a refused request; a server refusing more often than that is failing, not draining.
   */
  static final int REFUSED_RETRIES = 3;
  /** RFC 9113 §8.7: the stream was refused before any processing. */
  private static final long REFUSED_STREAM = 0x7;

  private final URI url;
  private final WarpEndpoints endpoints;
  private final TransportOptions options;
  private final Map<String, String> identityHeaders;
  private final UpstreamTransport transport; // for https://, else null
  private final boolean ownsTransport;
  private final HttpClient http; // for http://, else null
  private final LoopClients loops; // for http://, else null
  private final ConnectionEvents events;

  private EndpointClient(
      URI url,
      WarpEndpoints endpoints,
      TransportOptions options,
      Map<String, String> identityHeaders,
      UpstreamTransport transport,
      boolean ownsTransport,
      HttpClient http,
      LoopClients loops,
      ConnectionEvents events) {
    this.url = url;
    this.endpoints = endpoints;
    this.options = options;
    this.identityHeaders = identityHeaders;
    this.transport = transport;
    this.ownsTransport = ownsTransport;
    this.http = http;
    this.loops = loops;
    this.events = events;
  }

  /**
   * Opens a client for the URL that {@code url} picks from {@code endpoints}.
   *
   * @param urlName the accessor's name, for the message when that URL is null
   *     ({@code endpoints.refreshUrl})
   * @param shared the transport of {@code https://} calls, or null to open one this client owns
   * @param perLoop for {@code http://}: one HTTP/1.1 client per event loop (the AI call's streams
   *     are relayed on the loop that asked for them) rather than one for all
   * @throws NullPointerException naming the argument (or {@code urlName}) that is null
   */
  static EndpointClient open(
      Vertx vertx,
      WarpEndpoints endpoints,
      Function<WarpEndpoints, URI> url,
      String urlName,
      TransportOptions options,
      UpstreamTransport shared,
      boolean perLoop) {
    ConnectionEvents events = shared != null ? shared.events() : ConnectionEvents.NONE;
    Objects.requireNonNull(vertx, "vertx");
    Objects.requireNonNull(endpoints, "endpoints");
    URI target = Objects.requireNonNull(url.apply(endpoints), urlName);
    Objects.requireNonNull(options, "options");
    Map<String, String> headers = Collections.unmodifiableMap(endpoints.identityHeaders());
    if (UpstreamTransport.isTls(target)) {
      UpstreamTransport transport =
          shared != null ? shared : new UpstreamTransport(vertx, endpoints, options, events);
      return new EndpointClient(
          target, endpoints, options, headers, transport, shared == null, null, null, events);
    }
    HttpClient offLoop = UpstreamHttp.client(vertx, target, endpoints, options);
    LoopClients loops = perLoop
        ? new LoopClients(offLoop, () -> UpstreamHttp.client(vertx, target, endpoints, options))
        : null;
    return new EndpointClient(
        target, endpoints, options, headers, null, false, offLoop, loops, events);
  }

  URI url() {
    return url;
  }

  WarpEndpoints endpoints() {
    return endpoints;
  }

  TransportOptions options() {
    return options;
  }

  /**
   * A POST to {@code target} (this endpoint's URL, or one derived from it) with the identity
   * headers.
   */
  RequestOptions post(URI target, String contentType, String accept) {
    return UpstreamHttp.post(target, identityHeaders, options, contentType, accept);
  }

  /**
   * A request and its response head. The response is paused: its reader sets its handlers, then
   * resumes it.
   */
  record Exchange(HttpClientRequest request, HttpClientResponse response) {}

  /**
   * Sends {@code body} and waits for the response head, resending a request the server refused
   * unprocessed.
   *
   * @param abandoned when it completes, the request in flight is reset (null: never)
   */
  Future<Exchange> send(RequestOptions request, Buffer body, Future<?> abandoned) {
    return send(request, body, abandoned, 0);
  }

  private Future<Exchange> send(
      RequestOptions request, Buffer body, Future<?> abandoned, int refusals) {
    Future<HttpClientRequest> opened = transport != null
        ? transport.request(url, request)
        : loops != null ? loops.current().request(request) : http.request(request);
    return opened.compose(req -> {
      if (abandoned != null) {
        abandoned.onComplete(x -> req.reset());
      }
      // Registered before anything is sent, this runs on the connection's event loop the moment the
      // head arrives: the body waits until its reader resumes it. Otherwise a caller off that loop
      // (start-up, a worker) would receive the head a task later, after a short body and its end
      // had gone by with no handler, and would wait for them forever.
      req.response().onSuccess(HttpClientResponse::pause);
      return req.send(body).<Exchange>transform(ar -> {
        if (ar.succeeded()) {
          return Future.succeededFuture(new Exchange(req, ar.result()));
        }
        Throwable cause = ar.cause();
        if (cause instanceof StreamResetException) {
          events.streamReset(UpstreamTransport.origin(url));
        }
        boolean gone = abandoned != null && abandoned.isComplete();
        if (!gone && refusals < REFUSED_RETRIES && refusedUnprocessed(req, cause)) {
          events.refusedRetried(UpstreamTransport.origin(url));
          return send(request, body, abandoned, refusals + 1);
        }
        return Future.failedFuture(cause);
      });
    });
  }

  /**
   * Whether the server said it did not process this request: safe to send it again, whatever it
   * was.
   */
  private static boolean refusedUnprocessed(HttpClientRequest req, Throwable cause) {
    if (cause instanceof StreamResetException reset) {
      return reset.getCode() == REFUSED_STREAM;
    }
    if (cause instanceof HttpClosedException closed) {
      try {
        var goAway = closed.goAway();
        if (goAway != null) {
          return req.streamId() <= 0 || req.streamId() > goAway.getLastStreamId();
        }
      } catch (RuntimeException released) {
        // Vert.x copies the GOAWAY's debug data, already released by then: Vert.x closes a stream
        // with this
        // exception only when it is above the GOAWAY's last stream id, i.e. refused.
        return closed.getMessage() != null && closed.getMessage().contains("GOAWAY");
      }
    }
    // The connection went away (GOAWAY, close) between picking it and opening the stream: nothing
    // was sent.
    return req.streamId() <= 0
        && cause instanceof Http2Exception h2
        && h2.getMessage() != null
        && h2.getMessage().startsWith("Attempted to create stream");
  }

  @Override
  public void close() {
    if (ownsTransport) {
      transport.close();
    }
    if (loops != null) {
      loops.close();
    }
    if (http != null) {
      http.close();
    }
  }
}
