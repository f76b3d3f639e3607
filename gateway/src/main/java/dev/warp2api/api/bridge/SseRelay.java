package dev.warp2api.api.bridge;

import dev.warp2api.api.Dialect;
import dev.warp2api.api.ErrorMapper;
import dev.warp2api.api.SseStream;
import dev.warp2api.core.ChatEvent;
import dev.warp2api.core.GatewayException;
import dev.warp2api.pipeline.RawUpstreamSink;
import dev.warp2api.warp.protocol.pb.ResponseEvent;
import io.vertx.core.http.HttpServerResponse;
import java.util.List;

/**
 * Relays one {@code POST /api/warp/send_stream_sse} answer in the original bridge's shape: the SSE
 * head once Warp accepted, {@code data: {"event_number", "event_type", "parsed_data"}} per event,
 * {@code data: [DONE]} at the end. A failure before the head is an HTTP error status; after it,
 * {@code data: {"error": {"message", "type", ...}}} followed by {@code data: [DONE]} (the original
 * sent {@code {"error": "HTTP <status>"}}). Event-loop confined.
 */
final class SseRelay implements RawUpstreamSink {
  static final String DONE = "data: [DONE]\n\n";

  private final SseStream stream;
  private final HttpServerResponse response;
  private final ErrorMapper errors;
  private final String requestId;
  private int eventNumber;

  SseRelay(SseStream stream, HttpServerResponse response, ErrorMapper errors, String requestId) {
    this.stream = stream;
    this.response = response;
    this.errors = errors;
    this.requestId = requestId;
  }

  // No onOpen: the 200 head waits for the first delivered event (the pipeline delivers only once an
  // attempt's output is committed), so a failure before that is still an HTTP error status.

  @Override
  public void onRawEvent(ResponseEvent raw) {
    if (!stream.isOpen()) {
      stream.open(requestId);
    }
    eventNumber++;
    stream.write("data: " + EventType.json(eventNumber, EventType.forSse(raw), raw) + "\n\n");
  }

  @Override
  public void onEvent(List<ChatEvent> events) {
    // relayed whole by onRawEvent
  }

  @Override
  public void onEnd() {
    if (!stream.isOpen()) {
      stream.open(requestId);
    }
    stream.write(DONE);
    stream.end();
  }

  @Override
  public void onFailure(GatewayException error) {
    if (!stream.isOpen()) {
      errors.send(response, Dialect.BRIDGE, error, requestId);
      return;
    }
    stream.write("data: " + errors.body(Dialect.BRIDGE, error, requestId) + "\n\n");
    stream.write(DONE);
    stream.end();
  }

  @Override
  public boolean writeQueueFull() {
    return stream.writeQueueFull();
  }

  @Override
  public void onDrain(Runnable resume) {
    stream.onDrain(resume);
  }
}
