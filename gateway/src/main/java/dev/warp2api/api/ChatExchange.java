package dev.warp2api.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warp2api.core.ChatEvent;
import dev.warp2api.core.ChatRequest;
import dev.warp2api.core.GatewayException;
import dev.warp2api.core.TokenEstimator;
import dev.warp2api.pipeline.CallLabel;
import dev.warp2api.pipeline.Pipeline;
import dev.warp2api.pipeline.PipelineCall;
import dev.warp2api.pipeline.UpstreamSink;
import dev.warp2api.pool.Conversation;
import dev.warp2api.usage.KeyRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One chat request from body to answer, shared by the OpenAI and Anthropic routes: parse, build the
 * Warp request, run it through the {@link Pipeline}, and write the answer as a stream or as one
 * body. A client that disconnects cancels the upstream call at once. Confined to the request's
 * event loop.
 */
public final class ChatExchange {
  private final Vertx vertx;
  private final Pipeline pipeline;
  private final ErrorMapper errors;
  private final Function<ChatRequest, Buffer> encoder;
  private final Duration keepalive;
  private final Runnable onModelsStale;
  private final KeyRegistry keys;

  /**
   * @param encoder builds the serialized Warp {@code Request} for a chat (throws
   *     {@link GatewayException})
   * @param onModelsStale run when Warp says the model choices changed
   */
  public ChatExchange(
      Vertx vertx,
      Pipeline pipeline,
      ErrorMapper errors,
      Function<ChatRequest, Buffer> encoder,
      Duration keepalive,
      Runnable onModelsStale) {
    this(vertx, pipeline, errors, encoder, keepalive, onModelsStale, null);
  }

  /** @param keys the named client keys whose limits and model lists apply, or null */
  public ChatExchange(
      Vertx vertx,
      Pipeline pipeline,
      ErrorMapper errors,
      Function<ChatRequest, Buffer> encoder,
      Duration keepalive,
      Runnable onModelsStale,
      KeyRegistry keys) {
    this.keys = keys;
    this.vertx = vertx;
    this.pipeline = pipeline;
    this.errors = errors;
    this.encoder = encoder;
    this.keepalive = keepalive;
    this.onModelsStale = onModelsStale;
  }

  /**
   * Parses a JSON body, or throws INVALID_REQUEST saying where it is malformed (see
   * {@link RequestJson}).
   */
  public static JsonNode parseJson(Buffer body) {
    if (body.length() == 0) {
      throw GatewayException.invalid("The request body is empty; expected a JSON object.", null);
    }
    JsonNode node = RequestJson.tree(body.getBytes());
    if (!node.isObject()) {
      throw GatewayException.invalid("The request body must be a JSON object.", null);
    }
    return node;
  }

  /**
   * Serves one request whose body was read.
   *
   * @param caller the client key the request presented: a named key's model list and limits apply
   *     before anything reaches Warp
   */
  public void serve(
      HttpServerRequest request,
      Buffer body,
      ChatTranslation translation,
      Dialect dialect,
      String requestId,
      Caller caller) {
    HttpServerResponse response = request.response();
    ChatTranslation.Parsed parsed;
    Buffer warpRequest;
    Conversation conversation;
    try {
      JsonNode json = parseJson(body);
      parsed = translation.parse(json);
      if (caller.named() != null && keys != null) {
        keys.admit(caller.named(), parsed.chat().model(), label(dialect));
      }
      warpRequest = encoder.apply(parsed.chat());
      conversation = Conversations.of(request, json, parsed.answerId());
    } catch (
        Throwable e) { // a StackOverflowError too: a 500 logged once, never a request left hanging
      errors.send(response, dialect, e, requestId);
      return;
    }
    ChatRequest chat = parsed.chat();
    CallLabel label = new CallLabel(
        caller.keyName(), chat.model(), label(dialect), () -> TokenEstimator.ofRequest(chat));
    if (parsed.stream()) {
      stream(response, parsed, dialect, requestId, warpRequest, label, conversation);
    } else {
      whole(response, parsed, dialect, requestId, warpRequest, label, conversation);
    }
  }

