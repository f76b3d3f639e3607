package dev.warp2api.api.bridge;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.warp2api.api.Caller;
import dev.warp2api.api.Dialect;
import dev.warp2api.api.ErrorMapper;
import dev.warp2api.api.RequestIds;
import dev.warp2api.api.SseStream;
import dev.warp2api.core.GatewayException;
import dev.warp2api.pipeline.CallLabel;
import dev.warp2api.pipeline.PipelineCall;
import dev.warp2api.pipeline.UpstreamSink;
import dev.warp2api.usage.KeyRegistry;
import dev.warp2api.warp.protocol.pb.Request;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The original bridge's {@code /api/*} routes, in its shapes (docs/API.md, 'Bridge routes'). Each
 * method answers one request whose body the caller has already read (within the size limit) and
 * whose client key it has already checked. Every bad input is a 400 {@code {"error": {"message",
 * "type", "param"?}}} through {@link ErrorMapper}; an upstream failure is the HTTP error status of
 * its kind, never a 200 carrying error text.
 *
 * <p>Threading: call each method on the event loop of its request; none blocks. The JSON tools are
 * pure CPU work proportional to the body size.
 */
public final class BridgeRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(BridgeRoutes.class);
  /**
   * An SSE comment: ignored by SSE parsers, so the original bridge's clients are not confused by
   * it.
   */
  private static final String KEEPALIVE = ": keep-alive\n\n";

  private final Vertx vertx;
  private final ErrorMapper errors;
  private final Duration keepalive;
  private final WarpCalls warp;
  private final KeyRegistry keys;

  /** Starts a call through the credential pool, labelled for the usage records. */
  @FunctionalInterface
  public interface WarpCalls {
    PipelineCall start(Buffer requestBytes, UpstreamSink sink, CallLabel label);
  }

  /**
   * @param vertx the Vert.x instance (for the SSE keep-alive timer)
   * @param errors turns failures into error responses
   * @param keepalive silence after which {@code send_stream_sse} writes a keep-alive comment
   *     ({@code W2A_KEEPALIVE}); zero disables it
   * @param warp starts a call through the credential pool: serialized {@code Request} bytes and the
   *     sink that receives the outcome; may throw {@link GatewayException} instead of calling the
   *     sink
   */
  public BridgeRoutes(
      Vertx vertx,
      ErrorMapper errors,
      Duration keepalive,
      BiFunction<Buffer, UpstreamSink, PipelineCall> warp) {
    this(vertx, errors, keepalive, (bytes, sink, label) -> warp.apply(bytes, sink), null);
    Objects.requireNonNull(warp, "warp");
  }

  /**
   * @param warp starts a labelled call through the pool (may throw {@link GatewayException})
   * @param keys the named client keys whose model lists and limits apply, or null
   */
  public BridgeRoutes(
      Vertx vertx, ErrorMapper errors, Duration keepalive, WarpCalls warp, KeyRegistry keys) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.errors = Objects.requireNonNull(errors, "errors");
    this.keepalive = Objects.requireNonNull(keepalive, "keepalive");
    this.warp = Objects.requireNonNull(warp, "warp");
    this.keys = keys;
  }

  /**
   * {@code POST /api/encode}: an {@code EncodeRequest} of any message type to
   * {@code {"protobuf_bytes", "size", "message_type", "warnings"?}} ({@code warnings} lists ignored
   * keys, only when there are any).
   */
  public void encode(HttpServerRequest request, Buffer body, String requestId) {
    respond(
        request,
        requestId,
        () -> BridgeCodec.encodeResponse(logged(BridgeCodec.encode(body), "encode", requestId)));
  }

  /**
   * {@code POST /api/decode}: {@code {"protobuf_bytes", "message_type"?}} to {@code {"json_data",
   * "size", "message_type"}}.
   */
  public void decode(HttpServerRequest request, Buffer body, String requestId) {
    respond(request, requestId, () -> BridgeCodec.decode(body));
  }

  /**
   * {@code POST /api/stream-decode}: {@code {"protobuf_chunks", "message_type"?}} to chunks and
   * their merge.
   */
  public void streamDecode(HttpServerRequest request, Buffer body, String requestId) {
    respond(request, requestId, () -> BridgeCodec.streamDecode(body));
  }

  /** {@code GET /api/schemas}: every message type with every field; the body is ignored. */
  public void schemas(HttpServerRequest request, Buffer body, String requestId) {
    respond(request, requestId, BridgeCodec::schemas);
  }

  /**
   * {@code POST /api/warp/encode_raw?output=raw|base64}: a {@code Request} encoded. {@code raw}
   * (the default: the route's name) answers the bytes as {@code application/x-protobuf};
   * {@code base64} answers {@code {"protobuf_base64", "size", "message_type"}}. Any other
   * {@code output} is a 400.
   */
  public void encodeRaw(HttpServerRequest request, Buffer body, String requestId) {
    String output = request.getParam("output");
    if (output != null && !output.equals("raw") && !output.equals("base64")) {
      errors.send(
          request.response(),
          Dialect.BRIDGE,
          GatewayException.invalid("output must be 'raw' or 'base64'", "output"),
          requestId);
      return;
    }
    if ("base64".equals(output)) {
      respond(
          request,
          requestId,
          () -> BridgeCodec.base64Response(
              logged(BridgeCodec.encodeWarpRequest(body), "encode_raw", requestId)));
      return;
    }
    BridgeCodec.Encoded encoded =
        warpRequestOrAnswerError(request, body, "encode_raw", requestId, false);
    if (encoded == null) {
      return;
    }
    head(request.response(), requestId)
        .putHeader("content-type", "application/x-protobuf")
        .end(Buffer.buffer(encoded.bytes()));
  }

  /**
   * {@code POST /api/warp/send_stream}: a {@code Request} through the pool, answered once complete
   * with {@code {"response", "conversation_id", "task_id", "request_size", "response_size",
   * "message_type", "parsed_events", "events_count", "events_summary"}}.
   */
  public void sendStream(HttpServerRequest request, Buffer body, String requestId) {
    sendStream(request, body, requestId, Caller.ANONYMOUS);
  }

  /** As {@link #sendStream(HttpServerRequest, Buffer, String)} for the client {@code caller}. */
  public void sendStream(HttpServerRequest request, Buffer body, String requestId, Caller caller) {
    HttpServerResponse response = request.response();
    BridgeCodec.Encoded encoded =
        warpRequestOrAnswerError(request, body, "send_stream", requestId, true);
    if (encoded == null) {
      return;
    }
    var handle = new CallHandle();
    response.closeHandler(v -> {
      if (!response.ended()) {
        handle.cancel();
      }
    });
    var sink = new StreamCollector(
        encoded.bytes().length,
        json -> head(response, requestId)
            .putHeader("content-type", "application/json")
            .end(json.toString()),
        error -> errors.send(response, Dialect.BRIDGE, error, requestId));
    start(encoded, sink, handle, requestId, caller);
  }

  /**
   * {@code POST /api/warp/send_stream_sse}: a {@code Request} through the pool, events as SSE
   * ({@link SseRelay}).
   */
  public void sendStreamSse(HttpServerRequest request, Buffer body, String requestId) {
    sendStreamSse(request, body, requestId, Caller.ANONYMOUS);
  }

  /** As {@link #sendStreamSse(HttpServerRequest, Buffer, String)} for the client {@code caller}. */
  public void sendStreamSse(
      HttpServerRequest request, Buffer body, String requestId, Caller caller) {
    HttpServerResponse response = request.response();
    BridgeCodec.Encoded encoded =
        warpRequestOrAnswerError(request, body, "send_stream_sse", requestId, true);
    if (encoded == null) {
      return;
    }
    var handle = new CallHandle();
    var stream =
        new SseStream(vertx, response, keepalive, () -> KEEPALIVE).onClientGone(handle::cancel);
    start(encoded, new SseRelay(stream, response, errors, requestId), handle, requestId, caller);
  }

  /**
   * The body encoded as a Warp {@code Request} (one Warp can answer when {@code sendable}); null
   * once the encoding error has been answered.
   */
  private BridgeCodec.Encoded warpRequestOrAnswerError(
      HttpServerRequest request, Buffer body, String route, String requestId, boolean sendable) {
    try {
      return logged(
          sendable
              ? BridgeCodec.encodeSendableWarpRequest(body)
              : BridgeCodec.encodeWarpRequest(body),
          route,
          requestId);
    } catch (RuntimeException e) {
      errors.send(request.response(), Dialect.BRIDGE, e, requestId);
      return null;
    }
  }

  private void start(
      BridgeCodec.Encoded encoded,
      UpstreamSink sink,
      CallHandle handle,
      String requestId,
      Caller caller) {
    try {
      String model = modelOf(encoded.bytes());
      if (caller.named() != null && keys != null) {
        keys.admit(caller.named(), model, "bridge");
      }
      handle.bind(warp.start(
          Buffer.buffer(encoded.bytes()),
          sink,
          new CallLabel(caller.keyName(), model, "bridge", null)));
    } catch (RuntimeException e) {
      sink.onFailure(ErrorMapper.toGateway(e, requestId));
    }
  }

  /**
   * The Warp model a raw {@code Request} asks for ({@code settings.model_config.base}), or
   * {@code unknown}: a named key's model list applies to it as to a chat.
   */
  static String modelOf(byte[] request) {
    try {
      String base = Request.parseFrom(request).getSettings().getModelConfig().getBase();
      return base.isEmpty() ? "unknown" : base;
    } catch (InvalidProtocolBufferException e) {
      return "unknown";
    }
  }

  private void respond(HttpServerRequest request, String requestId, Supplier<ObjectNode> body) {
    String json;
    try {
      json = body.get().toString();
    } catch (RuntimeException e) {
      errors.send(request.response(), Dialect.BRIDGE, e, requestId);
      return;
    }
    head(request.response(), requestId)
        .putHeader("content-type", "application/json")
        .end(json);
  }

  private static HttpServerResponse head(HttpServerResponse response, String requestId) {
    return RequestIds.write(response.setStatusCode(200), requestId);
  }

  private static BridgeCodec.Encoded logged(
      BridgeCodec.Encoded encoded, String route, String requestId) {
    if (!encoded.warnings().isEmpty()) {
      LOG.info(
          "event=bridge.keys_ignored route={} request_id={} count={}",
          route,
          requestId,
          encoded.warnings().size());
    }
    return encoded;
  }
}
