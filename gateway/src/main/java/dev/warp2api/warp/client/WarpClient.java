package dev.warp2api.warp.client;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.RequestOptions;
import java.time.Clock;
import java.util.Objects;

/**
 * Sends one serialized {@code warp.multi_agent.v1.Request} to {@code WARP_API_URL} and hands back
 * the SSE body as a stream. Transport only: it neither builds nor decodes protobuf and never
 * retries; the pipeline decides what to do with an {@link UpstreamFailure}.
 *
 * <p>Thread-safe; one instance serves the whole process (it owns a connection pool). Nothing
 * blocks: every result is a {@link Future} completed on a Vert.x event loop.
 */
public final class WarpClient implements AutoCloseable {
  private final EndpointClient endpoint;
  private final Clock clock;
  private final Vertx vertx;
  private final ConnectionEvents events;
  private final ExchangeCapture capture;

  /** A client with {@link TransportOptions#defaults()}. */
  public WarpClient(Vertx vertx, WarpEndpoints endpoints) {
    this(vertx, endpoints, TransportOptions.defaults(), Clock.systemUTC());
  }

  /**
   * @param vertx the Vert.x instance whose event loops run the calls
   * @param endpoints where Warp is and the identity to send
   * @param options timeouts and pool sizes
   * @param clock used for {@code Retry-After} dates
   */
  public WarpClient(Vertx vertx, WarpEndpoints endpoints, TransportOptions options, Clock clock) {
    this(vertx, endpoints, options, null, clock, ExchangeCapture.OFF);
  }

  /**
   * As {@link #WarpClient(Vertx, WarpEndpoints, TransportOptions, Clock)}, keeping failing
   * exchanges in {@code capture}.
   */
  public WarpClient(
      Vertx vertx,
      WarpEndpoints endpoints,
      TransportOptions options,
      Clock clock,
      ExchangeCapture capture) {
    this(vertx, endpoints, options, null, clock, capture);
  }

  /**
   * A client whose {@code https://} calls share {@code transport}'s connections (with token refresh
   * and GraphQL to the same origin) and whose options it takes.
   */
  public WarpClient(
      Vertx vertx, WarpEndpoints endpoints, UpstreamTransport transport, Clock clock) {
    this(vertx, endpoints, transport, clock, ExchangeCapture.OFF);
  }

  /**
   * As {@link #WarpClient(Vertx, WarpEndpoints, UpstreamTransport, Clock)}, keeping failing
   * exchanges in {@code capture}.
   */
  public WarpClient(
      Vertx vertx,
      WarpEndpoints endpoints,
      UpstreamTransport transport,
      Clock clock,
      ExchangeCapture capture) {
    this(
        vertx,
        endpoints,
        Objects.requireNonNull(transport, "transport").options(),
        transport,
        clock,
        capture);
  }

  private WarpClient(
      Vertx vertx,
      WarpEndpoints endpoints,
      TransportOptions options,
      UpstreamTransport transport,
      Clock clock,
      ExchangeCapture capture) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.capture = Objects.requireNonNull(capture, "capture");
    this.endpoint = EndpointClient.open(
        vertx, endpoints, WarpEndpoints::apiUrl, "endpoints.apiUrl", options, transport, true);
    this.events = transport != null ? transport.events() : ConnectionEvents.NONE;
    this.vertx = vertx;
  }

  /**
   * POSTs {@code requestBody} unchanged with {@code authorization: Bearer accessToken} and the
   * identity headers.
   *
   * @return on HTTP 200, a response whose body is still streaming; otherwise a future failed with
   *     an {@link UpstreamFailureException} ({@link UpstreamFailure#classify} of status, headers
   *     and the first 64 KiB of the body; connect errors and timeouts are
   *     {@link UpstreamFailure.Transient})
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code accessToken} is blank
   */
  public Future<UpstreamResponse> send(Buffer requestBody, String accessToken) {
    Objects.requireNonNull(requestBody, "requestBody");
    Objects.requireNonNull(accessToken, "accessToken");
    if (accessToken.isBlank()) {
      throw new IllegalArgumentException("accessToken must not be blank");
    }
    return send(requestBody, accessToken, null);
  }

  /**
   * {@link #send(Buffer, String)} that can be abandoned before Warp answers: when {@code abandoned}
   * completes (the client went away), the request is reset at once, even while its response head is
   * still awaited, so Warp stops working on it.
   */
  public Future<UpstreamResponse> send(
      Buffer requestBody, String accessToken, Future<?> abandoned) {
    if (accessToken.isBlank()) {
      throw new IllegalArgumentException("accessToken must not be blank");
    }
    RequestOptions request = UpstreamHttp.withBearer(
        endpoint.post(endpoint.url(), "application/x-protobuf", "text/event-stream"), accessToken);
    ExchangeCapture.Recording recording = capture.start(requestBody); // null when capturing is off
    return endpoint
        .send(request, requestBody, abandoned)
        .recover(error -> {
          // no answer at all (connect error, timeout, reset): recorded once, here
          UpstreamFailureException failure = asFailure(error);
          if (recording != null && (abandoned == null || !abandoned.isComplete())) {
            recording.failed(failure.failure(), 0, null);
          }
          return Future.failedFuture(failure);
        })
        .compose(exchange -> answer(exchange.request(), exchange.response(), recording))
        .recover(error -> Future.failedFuture(asFailure(error)));
  }

  private Future<UpstreamResponse> answer(
      HttpClientRequest req, HttpClientResponse resp, ExchangeCapture.Recording recording) {
    if (resp.statusCode() == 200) {
      String htmlInstead = StreamContentType.check(resp.headers().get("content-type"));
      if (htmlInstead != null) {
        return BoundedBody.read(
                req, resp, BoundedBody.ERROR_LIMIT, endpoint.options().idleTimeout())
            .compose(body -> failed(
                new UpstreamFailure.Transient(
                    htmlInstead + ": "
                        + (ErrorText.isHtml(body.forDisplay())
                            ? ErrorText.htmlPage(body.forDisplay())
                            : "an HTML page"),
                    false),
                resp,
                recording));
      }
      Context context =
          Vertx.currentContext() != null ? Vertx.currentContext() : vertx.getOrCreateContext();
      String origin = UpstreamTransport.origin(endpoint.url());
      UpstreamResponse response = new UpstreamResponse(
          req, resp, context, endpoint.options().idleTimeout(), () -> events.streamReset(origin));
      if (recording != null) {
        recording.answered(resp.headers());
        response.tap(recording);
      }
      return Future.succeededFuture(response);
    }
    return BoundedBody.read(
            req, resp, BoundedBody.ERROR_LIMIT, endpoint.options().idleTimeout())
        .compose(body -> failed(
            UpstreamFailure.classify(resp.statusCode(), resp.headers(), body.forDisplay(), clock),
            resp,
            recording));
  }

  private static <T> Future<T> failed(
      UpstreamFailure failure, HttpClientResponse resp, ExchangeCapture.Recording recording) {
    if (recording != null) {
      recording.failed(failure, resp.statusCode(), resp.headers());
    }
    return Future.failedFuture(new UpstreamFailureException(failure));
  }

  static UpstreamFailureException asFailure(Throwable error) {
    return error instanceof UpstreamFailureException known
        ? known
        : new UpstreamFailureException(UpstreamFailure.fromThrowable(error, false));
  }

  /** Closes the connection pool; in-flight streams are cut. */
  @Override
  public void close() {
    endpoint.close();
  }
}