  private void stream(
      HttpServerResponse response,
      ChatTranslation.Parsed parsed,
      Dialect dialect,
      String requestId,
      Buffer warpRequest,
      CallLabel label,
      Conversation conversation) {
    ChatTranslation.StreamRenderer renderer = parsed.streamRenderer();
    SseStream sse = new SseStream(vertx, response, keepalive, renderer::keepAlive);
    // What the events of one upstream chunk render to, written to the client once per chunk
    // (onBatchEnd):
    // one socket write per chunk instead of one per event.
    StringBuilder pending = new StringBuilder(256);
    UpstreamSink sink = new UpstreamSink() {
      @Override
      public void onEvent(List<ChatEvent> events) {
        for (ChatEvent e : events) {
          noteModelRefresh(e);
          renderer.onEvent(e, pending);
        }
      }

      @Override
      public void onBatchEnd() {
        flush();
      }

      @Override
      public void onFailure(GatewayException error) {
        flush();
        if (!sse.isOpen()) {
          sse.abandon();
          errors.send(response, dialect, error, requestId);
          return;
        }
        sse.write(renderer.error(error));
        sse.end();
      }

      @Override
      public void onEnd() {
        flush();
        sse.end();
      }

      private void flush() {
        if (!pending.isEmpty()) {
          sse.write(pending);
          pending.setLength(0);
        }
      }

      @Override
      public boolean writeQueueFull() {
        return sse.writeQueueFull();
      }

      @Override
      public void onDrain(Runnable resume) {
        sse.onDrain(resume);
      }
    };
    // The close handler goes on first: a pipeline that fails at once (no credential) ends the
    // response
    // inside execute, and a handler cannot be added to an ended response.
    PipelineCall[] call = {null};
    sse.onClientGone(() -> {
      if (call[0] != null) {
        call[0].cancel();
      }
    });
    // The head waits for the first content, or for W2A_KEEPALIVE of silence counted from now: a
    // call that fails quickly (before any content) still gets its HTTP status and Retry-After, and
    // one that waits (for a credential, for Warp's head, through failovers) gets its head and
    // keep-alives, so that proxies do not cut it, and ends with the dialect's error event.
    sse.openLater(requestId, renderer.head());
    call[0] = pipeline.execute(warpRequest, sink, label, conversation);
  }

  private void whole(
      HttpServerResponse response,
      ChatTranslation.Parsed parsed,
      Dialect dialect,
      String requestId,
      Buffer warpRequest,
      CallLabel label,
      Conversation conversation) {
    Supplier<ChatTranslation.ResponseAggregator> fresh = parsed::aggregator;
    ChatTranslation.ResponseAggregator[] aggregator = {fresh.get()};
    UpstreamSink sink = new UpstreamSink() {
      @Override
      public void onEvent(List<ChatEvent> events) {
        for (ChatEvent e : events) {
          noteModelRefresh(e);
          aggregator[0].accept(e);
        }
      }

      @Override
      public void onFailure(GatewayException error) {
        errors.send(response, dialect, error, requestId);
      }

      @Override
      public void onEnd() {
        String json;
        try {
          json = aggregator[0].json();
        } catch (RuntimeException e) {
          errors.send(response, dialect, e, requestId);
          return;
        }
        if (response.closed() || response.ended()) {
          return;
        }
        response.putHeader("content-type", "application/json");
        RequestIds.write(response, requestId);
        response.end(json);
      }

      @Override
      public boolean restartable() {
        return true; // nothing was sent: a failed attempt is simply forgotten
      }

      @Override
      public void restart() {
        aggregator[0] = fresh.get();
      }
    };
    PipelineCall[] call = {null}; // the close handler first, as in stream(...)
    response.closeHandler(v -> {
      if (!response.ended() && call[0] != null) {
        call[0].cancel();
      }
    });
    call[0] = pipeline.execute(warpRequest, sink, label, conversation);
  }

  private static String label(Dialect dialect) {
    return dialect.name().toLowerCase(Locale.ROOT);
  }

  private void noteModelRefresh(ChatEvent e) {
    if (e instanceof ChatEvent.Finished f && f.refreshModels() && onModelsStale != null) {
      onModelsStale.run();
    }
  }
}
